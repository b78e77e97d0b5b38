import { describe, expect, it } from 'vitest';
import { chineseWorkingDays } from '../development/working-days';
import {
  contactStatus,
  duesPaidToValid,
  periodEnd,
  politicalBirthdayIn,
  politicalBirthdayInMonth,
  birthdayTopic,
  themeDayComplete,
  previousQuarter,
  quarterCoverage,
  quarterLabel,
  quarterOf,
  quarterRange,
  receiptOverdue,
  transferDeadlines,
  transferLetterNumber,
  visitRhythm,
} from './care-rules';

describe('periods (start day not counted, corresponding day, month end, holidays)', () => {
  it('a letter issued 2026-09-30 valid 3 months runs through 2026-12-30', () => {
    expect(periodEnd('2026-09-30', 3)).toBe('2026-12-30');
    expect(transferDeadlines('2026-09-30', 3, 1, chineseWorkingDays)).toEqual({ validUntil: '2026-12-30', receiptDueBy: '2026-10-30' });
  });
  it('no corresponding day: the last day of the month (30 Nov + 3 → 28 Feb, 29 Feb in a leap year; 31 Aug + 1 → 30 Sep)', () => {
    expect(periodEnd('2026-11-30', 3)).toBe('2027-02-28');
    expect(periodEnd('2027-11-30', 3)).toBe('2028-02-29');
    expect(periodEnd('2026-08-31', 1)).toBe('2026-09-30');
    expect(periodEnd('2026-01-31', 1)).toBe('2026-02-28');
  });
  it('a receipt due inside the National Day holiday runs to the first working day after it', () => {
    // issued 3 September 2026: one month → 3 October (holiday 1–7 October) → 8 October
    expect(transferDeadlines('2026-09-03', 3, 1, chineseWorkingDays).receiptDueBy).toBe('2026-10-08');
    // due on 30 September (a working day) stays
    expect(transferDeadlines('2026-08-30', 3, 1, chineseWorkingDays).receiptDueBy).toBe('2026-09-30');
    // due on a Saturday that is a make-up working day (10 October 2026) stays
    expect(periodEnd('2026-09-10', 1, chineseWorkingDays)).toBe('2026-10-10');
    // due on Sunday 11 October → Monday 12 October
    expect(periodEnd('2026-09-11', 1, chineseWorkingDays)).toBe('2026-10-12');
    // without a calendar, the plain date
    expect(periodEnd('2026-09-03', 1)).toBe('2026-10-03');
  });
  it('validity above 3 months (or not a whole number of months) is refused', () => {
    expect(() => transferDeadlines('2026-01-01', 4, 1)).toThrow(RangeError);
    expect(() => transferDeadlines('2026-01-01', 0, 1)).toThrow(RangeError);
    expect(() => transferDeadlines('2026-01-01', 1.5, 1)).toThrow(RangeError);
    expect(transferDeadlines('2026-01-01', 1, 1).validUntil).toBe('2026-02-01');
  });
  it('receipt overdue from the day after the due date, only while the letter is open', () => {
    const t = { status: 'open' as const, receiptDueBy: '2026-10-08' };
    expect(receiptOverdue(t, '2026-10-08')).toBe(false);
    expect(receiptOverdue(t, '2026-10-09')).toBe(true);
    expect(receiptOverdue({ ...t, status: 'received' }, '2026-12-01')).toBe(false);
    expect(receiptOverdue({ ...t, status: 'voided' }, '2026-12-01')).toBe(false);
  });
  it('letter numbers and the dues-paid-to month', () => {
    expect(transferLetterNumber('雁', 2026, 7)).toBe('雁转〔2026〕0007号');
    expect(transferLetterNumber('雁', 2026, 12345)).toBe('雁转〔2026〕12345号');
    expect(duesPaidToValid('2026-09', '2026-09-30')).toBe(true);
    expect(duesPaidToValid('2026-10', '2026-09-30')).toBe(false);
    expect(duesPaidToValid('2026-13', '2026-09-30')).toBe(false);
  });
});

describe('visit rhythm (定期服务关怀)', () => {
  const base = { pairedOn: '2026-01-10', rhythmMonths: 1, dueSoonDays: 7 };
  it('counts from the pairing when there is no visit, from the last visit otherwise', () => {
    expect(visitRhythm({ ...base, lastVisitOn: null, today: '2026-01-20' })).toEqual({ nextDue: '2026-02-10', status: 'ok', daysOverdue: 0 });
    expect(visitRhythm({ ...base, lastVisitOn: '2026-02-05', today: '2026-02-20' }).nextDue).toBe('2026-03-05');
  });
  it('due soon within the window and on the due day; overdue from the next day', () => {
    expect(visitRhythm({ ...base, lastVisitOn: null, today: '2026-02-02' }).status).toBe('ok');
    expect(visitRhythm({ ...base, lastVisitOn: null, today: '2026-02-03' }).status).toBe('dueSoon');
    expect(visitRhythm({ ...base, lastVisitOn: null, today: '2026-02-10' }).status).toBe('dueSoon');
    expect(visitRhythm({ ...base, lastVisitOn: null, today: '2026-02-11' })).toEqual({ nextDue: '2026-02-10', status: 'overdue', daysOverdue: 1 });
  });
  it('month end: visited 31 January, monthly → due 28 February', () => {
    expect(visitRhythm({ ...base, lastVisitOn: '2026-01-31', today: '2026-03-01' })).toEqual({ nextDue: '2026-02-28', status: 'overdue', daysOverdue: 1 });
  });
  it('a visit older than the pairing (a previous helper) does not count', () => {
    expect(visitRhythm({ ...base, lastVisitOn: '2025-12-01', today: '2026-01-20' }).nextDue).toBe('2026-02-10');
  });
});

describe('quarters and elderly coverage (暖心行动)', () => {
  it('quarter of a date, its range, the previous one and the label', () => {
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterRange('2026-Q1')).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(quarterRange('2026-Q4')).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(quarterLabel('2026-Q3')).toBe('2026年第三季度');
  });
  const q = { quarter: '2026-Q3', inCareSince: '2025-01-01', visitDates: [] as string[], mobile: false, contactDates: [] as string[] };
  it('a visit on the first or last day of the quarter covers it; a day outside does not', () => {
    expect(quarterCoverage({ ...q, visitDates: ['2026-07-01'] })).toBe('covered');
    expect(quarterCoverage({ ...q, visitDates: ['2026-09-30'] })).toBe('covered');
    expect(quarterCoverage({ ...q, visitDates: ['2026-06-30', '2026-10-01'] })).toBe('missed');
  });
  it('taken into care after the first day of the quarter: not required that quarter; on the first day: required', () => {
    expect(quarterCoverage({ ...q, inCareSince: '2026-07-02' })).toBe('notRequired');
    expect(quarterCoverage({ ...q, inCareSince: '2026-07-01' })).toBe('missed');
    expect(quarterCoverage({ ...q, leftCareOn: '2026-08-15' })).toBe('notRequired');
  });
  it('a member both mobile and elderly: a ledger contact in the quarter covers it, shown apart; a non-mobile member needs the visit', () => {
    expect(quarterCoverage({ ...q, mobile: true, contactDates: ['2026-08-01'] })).toBe('coveredByContact');
    expect(quarterCoverage({ ...q, mobile: false, contactDates: ['2026-08-01'] })).toBe('missed');
    expect(quarterCoverage({ ...q, mobile: true, contactDates: ['2026-06-30'] })).toBe('missed');
    expect(quarterCoverage({ ...q, mobile: true, visitDates: ['2026-08-01'], contactDates: ['2026-08-01'] })).toBe('covered');
  });
});

describe('political birthdays (政治生日)', () => {
  it('joined on 29 February: 28 February in a common year, 29 in a leap year', () => {
    expect(politicalBirthdayIn('2004-02-29', 2026)).toBe('2026-02-28');
    expect(politicalBirthdayIn('2004-02-29', 2028)).toBe('2028-02-29');
    expect(politicalBirthdayInMonth('2004-02-29', '2026-02')).toEqual({ date: '2026-02-28', years: 22 });
    expect(politicalBirthdayInMonth('2004-02-29', '2026-03')).toBeNull();
  });
  it('in the month, at least the first anniversary', () => {
    expect(politicalBirthdayInMonth('1976-07-01', '2026-07')).toEqual({ date: '2026-07-01', years: 50 });
    expect(politicalBirthdayInMonth('2026-07-01', '2026-07')).toBeNull();
    expect(politicalBirthdayInMonth('2025-07-31', '2026-07')).toEqual({ date: '2026-07-31', years: 1 });
    expect(politicalBirthdayInMonth('2025-08-01', '2026-07')).toBeNull();
  });
});

describe('mobile-member contact warning', () => {
  const base = { mobileSince: '2026-01-15', warnMonths: 3, lostMonths: 6 };
  it('not contacted for 3 months from the last contact: warning from that day; 6 months: lost', () => {
    expect(contactStatus({ ...base, lastContactOn: '2026-03-31', today: '2026-06-29' }).status).toBe('ok');
    expect(contactStatus({ ...base, lastContactOn: '2026-03-31', today: '2026-06-30' }).status).toBe('notContacted');
    expect(contactStatus({ ...base, lastContactOn: '2026-03-31', today: '2026-09-29' }).status).toBe('notContacted');
    expect(contactStatus({ ...base, lastContactOn: '2026-03-31', today: '2026-09-30' }).status).toBe('lost');
  });
  it('never contacted: counted from the day they went mobile', () => {
    expect(contactStatus({ ...base, lastContactOn: null, today: '2026-04-14' })).toMatchObject({ status: 'ok', warnFrom: '2026-04-15' });
    expect(contactStatus({ ...base, lastContactOn: null, today: '2026-07-15' }).status).toBe('lost');
  });
});

describe('political birthday as a required theme-day topic (主题党日必选题)', () => {
  it('is required only when the county says so and the branch has birthdays that month', () => {
    expect(birthdayTopic({ settingOn: false, members: 3, celebratedOn: null })).toEqual({ required: false, members: 3, celebratedOn: null, done: true });
    expect(birthdayTopic({ settingOn: true, members: 0, celebratedOn: null })).toMatchObject({ required: false, done: true });
    expect(birthdayTopic({ settingOn: true, members: 1, celebratedOn: null })).toMatchObject({ required: true, done: false });
    expect(birthdayTopic({ settingOn: true, members: 1, celebratedOn: '2026-07-01' })).toMatchObject({ required: true, done: true });
  });
  it('a theme day is complete once held (its day has come, someone attended) with the topic done', () => {
    const base = { date: '2026-07-01', today: '2026-07-01', attended: 5, topicDone: true };
    expect(themeDayComplete(base)).toBe(true);
    expect(themeDayComplete({ ...base, today: '2026-06-30' })).toBe(false);
    expect(themeDayComplete({ ...base, attended: 0 })).toBe(false);
    expect(themeDayComplete({ ...base, topicDone: false })).toBe(false);
  });
  it('29 February anniversaries fall on 28 February in a common year, so they count in February', () => {
    expect(politicalBirthdayInMonth('2000-02-29', '2027-02')).toEqual({ date: '2027-02-28', years: 27 });
    expect(politicalBirthdayInMonth('2000-02-29', '2028-02')).toEqual({ date: '2028-02-29', years: 28 });
    expect(politicalBirthdayInMonth('2000-02-29', '2027-03')).toBeNull();
    // joined this very month: no anniversary yet
    expect(politicalBirthdayInMonth('2027-02-01', '2027-02')).toBeNull();
  });
});
