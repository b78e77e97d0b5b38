// Monthly stars (按月贴星): on-time accepted items of a month, weighted, against the county's thresholds. A late item
// stays a deduction for the month it fell due in, even when done later.
import { addDays, type IsoDate } from '../calendar/dates';
import type { DutySettings } from './duty-settings';

/** Dates of an item's reporting history that decide whether it was done on time. */
export type SubmissionHistory = {
  dueDate: IsoDate;
  /** First submission (any outcome). */
  firstSubmittedOn: IsoDate | null;
  /** The submission that was accepted, and the day of the last return before it. */
  acceptedSubmittedOn: IsoDate | null;
  lastReturnedOn: IsoDate | null;
};

/**
 * On time: the accepted submission came by the due date; or the first report came by the due date, was returned,
 * and was put right within the grace days of the return (a return is the reviewer's request, not a late report).
 */
export function isOnTime(h: SubmissionHistory, settings: Pick<DutySettings, 'resubmitGraceDays'>): boolean {
  if (h.acceptedSubmittedOn === null) return false;
  if (h.acceptedSubmittedOn <= h.dueDate) return true;
  if (h.firstSubmittedOn === null || h.firstSubmittedOn > h.dueDate || h.lastReturnedOn === null) return false;
  return h.acceptedSubmittedOn <= addDays(h.lastReturnedOn, settings.resubmitGraceDays);
}

export type ItemForMonth = {
  id: string;
  title: string;
  dueDate: IsoDate;
  weight: number;
  isKey: boolean;
  status: 'pending' | 'submitted' | 'returned' | 'accepted' | 'cancelled';
  /** Set once accepted: whether it counted as on time (isOnTime at acceptance). */
  onTime: boolean | null;
  secretaryMemberId: string | null;
};

export type MonthOutcome = {
  dueCount: number;
  dueWeight: number;
  onTimeCount: number;
  onTimeWeight: number;
  /** Accepted after the due date (and outside the grace). */
  lateCount: number;
  /** Past due on `asOf` and not accepted: not reported, or returned and not put right. */
  overdueCount: number;
  /** Reported, waiting for the reviewer. */
  awaitingReviewCount: number;
  missedKeyTitles: string[];
  /** Weighted on-time completion, percent with one decimal; null when nothing fell due. */
  rate: number | null;
  stars: number | null;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

export function dutyStarsFor(rate: number | null, missedKey: boolean, settings: Pick<DutySettings, 'starThresholds' | 'keyMissedMaxStars'>): number | null {
  if (rate === null) return null;
  const sorted = [...settings.starThresholds].sort((a, b) => b.minRate - a.minRate);
  const stars = sorted.find((t) => rate >= t.minRate)?.stars ?? 0;
  return missedKey ? Math.min(stars, settings.keyMissedMaxStars) : stars;
}

/** The outcome of one org's (or one secretary's) items of a month, as of `asOf` (the close date, or today). */
export function monthOutcome(items: readonly ItemForMonth[], asOf: IsoDate, settings: DutySettings): MonthOutcome {
  const o: MonthOutcome = { dueCount: 0, dueWeight: 0, onTimeCount: 0, onTimeWeight: 0, lateCount: 0, overdueCount: 0, awaitingReviewCount: 0, missedKeyTitles: [], rate: null, stars: null };
  for (const it of items) {
    // Cancelled items (after a dissolution, while the post is vacant) count for nobody.
    if (it.status === 'cancelled') continue;
    o.dueCount += 1;
    o.dueWeight += it.weight;
    const onTime = it.status === 'accepted' && it.onTime === true;
    if (onTime) {
      o.onTimeCount += 1;
      o.onTimeWeight += it.weight;
      continue;
    }
    if (it.status === 'accepted') o.lateCount += 1;
    else if (it.status === 'submitted') o.awaitingReviewCount += 1;
    else if (it.dueDate < asOf) o.overdueCount += 1;
    if (it.isKey && (it.status === 'accepted' || it.dueDate < asOf) && it.status !== 'submitted') o.missedKeyTitles.push(it.title);
  }
  if (o.dueWeight > 0) o.rate = round1((o.onTimeWeight / o.dueWeight) * 100);
  o.stars = dutyStarsFor(o.rate, o.missedKeyTitles.length > 0, settings);
  return o;
}

/**
 * A secretary replaced mid-month: each item counts for whoever held the post when it fell due, so the month is
 * split by `secretaryMemberId` (null: the post was vacant).
 */
export function outcomesBySecretary(items: readonly ItemForMonth[], asOf: IsoDate, settings: DutySettings): { secretaryMemberId: string | null; outcome: MonthOutcome }[] {
  const groups = new Map<string | null, ItemForMonth[]>();
  for (const it of items) {
    if (it.status === 'cancelled') continue;
    const list = groups.get(it.secretaryMemberId) ?? [];
    list.push(it);
    groups.set(it.secretaryMemberId, list);
  }
  return [...groups].map(([secretaryMemberId, list]) => ({ secretaryMemberId, outcome: monthOutcome(list, asOf, settings) }));
}
