// Care for members (关爱帮扶) and relationship transfers (组织关系转接): the pure rules — visit rhythm (定期服务关怀),
// the elderly/frail quarter coverage (暖心行动), political birthdays (政治生日), the mobile-member contact warning and
// the transfer letter's deadlines. Dates are ISO strings in China time; today is always passed in.
import { addDays, addMonths, isValidIsoDate, type IsoDate } from '../calendar/dates';
import type { WorkingDayCalendar } from '../development/working-days';

// ---- County settings and their bounds ----
export type CareSettings = {
  /** 定期服务关怀: a hardship member is visited at least every N months. */
  visitRhythmMonths: number;
  /** Days before the due date from which a visit shows as due (the helper's list sorts these first). */
  visitDueSoonDays: number;
  /** A mobile member not contacted for N months is a warning. */
  mobileContactMonths: number;
  /** A mobile member not reachable for N months is flagged 失联. */
  mobileLostMonths: number;
  /** Validity of a transfer letter (≤ 3 months). */
  letterValidityMonths: number;
  /** The receiving committee returns the receipt within N months of the letter's issue. */
  receiptMonths: number;
  /** 主题党日必选题: celebrating the month's political birthdays is a required topic of the branch's theme day. */
  birthdayRequiredTopic: boolean;
};

export const DEFAULT_CARE_SETTINGS: CareSettings = {
  visitRhythmMonths: 1,
  visitDueSoonDays: 7,
  mobileContactMonths: 3,
  mobileLostMonths: 6,
  letterValidityMonths: 3,
  receiptMonths: 1,
  birthdayRequiredTopic: false,
};

export const MAX_LETTER_VALIDITY_MONTHS = 3;

// ---- Periods (民法典 第二百零一条至第二百零三条) ----
/**
 * The last day of a period of `months` months starting on `start`: the start day is not counted, the period ends on
 * the corresponding day of the final month, or on that month's last day when it has none (30 Nov + 3 months =
 * 28/29 Feb; 31 Aug + 1 month = 30 Sep). When a calendar is given and the last day is a day off (a statutory holiday
 * or weekend), the period ends on the first working day after it (a receipt due on 3 October runs to 9 October).
 */
export function periodEnd(start: IsoDate, months: number, calendar?: WorkingDayCalendar): IsoDate {
  let end = addMonths(start, months);
  if (calendar) while (!calendar.isWorkday(end)) end = addDays(end, 1);
  return end;
}

// ---- Visit rhythm (两定三送五必访: 定期服务关怀) ----
export type VisitStatus = 'ok' | 'dueSoon' | 'overdue';
export type VisitRhythm = { nextDue: IsoDate; status: VisitStatus; daysOverdue: number };

/**
 * When the next visit is due: `rhythmMonths` after the last visit, or after the pairing date when there has been
 * none. On the due day itself the visit is still in time (dueSoon); from the next day it is overdue.
 */
export function visitRhythm(input: { pairedOn: IsoDate; lastVisitOn: IsoDate | null; rhythmMonths: number; dueSoonDays: number; today: IsoDate }): VisitRhythm {
  const from = input.lastVisitOn && input.lastVisitOn > input.pairedOn ? input.lastVisitOn : input.pairedOn;
  const nextDue = addMonths(from, input.rhythmMonths);
  if (input.today > nextDue) return { nextDue, status: 'overdue', daysOverdue: daysBetween(nextDue, input.today) };
  if (input.today >= addDays(nextDue, -input.dueSoonDays)) return { nextDue, status: 'dueSoon', daysOverdue: 0 };
  return { nextDue, status: 'ok', daysOverdue: 0 };
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

// ---- Quarters (暖心行动: at least one home visit per quarter) ----
export const QUARTER_RE = /^(\d{4})-Q([1-4])$/;
export type Quarter = string; // 'YYYY-Qn'

export function quarterOf(date: IsoDate): Quarter {
  const m = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function quarterRange(q: Quarter): { start: IsoDate; end: IsoDate } {
  const match = QUARTER_RE.exec(q);
  if (!match) throw new Error(`bad quarter ${q}`);
  const y = Number(match[1]);
  const n = Number(match[2]);
  const start = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
  return { start, end: addDays(addMonths(start, 3), -1) };
}

export function previousQuarter(q: Quarter): Quarter {
  const { start } = quarterRange(q);
  return quarterOf(addDays(start, -1));
}

export function quarterLabel(q: Quarter): string {
  const match = QUARTER_RE.exec(q);
  return match ? `${match[1]}年第${'一二三四'[Number(match[2]) - 1]}季度` : q;
}

export type QuarterCoverage = 'covered' | 'coveredByContact' | 'missed' | 'notRequired';

/**
 * Whether an elderly or frail member's quarter had its required visit. A member taken into care after the quarter's
 * first day owes nothing that quarter (their first full quarter counts). A home visit in the quarter covers it. A
 * member who is also mobile (away, so no home visit is possible) is covered by a contact recorded in the mobile
 * ledger in the quarter instead — shown apart, so the county sees which were only reached remotely.
 */
export function quarterCoverage(input: { quarter: Quarter; inCareSince: IsoDate; leftCareOn?: IsoDate | null; visitDates: IsoDate[]; mobile: boolean; contactDates: IsoDate[] }): QuarterCoverage {
  const { start, end } = quarterRange(input.quarter);
  if (input.inCareSince > start) return 'notRequired';
  if (input.leftCareOn && input.leftCareOn <= end) return 'notRequired';
  const inQuarter = (d: IsoDate) => d >= start && d <= end;
  if (input.visitDates.some(inQuarter)) return 'covered';
  if (input.mobile && input.contactDates.some(inQuarter)) return 'coveredByContact';
  return 'missed';
}

// ---- Political birthdays (政治生日) ----
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The member's party anniversary in `year` (joined 29 Feb → celebrated 28 Feb in a common year). */
export function politicalBirthdayIn(joinedOn: IsoDate, year: number): IsoDate {
  const md = joinedOn.slice(5);
  if (md === '02-29' && !isLeap(year)) return `${year}-02-28`;
  return `${year}-${md}`;
}

/** Whether the anniversary falls in month 'YYYY-MM' (and it is at least the first anniversary), with the years. */
export function politicalBirthdayInMonth(joinedOn: IsoDate, month: string): { date: IsoDate; years: number } | null {
  const year = Number(month.slice(0, 4));
  const date = politicalBirthdayIn(joinedOn, year);
  if (date.slice(0, 7) !== month) return null;
  const years = year - Number(joinedOn.slice(0, 4));
  return years >= 1 ? { date, years } : null;
}

/** The joined-on month-days whose anniversary falls in 'YYYY-MM' (for a query: 'MM-DD' values, incl. 02-29 in Feb). */
export function joinedMonthDaysFor(month: string): { month: string; includeLeapDay: boolean } {
  return { month: month.slice(5, 7), includeLeapDay: month.slice(5, 7) === '02' };
}

/**
 * The political-birthday topic of a branch's theme day in a month: required when the county setting is on and the
 * branch has members with an anniversary in the month; done once the celebration is recorded.
 */
export function birthdayTopic(input: { settingOn: boolean; members: number; celebratedOn: IsoDate | null }): { required: boolean; members: number; celebratedOn: IsoDate | null; done: boolean } {
  const required = input.settingOn && input.members > 0;
  return { required, members: input.members, celebratedOn: input.celebratedOn, done: !required || input.celebratedOn !== null };
}

/** A theme day counts as complete when it was held (its day has come and someone attended) and its required topic is done. */
export const themeDayComplete = (input: { date: IsoDate; today: IsoDate; attended: number; topicDone: boolean }): boolean => input.date <= input.today && input.attended > 0 && input.topicDone;

// ---- Mobile members (流动党员联络台账) ----
export type ContactStatus = 'ok' | 'notContacted' | 'lost';
/**
 * A mobile member's contact state: not contacted for `warnMonths` (counted from the last contact, else from the day
 * they were registered mobile) → notContacted from the day the period ends; not reachable for `lostMonths` → lost (失联).
 */
export function contactStatus(input: { mobileSince: IsoDate; lastContactOn: IsoDate | null; warnMonths: number; lostMonths: number; today: IsoDate }): { status: ContactStatus; since: IsoDate; warnFrom: IsoDate; lostFrom: IsoDate } {
  const since = input.lastContactOn && input.lastContactOn > input.mobileSince ? input.lastContactOn : input.mobileSince;
  const warnFrom = addMonths(since, input.warnMonths);
  const lostFrom = addMonths(since, input.lostMonths);
  const status: ContactStatus = input.today >= lostFrom ? 'lost' : input.today >= warnFrom ? 'notContacted' : 'ok';
  return { status, since, warnFrom, lostFrom };
}

// ---- Relationship transfers (组织关系转接) ----
export type TransferStatus = 'open' | 'received' | 'voided' | 'arrived' | 'cancelled';
export type TransferDirection = 'out' | 'in';

/** The letter's dates: valid through (the member reports within it) and the receipt's due date, both holiday-aware. */
export function transferDeadlines(issuedOn: IsoDate, validityMonths: number, receiptMonths: number, calendar?: WorkingDayCalendar): { validUntil: IsoDate; receiptDueBy: IsoDate } {
  if (!Number.isInteger(validityMonths) || validityMonths < 1 || validityMonths > MAX_LETTER_VALIDITY_MONTHS) throw new RangeError(`validity ${validityMonths}`);
  return { validUntil: periodEnd(issuedOn, validityMonths, calendar), receiptDueBy: periodEnd(issuedOn, receiptMonths, calendar) };
}

/** Whether an open outgoing letter's receipt is overdue on `today` (the day after the due date). */
export const receiptOverdue = (t: { status: TransferStatus; receiptDueBy: IsoDate }, today: IsoDate): boolean => t.status === 'open' && today > t.receiptDueBy;

/** Only one open transfer per member: a second one while one is open is refused (reissue the lost one instead). */
export const OPEN_TRANSFER_STATUSES: readonly TransferStatus[] = ['open'];

/** The county number of a letter: 〔year〕 and a sequence of at least 4 digits, never reused (a voided one stays voided). */
export function transferLetterNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}转〔${year}〕${String(seq).padStart(4, '0')}号`;
}

/** The months a letter states dues are paid to must not be after the issue month (dues are not paid ahead here). */
export function duesPaidToValid(duesPaidTo: string, issuedOn: IsoDate): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(duesPaidTo) && duesPaidTo <= issuedOn.slice(0, 7);
}

export const isIsoDate = isValidIsoDate;
