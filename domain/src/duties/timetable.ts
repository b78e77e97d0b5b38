// Timetables (年度、季度、月份“时间表”): the dated items of an org for a year from its template, and who held the
// secretary's post when each item fell due.
import { addDays, type IsoDate } from '../calendar/dates';
import { dueDateIn, monthOf, periodsOfYear, type DueRule } from './duty-periods';
import type { DutyFrequency } from './duty-vocabulary';

export type TimetableTemplateItem = { id: string; title: string; frequency: DutyFrequency; dueRule: DueRule; weight: number; isKey: boolean };

export type TimetableEntry = {
  templateItemId: string;
  title: string;
  frequency: DutyFrequency;
  periodKey: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  dueDate: IsoDate;
  /** The month the item counts for: the month it falls due in. */
  month: string;
  weight: number;
  isKey: boolean;
};

/**
 * Every item of `year` for one org, ordered by due date. `from`: the first day the org (or an item added to the
 * template) is bound by the list — items that fell due before it are not generated, so an org created on 15 June
 * gets June's items due on or after the 15th, and everything after.
 */
export function generateTimetable(items: readonly TimetableTemplateItem[], year: number, opts: { from?: IsoDate } = {}): TimetableEntry[] {
  const out: TimetableEntry[] = [];
  for (const it of items) {
    for (const period of periodsOfYear(year, it.frequency)) {
      const dueDate = dueDateIn(period, it.dueRule);
      if (opts.from && dueDate < opts.from) continue;
      out.push({
        templateItemId: it.id,
        title: it.title,
        frequency: it.frequency,
        periodKey: period.key,
        periodStart: period.start,
        periodEnd: period.end,
        dueDate,
        month: monthOf(dueDate),
        weight: it.weight,
        isKey: it.isKey,
      });
    }
  }
  return out.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.templateItemId < b.templateItemId ? -1 : 1));
}

/** A secretary's term: from `from` (inclusive) until the next term starts. */
export type SecretaryTerm = { memberId: string | null; name: string | null; from: IsoDate };

/** Who held the post on `date` (the latest term started on or before it); null before the first term. */
export function holderOn(terms: readonly SecretaryTerm[], date: IsoDate): SecretaryTerm | null {
  let holder: SecretaryTerm | null = null;
  for (const t of [...terms].sort((a, b) => (a.from < b.from ? -1 : 1))) if (t.from <= date) holder = t;
  return holder;
}

/**
 * Items re-attributed when the secretary changes on `changedOn`: those falling due on or after that day belong to
 * the new holder; those that fell due before stay with whoever held the post then.
 */
export const reattributedOnChange = <T extends { dueDate: IsoDate }>(items: readonly T[], changedOn: IsoDate): T[] => items.filter((i) => i.dueDate >= changedOn);

/** Status of an item as the secretary sees it on `today`. */
export type DutyItemView = 'upcoming' | 'due' | 'late' | 'returned' | 'submitted' | 'accepted' | 'cancelled';
export function itemView(item: { status: string; dueDate: IsoDate }, today: IsoDate, dueSoonDays = 14): DutyItemView {
  if (item.status === 'cancelled') return 'cancelled';
  if (item.status === 'accepted') return 'accepted';
  if (item.status === 'submitted') return 'submitted';
  if (item.status === 'returned') return 'returned';
  if (item.dueDate < today) return 'late';
  return item.dueDate <= addDays(today, dueSoonDays) ? 'due' : 'upcoming';
}
