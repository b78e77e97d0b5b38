import { describe, expect, it } from 'vitest';
import { DUES_RULES_2008, applyRate, arrears, duesCategoryHasBase, checkPayment, duesSchedule, formatYuan, monthlyDues, parseYuan, yearSchedule, type DuesBasePeriod } from './dues-rules';
import { monthsOfYear } from '../member-monthly/months';

const R = DUES_RULES_2008;
const emp = (yuan: string) => monthlyDues({ category: 'employee', baseFen: parseYuan(yuan)! }, R, 'fen');
const ret = (yuan: string) => monthlyDues({ category: 'retiree', baseFen: parseYuan(yuan)! }, R, 'fen');

describe('employee brackets (each band includes its upper bound, the whole base at one rate)', () => {
  it.each([
    ['0', 50, 0],
    ['2999.99', 50, 1500],
    ['3000.00', 50, 1500],
    ['3000.01', 100, 3000],
    ['4999.99', 100, 5000],
    ['5000', 100, 5000],
    ['5000.01', 150, 7500],
    ['9999.99', 150, 15000],
    ['10000', 150, 15000],
    ['10000.01', 200, 20000],
    ['23456.78', 200, 46914],
  ])('base %s 元 → rate %i bp, %i fen', (base, rate, fen) => {
    const d = emp(base);
    expect(d.rateBp).toBe(rate);
    expect(d.amountFen).toBe(fen);
  });
});

describe('retirees (basic pension)', () => {
  it('0.5% up to and including 5000, 1% above', () => {
    expect(ret('3000.01')).toMatchObject({ rateBp: 50, amountFen: 1500 });
    expect(ret('5000')).toMatchObject({ rateBp: 50, amountFen: 2500 });
    expect(ret('5000.01')).toMatchObject({ rateBp: 100, amountFen: 5000 });
    expect(ret('12000')).toMatchObject({ rateBp: 100, amountFen: 12000 });
  });
});

describe('fixed amounts and reductions', () => {
  it('farmers pay the province amount (default 0.5 元), students/unemployed/relief 0.2 元, whatever the base', () => {
    expect(monthlyDues({ category: 'farmer', baseFen: 800000 }, R, 'fen').amountFen).toBe(50);
    expect(monthlyDues({ category: 'student', baseFen: 0 }, R, 'fen').amountFen).toBe(20);
    expect(monthlyDues({ category: 'farmer', baseFen: 0 }, { ...R, farmerFen: 100 }, 'fen').amountFen).toBe(100);
  });
  it('an approved hardship reduction replaces the computed amount, down to exempt', () => {
    expect(monthlyDues({ category: 'employee', baseFen: 400000, reducedFen: 100 }, R, 'fen')).toMatchObject({ amountFen: 100, reduced: true });
    expect(monthlyDues({ category: 'employee', baseFen: 400000, reducedFen: 0 }, R, 'fen').amountFen).toBe(0);
  });
});

describe('rounding (a county setting)', () => {
  // 3333.33 × 1% = 33.3333 元
  it('to the fen, to the jiao half up, up to the jiao, to the yuan', () => {
    expect(applyRate(333333, 100, 'fen')).toBe(3333);
    expect(applyRate(333333, 100, 'jiao')).toBe(3330);
    expect(applyRate(333333, 100, 'jiaoUp')).toBe(3340);
    expect(applyRate(333333, 100, 'yuan')).toBe(3300);
  });
  it('half up at exactly half a unit', () => {
    expect(applyRate(100100, 50, 'fen')).toBe(501); // 5.005 元
    expect(applyRate(100099, 50, 'fen')).toBe(500); // 5.00495 元
    expect(applyRate(310000, 100, 'jiao')).toBe(3100);
    expect(applyRate(315000, 100, 'yuan')).toBe(3200); // 31.5 元 → 32
    expect(applyRate(314900, 100, 'yuan')).toBe(3100);
  });
});

describe('yearly schedule', () => {
  const base = (fromMonth: string, yuan: string): DuesBasePeriod => ({ fromMonth, category: 'employee', baseFen: parseYuan(yuan)! });
  it('a probationary member pays from the month of admission (the branch assembly date)', () => {
    const s = yearSchedule(2026, [base('2026-01', '4000')], '2026-04-20', 'fen');
    expect(s.slice(0, 3).every((m) => !m.due && m.dueFen === 0)).toBe(true);
    expect(s[3]).toEqual({ month: '2026-04', dueFen: 4000, due: true });
  });
  it('a mid-year pay change applies from the month the new pay starts', () => {
    const s = yearSchedule(2026, [base('2026-01', '4800'), base('2026-07', '5200')], '2000-01-01', 'fen');
    expect(s[5]).toMatchObject({ month: '2026-06', dueFen: 4800 });
    expect(s[6]).toMatchObject({ month: '2026-07', dueFen: 7800 });
    expect(s[11]).toMatchObject({ month: '2026-12', dueFen: 7800 });
  });
  it('owes nothing in months before the first base', () => {
    const s = duesSchedule(monthsOfYear(2026), [base('2026-03', '3000')], '2000-01-01', 'fen');
    expect(s[1].due).toBe(false);
    expect(s[2]).toMatchObject({ due: true, dueFen: 1500 });
  });
});

describe('arrears: yellow at 3, red at 6 consecutive unpaid months', () => {
  const s = yearSchedule(2026, [{ fromMonth: '2026-01', category: 'employee', baseFen: 400000 }], '2000-01-01', 'fen');
  const paid = (...months: string[]) => new Set(months);
  it('the current month is still open', () => {
    expect(arrears(s, paid('2026-01', '2026-02', '2026-03'), '2026-04')).toMatchObject({ streak: 0, level: 'none' });
  });
  it('2 → none, 3 → yellow, 5 → yellow, 6 → red', () => {
    expect(arrears(s, paid('2026-01', '2026-02', '2026-03'), '2026-06').level).toBe('none');
    expect(arrears(s, paid('2026-01', '2026-02', '2026-03'), '2026-07')).toMatchObject({ streak: 3, level: 'yellow', unpaidFen: 12000 });
    expect(arrears(s, paid('2026-01'), '2026-07')).toMatchObject({ streak: 5, level: 'yellow' });
    expect(arrears(s, paid(), '2026-07')).toMatchObject({ streak: 6, level: 'red', unpaidMonths: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'] });
  });
  it('a paid month breaks the streak, but earlier gaps stay unpaid', () => {
    const a = arrears(s, paid('2026-05'), '2026-08');
    expect(a.streak).toBe(2);
    expect(a.unpaidMonths).toHaveLength(6);
  });
  it('months owing nothing neither count nor break a streak', () => {
    const late = yearSchedule(2026, [{ fromMonth: '2026-01', category: 'employee', baseFen: 400000 }], '2026-03-10', 'fen');
    expect(arrears(late, paid(), '2026-06')).toMatchObject({ streak: 3, level: 'yellow' });
  });
});

describe('payments', () => {
  const s = yearSchedule(2026, [{ fromMonth: '2026-01', category: 'employee', baseFen: 400000 }], '2000-01-01', 'fen');
  it('accepts arrears and advance payment up to 6 months beyond the current month', () => {
    expect(checkPayment(['2026-01', '2026-02'], 8000, s, new Set(), '2026-06')).toEqual({ ok: true, dueFen: 8000 });
    expect(checkPayment(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'], 24000, s, new Set(), '2026-06').ok).toBe(true);
  });
  it('refuses a 7th month ahead, a month already paid, too little money and months that owe nothing', () => {
    const r1 = checkPayment(['2026-12'], 4000, s, new Set(), '2026-05');
    expect(r1.ok === false && r1.issue.code).toBe('DUES_TOO_FAR_AHEAD');
    const r2 = checkPayment(['2026-03'], 4000, s, new Set(['2026-03']), '2026-05');
    expect(r2.ok === false && r2.issue.code).toBe('DUES_ALREADY_PAID');
    const r3 = checkPayment(['2026-03', '2026-04'], 7999, s, new Set(), '2026-05');
    expect(r3.ok === false && r3.issue.message).toContain('79.99');
    const r4 = checkPayment(['2025-12'], 4000, s, new Set(), '2026-05');
    expect(r4.ok === false && r4.issue.code).toBe('DUES_NOT_DUE');
  });
  it('lets a member pay more than due (voluntary extra)', () => {
    expect(checkPayment(['2026-01'], 10000, s, new Set(), '2026-06')).toEqual({ ok: true, dueFen: 4000 });
  });
});

describe('yuan text', () => {
  it('parses and formats without floating point', () => {
    expect(parseYuan('3000.01')).toBe(300001);
    expect(parseYuan('0.5')).toBe(50);
    expect(parseYuan('12')).toBe(1200);
    expect(parseYuan('1.234')).toBeNull();
    expect(parseYuan('-1')).toBeNull();
    expect(formatYuan(300001)).toBe('3000.01');
    expect(formatYuan(5)).toBe('0.05');
  });
});

describe('which categories have a base', () => {
  it('in-service employees and retirees pay by a base; farmers and students a fixed amount', () => {
    expect(['employee', 'retiree', 'farmer', 'student'].filter((c) => duesCategoryHasBase(c as 'employee'))).toEqual(['employee', 'retiree']);
  });
});
