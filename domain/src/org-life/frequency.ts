// Frequency compliance: how often each kind is due (county settings with the 条例's defaults), the periods of a year,
// and per period whether it was held, is still open, or is overdue.
import type { IsoDate } from '../calendar/dates';
import { COMPLIANCE_KINDS, type ComplianceKind } from './meetings';

export const FREQUENCIES = ['monthly', 'quarterly', 'halfYearly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = { monthly: '每月', quarterly: '每季度', halfYearly: '每半年', yearly: '每年' };
export type Frequencies = Record<ComplianceKind, Frequency>;

/**
 * 支部工作条例 2018: assembly quarterly, committee monthly, group meeting monthly, lecture quarterly, theme day monthly;
 * 组织生活会 generally once a year (第十九条).
 */
export const DEFAULT_FREQUENCIES: Frequencies = { branchAssembly: 'quarterly', branchCommittee: 'monthly', groupMeeting: 'monthly', partyLecture: 'quarterly', lifeMeeting: 'yearly', themeDay: 'monthly' };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export type Period = { period: string; start: IsoDate; end: IsoDate };

/** The periods of a year: 12 months ('2026-03'), 4 quarters ('2026-Q1'), 2 halves ('2026-H1') or the year ('2026'). */
export function meetingPeriodsOfYear(freq: Frequency, year: number): Period[] {
  const span = { monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 }[freq];
  const out: Period[] = [];
  for (let i = 0; i < 12 / span; i++) {
    const m0 = i * span + 1;
    const m1 = m0 + span - 1;
    const period = freq === 'monthly' ? `${year}-${pad(m0)}` : freq === 'quarterly' ? `${year}-Q${i + 1}` : freq === 'halfYearly' ? `${year}-H${i + 1}` : `${year}`;
    out.push({ period, start: `${year}-${pad(m0)}-01`, end: `${year}-${pad(m1)}-${pad(lastDay(year, m1))}` });
  }
  return out;
}

/** The period a date falls in. */
export function periodOf(freq: Frequency, date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  return meetingPeriodsOfYear(freq, year).find((p) => date >= p.start && date <= p.end)!.period;
}

export const PERIOD_STATES = ['held', 'open', 'overdue', 'future'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];
export const PERIOD_STATE_LABELS: Record<PeriodState, string> = { held: '已召开', open: '待召开', overdue: '逾期未召开', future: '未到期' };
export type PeriodCompliance = Period & { state: PeriodState; count: number };

const SPAN: Record<Frequency, number> = { monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 };
const periodCache = new Map<string, Period[]>();
const cachedPeriods = (freq: Frequency, year: number): Period[] => {
  const key = `${freq}:${year}`;
  let list = periodCache.get(key);
  if (!list) {
    list = meetingPeriodsOfYear(freq, year);
    periodCache.set(key, list);
  }
  return list;
};

/**
 * Each period of the year: held (at least one meeting in it), open (it contains today, none yet), overdue (it ended
 * before today with none) or future. A period that ended before `since` (the org was founded later) is left out.
 * One pass over the dates (a county's branches × kinds call this tens of thousands of times).
 */
export function periodCompliance(freq: Frequency, year: number, heldDates: readonly IsoDate[], today: IsoDate, since: IsoDate | null = null): PeriodCompliance[] {
  const periods = cachedPeriods(freq, year);
  const counts = new Array<number>(periods.length).fill(0);
  const y = String(year);
  for (const d of heldDates) {
    if (d.slice(0, 4) !== y) continue;
    counts[Math.floor((Number(d.slice(5, 7)) - 1) / SPAN[freq])] += 1;
  }
  const out: PeriodCompliance[] = [];
  periods.forEach((p, i) => {
    if (since && p.end < since) return;
    const count = counts[i];
    const state: PeriodState = count > 0 ? 'held' : p.end < today ? 'overdue' : p.start <= today ? 'open' : 'future';
    out.push({ period: p.period, start: p.start, end: p.end, state, count });
  });
  return out;
}

/**
 * A yearly period with a due month inside the year (the 组织生活会: the 条例 says once a year and names no month, so the
 * county sets one — default 12, i.e. overdue once the year has closed). Held anywhere in the year counts; with none,
 * the period is open until the due month's last day and overdue from the next day. Other frequencies are unchanged.
 */
export function withDueMonth(periods: PeriodCompliance[], freq: Frequency, dueMonth: number, today: IsoDate): PeriodCompliance[] {
  if (freq !== 'yearly' || dueMonth >= 12) return periods;
  return periods.map((p) => {
    if (p.count > 0) return p;
    const y = Number(p.start.slice(0, 4));
    const due = `${y}-${pad(dueMonth)}-${pad(lastDay(y, dueMonth))}`;
    const state: PeriodState = due < today ? 'overdue' : p.start <= today ? 'open' : 'future';
    return { ...p, end: due, state };
  });
}

export type ComplianceFigures = { held: number; open: number; overdue: number; /** periods that counted so far: ended, or held early */ due: number; ratePermille: number | null };

/** Held / due / overdue over periods, and the rate: held ÷ (held + overdue), in ‰ (null when nothing is due yet). */
export function complianceFigures(periods: readonly { state: PeriodState }[]): ComplianceFigures {
  let held = 0;
  let open = 0;
  let overdue = 0;
  for (const p of periods) {
    if (p.state === 'held') held += 1;
    else if (p.state === 'open') open += 1;
    else if (p.state === 'overdue') overdue += 1;
  }
  const due = held + overdue;
  return { held, open, overdue, due, ratePermille: due === 0 ? null : Math.round((held * 1000) / due) };
}

export const sumFigures = (list: readonly ComplianceFigures[]): ComplianceFigures => {
  const held = list.reduce((s, f) => s + f.held, 0);
  const open = list.reduce((s, f) => s + f.open, 0);
  const overdue = list.reduce((s, f) => s + f.overdue, 0);
  const due = held + overdue;
  return { held, open, overdue, due, ratePermille: due === 0 ? null : Math.round((held * 1000) / due) };
};

export const isComplianceKind = (k: string): k is ComplianceKind => (COMPLIANCE_KINDS as readonly string[]).includes(k);
