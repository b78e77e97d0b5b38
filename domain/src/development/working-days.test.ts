import { describe, expect, it } from 'vitest';
import { checkStep, type RecordedStep } from './step-rules';
import { DEFAULT_DEVELOPMENT_RULE_SET } from './rule-set';
import { chineseWorkingDays, countWorkingDays, workingDayEnd } from './working-days';
import { nearRelativeFlags } from './relatives';

describe('Chinese working-day calendar', () => {
  it('knows 2026: National Day 1–7 October off, Saturday 10 October and Sunday 20 September are make-up working days', () => {
    expect(chineseWorkingDays.covers(2026)).toBe(true);
    expect(chineseWorkingDays.isWorkday('2026-10-01')).toBe(false);
    expect(chineseWorkingDays.isWorkday('2026-10-07')).toBe(false);
    expect(chineseWorkingDays.isWorkday('2026-10-10')).toBe(true);
    expect(chineseWorkingDays.isWorkday('2026-09-20')).toBe(true);
    expect(chineseWorkingDays.isWorkday('2026-02-16')).toBe(false);
  });
  it('a publicity from 30 September spanning National Day: 30 Sep, 8, 9, 10 (Saturday) and 12 October', () => {
    expect(countWorkingDays(chineseWorkingDays, '2026-09-30', '2026-10-10')).toBe(4);
    expect(workingDayEnd(chineseWorkingDays, '2026-09-30', 5)).toBe('2026-10-12');
    expect(countWorkingDays(chineseWorkingDays, '2026-09-30', '2026-10-12')).toBe(5);
  });
  it('falls back to weekends in a year the library does not cover yet', () => {
    expect(chineseWorkingDays.covers(2027)).toBe(false);
    expect(countWorkingDays(chineseWorkingDays, '2027-03-01', '2027-03-07')).toBe(5);
  });
});

describe('publicity before a step', () => {
  const rules = DEFAULT_DEVELOPMENT_RULE_SET.params;
  const h: RecordedStep[] = [
    { step: 1, date: '2025-09-01', fields: {}, publicity: null },
    { step: 2, date: '2025-09-10', fields: {}, publicity: null },
  ];
  const facts = { today: '2026-12-31', rules, calendar: chineseWorkingDays, birthDate: '1990-01-01' };
  const at = (date: string, start: string, end: string) =>
    checkStep(h, { step: 3, date, fields: {}, publicity: { start, end, result: 'noObjection' }, overrideReason: null }, facts);
  it('4 working days over National Day are too few; the message says until when and the earliest date', () => {
    const r = at('2026-10-11', '2026-09-30', '2026-10-10');
    expect(r).toMatchObject({ ok: false, code: 'DEV_PUBLICITY_TOO_SHORT', earliestDate: '2026-10-13' });
    if (!r.ok) expect(r.message).toContain('只有4个工作日');
  });
  it('5 working days counting the make-up Saturday pass; the step comes after the period', () => {
    expect(at('2026-10-13', '2026-09-30', '2026-10-12').ok).toBe(true);
    expect(at('2026-10-12', '2026-09-30', '2026-10-12')).toMatchObject({ ok: false, code: 'DEV_PUBLICITY_NOT_ENDED', earliestDate: '2026-10-13' });
  });
});

describe('near relatives', () => {
  it('matches by roster id, else by name', () => {
    const flags = nearRelativeFlags(
      [{ name: '王一', relation: 'parent', memberId: 'm1' }, { name: '李二', relation: 'sibling', memberId: null }],
      [{ memberId: 'm1', name: '王一', role: '入党介绍人' }, { memberId: 'm3', name: '李二', role: '支部书记' }, { memberId: 'm4', name: '赵四', role: '入党介绍人' }],
    );
    expect(flags.map((f) => f.message)).toEqual(['入党介绍人王一是申请人的父母', '支部书记李二是申请人的兄弟姐妹']);
  });
});
