import { describe, expect, it } from 'vitest';
import { addMonthsToMonth, dayOfMonth, monthRange, monthsBetween } from './months';

describe('months', () => {
  it('adds across years', () => {
    expect(addMonthsToMonth('2026-12', 1)).toBe('2027-01');
    expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
    expect(addMonthsToMonth('2026-06', 6)).toBe('2026-12');
  });
  it('ranges and distances', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-02', '2026-01')).toEqual([]);
    expect(monthsBetween('2025-11', '2026-02')).toBe(3);
  });
  it('clamps a day to the month end, leap years included', () => {
    expect(dayOfMonth('2024-02', 30)).toBe('2024-02-29');
    expect(dayOfMonth('2026-04', 31)).toBe('2026-04-30');
  });
});
