// Monthly stars and points: the rollup of verified records per member and month (kept current by the services that
// write those records), the explicit audited recompute of a month, the branch wall chart, manual adjustments.
import {
  duesSchedule,
  invalid,
  monthsOfYear,
  scoreMonth,
  addMonthsToMonth,
  monthOf,
  toChinaDate,
  scheduleStarSettings,
  starSchemeFor,
  starSettingsFor,
  starSettingsIssues,
  yearTotal,
  ZPointAdjustmentInput,
  ZMonthlySettings,
  forbidden,
  type DuesBasePeriod,
  type DuesCategory,
  type MemberTier,
  type MonthlySettings,
  type MyStars,
  type PointAdjustmentInput,
  type WallChart,
  type WallRow,
} from '@yanzhen/domain';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { pointAdjustments, settings } from '../../db/schema/index';
import { MONTHLY_SETTINGS_KEY, STAR_HISTORY_KEY, loadStarHistory, loadMemberInScope, loadMonthlySettings, loadOrgInScope, loadSelf, thisMonth } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';
import { starsRepository, type MemberFilter, type RollupRow } from './stars.repository';

/** Recomputes the rollup rows of a month for the members in the filter; returns how many rows were written. */
export async function refreshMonth(ex: Executor, countyId: string, month: string, filter: MemberFilter, at: Date, settings?: MonthlySettings): Promise<number> {
  const loaded = settings ?? (await loadMonthlySettings(ex, countyId));
  // A changed scheme applies from the month after the change: each month is rated by the scheme in force for it.
  const s: MonthlySettings = { ...loaded, stars: starSettingsFor(await loadStarHistory(ex, countyId), month, loaded.stars) };
  const facts = await starsRepository.monthFacts(ex, countyId, month, filter);
  const bases = await starsRepository.basesUpTo(ex, countyId, month, filter);
  const basesByMember = new Map<string, DuesBasePeriod[]>();
  for (const b of bases) {
    const list = basesByMember.get(b.memberId) ?? [];
    list.push({ fromMonth: b.fromMonth, category: b.category as DuesCategory, baseFen: b.baseFen, ruleVersion: b.ruleVersion, reducedFen: b.reductionStatus === 'approved' ? b.reducedFen : null });
    basesByMember.set(b.memberId, list);
  }
  const rows: RollupRow[] = facts.map((f) => {
    const due = duesSchedule([month], basesByMember.get(f.memberId) ?? [], f.joinDate, s.duesRounding)[0];
    const scheme = starSchemeFor(f.categories);
    const score = scoreMonth(
      scheme,
      {
        themeDayHeld: f.themeDayHeld,
        attended: f.attended,
        leaveApprovedWithMakeup: f.leaveWithMakeup,
        duesDue: due.due,
        duesPaid: f.paid,
        deductionPoints: f.deductions,
        excellence: f.excellence,
        communityConfirmed: f.checkIn,
        reportAccepted: f.reportAccepted,
        adjustmentPoints: f.adjustments,
      },
      s.stars,
    );
    return {
      countyId,
      memberId: f.memberId,
      month,
      orgId: f.orgId,
      orgPath: f.orgPath,
      scheme,
      themeDayHeld: f.themeDayHeld,
      attended: f.attended,
      leaveWithMakeup: f.leaveWithMakeup,
      duesDue: due.due,
      paid: f.paid,
      reportAccepted: f.reportAccepted,
      checkIn: f.checkIn,
      excellence: f.excellence,
      deductions: f.deductions,
      adjustments: f.adjustments,
      points: score.points,
      stars: score.stars,
      settingsVersion: s.stars.version,
      computedAt: at,
    };
  });
  await starsRepository.upsert(ex, rows, monthOf(toChinaDate(at)));
  return rows.length;
}

/**
 * A member who joins the roster (entered by hand, imported, admitted as a probationary member by the development
 * module) gets this month's rollup row in the same transaction, so they are on the branch wall chart and in the dues
 * collection rate at once rather than after the next monthly close. Called by those services inside their transaction.
 */
export async function membersJoinedRoster(ctx: AppContext, ex: Executor, countyId: string, memberIds: string[]): Promise<void> {
  const month = thisMonth(ctx);
  for (let i = 0; i < memberIds.length; i += 1000) await refreshMembers(ctx, ex, countyId, memberIds.slice(i, i + 1000), [month]);
}

/** Members an unfinished import had added are taken out again (the members service's undo): their rollup rows go first. */
export async function membersRemovedFromRoster(ex: Executor, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  await starsRepository.deleteRowsOfMembers(ex, memberIds);
}

/**
 * A member moved to another branch (in the members service's transaction): the running month's rollup row follows
 * (recomputed from the records with the new branch); months that are over stay with the old branch.
 */
export async function followMemberMove(ctx: AppContext, ex: Executor, countyId: string, memberIds: string[]): Promise<void> {
  for (let i = 0; i < memberIds.length; i += 1000) await refreshMembers(ctx, ex, countyId, memberIds.slice(i, i + 1000), [thisMonth(ctx)]);
}

/** The dues collection of a month per branch path, read from the rollup (for the dues module's collection view). */
export const duesCollectionFromRollup = starsRepository.collectionByPath;

/** Called by the services that write records, in their transaction: only months already started are rated. */
export async function refreshMembers(ctx: AppContext, ex: Executor, countyId: string, memberIds: string[], months: string[]): Promise<void> {
  const current = thisMonth(ctx);
  for (const month of new Set(months)) if (month <= current) await refreshMonth(ex, countyId, month, { memberIds }, ctx.clock());
}

/**
 * Each member's yearly tier (优秀/合格/基本合格/不合格 from the year's average points, null without rated months) in one
 * branch: the starting point of the 民主评议党员 (org-life reads it through here).
 */
export async function yearTiersOfBranch(ex: Executor, countyId: string, orgPath: string, year: number): Promise<Map<string, MemberTier | null>> {
  const [settings, rows] = await Promise.all([loadMonthlySettings(ex, countyId), starsRepository.wall(ex, countyId, orgPath, year)]);
  const byMember = new Map<string, typeof rows>();
  for (const r of rows) byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
  return new Map([...byMember].map(([id, list]) => [id, yearTotal(cellsOf(list), settings.stars).tier]));
}

function cellsOf(rows: { month: string | null; points: number | null; stars: number | null; attended: boolean | null; paid: boolean | null; reportAccepted: boolean | null }[]) {
  return rows.filter((r) => r.month !== null).map((r) => ({ month: r.month!, points: r.points!, stars: r.stars!, attended: !!r.attended, paid: !!r.paid, reportAccepted: !!r.reportAccepted }));
}

export function createStarsService(ctx: AppContext) {
  async function compute(actor: Actor, input: { month: string; orgId?: string }) {
    requirePermission(actor, 'stars.write');
    if (input.month > thisMonth(ctx)) throw invalid(`${input.month} 尚未开始，不能计算星级`);
    const started = performance.now();
    return ctx.db.transaction(async (tx) => {
      const org = await loadOrgInScope(tx, actor, input.orgId);
      const settings = await loadMonthlySettings(tx, actor.countyId);
      const n = await refreshMonth(tx, actor.countyId, input.month, { pathPattern: subtreePattern(org.path) }, ctx.clock(), settings);
      const seconds = Math.round(performance.now() - started) / 1000;
      await writeAudit(tx, actor, ctx.clock(), { action: 'stars.compute', entityType: 'org', entityId: org.id, note: `重新计算${org.name} ${input.month} 党员星级：${n} 人，积分规则第${starSettingsFor(await loadStarHistory(tx, actor.countyId), input.month, settings.stars).version}版` });
      const version = starSettingsFor(await loadStarHistory(tx, actor.countyId), input.month, settings.stars).version;
      return { month: input.month, members: n, settingsVersion: version, seconds };
    });
  }

  async function wall(actor: Actor, query: { orgId?: string; year?: number }): Promise<WallChart> {
    requirePermission(actor, 'stars.read');
    const org = await loadOrgInScope(ctx.db, actor, query.orgId);
    if (org.type !== 'branch') throw invalid('实时质量图按党支部展示，请选择一个党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
    const year = query.year ?? Number(thisMonth(ctx).slice(0, 4));
    const settings = await loadMonthlySettings(ctx.db, actor.countyId);
    const rows = await starsRepository.wall(ctx.db, actor.countyId, org.path, year);
    const byMember = new Map<string, typeof rows>();
    let updatedAt: Date | null = null;
    for (const r of rows) {
      byMember.set(r.memberId, [...(byMember.get(r.memberId) ?? []), r]);
      if (r.computedAt && (!updatedAt || r.computedAt > updatedAt)) updatedAt = r.computedAt;
    }
    const inService: WallRow[] = [];
    const mobile: WallRow[] = [];
    for (const list of byMember.values()) {
      const months = cellsOf(list);
      const total = yearTotal(months, settings.stars);
      const row: WallRow = { memberId: list[0].memberId, name: list[0].name, scheme: starSchemeFor(list[0].categories), months, totalStars: total.totalStars, averagePoints: total.averagePoints, tier: total.tier };
      (row.scheme === 'mobile' ? mobile : inService).push(row);
    }
    return { orgId: org.id, orgName: org.name, year, months: monthsOfYear(year), inService, mobile, updatedAt: updatedAt?.toISOString() ?? null };
  }

  async function mine(actor: Actor, year?: number): Promise<MyStars> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const y = year ?? Number(thisMonth(ctx).slice(0, 4));
    const settings = await loadMonthlySettings(ctx.db, actor.countyId);
    const [rows, adjustments] = await Promise.all([starsRepository.memberYear(ctx.db, actor.countyId, me.id, y), starsRepository.adjustmentsOfYear(ctx.db, actor.countyId, me.id, y)]);
    const scheme = starSchemeFor(me.categories);
    const months = rows.map((r) => {
      const score = scoreMonth(
        r.scheme as 'inService' | 'mobile',
        { themeDayHeld: r.themeDayHeld, attended: r.attended, leaveApprovedWithMakeup: r.leaveWithMakeup, duesDue: r.duesDue, duesPaid: r.paid, deductionPoints: r.deductions, excellence: r.excellence, communityConfirmed: r.checkIn, reportAccepted: r.reportAccepted, adjustmentPoints: r.adjustments },
        settings.stars,
      );
      return { month: r.month, points: r.points, stars: r.stars, attended: r.attended, paid: r.paid, reportAccepted: r.reportAccepted, items: score.items, adjustment: r.adjustments };
    });
    const total = yearTotal(months, settings.stars);
    return { year: y, scheme, months, totalStars: total.totalStars, averagePoints: total.averagePoints, tier: total.tier, adjustments: adjustments.map((a) => ({ ...a, kind: a.kind as MyStars['adjustments'][number]['kind'] })) };
  }

  async function addAdjustment(actor: Actor, body: unknown) {
    requirePermission(actor, 'stars.write');
    const input: PointAdjustmentInput = validate(ZPointAdjustmentInput, body);
    if (input.month > thisMonth(ctx)) throw invalid(`${input.month} 尚未开始，不能记录积分`, [{ path: 'month', message: '月份不能晚于本月' }]);
    return ctx.db.transaction(async (tx) => {
      const m = await loadMemberInScope(tx, actor, input.memberId);
      const points = input.kind === 'excellence' ? 0 : input.points;
      const [row] = await tx
        .insert(pointAdjustments)
        .values({ countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, month: input.month, kind: input.kind, points, reason: input.reason, recordedBy: actor.accountId })
        .returning();
      await writeAudit(tx, actor, ctx.clock(), { action: 'stars.adjust', entityType: 'member', entityId: m.id, after: { month: input.month, kind: input.kind, points, reason: input.reason }, note: `${m.name} ${input.month}：${input.reason}` });
      await refreshMembers(ctx, tx, actor.countyId, [m.id], [input.month]);
      return { id: row.id };
    });
  }

  async function getSettings(actor: Actor): Promise<MonthlySettings> {
    requirePermission(actor, 'stars.read');
    return loadMonthlySettings(ctx.db, actor.countyId);
  }

  /** The county's theme-day date, dues rounding and star scheme; only the county administrator changes them, and
   * every change of the star scheme gets a new version (months keep the version they were computed under). */
  async function updateSettings(actor: Actor, body: unknown): Promise<MonthlySettings> {
    requirePermission(actor, 'stars.write');
    const input = validate(ZMonthlySettings, body);
    if (actor.role !== 'countyAdmin') throw forbidden('积分规则、星级分数线等为全县设置，须由县委组织部管理员修改');
    const issues = starSettingsIssues(input.stars).map((i) => ({ path: `stars.${i.path}`, message: i.message }));
    if (issues.length) throw invalid(issues.length > 1 ? `${issues[0].message}（共${issues.length}处问题）` : issues[0].message, issues, 'STAR_SETTINGS_INVALID');
    return ctx.db.transaction(async (tx) => {
      const before = await loadMonthlySettings(tx, actor.countyId);
      const starsChanged = JSON.stringify({ ...input.stars, version: 0 }) !== JSON.stringify({ ...before.stars, version: 0 });
      const next: MonthlySettings = { ...input, stars: { ...input.stars, version: starsChanged ? before.stars.version + 1 : before.stars.version } };
      const now = ctx.clock();
      await tx
        .insert(settings)
        .values({ countyId: actor.countyId, key: MONTHLY_SETTINGS_KEY, value: next, updatedAt: now, updatedBy: actor.accountId })
        .onConflictDoUpdate({ target: [settings.countyId, settings.key], set: { value: next, updatedAt: now, updatedBy: actor.accountId } });
      if (starsChanged) {
        // Months already running keep their scheme; the new one rates from next month.
        const history = scheduleStarSettings(await loadStarHistory(tx, actor.countyId), before.stars, next.stars, addMonthsToMonth(thisMonth(ctx), 1));
        await tx
          .insert(settings)
          .values({ countyId: actor.countyId, key: STAR_HISTORY_KEY, value: history, updatedAt: now, updatedBy: actor.accountId })
          .onConflictDoUpdate({ target: [settings.countyId, settings.key], set: { value: history, updatedAt: now, updatedBy: actor.accountId } });
      }
      await writeAudit(tx, actor, now, { action: 'settings.memberMonthly', entityType: 'settings', entityId: MONTHLY_SETTINGS_KEY, before: before as unknown as Record<string, unknown>, after: next as unknown as Record<string, unknown> });
      return next;
    });
  }

  return { compute, wall, mine, addAdjustment, getSettings, updateSettings };
}

/** A year of the member-month rollup per branch of a subtree: member-months and their stars, dues due and paid. */
export async function memberYearByBranch(ex: Executor, countyId: string, pathPattern: string, year: number): Promise<Map<string, { memberMonths: number; starSum: number; due: number; paid: number }>> {
  const rows = await starsRepository.yearByBranch(ex, countyId, pathPattern, year);
  return new Map(rows.map((r) => [r.org_id, { memberMonths: Number(r.member_months), starSum: Number(r.star_sum), due: Number(r.due), paid: Number(r.paid) }]));
}
