// Month close (stars and warnings frozen into duty_monthly / duty_warnings), the audited recompute of a closed month,
// county settings, and the warning lists per town and county with their history.
import {
  closeMonthWarnings,
  evaluateWarning,
  forbidden,
  invalid,
  lastDayOf,
  monthOutcome,
  outcomesBySecretary,
  previousMonth,
  toChinaDate,
  DUTY_SETTINGS_KEY,
  type DutySettings,
  type ItemForMonth,
  type WarningSource,
} from '@yanzhen/domain';
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, like, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { accounts, dutyItems, dutyMonthly, dutyNotices, dutySupervisors, dutyWarnings, orgs, settings as settingsTable } from '../../db/schema/index';
import { presentWarning } from './duties.mapper';
import { dutyScope, isCountyLevel, readCondition } from './duties.policy';
import { dutiesRepository } from './duties.repository';

export const DUTY_MONTH_CLOSED = 'duty.monthClosed';

type ItemRow = typeof dutyItems.$inferSelect;
const forMonth = (i: ItemRow): ItemForMonth => ({ id: i.id, title: i.title, dueDate: i.dueDate, weight: i.weight, isKey: i.isKey, status: i.status as ItemForMonth['status'], onTime: i.onTime, secretaryMemberId: i.secretaryMemberId });

function groupByOrg(items: ItemRow[]): Map<string, ItemRow[]> {
  const m = new Map<string, ItemRow[]>();
  for (const i of items) {
    const list = m.get(i.orgId) ?? [];
    list.push(i);
    m.set(i.orgId, list);
  }
  return m;
}

/** The secretary a month's warning is addressed to: whoever held the post for the month's last counted item. */
const lastHolder = (items: ItemRow[]) => [...items].filter((i) => i.status !== 'cancelled').sort((a, b) => (a.dueDate < b.dueDate ? 1 : -1))[0];

type WarningRow = typeof dutyWarnings.$inferSelect;

/** Notices to the accounts of each warned org and to the supervisors whose assigned subtree holds it. */
export async function notifyWarnings(tx: Executor, countyId: string, warnings: readonly WarningRow[], now: Date): Promise<number> {
  if (warnings.length === 0) return 0;
  const orgIds = [...new Set(warnings.map((w) => w.orgId))];
  const own: { id: string; orgId: string }[] = [];
  for (let i = 0; i < orgIds.length; i += 1000) {
    own.push(...(await tx.select({ id: accounts.id, orgId: accounts.orgId }).from(accounts).where(and(inArray(accounts.orgId, orgIds.slice(i, i + 1000)), eq(accounts.disabled, false)))));
  }
  const sups = await tx.select({ id: dutySupervisors.accountId, path: dutySupervisors.orgPath }).from(dutySupervisors).where(eq(dutySupervisors.countyId, countyId));
  const ownByOrg = new Map<string, string[]>();
  for (const a of own) ownByOrg.set(a.orgId, [...(ownByOrg.get(a.orgId) ?? []), a.id]);
  // A supervisor receives the notices of many orgs: each names its org.
  const names = new Map<string, string>();
  for (let i = 0; i < orgIds.length; i += 1000) {
    for (const o of await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, orgIds.slice(i, i + 1000)))) names.set(o.id, o.name);
  }
  const values: (typeof dutyNotices.$inferInsert)[] = [];
  for (const w of warnings) {
    const text = `【${names.get(w.orgId) ?? ''}】${w.level === 'red' ? '红色' : '黄色'}预警（${w.month}）：${w.reasons.join('；')}`;
    const ids = new Set([...(ownByOrg.get(w.orgId) ?? []), ...sups.filter((s) => w.orgPath.startsWith(s.path)).map((s) => s.id)]);
    for (const accountId of ids) values.push({ countyId, accountId, warningId: w.id, text, createdAt: now });
  }
  for (let i = 0; i < values.length; i += 1000) await tx.insert(dutyNotices).values(values.slice(i, i + 1000));
  return values.length;
}

export function createDutyMonthsService(ctx: AppContext) {
  const requireCounty = (actor: Actor) => {
    requirePermission(actor, 'duties.manage');
    if (!isCountyLevel(actor)) throw forbidden('月度贴星和预警由县委组织部统一进行');
  };

  /** Closes `month` for every org whose rollup is still open: stars per org and per secretary, warnings raised and cleared. */
  async function closeMonthFor(tx: Executor, countyId: string, month: string, now: Date, actor: Actor | null) {
    const day = toChinaDate(now);
    if (day <= lastDayOf(month)) throw invalid(`${month} 尚未结束，月底之后才能贴星`, undefined, 'DUTY_MONTH_OPEN');
    await dutiesRepository.refreshMonthly(tx, countyId, day, now, { month });
    const settings = await dutiesRepository.settings(tx, countyId);
    const open = await tx.select().from(dutyMonthly).where(and(eq(dutyMonthly.countyId, countyId), eq(dutyMonthly.month, month), isNull(dutyMonthly.closedAt)));
    const items = groupByOrg(await tx.select().from(dutyItems).where(and(eq(dutyItems.countyId, countyId), eq(dutyItems.month, month))));
    // A month counts as warned by its close; the daily overdue warnings of an open month are not (yet) that.
    const prevWarned = new Set((await tx.select({ orgId: dutyWarnings.orgId }).from(dutyWarnings).where(and(eq(dutyWarnings.countyId, countyId), eq(dutyWarnings.month, previousMonth(month)), eq(dutyWarnings.source, 'month')))).map((w) => w.orgId));
    const activeRows = await tx.select().from(dutyWarnings).where(and(eq(dutyWarnings.countyId, countyId), isNull(dutyWarnings.clearedAt)));
    let raised = 0;
    let cleared = 0;
    const closing: { orgId: string; rate: number | null; stars: number | null; overdue: number; bySecretary: unknown }[] = [];
    const decisions: { row: (typeof open)[number]; list: ItemRow[]; outcome: ReturnType<typeof monthOutcome> }[] = [];
    for (const row of open) {
      const list = items.get(row.orgId) ?? [];
      const outcome = monthOutcome(list.map(forMonth), day, settings);
      const bySecretary = outcomesBySecretary(list.map(forMonth), day, settings).map((s) => ({
        secretaryMemberId: s.secretaryMemberId,
        secretaryName: list.find((i) => i.secretaryMemberId === s.secretaryMemberId)?.secretaryName ?? null,
        rate: s.outcome.rate,
        stars: s.outcome.stars,
        dueCount: s.outcome.dueCount,
        onTimeCount: s.outcome.onTimeCount,
      }));
      closing.push({ orgId: row.orgId, rate: outcome.rate, stars: outcome.stars, overdue: outcome.overdueCount, bySecretary });
      decisions.push({ row, list, outcome });
    }
    await dutiesRepository.closeMonthly(tx, countyId, month, closing, settings, now);
    // Warnings in bulk: the clears in one statement, the new ones in one insert, their notices in one more.
    const clears: { id: string; reason: string }[] = [];
    const raises: (typeof dutyWarnings.$inferInsert)[] = [];
    const takenOver: WarningRow[] = [];
    // Active warnings by org (a filter per org would be orgs × warnings: hours for a province).
    const activeByOrg = new Map<string, WarningRow[]>();
    for (const w of activeRows) {
      const list = activeByOrg.get(w.orgId);
      if (list) list.push(w);
      else activeByOrg.set(w.orgId, [w]);
    }
    for (const { row, list, outcome } of decisions) {
      const active = (activeByOrg.get(row.orgId) ?? []).map((w) => ({ id: w.id, month: w.month, level: w.level as 'yellow' | 'red', source: w.source as WarningSource }));
      const decision = closeMonthWarnings({ month, outcome, active, previousMonthWarned: prevWarned.has(row.orgId), settings });
      clears.push(...decision.clear);
      if (decision.raise) {
        const holder = list.length > 0 ? lastHolder(list) : null;
        const values = { level: decision.raise.level, reasons: decision.raise.reasons, secretaryMemberId: holder?.secretaryMemberId ?? null, secretaryName: holder?.secretaryName ?? null };
        // The daily job's overdue warning of this month becomes the month's warning (one row per org and month).
        if (decision.replace) takenOver.push(...(await tx.update(dutyWarnings).set({ ...values, source: 'month' }).where(eq(dutyWarnings.id, decision.replace)).returning()));
        else raises.push({ countyId, orgId: row.orgId, orgPath: row.orgPath, month, ...values, source: 'month', raisedAt: now });
      }
    }
    await dutiesRepository.clearWarnings(tx, clears, now);
    cleared = clears.length;
    const inserted: WarningRow[] = [];
    for (let i = 0; i < raises.length; i += 1000) inserted.push(...(await tx.insert(dutyWarnings).values(raises.slice(i, i + 1000)).onConflictDoNothing().returning()));
    raised = inserted.length + takenOver.length;
    await notifyWarnings(tx, countyId, [...inserted, ...takenOver], now);
    await writeAudit(tx, actor, now, { countyId, action: 'duty.month.close', entityType: 'dutyMonth', entityId: month, note: `${month} 贴星：组织 ${open.length} 个，新增预警 ${raised} 个，解除预警 ${cleared} 个` });
    return { month, orgs: open.length, warningsRaised: raised, warningsCleared: cleared };
  }

  async function closeMonth(actor: Actor, month: string) {
    requireCounty(actor);
    const now = ctx.clock();
    const result = await ctx.db.transaction((tx) => closeMonthFor(tx, actor.countyId, month, now, actor));
    ctx.events.publish({ type: DUTY_MONTH_CLOSED, countyId: actor.countyId, payload: { month } });
    return result;
  }

  /** Recomputes a closed month with today's settings, on purpose and audited (history never changes silently). */
  async function recomputeMonth(actor: Actor, month: string, reason: string) {
    requireCounty(actor);
    const now = ctx.clock();
    const day = toChinaDate(now);
    const result = await ctx.db.transaction(async (tx) => {
      const settings = await dutiesRepository.settings(tx, actor.countyId);
      const closed = await tx.select().from(dutyMonthly).where(and(eq(dutyMonthly.countyId, actor.countyId), eq(dutyMonthly.month, month), isNotNull(dutyMonthly.closedAt)));
      if (closed.length === 0) throw invalid(`${month} 还没有贴星，无需重新计算`, undefined, 'DUTY_MONTH_NOT_CLOSED');
      const items = groupByOrg(await tx.select().from(dutyItems).where(and(eq(dutyItems.countyId, actor.countyId), eq(dutyItems.month, month))));
      const prevWarned = new Set((await tx.select({ orgId: dutyWarnings.orgId }).from(dutyWarnings).where(and(eq(dutyWarnings.countyId, actor.countyId), eq(dutyWarnings.month, previousMonth(month))))).map((w) => w.orgId));
      const existing = new Map((await tx.select().from(dutyWarnings).where(and(eq(dutyWarnings.countyId, actor.countyId), eq(dutyWarnings.month, month)))).map((w) => [w.orgId, w]));
      // Counted as of the day the month closed: a recompute changes the rules applied, not the facts.
      let changedStars = 0;
      for (const row of closed) {
        const asOf = toChinaDate(row.closedAt!);
        const list = (items.get(row.orgId) ?? []).map(forMonth);
        const outcome = monthOutcome(list, asOf, settings);
        if (outcome.stars !== row.stars) changedStars += 1;
        await tx.update(dutyMonthly).set({ rate: outcome.rate, stars: outcome.stars, settings, recomputedAt: now, updatedAt: now }).where(and(eq(dutyMonthly.countyId, row.countyId), eq(dutyMonthly.orgId, row.orgId), eq(dutyMonthly.month, month)));
        const decision = evaluateWarning(month, outcome, prevWarned.has(row.orgId), settings);
        const w = existing.get(row.orgId);
        if (decision && w) await tx.update(dutyWarnings).set({ level: decision.level, reasons: decision.reasons }).where(eq(dutyWarnings.id, w.id));
        else if (decision) await tx.insert(dutyWarnings).values({ countyId: actor.countyId, orgId: row.orgId, orgPath: row.orgPath, month, level: decision.level, reasons: decision.reasons, raisedAt: now });
        else if (w && !w.clearedAt) await tx.update(dutyWarnings).set({ clearedAt: now, clearedReason: `重新计算后不再预警（${day}）` }).where(eq(dutyWarnings.id, w.id));
      }
      await writeAudit(tx, actor, now, { action: 'duty.month.recompute', entityType: 'dutyMonth', entityId: month, note: `重新计算 ${month}：组织 ${closed.length} 个，星级变化 ${changedStars} 个。原因：${reason}`, after: { settings } });
      return { month, orgs: closed.length, warningsRaised: 0, warningsCleared: 0 };
    });
    ctx.events.publish({ type: DUTY_MONTH_CLOSED, countyId: actor.countyId, payload: { month } });
    return result;
  }

  async function getSettings(actor: Actor): Promise<DutySettings> {
    requirePermission(actor, 'duties.read');
    return dutiesRepository.settings(ctx.db, actor.countyId);
  }

  async function putSettings(actor: Actor, value: DutySettings): Promise<DutySettings> {
    requireCounty(actor);
    if (value.redBelowRate > value.yellowBelowRate) throw invalid('红色预警的完成率线不能高于黄色预警线', [{ path: 'redBelowRate', message: '不能高于黄色预警线' }], 'DUTY_SETTINGS');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const before = await dutiesRepository.settings(tx, actor.countyId);
      await tx
        .insert(settingsTable)
        .values({ countyId: actor.countyId, key: DUTY_SETTINGS_KEY, value, updatedAt: now, updatedBy: actor.accountId })
        .onConflictDoUpdate({ target: [settingsTable.countyId, settingsTable.key], set: { value, updatedAt: now, updatedBy: actor.accountId } });
      await writeAudit(tx, actor, now, { action: 'duty.settings.update', entityType: 'settings', entityId: DUTY_SETTINGS_KEY, before, after: value, note: '自下一次月度贴星起生效；已贴星的月份不变，除非重新计算' });
    });
    return value;
  }

  async function listWarnings(actor: Actor, q: { active?: 'true' | 'false'; townId?: string; orgId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'duties.read');
    const scope = await dutyScope(ctx.db, actor);
    const town = alias(orgs, 'town');
    let townPath: string | null = null;
    if (q.townId) {
      const [t] = await ctx.db.select({ path: orgs.path }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, q.townId)));
      townPath = t?.path ?? '/none/';
    }
    const where = and(
      eq(dutyWarnings.countyId, actor.countyId),
      readCondition(scope, { orgId: dutyWarnings.orgId, orgPath: dutyWarnings.orgPath }),
      q.active === 'true' ? isNull(dutyWarnings.clearedAt) : q.active === 'false' ? isNotNull(dutyWarnings.clearedAt) : undefined,
      townPath ? like(dutyWarnings.orgPath, subtreePattern(townPath)) : undefined,
      q.orgId ? eq(dutyWarnings.orgId, q.orgId) : undefined,
    );
    const [rows, [{ n }]] = await Promise.all([
      ctx.db
        .select({ w: dutyWarnings, orgName: orgs.name, townName: town.shortName, townFull: town.name })
        .from(dutyWarnings)
        .innerJoin(orgs, eq(orgs.id, dutyWarnings.orgId))
        .leftJoin(town, and(eq(town.countyId, dutyWarnings.countyId), sql`${town.seq} = nullif(split_part(${dutyWarnings.orgPath}, '/', 3), '')::bigint`))
        .where(where)
        .orderBy(desc(dutyWarnings.month), asc(dutyWarnings.level) /* 'red' before 'yellow' */, asc(orgs.name))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: count() }).from(dutyWarnings).where(where),
    ]);
    return { items: rows.map((r) => presentWarning(r.w, r.orgName, r.townName ?? r.townFull)), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  return { closeMonth, closeMonthFor, recomputeMonth, getSettings, putSettings, listWarnings };
}


/**
 * The stars of each closed month of a year per org of a subtree, and the most stars a month can earn under the county's
 * thresholds: what the annual assessment (issue #15) reads of the duty lists.
 */
export async function dutyStarsOfYear(ex: Executor, countyId: string, pathPattern: string, year: number): Promise<{ maxStars: number; byOrg: Map<string, { month: string; stars: number | null }[]> }> {
  const [settings, rows] = await Promise.all([dutiesRepository.settings(ex, countyId), dutiesRepository.closedStarsOfYear(ex, countyId, pathPattern, year)]);
  const byOrg = new Map<string, { month: string; stars: number | null }[]>();
  for (const r of rows) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), { month: r.month, stars: r.stars }]);
  return { maxStars: Math.max(0, ...settings.starThresholds.map((t) => t.stars)), byOrg };
}

/**
 * Since when the secretary post of each org of a subtree has been vacant (orgs without a secretary whose duty items
 * were cancelled for the vacancy; the day the post fell vacant): the weak-org criterion reads it.
 */
export async function secretaryVacancies(ex: Executor, countyId: string, pathPattern: string): Promise<Map<string, string>> {
  return new Map((await dutiesRepository.vacancyStarts(ex, countyId, pathPattern)).map((r) => [r.org_id, r.since]));
}
