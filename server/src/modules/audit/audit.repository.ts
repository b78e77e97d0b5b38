// The only code that reads the audit_log table (entries are written by core/audit.ts and never changed).
import { and, asc, count, desc, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { subtreePattern } from '../../core/actor';
import type { Executor } from '../../core/db';
import { auditLog } from '../../db/schema/index';

export type AuditRow = typeof auditLog.$inferSelect;

/** `county`: every entry of the county; `subtree`: entries by (or logins into) accounts bound to an org under `orgPath`. */
export type AuditScope = { countyId: string; kind: 'county' } | { countyId: string; kind: 'subtree'; orgPath: string };

export type AuditFilter = { actorId?: string; entityType?: string; entityId?: string; action?: string; from?: Date; to?: Date };

function scopeCondition(scope: AuditScope): SQL {
  const county = eq(auditLog.countyId, scope.countyId);
  if (scope.kind === 'county') return county;
  // The accounts of the subtree (a semi-join on accounts → orgs): entries they made, and logins into them
  // (recorded without an actor); entries of unknown or outside actors never match.
  const subtreeAccounts = sql`select a.id from accounts a inner join orgs o on o.id = a.org_id
    where a.county_id = ${scope.countyId} and o.path like ${subtreePattern(scope.orgPath)}`;
  return and(
    county,
    or(
      sql`${auditLog.actorId} in (${subtreeAccounts})`,
      and(isNull(auditLog.actorId), eq(auditLog.entityType, 'account'), sql`${auditLog.entityId} in (select id::text from (${subtreeAccounts}) s)`),
    ),
  )!;
}

function filterConditions(f: AuditFilter): SQL[] {
  const conds: SQL[] = [];
  if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
  if (f.entityType) conds.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) conds.push(eq(auditLog.entityId, f.entityId));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  return conds;
}

export const auditRepository = {
  async search(ex: Executor, scope: AuditScope, filter: AuditFilter, limit: number, offset: number): Promise<{ rows: AuditRow[]; total: number }> {
    const where = and(scopeCondition(scope), ...filterConditions(filter));
    const [rows, [{ total }]] = await Promise.all([
      ex.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(limit).offset(offset),
      ex.select({ total: count() }).from(auditLog).where(where),
    ]);
    return { rows, total };
  },

  async distinctActions(ex: Executor, scope: AuditScope): Promise<string[]> {
    const rows = await ex.selectDistinct({ action: auditLog.action }).from(auditLog).where(scopeCondition(scope)).orderBy(asc(auditLog.action));
    return rows.map((r) => r.action);
  },
};
