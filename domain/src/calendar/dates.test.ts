import { describe, expect, it } from 'vitest';
import { addDays, addMonths, addYears, isValidIsoDate, latestBirthDateForAge, nthBirthday, toChinaDate, yearsBetween } from './dates';

describe('toChinaDate', () => {
  it('is the UTC+8 calendar date', () => {
    expect(toChinaDate(new Date('2026-06-14T15:59:59Z'))).toBe('2026-06-14');
    expect(toChinaDate(new Date('2026-06-14T16:00:00Z'))).toBe('2026-06-15');
  });
});

describe('isValidIsoDate', () => {
  it('accepts real dates and refuses impossible ones or other formats', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2023-02-29')).toBe(false);
    expect(isValidIsoDate('1990-02-30')).toBe(false);
    expect(isValidIsoDate('2026-13-01')).toBe(false);
    expect(isValidIsoDate('2026-1-01')).toBe(false);
    expect(isValidIsoDate('20260101')).toBe(false);
  });
});

describe('yearsBetween', () => {
  it('counts the anniversary day, not the day before', () => {
    expect(yearsBetween('2000-06-15', '2018-06-14')).toBe(17);
    expect(yearsBetween('2000-06-15', '2018-06-15')).toBe(18);
    expect(yearsBetween('2000-06-15', '2018-06-16')).toBe(18);
  });
  it('handles month boundaries and same-year dates', () => {
    expect(yearsBetween('2000-12-31', '2001-01-01')).toBe(0);
    expect(yearsBetween('2000-01-01', '2000-12-31')).toBe(0);
    expect(yearsBetween('2000-01-31', '2001-02-01')).toBe(1);
  });
  it('has a 29 February birthday count from 1 March in common years, on 29 February in leap years', () => {
    expect(yearsBetween('2000-02-29', '2001-02-28')).toBe(0);
    expect(yearsBetween('2000-02-29', '2001-03-01')).toBe(1);
    expect(yearsBetween('2000-02-29', '2004-02-28')).toBe(3);
    expect(yearsBetween('2000-02-29', '2004-02-29')).toBe(4);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('addMonths', () => {
  it('clamps the day to the end of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('keeps the day when it exists and crosses years', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
  it('addYears clamps 29 February to 28 February in a common year', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
});

describe('nthBirthday', () => {
  it('is the same month and day n years on', () => {
    expect(nthBirthday('2000-06-15', 18)).toBe('2018-06-15');
  });
  it('is 1 March for a 29 February birth in a common year, agreeing with yearsBetween', () => {
    expect(nthBirthday('2000-02-29', 18)).toBe('2018-03-01');
    expect(nthBirthday('2000-02-29', 20)).toBe('2020-02-29');
    for (const n of [1, 17, 18, 19, 20, 21]) {
      const d = nthBirthday('2000-02-29', n);
      expect(yearsBetween('2000-02-29', d)).toBe(n);
      expect(yearsBetween('2000-02-29', addDays(d, -1))).toBe(n - 1);
    }
  });
});

describe('latestBirthDateForAge', () => {
  it('is the boundary of yearsBetween: born on it → that age, born a day later → younger', () => {
    for (const today of ['2026-06-15', '2026-02-28', '2028-02-29', '2026-03-01', '2026-01-01']) {
      for (const age of [0, 1, 18, 35, 60]) {
        const b = latestBirthDateForAge(today, age);
        expect(yearsBetween(b, today)).toBeGreaterThanOrEqual(age);
        expect(yearsBetween(addDays(b, 1), today)).toBeLessThan(age);
      }
    }
  });
});

describe('birthday helpers, exhaustively over every day of a leap cycle', () => {
  const days: string[] = [];
  for (let d = '1999-12-25'; d <= '2004-01-05'; d = addDays(d, 1)) days.push(d);

  it('nthBirthday is the first day of the age, for every birth date', () => {
    for (const b of days) {
      for (const n of [1, 18]) {
        const d = nthBirthday(b, n);
        expect(yearsBetween(b, d)).toBe(n);
        expect(yearsBetween(b, addDays(d, -1))).toBe(n - 1);
      }
    }
  });

  it('latestBirthDateForAge bounds the age, for every today', () => {
    for (const today of days) {
      const b = latestBirthDateForAge(today, 18);
      expect(yearsBetween(b, today)).toBe(18);
      expect(yearsBetween(addDays(b, 1), today)).toBe(17);
    }
  });
});
