// The duty lists' scheduled jobs: every day, items that fell overdue are counted into the open months' rollups and
// raise the yellow "item overdue" warning (with notices to the secretary and the supervisors); on the 1st, the month
// that just ended is closed into stars and warnings. Both are idempotent: a second run of a period changes nothing.
import { dailyOverdueDecision, toChinaDate, type DutyItemStatus, type WarningSource } from '@yanzhen/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { JobDefinition } from '../../core/jobs';
import { queryRows } from '../../core/db';
import { dutyMonthly, dutyWarnings } from '../../db/schema/index';
import { DUTY_MONTH_CLOSED, createDutyMonthsService, notifyWarnings } from './duties-months.service';
import { dutiesRepository } from './duties.repository';


type OverdueRow = { org_id: string; org_path: string; month: string; title: string; due_date: string; status: DutyItemStatus; secretary_member_id: string | null; secretary_name: string | null };

/** The daily pass for one county as of `day`: rollups' overdue counts refreshed, overdue warnings raised or updated. */
export async function runDutiesDaily(ctx: AppContext, countyId: string, day: string, now: Date) {
  const result = await ctx.db.transaction(async (tx) => {
    // Overdue counts of the months still open, one month at a time (closed months stay as they were closed; refreshing
    // the whole year would aggregate every item of it: 22 s instead of a few for a province's 4.3 million items).
    const openMonths = await queryRows<{ month: string }>(tx, sql`select distinct month from duty_monthly where county_id = ${countyId} and closed_at is null and month <= ${day.slice(0, 7)} order by month`);
    for (const { month } of openMonths) await dutiesRepository.refreshMonthly(tx, countyId, day, now, { month });
    const settings = await dutiesRepository.settings(tx, countyId);
    const rows = await queryRows<OverdueRow>(
      tx,
      sql`select i.org_id, i.org_path, i.month, i.title, i.due_date::text as due_date, i.status, i.secretary_member_id, i.secretary_name
          from duty_items i join duty_monthly m on m.county_id = i.county_id and m.org_id = i.org_id and m.month = i.month and m.closed_at is null
          where i.county_id = ${countyId} and i.status in ('pending', 'returned') and i.due_date < ${day}
          order by i.org_id, i.month, i.due_date`,
    );
    const groups = new Map<string, OverdueRow[]>();
    for (const r of rows) {
      const key = `${r.org_id}|${r.month}`;
      const list = groups.get(key) ?? [];
      list.push(r);
      groups.set(key, list);
    }
    const months = [...new Set(rows.map((r) => r.month))];
    const existing = months.length === 0 ? [] : await tx.select().from(dutyWarnings).where(and(eq(dutyWarnings.countyId, countyId), inArray(dutyWarnings.month, months)));
    const byKey = new Map(existing.map((w) => [`${w.orgId}|${w.month}`, w]));
    const raises: (typeof dutyWarnings.$inferInsert)[] = [];
    const updated: (typeof dutyWarnings.$inferSelect)[] = [];
    for (const [key, list] of groups) {
      const w = byKey.get(key);
      const { month } = list[0];
      const d = dailyOverdueDecision({
        month,
        items: list.map((r) => ({ title: r.title, dueDate: r.due_date, status: r.status })),
        today: day,
        existing: w ? { level: w.level as 'yellow' | 'red', reasons: w.reasons, source: w.source as WarningSource, cleared: w.clearedAt !== null } : null,
        settings,
      });
      const holder = list[list.length - 1];
      if (d.action === 'raise') raises.push({ countyId, orgId: holder.org_id, orgPath: holder.org_path, month, level: 'yellow', reasons: d.decision!.reasons, secretaryMemberId: holder.secretary_member_id, secretaryName: holder.secretary_name, source: 'daily', raisedAt: now });
      if (d.action === 'update') updated.push(...(await tx.update(dutyWarnings).set({ reasons: d.decision!.reasons }).where(and(eq(dutyWarnings.id, w!.id), isNull(dutyWarnings.clearedAt))).returning()));
    }
    const inserted: (typeof dutyWarnings.$inferSelect)[] = [];
    for (let i = 0; i < raises.length; i += 1000) inserted.push(...(await tx.insert(dutyWarnings).values(raises.slice(i, i + 1000)).onConflictDoNothing().returning()));
    const notices = await notifyWarnings(tx, countyId, [...inserted, ...updated], now);
    const summary = { day, overdueItems: rows.length, overdueOrgs: new Set(rows.map((r) => r.org_id)).size, warningsRaised: inserted.length, warningsUpdated: updated.length, notices };
    if (inserted.length + updated.length > 0) {
      await writeAudit(tx, null, now, { countyId, action: 'duty.daily', entityType: 'dutyDay', entityId: day, note: `${day} 逾期检查：逾期事项 ${rows.length} 项，新增逾期预警 ${inserted.length} 个，更新 ${updated.length} 个，通知 ${notices} 条` });
    }
    return summary;
  });
  if (result.warningsRaised + result.warningsUpdated > 0) ctx.events.publish({ type: DUTY_MONTH_CLOSED, countyId, payload: { day } });
  return result;
}

/** Closes `month` (the month that just ended) unless it is closed already: stars, warnings, notices. */
export async function closeEndedMonth(ctx: AppContext, countyId: string, month: string, now: Date) {
  const months = createDutyMonthsService(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    await dutiesRepository.refreshMonthly(tx, countyId, toChinaDate(now), now, { month });
    const [{ open, closed }] = await tx
      .select({ open: sql<number>`(count(*) filter (where ${dutyMonthly.closedAt} is null))::int`, closed: sql<number>`(count(*) filter (where ${dutyMonthly.closedAt} is not null))::int` })
      .from(dutyMonthly)
      .where(and(eq(dutyMonthly.countyId, countyId), eq(dutyMonthly.month, month)));
    if (Number(open) === 0) return { month, skipped: true, reason: Number(closed) > 0 ? ALREADY_CLOSED : '该月没有到期事项', orgs: 0, warningsRaised: 0, warningsCleared: 0 };
    return { ...(await months.closeMonthFor(tx, countyId, month, now, null)), skipped: false, reason: '' };
  });
  if (!result.skipped) ctx.events.publish({ type: DUTY_MONTH_CLOSED, countyId, payload: { month } });
  return result;
}

/** Why a month close did nothing for a month already closed, and how to recompute it on purpose. */
export const ALREADY_CLOSED = '该月已贴星，未重复计算（如需按现行规则重算，请在“书记履职 → 贴星与设置”填写原因后重新计算）';

export const dutiesDailyJob: JobDefinition = {
  name: 'duties.daily',
  label: '书记履职：每日逾期检查和黄色预警',
  resultLabels: { overdueOrgs: '有逾期事项的组织', overdueItems: '逾期事项', warningsRaised: '新增黄色预警', warningsUpdated: '更新预警', notices: '发出提醒' },
  cadence: 'daily',
  run: (ctx, { countyId, period, now }) => runDutiesDaily(ctx, countyId, period, now),
};

export const dutiesMonthCloseJob: JobDefinition = {
  name: 'duties.monthClose',
  label: '书记履职：上月贴星和红黄预警',
  resultLabels: { month: '月份', reason: '说明', orgs: '贴星组织', warningsRaised: '新增预警', warningsCleared: '解除预警' },
  cadence: 'monthly',
  run: (ctx, { countyId, period, now }) => closeEndedMonth(ctx, countyId, period, now),
};
