// Who sees and does what on duty items: a secretary their own org's list; supervisors the orgs assigned to them
// (联镇包村); committee and county administrators their subtree. Nobody reviews their own org's reports.
import { and, eq, like, or, sql, type SQL } from 'drizzle-orm';
import { can, subtreePattern, type Actor } from '../../core/actor';
import type { Executor } from '../../core/db';
import { dutySupervisors } from '../../db/schema/index';

export type DutyScope = {
  /** The actor's own org, for accounts that report on a list (instructors have none of their own). */
  ownOrgId: string | null;
  /** Subtrees the actor may read and review (path prefixes). */
  reviewPrefixes: string[];
};

const SUBTREE_ROLES = new Set(['countyAdmin', 'committeeAdmin']);

export async function assignedPrefixes(ex: Executor, actor: Actor): Promise<string[]> {
  const rows = await ex
    .select({ path: dutySupervisors.orgPath })
    .from(dutySupervisors)
    .where(and(eq(dutySupervisors.countyId, actor.countyId), eq(dutySupervisors.accountId, actor.accountId)));
  return rows.map((r) => r.path);
}

export async function dutyScope(ex: Executor, actor: Actor): Promise<DutyScope> {
  const prefixes = await assignedPrefixes(ex, actor);
  if (SUBTREE_ROLES.has(actor.role)) prefixes.push(actor.orgPath);
  return { ownOrgId: can(actor, 'duties.submit') ? actor.orgId : null, reviewPrefixes: [...new Set(prefixes)] };
}

/** SQL: the rows (with org_id / org_path columns) an actor may read. */
export function readCondition(scope: DutyScope, cols: { orgId: SQL.Aliased | unknown; orgPath: unknown }): SQL {
  const orgId = cols.orgId as Parameters<typeof eq>[0];
  const orgPath = cols.orgPath as Parameters<typeof like>[0];
  const parts: SQL[] = scope.ownOrgId ? [eq(orgId, scope.ownOrgId)] : [];
  for (const p of scope.reviewPrefixes) parts.push(like(orgPath, subtreePattern(p)));
  return or(...parts) ?? sql`false`;
}

/** SQL: the rows an actor reviews (in a supervised subtree, not the actor's own org). */
export function reviewCondition(scope: DutyScope, cols: { orgId: unknown; orgPath: unknown }): SQL {
  const orgId = cols.orgId as Parameters<typeof eq>[0];
  const orgPath = cols.orgPath as Parameters<typeof like>[0];
  if (scope.reviewPrefixes.length === 0) return sql`false`;
  return and(scope.ownOrgId ? sql`${orgId} <> ${scope.ownOrgId}` : undefined, or(...scope.reviewPrefixes.map((p) => like(orgPath, subtreePattern(p))))) ?? sql`false`;
}

export const canReadOrg = (scope: DutyScope, org: { id: string; path: string }) => org.id === scope.ownOrgId || scope.reviewPrefixes.some((p) => org.path.startsWith(p));
export const canReviewOrg = (actor: Actor, scope: DutyScope, org: { id: string; path: string }) =>
  can(actor, 'duties.review') && org.id !== scope.ownOrgId && scope.reviewPrefixes.some((p) => org.path.startsWith(p));
export const canSubmitFor = (actor: Actor, org: { id: string }) => can(actor, 'duties.submit') && org.id === actor.orgId;
/** County-level management (templates, settings, month close, board links) belongs to the county's own administrators. */
export const isCountyLevel = (actor: Actor) => can(actor, 'duties.manage') && actor.orgPath.split('/').filter(Boolean).length === 1;
