// Calendar dates as ISO strings (YYYY-MM-DD), computed in China Standard Time; the clock is always passed in.
export type IsoDate = string;
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in China (UTC+8) of an instant. */
export function toChinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(s: string): boolean {
  if (!ISO_DATE_RE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Whole years from `from` to `on` (birthday rule: the anniversary day counts). */
export function yearsBetween(from: IsoDate, on: IsoDate): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [oy, om, od] = on.split('-').map(Number);
  let years = oy - fy;
  if (om < fm || (om === fm && od < fd)) years -= 1;
  return years;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Adds calendar months; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

export const addYears = (date: IsoDate, years: number): IsoDate => addMonths(date, years * 12);

/** The first day on which someone born on `birthDate` is `years` old, consistent with `yearsBetween`
 * (a 29 February birthday falls on 1 March in common years, not on the clamped 28 February). */
export function nthBirthday(birthDate: IsoDate, years: number): IsoDate {
  const d = addYears(birthDate, years);
  return yearsBetween(birthDate, d) >= years ? d : addDays(d, 1);
}

/** The latest birth date of someone at least `age` years old on `today`: age >= n ⟺ birthDate <= this. */
export const latestBirthDateForAge = (today: IsoDate, age: number): IsoDate => addYears(today, -age);
