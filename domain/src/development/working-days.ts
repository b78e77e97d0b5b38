// The Chinese working-day calendar (statutory holidays and make-up working days) for publicity periods (公示).
import chineseDays from 'chinese-days';
import { addDays, type IsoDate } from '../calendar/dates';

export type WorkingDayCalendar = {
  isWorkday: (date: IsoDate) => boolean;
  /** Whether the holiday schedule of that year is known (else only weekends are off, and the result is provisional). */
  covers: (year: number) => boolean;
};

// The State Council publishes each year's schedule in the autumn before; chinese-days 1.5.7 has 2004–2026.
const FIRST_YEAR = 2004;
const LAST_YEAR = 2026;

export const chineseWorkingDays: WorkingDayCalendar = {
  isWorkday: (date) => {
    const year = Number(date.slice(0, 4));
    if (year < FIRST_YEAR || year > LAST_YEAR) return !isWeekend(date);
    return chineseDays.isWorkday(date);
  },
  covers: (year) => year >= FIRST_YEAR && year <= LAST_YEAR,
};

export function isWeekend(date: IsoDate): boolean {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 || wd === 6;
}

/** Working days from `start` to `end`, both included (0 when end < start). */
export function countWorkingDays(calendar: WorkingDayCalendar, start: IsoDate, end: IsoDate): number {
  let n = 0;
  for (let d = start; d <= end; d = addDays(d, 1)) if (calendar.isWorkday(d)) n += 1;
  return n;
}

/** The day on which a period starting on `start` reaches `days` working days (start counts if it is one). */
export function workingDayEnd(calendar: WorkingDayCalendar, start: IsoDate, days: number): IsoDate {
  let n = 0;
  let d = start;
  for (;;) {
    if (calendar.isWorkday(d)) n += 1;
    if (n >= days) return d;
    d = addDays(d, 1);
  }
}
