// Verified time on site (驻企时间): each month an instructor spends 1/3 to 1/2 of the working days at the assigned
// enterprises. A day counts when the scanned visits of that day (China time, split at midnight) add up to the county's
// minimum hours (default 4), or when an approved manual entry covers it. Only working days of the Chinese calendar
// (statutory holidays off, make-up working days on) count, and the ratio is over the month's working days.
import { toChinaDate, type IsoDate } from '../calendar/dates';
import { countWorkingDays, type WorkingDayCalendar } from '../development/working-days';
import { daysInMonth, type YearMonth } from '../member-monthly/months';

export type OnsiteSettings = {
  /** Hours of scanned visits on one day for the day to count (县设置, default 4). */
  minHoursPerDay: number;
  /** The lower bound of the month's share of working days on site, as a fraction (default 1/3). */
  lowerNumerator: number;
  lowerDenominator: number;
  /** A visit left open longer than this (no departure scan) counts nothing (default 16 hours). */
  maxVisitHours: number;
  /** How long a printed enterprise code is valid (days; reprinted after). */
  codeValidityDays: number;
};

export const DEFAULT_ONSITE_SETTINGS: OnsiteSettings = { minHoursPerDay: 4, lowerNumerator: 1, lowerDenominator: 3, maxVisitHours: 16, codeValidityDays: 366 };

export type SiteVisitSpan = { inAt: Date; outAt: Date | null };

/** A calendar that remembers each day's answer (the holiday library parses the date on every call; a month close asks
 * the same ~30 days for every instructor). */
export function memoCalendar(calendar: WorkingDayCalendar): WorkingDayCalendar {
  const days = new Map<IsoDate, boolean>();
  return {
    isWorkday: (d) => {
      let v = days.get(d);
      if (v === undefined) days.set(d, (v = calendar.isWorkday(d)));
      return v;
    },
    covers: calendar.covers,
  };
}

const CST_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The minutes of a closed visit on each China-time calendar day it touches (a visit across midnight is split). */
export function visitMinutesByDay(v: { inAt: Date; outAt: Date }): Map<IsoDate, number> {
  const out = new Map<IsoDate, number>();
  let start = v.inAt.getTime();
  const end = v.outAt.getTime();
  while (start < end) {
    const local = start + CST_MS;
    const nextMidnight = Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - CST_MS;
    const stop = Math.min(end, nextMidnight);
    const day = toChinaDate(new Date(start));
    out.set(day, (out.get(day) ?? 0) + (stop - start) / 60000);
    start = stop;
  }
  return out;
}

/** Whether a closed visit is usable: it ends after it starts and is not longer than the county's maximum. */
export const visitCounts = (v: { inAt: Date; outAt: Date }, s: OnsiteSettings): boolean =>
  v.outAt.getTime() > v.inAt.getTime() && v.outAt.getTime() - v.inAt.getTime() <= s.maxVisitHours * 3600 * 1000;

export const monthStart = (month: YearMonth): IsoDate => `${month}-01`;
export const monthEnd = (month: YearMonth): IsoDate => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

/** The dates of a month, built as text (no Date objects: a month close asks for them for every instructor). */
export function daysOfMonth(month: YearMonth): IsoDate[] {
  const n = daysInMonth(month);
  const out: IsoDate[] = [];
  for (let d = 1; d <= n; d++) out.push(`${month}-${d < 10 ? '0' : ''}${d}`);
  return out;
}

export const workingDaysOfMonth = (calendar: WorkingDayCalendar, month: YearMonth): number => countWorkingDays(calendar, monthStart(month), monthEnd(month));

export type MonthOnsite = {
  month: YearMonth;
  workingDays: number;
  /** Working days of the month counted on site (scans ≥ minimum hours, or an approved manual entry). */
  onsiteDays: number;
  /** Working days counted by scans alone / by an approved manual entry alone. */
  scannedDays: number;
  manualDays: number;
  /** Minutes of usable scanned visits per day of the month (all days, also weekends). */
  minutesByDay: Record<IsoDate, number>;
  /** On-site days ÷ working days, in tenths of a percent (333 = 33.3%); null for a month without working days. */
  ratioPermille: number | null;
  /** Below the county's lower bound (default 1/3), compared exactly (no rounding). */
  belowLower: boolean;
};

/** The month's on-site figures from the instructor's visits (any enterprise) and approved manual entry dates. */
export function monthOnsite(month: YearMonth, visits: readonly SiteVisitSpan[], approvedManualDates: readonly IsoDate[], calendar: WorkingDayCalendar, s: OnsiteSettings): MonthOnsite {
  const minutes = new Map<IsoDate, number>();
  for (const v of visits) {
    if (!v.outAt || !visitCounts({ inAt: v.inAt, outAt: v.outAt }, s)) continue;
    for (const [day, m] of visitMinutesByDay({ inAt: v.inAt, outAt: v.outAt })) if (day.startsWith(month)) minutes.set(day, (minutes.get(day) ?? 0) + m);
  }
  const manual = new Set(approvedManualDates.filter((d) => d.startsWith(month)));
  let onsite = 0;
  let scanned = 0;
  let manualOnly = 0;
  let workingDays = 0;
  const minMinutes = s.minHoursPerDay * 60;
  for (const d of daysOfMonth(month)) {
    if (!calendar.isWorkday(d)) continue;
    workingDays += 1;
    const byScan = (minutes.get(d) ?? 0) >= minMinutes - 1e-9;
    if (byScan) scanned += 1;
    else if (manual.has(d)) manualOnly += 1;
    if (byScan || manual.has(d)) onsite += 1;
  }
  const minutesByDay: Record<IsoDate, number> = {};
  // Whole minutes, rounded down: a day shown as 240 minutes (4.0 h) always counts.
  for (const [d, m] of [...minutes].sort()) minutesByDay[d] = Math.floor(m + 1e-9);
  return {
    month,
    workingDays,
    onsiteDays: onsite,
    scannedDays: scanned,
    manualDays: manualOnly,
    minutesByDay,
    ratioPermille: workingDays > 0 ? Math.floor((onsite * 1000) / workingDays + 0.5) : null,
    belowLower: isBelowLower(onsite, workingDays, s),
  };
}

/** onsite/working < lower (exact integer comparison: 7 of 21 is exactly 1/3 and not below). */
export const isBelowLower = (onsiteDays: number, workingDays: number, s: Pick<OnsiteSettings, 'lowerNumerator' | 'lowerDenominator'>): boolean =>
  workingDays > 0 && onsiteDays * s.lowerDenominator < workingDays * s.lowerNumerator;

/** The fewest on-site days a month needs to reach the lower bound. */
export const requiredOnsiteDays = (workingDays: number, s: Pick<OnsiteSettings, 'lowerNumerator' | 'lowerDenominator'>): number =>
  Math.ceil((workingDays * s.lowerNumerator) / s.lowerDenominator);

export const ONSITE_WARNING_LEVELS = ['yellow', 'red'] as const;
export type OnsiteWarningLevel = (typeof ONSITE_WARNING_LEVELS)[number];
export const ONSITE_WARNING_LABELS: Record<OnsiteWarningLevel, string> = { yellow: '黄色预警', red: '红色预警' };

/** At month close: below the lower bound → yellow; below in the previous month too → red; else none. */
export function onsiteWarning(belowThisMonth: boolean, belowPreviousMonth: boolean): OnsiteWarningLevel | null {
  if (!belowThisMonth) return null;
  return belowPreviousMonth ? 'red' : 'yellow';
}

export type ScanDecision =
  | { action: 'in' }
  | { action: 'out'; visitId: string }
  | { action: 'refuse'; code: string; message: string };

/**
 * What a scan of enterprise `scanned` does, given the instructor's open visit (if any): no open visit → arrival; open
 * at the same enterprise → departure; open at another enterprise → refused (depart there first). An open visit older
 * than the maximum is abandoned (it counts nothing) and the scan is an arrival.
 */
export function decideScan(scanned: { enterpriseId: string }, open: { id: string; enterpriseId: string; enterpriseName: string; inAt: Date } | null, now: Date, s: OnsiteSettings): ScanDecision {
  if (!open || now.getTime() - open.inAt.getTime() > s.maxVisitHours * 3600 * 1000) return { action: 'in' };
  if (open.enterpriseId === scanned.enterpriseId) return { action: 'out', visitId: open.id };
  return { action: 'refuse', code: 'SITE_OPEN_ELSEWHERE', message: `您在${open.enterpriseName}的进场尚未签离，请先扫描${open.enterpriseName}的二维码签离` };
}
