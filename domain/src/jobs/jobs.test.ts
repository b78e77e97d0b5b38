import { describe, expect, it } from 'vitest';
import { checkPeriod, describeJobResult, duePeriod } from './jobs';

describe('duePeriod', () => {
  it('daily jobs run for the date in China, which is already tomorrow after 16:00 UTC', () => {
    expect(duePeriod('daily', new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
    expect(duePeriod('daily', new Date('2026-11-26T16:00:00Z'))).toBe('2026-11-27');
  });
  it('monthly jobs run for the month that just ended, across the year boundary', () => {
    expect(duePeriod('monthly', new Date('2026-11-26T04:00:00Z'))).toBe('2026-10');
    expect(duePeriod('monthly', new Date('2026-12-31T15:59:59Z'))).toBe('2026-11');
    expect(duePeriod('monthly', new Date('2026-12-31T16:00:00Z'))).toBe('2026-12');
    expect(duePeriod('monthly', new Date('2027-01-15T00:00:00Z'))).toBe('2026-12');
  });
});

describe('checkPeriod', () => {
  const now = new Date('2026-11-26T04:00:00Z');
  it('accepts today and past days, past months', () => {
    expect(checkPeriod('daily', '2026-11-26', now).ok).toBe(true);
    expect(checkPeriod('daily', '2025-01-31', now).ok).toBe(true);
    expect(checkPeriod('monthly', '2026-10', now).ok).toBe(true);
  });
  it('refuses the future and the month still running', () => {
    expect(checkPeriod('daily', '2026-11-27', now)).toMatchObject({ ok: false, message: expect.stringContaining('不能提前') });
    expect(checkPeriod('monthly', '2026-11', now)).toMatchObject({ ok: false, message: expect.stringContaining('尚未结束') });
  });
  it('refuses malformed periods with the expected format', () => {
    expect(checkPeriod('daily', '2026-11', now)).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') });
    expect(checkPeriod('monthly', '2026-13', now)).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM') });
    expect(checkPeriod('daily', '2026-02-32', now).ok).toBe(false);
    // Impossible calendar dates (they used to reach the database and come back as raw SQL text in the run's error).
    expect(checkPeriod('daily', '2026-02-30', now)).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') });
    expect(checkPeriod('daily', '2025-02-29', now).ok).toBe(false);
    expect(checkPeriod('daily', '2024-02-29', now).ok).toBe(true);
    expect(checkPeriod('monthly', '0000-01', now).ok).toBe(false);
  });
});

describe('describeJobResult', () => {
  const labels = { checked: '检查档案', created: '新增预警', skipped: '跳过', month: '月份' };
  it('names the labelled keys in the labels’ order, booleans as 是/否, and leaves out unlabelled keys, objects and blanks', () => {
    expect(describeJobResult({ created: 3, checked: 1161, internal: 'x', skipped: false, month: '' }, labels)).toBe('检查档案：1161；新增预警：3；跳过：否');
    expect(describeJobResult({ skipped: true, detail: { a: 1 } }, labels)).toBe('跳过：是');
  });
  it('says so when there is nothing to show', () => {
    expect(describeJobResult({ other: 1 }, labels)).toBe('无变化');
    expect(describeJobResult(null, labels)).toBe('无结果');
  });
});
