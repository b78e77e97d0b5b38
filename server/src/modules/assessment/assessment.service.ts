// The county's annual assessment (年度考核, issue #15 item 8): the versioned scoring scheme, the year's computation for
// every committee and branch (each component's points with the evidence that produced them), ranking within each level,
// the close of the year that freezes the scores (a recompute after closing needs a reason and is audited), and manual
// components (述职评议 and the like) entered by a town for its own orgs. Every write: role, scope (404 outside), one
// transaction, audit.
import {
  DEFAULT_SCHEME,
  ZComputeInput,
  ZManualScoreInput,
  ZSchemeInput,
  assertScheme,
  centiText,
  conflict,
  invalid,
  notFound,
  schemeForYear,
  toChinaDate,
  type AssessmentOrgScore,
  type AssessmentRankingPage,
  type AssessmentRankingQuery,
  type AssessmentYear,
  type ScoreComponentView,
  type SchemeComponent,
  type SchemeView,
  type ScoringScheme,
} from '@yanzhen/domain';
import { z } from 'zod';
import { can, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { findOrgInScope } from '../orgs/orgs.service';
import { scoreCounty, yearRows, type WeakStanding } from './assessment-measures.service';
import { assessmentRepository as repo, type SchemeRow, type YearRow } from './assessment.repository';
import { validate } from '../../core/validate';

const closedRefusal = (year: number) => conflict(`${year}年度考核已关闭，得分已冻结，不能再修改`, 'ASSESSMENT_YEAR_CLOSED');

const schemeOf = (r: SchemeRow): ScoringScheme => ({ version: r.version, fromYear: r.fromYear, components: r.components as SchemeComponent[] });
const schemeView = (s: ScoringScheme, r: SchemeRow | null): SchemeView => ({ ...s, createdAt: r?.createdAt.toISOString() ?? null, createdByName: r?.createdByName ?? null });
const yearView = (y: YearRow & { orgs: number }): AssessmentYear => ({
  year: y.year,
  status: y.status as 'open' | 'closed',
  schemeVersion: y.schemeVersion,
  computedAt: y.computedAt?.toISOString() ?? null,
  asOf: y.asOf,
  closedAt: y.closedAt?.toISOString() ?? null,
  closedByName: y.closedByName,
  recomputedAt: y.recomputedAt?.toISOString() ?? null,
  recomputeReason: y.recomputeReason,
  orgs: y.orgs,
});

/** Weak-org standings the weakOrg component reads (the weak-org service of this module provides them). */
export type WeakStandingsReader = (ex: Executor, countyId: string, year: number) => Promise<WeakStanding[]>;

export function createAssessmentService(ctx: AppContext, weakStandings: WeakStandingsReader = async () => []) {
  const today = () => toChinaDate(ctx.clock());

  async function schemeVersions(ex: Executor, countyId: string) {
    const rows = await repo.schemes(ex, countyId);
    return { rows, schemes: rows.map(schemeOf) };
  }

  async function getSchemes(actor: Actor) {
    requirePermission(actor, 'assessment.read');
    const { rows } = await schemeVersions(ctx.db, actor.countyId);
    const items = rows.map((r) => schemeView(schemeOf(r), r));
    const currentYear = Number(today().slice(0, 4));
    const current = schemeForYear(rows.map(schemeOf), currentYear);
    return { items, current: schemeView(current, rows.find((r) => r.version === current.version) ?? null) };
  }

  /** A new version of the scheme, in force from a year that is not closed. */
  async function saveScheme(actor: Actor, input: unknown) {
    requirePermission(actor, 'assessment.manage');
    const body = validate(ZSchemeInput, input);
    const components: SchemeComponent[] = body.components.map((c) => ({ ...c, target: c.target ?? null }));
    assertScheme(components);
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const closed = (await repo.years(tx, actor.countyId)).filter((y) => y.status === 'closed' && y.year >= body.fromYear);
      if (closed.length > 0) throw conflict(`${closed[closed.length - 1].year}年度考核已关闭，新方案只能从未关闭的年度起施行`, 'ASSESSMENT_YEAR_CLOSED');
      const version = ((await repo.schemes(tx, actor.countyId))[0]?.version ?? 0) + 1;
      await repo.insertScheme(tx, { countyId: actor.countyId, version, fromYear: body.fromYear, components, createdBy: actor.accountId, createdByName: actor.displayName, createdAt: now });
      await writeAudit(tx, actor, now, {
        action: 'assessment.scheme',
        entityType: 'assessmentScheme',
        entityId: null,
        after: { version, fromYear: body.fromYear, components: components.map((c) => `${c.label} ${c.weight}分`).join('、') },
      });
    });
    return getSchemes(actor);
  }

  async function listYears(actor: Actor) {
    requirePermission(actor, 'assessment.read');
    return { items: (await repo.years(ctx.db, actor.countyId)).map(yearView) };
  }

  /**
   * Computes the year for the whole county from the records as of today (the year's last day once it is over) and
   * replaces the stored scores. A closed year is recomputed only with a reason (audited as such); it stays closed.
   */
  async function computeYear(countyId: string, year: number, actor: Actor | null, reason: string | null) {
    const started = performance.now();
    const now = ctx.clock();
    const t = toChinaDate(now);
    if (`${year}-01-01` > t) throw invalid(`${year}年尚未开始，不能计算考核得分`);
    const asOf = `${year}-12-31` < t ? `${year}-12-31` : t;
    await ctx.db.transaction(async (tx) => {
      const existing = await repo.year(tx, countyId, year, true);
      const closed = existing?.status === 'closed';
      if (closed && !reason) throw conflict(`${year}年度考核已关闭，得分已冻结；确需重新计算，请写明理由`, 'ASSESSMENT_YEAR_CLOSED');
      const { schemes } = await schemeVersions(tx, countyId);
      // A closed year keeps the scheme it was closed under.
      const scheme = closed && existing?.schemeVersion != null ? (schemes.find((s) => s.version === existing.schemeVersion) ?? schemeForYear(schemes, year)) : schemeForYear(schemes, year);
      const [weak, manual] = await Promise.all([weakStandings(tx, countyId, year), repo.manualOfYear(tx, countyId, year)]);
      const scores = await scoreCounty(tx, countyId, year, asOf, scheme, { weak, manual });
      await repo.replaceYear(tx, countyId, year, yearRows(countyId, year, scheme.version, scores, now));
      await repo.upsertYear(tx, {
        countyId, year, status: closed ? 'closed' : 'open', schemeVersion: scheme.version, computedAt: now, asOf,
        closedAt: existing?.closedAt ?? null, closedByName: existing?.closedByName ?? null,
        recomputedAt: closed ? now : (existing?.recomputedAt ?? null), recomputeReason: closed ? reason : (existing?.recomputeReason ?? null),
      });
      await writeAudit(tx, actor, now, {
        countyId,
        action: closed ? 'assessment.recompute' : 'assessment.compute',
        entityType: 'assessmentYear',
        entityId: null,
        after: { year, asOf, schemeVersion: scheme.version, orgs: scores.length, ranked: scores.filter((s) => s.rank !== null).length },
        note: closed ? reason : null,
        actorName: actor ? undefined : '系统',
      });
    });
    return { millis: Math.round(performance.now() - started) };
  }

  async function yearState(ex: Executor, countyId: string, year: number) {
    const y = await repo.year(ex, countyId, year);
    return y ? yearView({ ...y, orgs: await repo.countScores(ex, countyId, year) }) : null;
  }

  async function compute(actor: Actor, input: unknown) {
    requirePermission(actor, 'assessment.manage');
    const body = validate(ZComputeInput, input);
    const { millis } = await computeYear(actor.countyId, body.year, actor, body.reason);
    return { ...(await yearState(ctx.db, actor.countyId, body.year))!, millis };
  }

  /** Closes the year: the scores are frozen (computed first if they never were). Closing twice is refused. */
  async function close(actor: Actor, input: unknown) {
    requirePermission(actor, 'assessment.manage');
    const { year } = validate(z.object({ year: ZComputeInput.shape.year }), input);
    let y = await repo.year(ctx.db, actor.countyId, year);
    if (y?.status === 'closed') throw closedRefusal(year);
    if (!y) {
      await computeYear(actor.countyId, year, actor, null);
      y = await repo.year(ctx.db, actor.countyId, year);
    }
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const row = await repo.year(tx, actor.countyId, year, true);
      if (!row || row.status === 'closed') throw closedRefusal(year);
      await repo.upsertYear(tx, { ...row, status: 'closed', closedAt: now, closedByName: actor.displayName });
      await writeAudit(tx, actor, now, { action: 'assessment.close', entityType: 'assessmentYear', entityId: null, after: { year, schemeVersion: row.schemeVersion, computedAt: row.computedAt?.toISOString() ?? null } });
    });
    return (await yearState(ctx.db, actor.countyId, year))!;
  }

  /** Refuses a write to a closed year (manual entries, weak-org changes of that year). */
  async function assertYearOpen(ex: Executor, countyId: string, year: number): Promise<void> {
    const y = await repo.year(ex, countyId, year);
    if (y?.status === 'closed') throw closedRefusal(year);
  }

  async function columnsOf(countyId: string, year: number, schemeVersion: number | null) {
    const { schemes } = await schemeVersions(ctx.db, countyId);
    const scheme = schemeVersion === null ? schemeForYear(schemes, year) : (schemes.find((s) => s.version === schemeVersion) ?? (schemeVersion === 0 ? DEFAULT_SCHEME : schemeForYear(schemes, year)));
    return scheme;
  }

  async function ranking(actor: Actor, q: AssessmentRankingQuery): Promise<AssessmentRankingPage> {
    requirePermission(actor, 'assessment.read');
    const org = await findOrgInScope(ctx.db, actor, q.orgId);
    const y = await repo.year(ctx.db, actor.countyId, q.year);
    const { rows, total } = await repo.ranking(ctx.db, actor.countyId, q.year, q.level, subtreePattern(org.path), q);
    const scheme = await columnsOf(actor.countyId, q.year, y?.schemeVersion ?? null);
    return {
      year: q.year,
      level: q.level,
      status: (y?.status as 'open' | 'closed' | undefined) ?? 'none',
      columns: scheme.components.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
      items: rows.map((r) => ({ id: r.orgId, orgId: r.orgId, orgName: r.orgName, townName: r.townName, level: r.level as AssessmentRankingPage['level'], rank: r.rank, centi: r.centi, components: r.components })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** One org's score with each component's points and evidence (the drill-down); not yet computed: empty components. */
  async function orgScore(actor: Actor, orgId: string, year?: number): Promise<AssessmentOrgScore> {
    requirePermission(actor, 'assessment.read');
    const org = await findOrgInScope(ctx.db, actor, orgId);
    const y = year ?? Number(today().slice(0, 4));
    const [state, score] = await Promise.all([repo.year(ctx.db, actor.countyId, y), repo.score(ctx.db, actor.countyId, y, org.id)]);
    const status = (state?.status as 'open' | 'closed' | undefined) ?? 'none';
    return {
      year: y,
      status,
      orgId: org.id,
      orgName: org.name,
      townName: score?.townName ?? '',
      level: (score?.level as AssessmentOrgScore['level']) ?? null,
      rank: score?.rank ?? null,
      rankOf: score ? await repo.levelSize(ctx.db, actor.countyId, y, score.level) : 0,
      centi: score?.centi ?? null,
      schemeVersion: score?.schemeVersion ?? null,
      computedAt: score?.computedAt.toISOString() ?? null,
      components: (score?.detail as ScoreComponentView[] | undefined) ?? [],
      can: { enter: can(actor, 'assessment.enter') && status !== 'closed' },
    };
  }

  /**
   * A manual component's points for an org of the caller's scope (another town's org: 404), in an open year, for a
   * component of the year's scheme whose source is manual. Recorded now; counted at the next computation.
   */
  async function enterManual(actor: Actor, orgId: string, input: unknown) {
    requirePermission(actor, 'assessment.enter');
    const org = await findOrgInScope(ctx.db, actor, orgId);
    const body = validate(ZManualScoreInput, input);
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      await assertYearOpen(tx, actor.countyId, body.year);
      const y = await repo.year(tx, actor.countyId, body.year);
      const { schemes } = await schemeVersions(tx, actor.countyId);
      const scheme = y?.schemeVersion != null ? (schemes.find((s) => s.version === y.schemeVersion) ?? schemeForYear(schemes, body.year)) : schemeForYear(schemes, body.year);
      const component = scheme.components.find((c) => c.key === body.key && c.source === 'manual');
      if (!component) throw invalid(`${body.year}年度考核方案中没有可人工评定的“${body.key}”项`, [{ path: 'key', message: '考核项不存在或不可人工评定' }]);
      if (body.points > component.weight) throw invalid(`${component.label}满分 ${component.weight} 分，得分不能超过满分`, [{ path: 'points', message: `不能超过 ${component.weight} 分` }]);
      const centi = Math.round(body.points * 100);
      const before = await repo.upsertManual(tx, { countyId: actor.countyId, year: body.year, orgId: org.id, orgPath: org.path, key: body.key, centi, note: body.note, byAccountId: actor.accountId, byName: actor.displayName, at: now });
      await writeAudit(tx, actor, now, {
        action: 'assessment.manual',
        entityType: 'assessmentScore',
        entityId: org.id,
        before: before ? { item: component.label, points: centiText(before.centi), note: before.note } : null,
        after: { year: body.year, org: org.name, item: component.label, points: centiText(centi), note: body.note },
      });
      return { orgId: org.id, year: body.year, key: body.key, centi, note: body.note, byName: actor.displayName, at: now.toISOString() };
    });
  }

  return { getSchemes, saveScheme, listYears, compute, computeYear, close, assertYearOpen, ranking, orgScore, enterManual };
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;
