// Plans and structure: annual quotas per approving committee (with the count admitted), the structure of those
// admitted in a year, and branches with no new member for three years.
import { isStale, notFound, quotaExceeded, staleSince, structureOf, toChinaDate, type AdmittedPerson, type QuotaInput } from '@yanzhen/domain';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { membersRepository } from '../members/members.repository';
import { orgsRepository } from '../orgs/orgs.repository';
import { fileInScope } from './development.policy';
import { developmentRepository as repo } from './development.repository';

/** Committees that may approve (the county committee and the town-level committees directly under it). */
const APPROVING_TYPES = new Set(['committee', 'workingCommittee']);

export function createDevelopmentPlansService(ctx: AppContext) {
  const thisYear = () => Number(toChinaDate(ctx.clock()).slice(0, 4));

  async function scopeOrg(actor: Actor, orgId?: string) {
    const org = await orgsRepository.findById(ctx.db, actor.countyId, orgId ?? actor.orgId);
    if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('组织');
    return org;
  }

  /** Admitted (step 17) per committee in a year: one scan of the year's admissions, attributed by path prefix. */
  async function admittedBy(ex: Executor, countyId: string, paths: string[], year: number, pattern: string): Promise<Map<string, number>> {
    const rows = await repo.admissions(ex, countyId, pattern, `${year}-01-01`, `${year}-12-31`);
    return new Map(paths.map((p) => [p, rows.filter((r) => r.orgPath.startsWith(p)).length]));
  }

  async function quotas(actor: Actor, q: { year?: number }) {
    requirePermission(actor, 'development.read');
    const year = q.year ?? thisYear();
    const orgs = (await orgsRepository.subtree(ctx.db, actor.countyId, actor.orgPath, 1)).filter((o) => APPROVING_TYPES.has(o.type) && o.depth <= 1);
    const stored = new Map((await repo.quotas(ctx.db, actor.countyId, year)).map((r) => [r.orgId, r.quota]));
    const admitted = await admittedBy(ctx.db, actor.countyId, orgs.map((o) => o.path), year, subtreePattern(actor.orgPath));
    return {
      year,
      items: orgs.map((o) => {
        const quota = stored.get(o.id) ?? null;
        const n = admitted.get(o.path) ?? 0;
        return { orgId: o.id, orgName: o.name, year, quota, admitted: n, exceeded: quotaExceeded(quota, n) };
      }),
    };
  }

  async function setQuota(actor: Actor, input: QuotaInput) {
    requirePermission(actor, 'development.rules');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const org = await orgsRepository.findById(tx, actor.countyId, input.orgId);
      if (!org || !fileInScope(actor, { orgPath: org.path })) throw notFound('党委');
      const before = (await repo.quotas(tx, actor.countyId, input.year)).find((r) => r.orgId === org.id)?.quota ?? null;
      await repo.upsertQuota(tx, { countyId: actor.countyId, orgId: org.id, year: input.year, quota: input.quota, now });
      await writeAudit(tx, actor, now, { action: 'development.quota.set', entityType: 'org', entityId: org.id, changes: { [`quota${input.year}`]: { before, after: input.quota } }, note: `${org.name}${input.year}年发展党员计划` });
      return { ok: true as const };
    });
  }

  /** The quota warning for an approval by `approverPath`'s committee (null when within plan or no plan). */
  async function quotaWarning(ex: Executor, countyId: string, approver: { id: string; path: string; name: string }, date: string): Promise<string | null> {
    const year = Number(date.slice(0, 4));
    const quota = (await repo.quotas(ex, countyId, year)).find((r) => r.orgId === approver.id)?.quota ?? null;
    if (quota === null) return null;
    const n = ((await admittedBy(ex, countyId, [approver.path], year, subtreePattern(approver.path))).get(approver.path) ?? 0) + 1;
    return quotaExceeded(quota, n) ? `${approver.name}${year}年发展党员计划${quota}名，本次审批后为${n}名，已超出计划（控制总量）` : null;
  }

  async function structure(actor: Actor, q: { year?: number; orgId?: string }) {
    requirePermission(actor, 'development.read');
    const year = q.year ?? thisYear();
    const org = await scopeOrg(actor, q.orgId);
    const rows = await repo.admissions(ctx.db, actor.countyId, subtreePattern(org.path), `${year}-01-01`, `${year}-12-31`);
    return structureOf(year, rows.map((r): AdmittedPerson => ({ birthDate: r.birthDate, admittedOn: r.date, gender: r.gender as 'male', education: r.education as 'bachelor', occupation: r.occupation as 'farmer' })));
  }

  async function staleOrgs(actor: Actor, q: { orgId?: string }) {
    requirePermission(actor, 'development.read');
    const today = toChinaDate(ctx.clock());
    const org = await scopeOrg(actor, q.orgId);
    const branches = (await orgsRepository.subtree(ctx.db, actor.countyId, org.path)).filter((o) => o.type === 'branch');
    const last = await membersRepository.lastJoinDateByBranch(ctx.db, actor.countyId, subtreePattern(org.path));
    const items = branches
      .map((b) => ({ orgId: b.id, orgName: b.name, lastJoinDate: last.get(b.id) ?? null }))
      .filter((b) => isStale(b.lastJoinDate, today));
    return { since: staleSince(today), items };
  }

  return { quotas, setQuota, quotaWarning, structure, staleOrgs };
}

/** The latest join date per branch of a subtree (the "no new member in three years" rule; the assessment reads it). */
export const lastJoinDatesByBranch = (ex: Executor, countyId: string, pathPattern: string): Promise<Map<string, string>> => membersRepository.lastJoinDateByBranch(ex, countyId, pathPattern);
