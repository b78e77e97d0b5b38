// Periods (year, quarter, month) of a duty timetable and the due date of an item in each, from its due rule.
import { z } from 'zod';
import type { IsoDate } from '../calendar/dates';
import { ZYearMonth } from '../core/schemas';
import type { DutyFrequency } from './duty-vocabulary';

/**
 * When an item falls due inside its period. `monthOfPeriod`: which month of the period (1–12 of a year, 1–3 of a
 * quarter; monthly items ignore it), default the period's last month. `day`: the day of that month (clamped to the
 * month's end), default its last day.
 */
export const ZDueRule = z.object({
  monthOfPeriod: z.number().int().min(1).max(12).nullable().default(null),
  day: z.number().int().min(1).max(31).nullable().default(null),
});
export type DueRule = z.infer<typeof ZDueRule>;

export type DutyPeriod = {
  /** '2026', '2026-Q2' or '2026-05'. */
  key: string;
  frequency: DutyFrequency;
  start: IsoDate;
  end: IsoDate;
};

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoOf = (year: number, month: number, day: number): IsoDate => `${year}-${pad2(month)}-${pad2(Math.min(day, lastDayOfMonth(year, month)))}`;

/** The periods of a year for a frequency, in order. */
export function periodsOfYear(year: number, frequency: DutyFrequency): DutyPeriod[] {
  if (frequency === 'yearly') return [{ key: String(year), frequency, start: `${year}-01-01`, end: `${year}-12-31` }];
  if (frequency === 'quarterly') {
    return [1, 2, 3, 4].map((q) => ({ key: `${year}-Q${q}`, frequency, start: isoOf(year, q * 3 - 2, 1), end: isoOf(year, q * 3, 31) }));
  }
  return Array.from({ length: 12 }, (_, i) => ({ key: `${year}-${pad2(i + 1)}`, frequency, start: isoOf(year, i + 1, 1), end: isoOf(year, i + 1, 31) }));
}

/** The due date of an item in a period: the rule's month of the period (clamped to the period) and day. */
export function dueDateIn(period: DutyPeriod, rule: DueRule): IsoDate {
  const [year, firstMonth] = period.start.split('-').map(Number);
  const months = period.frequency === 'yearly' ? 12 : period.frequency === 'quarterly' ? 3 : 1;
  const offset = period.frequency === 'monthly' ? 1 : Math.min(rule.monthOfPeriod ?? months, months);
  const month = firstMonth + offset - 1;
  return isoOf(year, month, rule.day ?? 31);
}

/** 'YYYY-MM' of a date: the month an item counts for is the month it falls due in. */
export const monthOf = (date: IsoDate): string => date.slice(0, 7);

/** A duty month: the shared month block (YYYY-MM between 1900 and 2100). */
export const ZMonth = ZYearMonth;

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${pad2(m + 1)}`;
}
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${pad2(m - 1)}`;
}
export const lastDayOf = (month: string): IsoDate => {
  const [y, m] = month.split('-').map(Number);
  return isoOf(y, m, 31);
};

/** How a due rule reads to a person: 每月25日前, 每季度末, 每年3月31日前. */
export function describeDueRule(frequency: DutyFrequency, rule: DueRule): string {
  const day = rule.day === null || rule.day >= 31 ? null : rule.day;
  if (frequency === 'monthly') return day === null ? '每月底前' : `每月${day}日前`;
  if (frequency === 'quarterly') {
    const m = rule.monthOfPeriod === null || rule.monthOfPeriod >= 3 ? null : rule.monthOfPeriod;
    if (m === null && day === null) return '每季度末前';
    return `每季度第${m ?? 3}个月${day === null ? '底' : `${day}日`}前`;
  }
  const m = rule.monthOfPeriod ?? 12;
  return `每年${m}月${day === null ? '底' : `${day}日`}前`;
}
