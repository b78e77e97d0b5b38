// Weak organizations (软弱涣散党组织整顿, issue #15 item 5): the yearly identification against the criteria list — the
// criteria the records show found automatically (vacancy, no new member, meetings, duty stars), the rest entered by the
// town — then the rectification (四个一), monthly progress, the county's acceptance and removal from the list; counts by
// town. Every write: role, scope (404 outside), an open year, one transaction, audit.
import {
  AUTO_CRITERIA,
  DEFAULT_WEAK_ORG_SETTINGS,
  WEAK_CRITERION_LABELS,
  ZWeakAccept,
  ZWeakIdentify,
  ZWeakPlan,
  ZWeakProgressInput,
  ZWeakRemove,
  autoCriteria,
  conflict,
  invalid,
  nextWeakStatus,
  notFound,
  toChinaDate,
  type CriterionFound,
  type WeakCandidatesQuery,
  type WeakCounts,
  type WeakFacts,
  type WeakOrgDetail,
  type WeakOrgQuery,
  type WeakOrgView,
  type WeakAction,
  type WeakStatus,
} from '@yanzhen/domain';
import { can, orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { lastJoinDatesByBranch } from '../development/development-plans.service';
import { dutyStarsOfYear, secretaryVacancies } from '../duties/duties-months.service';
import { computeCompliance, loadOrgLifeSettings } from '../org-life/org-life.service';
import { findOrgInScope, subtreeOrgs } from '../orgs/orgs.service';
import type { WeakStanding } from './assessment-measures.service';
import { assessmentRepository } from './assessment.repository';
import { weakOrgsRepository as repo, type WeakOrgRow } from './weak-orgs.repository';
import { validate } from '../../core/validate';

export function createWeakOrgsService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());
  const asOfFor = (year: number) => (`${year}-12-31` < today() ? `${year}-12-31` : today());

  async function assertYearOpen(ex: Executor, countyId: string, year: number) {
    const y = await assessmentRepository.year(ex, countyId, year);
    if (y?.status === 'closed') throw conflict(`${year}年度考核已关闭，得分已冻结，不能再修改`, 'ASSESSMENT_YEAR_CLOSED');
  }

  /** Each listed org's standing in a year (the assessment's weakOrg component). */
  async function standings(ex: Executor, countyId: string, year: number): Promise<WeakStanding[]> {
    return (await repo.standings(ex, countyId, year)).map((r) => ({ orgId: r.orgId, status: r.status as WeakStanding['status'] }));
  }

  /** The facts the automatic criteria read, for every branch of a subtree, as of a date. */
  async function factsOf(ex: Executor, countyId: string, path: string, year: number, asOf: string) {
    const pattern = subtreePattern(path);
    const [orgs, vacancies, joins, stars, lastYearStars, compliance] = await Promise.all([
      subtreeOrgs(ex, countyId, path),
      secretaryVacancies(ex, countyId, pattern),
      lastJoinDatesByBranch(ex, countyId, pattern),
      dutyStarsOfYear(ex, countyId, pattern, year),
      dutyStarsOfYear(ex, countyId, pattern, year - 1),
      loadOrgLifeSettings(ex, countyId).then((s) => computeCompliance(ex, countyId, path, year, asOf, s)),
    ]);
    const rates = new Map(compliance.map((c) => [c.orgId, c.figures.ratePermille]));
    const bySeq = new Map(orgs.map((o) => [String(o.seq), o]));
    return orgs
      .filter((o) => o.type === 'branch')
      .map((o) => {
        const segments = o.path.split('/').filter(Boolean);
        const town = (segments.length > 1 ? bySeq.get(segments[1]) : null) ?? o;
        const closed = [...(lastYearStars.byOrg.get(o.id) ?? []), ...(stars.byOrg.get(o.id) ?? [])].filter((m) => m.stars !== null && m.month <= asOf.slice(0, 7)).sort((a, b) => (a.month < b.month ? -1 : 1));
        const facts: WeakFacts = {
          secretaryVacantSince: o.secretaryMemberId === null ? (vacancies.get(o.id) ?? null) : null,
          lastJoinDate: joins.get(o.id) ?? null,
          meetingRatePermille: rates.get(o.id) ?? null,
          closedStars: closed.map((m) => m.stars as number),
          // No satisfaction survey is recorded yet: the town enters this criterion.
          satisfactionPercent: null,
        };
        return { org: o, town, found: autoCriteria(facts, asOf, DEFAULT_WEAK_ORG_SETTINGS) };
      });
  }

  /** Branches of the caller's scope whose records show at least one criterion (and whether they are already listed). */
  async function candidates(actor: Actor, q: WeakCandidatesQuery) {
    requirePermission(actor, 'assessment.read');
    const scope = await findOrgInScope(ctx.db, actor, q.orgId);
    const asOf = asOfFor(q.year);
    const [all, listed] = await Promise.all([factsOf(ctx.db, actor.countyId, scope.path, q.year, asOf), repo.listedOrgIds(ctx.db, actor.countyId, q.year, subtreePattern(scope.path))]);
    // Most criteria found first, then by path (stable pages).
    const hits = all.filter((c) => c.found.length > 0).sort((a, b) => b.found.length - a.found.length || (a.org.path < b.org.path ? -1 : 1));
    const page = hits.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    return {
      year: q.year,
      asOf,
      items: page.map((c) => ({ id: c.org.id, orgId: c.org.id, orgName: c.org.name, townName: c.town.name, criteria: c.found, listed: listed.has(c.org.id) })),
      total: hits.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  const view = (r: WeakOrgRow, progressMonths: number): WeakOrgView => ({
    id: r.id, year: r.year, orgId: r.orgId, orgName: r.orgName, townName: r.townName, status: r.status as WeakStatus, criteria: r.criteria as CriterionFound[],
    identifiedAt: r.identifiedAt.toISOString(), identifiedByName: r.identifiedByName, leaderName: r.leaderName, workingGroup: r.workingGroup, plan: r.plan, deadline: r.deadline,
    overdue: r.deadline !== null && (r.status === 'identified' || r.status === 'rectifying') && r.deadline < today(),
    acceptedAt: r.acceptedAt?.toISOString() ?? null, acceptanceNote: r.acceptanceNote, removedAt: r.removedAt?.toISOString() ?? null, progressMonths, version: r.version,
  });

  async function list(actor: Actor, q: WeakOrgQuery) {
    requirePermission(actor, 'assessment.read');
    const scope = await findOrgInScope(ctx.db, actor, q.orgId);
    const { rows, total } = await repo.list(ctx.db, actor.countyId, q.year, subtreePattern(scope.path), q.status, q);
    return { items: rows.map((r) => view(r, r.progressMonths)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Counts by town and status (one row per town with a listed org). */
  async function counts(actor: Actor, year: number): Promise<WeakCounts> {
    requirePermission(actor, 'assessment.read');
    const rows = await repo.counts(ctx.db, actor.countyId, year, subtreePattern(actor.orgPath));
    const byTown = new Map<string, WeakCounts['items'][number]>();
    for (const r of rows) {
      const t = byTown.get(r.townName) ?? byTown.set(r.townName, { townId: null, townName: r.townName, identified: 0, rectifying: 0, accepted: 0, removed: 0 }).get(r.townName)!;
      t[r.status as WeakStatus] += Number(r.n);
    }
    return { year, items: [...byTown.values()].sort((a, b) => a.townName.localeCompare(b.townName, 'zh-CN')) };
  }

  async function load(ex: Executor, actor: Actor, id: string) {
    const row = await repo.find(ex, actor.countyId, id);
    if (!row || !orgInScope(actor, row.orgPath)) throw notFound('软弱涣散党组织');
    return row;
  }

  async function get(actor: Actor, id: string): Promise<WeakOrgDetail> {
    requirePermission(actor, 'assessment.read');
    const row = await load(ctx.db, actor, id);
    const progress = await repo.progress(ctx.db, actor.countyId, id);
    const status = row.status as WeakStatus;
    const enter = can(actor, 'assessment.enter');
    const manage = can(actor, 'assessment.manage');
    return {
      ...view(row, progress.length),
      progress: progress.map((p) => ({ month: p.month, note: p.note, byName: p.byName, at: p.at.toISOString() })),
      can: { plan: enter && (status === 'identified' || status === 'rectifying'), progress: enter && status === 'rectifying', accept: manage && status === 'rectifying', remove: manage && status === 'accepted' },
    };
  }

  /**
   * Lists an org of the caller's scope for the year: the criteria its records show are found here and kept with what
   * showed them; the town adds the ones only it can judge. At least one criterion; once a year per org.
   */
  async function identify(actor: Actor, input: unknown): Promise<WeakOrgDetail> {
    requirePermission(actor, 'assessment.enter');
    const body = validate(ZWeakIdentify, input);
    const org = await findOrgInScope(ctx.db, actor, body.orgId);
    if (org.depth === 0 || org.type === 'group') throw invalid('只能认定党（工）委、党总支或党支部', [{ path: 'orgId', message: '组织类型不适用' }]);
    const asOf = asOfFor(body.year);
    if (`${body.year}-01-01` > today()) throw invalid(`${body.year}年尚未开始，不能认定`);
    const auto = org.type === 'branch' ? ((await factsOf(ctx.db, actor.countyId, org.path, body.year, asOf)).find((f) => f.org.id === org.id)?.found ?? []) : [];
    const entered = body.criteria.filter((c) => !auto.some((a) => a.key === c.key));
    const badAuto = entered.find((c) => AUTO_CRITERIA.includes(c.key) && c.key !== 'lowSatisfaction');
    if (badAuto) throw invalid(`“${WEAK_CRITERION_LABELS[badAuto.key]}”由系统按记录认定，记录未显示该情况`, [{ path: 'criteria', message: '该项须有记录支持' }]);
    const criteria: CriterionFound[] = [...auto, ...entered.map((c) => ({ key: c.key, auto: false, detail: c.detail }))];
    if (criteria.length === 0) throw invalid('请至少列出一项认定标准（记录未显示符合任何一项）', [{ path: 'criteria', message: '至少一项' }]);
    const now = ctx.clock();
    const segments = org.path.split('/').filter(Boolean);
    const townName = segments.length > 1 ? ((await subtreeOrgs(ctx.db, actor.countyId, `/${segments[0]}/${segments[1]}/`))[0]?.name ?? org.name) : org.name;
    const id = await ctx.db.transaction(async (tx) => {
      await assertYearOpen(tx, actor.countyId, body.year);
      const listed = await repo.listedOrgIds(tx, actor.countyId, body.year, org.path);
      if (listed.has(org.id)) throw conflict(`${org.name}已列入${body.year}年度软弱涣散党组织`, 'WEAK_ORG_EXISTS');
      const row = await repo.insert(tx, { countyId: actor.countyId, year: body.year, orgId: org.id, orgPath: org.path, orgName: org.name, townName, status: 'identified', criteria, identifiedAt: now, identifiedByName: actor.displayName });
      await writeAudit(tx, actor, now, { action: 'weakOrg.identify', entityType: 'weakOrg', entityId: row.id, after: { year: body.year, org: org.name, criteria: criteria.map((c) => `${WEAK_CRITERION_LABELS[c.key]}${c.auto ? '（记录显示）' : ''}`).join('、') } });
      return row.id;
    });
    return get(actor, id);
  }

  /** Loads, checks scope, the open year and the version, and applies a step of the status machine. */
  async function step(actor: Actor, id: string, kind: WeakAction, version: number | null, apply: (tx: Executor, row: WeakOrgRow, next: WeakStatus, now: Date) => Promise<Record<string, unknown>>) {
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const row = await load(tx, actor, id);
      await assertYearOpen(tx, actor.countyId, row.year);
      const next = nextWeakStatus(row.status as WeakStatus, kind);
      if (version !== null && row.version !== version) throw conflict('该整顿记录已有新的变化，请刷新后重试', 'STALE_VERSION');
      const after = await apply(tx, row, next, now);
      await writeAudit(tx, actor, now, { action: `weakOrg.${kind}`, entityType: 'weakOrg', entityId: id, after: { org: row.orgName, year: row.year, ...after } });
    });
    return get(actor, id);
  }

  async function plan(actor: Actor, id: string, input: unknown) {
    requirePermission(actor, 'assessment.enter');
    const b = validate(ZWeakPlan, input);
    return step(actor, id, 'plan', b.version, async (tx, row, next, now) => {
      if (!(await repo.update(tx, id, row.version, { status: next, leaderName: b.leaderName, workingGroup: b.workingGroup, plan: b.plan, deadline: b.deadline, updatedAt: now }))) throw conflict('该整顿记录已有新的变化，请刷新后重试', 'STALE_VERSION');
      return { leaderName: b.leaderName, workingGroup: b.workingGroup, deadline: b.deadline };
    });
  }

  async function progress(actor: Actor, id: string, input: unknown) {
    requirePermission(actor, 'assessment.enter');
    const b = validate(ZWeakProgressInput, input);
    if (b.month > today().slice(0, 7)) throw invalid('不能报告以后月份的整顿进展', [{ path: 'month', message: '月份不能晚于本月' }]);
    return step(actor, id, 'progress', null, async (tx, row, _next, now) => {
      await repo.upsertProgress(tx, { countyId: row.countyId, weakOrgId: id, orgPath: row.orgPath, month: b.month, note: b.note, byName: actor.displayName, at: now });
      return { month: b.month, note: b.note };
    });
  }

  async function accept(actor: Actor, id: string, input: unknown) {
    requirePermission(actor, 'assessment.manage');
    const b = validate(ZWeakAccept, input);
    return step(actor, id, 'accept', b.version, async (tx, row, next, now) => {
      if ((await repo.progress(tx, row.countyId, id)).length === 0) throw invalid('尚无整顿进展记录，不能验收');
      if (!(await repo.update(tx, id, row.version, { status: next, acceptedAt: now, acceptanceNote: b.note, updatedAt: now }))) throw conflict('该整顿记录已有新的变化，请刷新后重试', 'STALE_VERSION');
      return { note: b.note };
    });
  }

  async function remove(actor: Actor, id: string, input: unknown) {
    requirePermission(actor, 'assessment.manage');
    const b = validate(ZWeakRemove, input);
    return step(actor, id, 'remove', b.version, async (tx, row, next, now) => {
      if (!(await repo.update(tx, id, row.version, { status: next, removedAt: now, updatedAt: now }))) throw conflict('该整顿记录已有新的变化，请刷新后重试', 'STALE_VERSION');
      return { status: '销号' };
    });
  }

  return { standings, candidates, list, counts, get, identify, plan, progress, accept, remove };
}
