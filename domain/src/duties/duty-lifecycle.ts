// What happens to an org's dated items when the org is dissolved, its secretary's post falls vacant or is filled, or a
// template item changes how often it falls due; and the daily "item overdue" warning (逾期黄色预警) of an open month.
import type { IsoDate } from '../calendar/dates';
import type { TimetableEntry } from './timetable';
import type { DutyItemStatus } from './duty-vocabulary';
import type { DutySettings } from './duty-settings';
import type { WarningDecision, WarningSource } from './warnings';
import type { WarningLevel } from './duty-vocabulary';

/** Why an item was cancelled: its org was dissolved, or nobody held the secretary's post when it fell due. */
export type CancelReason = 'dissolved' | 'vacant';
export const CANCEL_REASON_LABELS: Record<CancelReason, string> = { dissolved: '组织已撤销', vacant: '书记空缺' };

export type LifecycleItem = { id: string; dueDate: IsoDate; status: DutyItemStatus; cancelReason: CancelReason | null };

/**
 * Items cancelled from `day` on (a dissolution, a vacated post): those falling due on or after that day and not yet
 * accepted. Accepted work stays on record and counts; everything else of those dates counts for nobody.
 */
export function itemsToCancel(items: readonly LifecycleItem[], day: IsoDate): string[] {
  return items.filter((i) => i.dueDate >= day && (i.status === 'pending' || i.status === 'returned' || i.status === 'submitted')).map((i) => i.id);
}

/** Items given back when a vacant post is filled on `day`: those cancelled for the vacancy that fall due on or after it. */
export function itemsToReinstate(items: readonly LifecycleItem[], day: IsoDate): string[] {
  return items.filter((i) => i.status === 'cancelled' && i.cancelReason === 'vacant' && i.dueDate >= day).map((i) => i.id);
}

export type ExistingGenerated = { id: string; periodKey: string; dueDate: IsoDate; status: DutyItemStatus; /** has reports or rectifications */ touched: boolean };

/**
 * A template item's frequency or due rule changed on `today`: the org's items of that template item not yet due,
 * still pending and untouched are replaced by the new timetable's items due from today; everything done, reported,
 * past due or otherwise on record stays as it is (a new item is not created for a period an old one still holds).
 */
export function regenerationPlan(existing: readonly ExistingGenerated[], entries: readonly TimetableEntry[], today: IsoDate): { remove: string[]; add: TimetableEntry[] } {
  const removable = (e: ExistingGenerated) => e.status === 'pending' && !e.touched && e.dueDate >= today;
  const remove = existing.filter(removable).map((e) => e.id);
  const kept = new Set(existing.filter((e) => !removable(e)).map((e) => e.periodKey));
  const add = entries.filter((e) => e.dueDate >= today && !kept.has(e.periodKey));
  return { remove, add };
}

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`;

/** The reasons of an overdue warning: how many items of the month are past due and not done, and which. */
export function overdueReasons(month: string, titles: readonly string[]): string[] {
  const unique = [...new Set(titles)].sort();
  return [`${monthLabel(month)}有${titles.length}项任务逾期未完成：${unique.map((t) => `“${t}”`).join('、')}`];
}

export type OverdueCandidate = { title: string; dueDate: IsoDate; status: DutyItemStatus };
export type ExistingWarning = { level: WarningLevel; reasons: readonly string[]; source: WarningSource; cleared: boolean };

/**
 * The daily job's decision for one org and one month that is not closed yet, on `today`: raise a yellow warning when
 * an item fell overdue (past its due date, not reported or returned and not put right), update its reasons when more
 * items fell overdue, otherwise nothing. Idempotent: the same items on the same day give `none` the second time. A
 * warning already decided by a month close, or cleared, is left alone; an overdue warning clears when the month closes.
 */
export function dailyOverdueDecision(input: { month: string; items: readonly OverdueCandidate[]; today: IsoDate; existing: ExistingWarning | null; settings: Pick<DutySettings, 'yellowOnOverdue'> }): { action: 'raise' | 'update' | 'none'; decision: WarningDecision | null } {
  if (!input.settings.yellowOnOverdue) return { action: 'none', decision: null };
  const overdue = input.items.filter((i) => (i.status === 'pending' || i.status === 'returned') && i.dueDate < input.today);
  if (overdue.length === 0) return { action: 'none', decision: null };
  const decision: WarningDecision = { level: 'yellow', reasons: overdueReasons(input.month, overdue.map((i) => i.title)) };
  const e = input.existing;
  if (!e) return { action: 'raise', decision };
  if (e.source !== 'daily' || e.cleared) return { action: 'none', decision: null };
  const same = e.reasons.length === decision.reasons.length && e.reasons.every((r, n) => r === decision.reasons[n]);
  return same ? { action: 'none', decision: null } : { action: 'update', decision };
}
