// Months as 'YYYY-MM' strings: the period of theme days, dues and monthly stars.
import type { IsoDate } from '../calendar/dates';

export type YearMonth = string;

export const monthOf = (date: IsoDate): YearMonth => date.slice(0, 7);

export function addMonthsToMonth(month: YearMonth, n: number): YearMonth {
  const [y, m] = month.split('-').map(Number);
  const idx = y * 12 + (m - 1) + n;
  return `${String(Math.floor(idx / 12)).padStart(4, '0')}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** Months from `from` to `to`, both included (empty when from > to). */
export function monthRange(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = from; m <= to; m = addMonthsToMonth(m, 1)) out.push(m);
  return out;
}

export const monthsOfYear = (year: number): YearMonth[] => monthRange(`${year}-01`, `${year}-12`);

export function daysInMonth(month: YearMonth): number {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The date of day `day` in a month, clamped to the month's last day (day 31 in February → the 28th/29th). */
export function dayOfMonth(month: YearMonth, day: number): IsoDate {
  return `${month}-${String(Math.min(Math.max(1, day), daysInMonth(month))).padStart(2, '0')}`;
}

/** Months between two months (to − from). */
export function monthsBetween(from: YearMonth, to: YearMonth): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm);
}
