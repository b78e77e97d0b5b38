import { describe, expect, it } from 'vitest';
import { chineseWorkingDays } from '../development/working-days';
import { DEFAULT_ONSITE_SETTINGS as S, decideScan, isBelowLower, monthOnsite, onsiteWarning, requiredOnsiteDays, visitMinutesByDay, workingDaysOfMonth } from './onsite';

/** An instant at China time (UTC+8). */
const cst = (date: string, hm: string) => new Date(`${date}T${hm}:00+08:00`);
const visit = (date: string, from: string, to: string, toDate = date) => ({ inAt: cst(date, from), outAt: cst(toDate, to) });
/** The first `n` working days of a month. */
function workdays(month: string, n: number): string[] {
  const out: string[] = [];
  for (let d = 1; out.length < n && d <= 31; d++) {
    const date = `${month}-${String(d).padStart(2, '0')}`;
    if (chineseWorkingDays.isWorkday(date)) out.push(date);
  }
  return out;
}

describe('working days of a month (Chinese calendar)', () => {
  it('counts statutory holidays off and make-up days on', () => {
    expect(workingDaysOfMonth(chineseWorkingDays, '2026-06')).toBe(21);
    expect(workingDaysOfMonth(chineseWorkingDays, '2026-07')).toBe(23);
    // 国庆 and 中秋 in October 2026: 18 working days, not the 22 weekdays.
    expect(workingDaysOfMonth(chineseWorkingDays, '2026-10')).toBe(18);
  });
});

describe('on-site ratio', () => {
  it('exactly 1/3 of 21 working days (7) is not below; 6 is', () => {
    expect(isBelowLower(7, 21, S)).toBe(false);
    expect(isBelowLower(6, 21, S)).toBe(true);
    expect(requiredOnsiteDays(21, S)).toBe(7);
    const m = monthOnsite('2026-06', workdays('2026-06', 7).map((d) => visit(d, '09:00', '13:00')), [], chineseWorkingDays, S);
    expect(m).toMatchObject({ workingDays: 21, onsiteDays: 7, ratioPermille: 333, belowLower: false });
  });

  it('the same 7 days are below 1/3 in a month of 23 working days (needs 8)', () => {
    expect(requiredOnsiteDays(23, S)).toBe(8);
    const m = monthOnsite('2026-07', workdays('2026-07', 7).map((d) => visit(d, '09:00', '13:00')), [], chineseWorkingDays, S);
    expect(m).toMatchObject({ workingDays: 23, onsiteDays: 7, ratioPermille: 304, belowLower: true });
  });

  it('exactly 1/3 in a month with holidays: 6 of October’s 18 working days', () => {
    const m = monthOnsite('2026-10', workdays('2026-10', 6).map((d) => visit(d, '08:30', '12:30')), [], chineseWorkingDays, S);
    expect(m).toMatchObject({ workingDays: 18, onsiteDays: 6, belowLower: false });
    expect(monthOnsite('2026-10', workdays('2026-10', 5).map((d) => visit(d, '08:30', '12:30')), [], chineseWorkingDays, S).belowLower).toBe(true);
  });

  it('a day needs the minimum hours: 3 h 59 min does not count, 4 h does, visits of one day add up', () => {
    const [d1, d2, d3] = workdays('2026-06', 3);
    const m = monthOnsite('2026-06', [visit(d1, '09:00', '12:59'), visit(d2, '09:00', '13:00'), visit(d3, '08:00', '10:00'), visit(d3, '14:00', '16:00')], [], chineseWorkingDays, S);
    expect(m.onsiteDays).toBe(2);
    expect(m.minutesByDay[d1]).toBe(239);
    expect(monthOnsite('2026-06', [visit(d1, '09:00', '12:00')], [], chineseWorkingDays, { ...S, minHoursPerDay: 3 }).onsiteDays).toBe(1);
  });

  it('a visit across midnight is split between the two days (neither reaches 4 h here)', () => {
    expect([...visitMinutesByDay(visit('2026-06-01', '21:00', '02:00', '2026-06-02'))]).toEqual([['2026-06-01', 180], ['2026-06-02', 120]]);
    const m = monthOnsite('2026-06', [visit('2026-06-01', '21:00', '02:00', '2026-06-02')], [], chineseWorkingDays, S);
    expect(m.onsiteDays).toBe(0);
    // 19:00 → 01:00: five hours on the first day, one on the next.
    expect(monthOnsite('2026-06', [visit('2026-06-01', '19:00', '01:00', '2026-06-02')], [], chineseWorkingDays, S).onsiteDays).toBe(1);
  });

  it('a visit from the last evening of the month counts only its part inside the month', () => {
    const m = monthOnsite('2026-07', [visit('2026-06-30', '20:00', '05:00', '2026-07-01')], [], chineseWorkingDays, S);
    expect(m.minutesByDay).toEqual({ '2026-07-01': 300 });
    expect(m.onsiteDays).toBe(1);
  });

  it('holiday and weekend visits do not count, a make-up working Saturday does; an open or overlong visit counts nothing', () => {
    const m = monthOnsite('2026-10', [visit('2026-10-01', '08:00', '17:00'), visit('2026-10-11', '08:00', '17:00'), { inAt: cst('2026-10-12', '08:00'), outAt: null }, visit('2026-10-13', '06:00', '23:30')], [], chineseWorkingDays, S);
    expect(m.onsiteDays).toBe(0);
    // 2026-10-10 is a Saturday worked in exchange for the National Day holiday (调休).
    expect(monthOnsite('2026-10', [visit('2026-10-10', '08:00', '17:00')], [], chineseWorkingDays, S).onsiteDays).toBe(1);
  });

  it('an approved manual entry counts its day; a manual day already counted by scans is not counted twice', () => {
    const [d1, d2] = workdays('2026-06', 2);
    const m = monthOnsite('2026-06', [visit(d1, '08:00', '12:00')], [d1, d2, '2026-06-06', '2026-07-01'], chineseWorkingDays, S);
    expect(m).toMatchObject({ onsiteDays: 2, scannedDays: 1, manualDays: 1 });
  });
});

describe('warnings at month close', () => {
  it('yellow below 1/3, red when the previous month was below too', () => {
    expect(onsiteWarning(false, true)).toBeNull();
    expect(onsiteWarning(true, false)).toBe('yellow');
    expect(onsiteWarning(true, true)).toBe('red');
  });
});

describe('scans', () => {
  const open = { id: 'v1', enterpriseId: 'e1', enterpriseName: '甲公司', inAt: cst('2026-06-01', '09:00') };
  it('arrival without an open visit, departure at the same enterprise', () => {
    expect(decideScan({ enterpriseId: 'e1' }, null, cst('2026-06-01', '09:00'), S)).toEqual({ action: 'in' });
    expect(decideScan({ enterpriseId: 'e1' }, open, cst('2026-06-01', '13:00'), S)).toEqual({ action: 'out', visitId: 'v1' });
  });
  it("another enterprise's code while a visit is open is refused", () => {
    const d = decideScan({ enterpriseId: 'e2' }, open, cst('2026-06-01', '13:00'), S);
    expect(d).toMatchObject({ action: 'refuse', code: 'SITE_OPEN_ELSEWHERE' });
    expect(d.action === 'refuse' && d.message).toContain('甲公司');
  });
  it('an open visit older than the maximum is abandoned: the scan is a new arrival', () => {
    expect(decideScan({ enterpriseId: 'e2' }, open, cst('2026-06-02', '09:00'), S)).toEqual({ action: 'in' });
  });
});
