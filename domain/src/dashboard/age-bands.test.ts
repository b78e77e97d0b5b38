import { describe, expect, it } from 'vitest';
import { addDays, yearsBetween } from '../calendar/dates';
import { AGE_BANDS, ageBand, ageBandBirthRanges, ageBandOn, youthBornAfter } from './age-bands';

const inRange = (birth: string, r: { bornAfter: string | null; bornOnOrBefore: string | null }) =>
  (r.bornAfter === null || birth > r.bornAfter) && (r.bornOnOrBefore === null || birth <= r.bornOnOrBefore);

describe('ageBand', () => {
  it.each([
    [0, 'upTo30'], [30, 'upTo30'], [31, '31to40'], [40, '31to40'], [41, '41to50'], [50, '41to50'],
    [51, '51to60'], [60, '51to60'], [61, '61to70'], [70, '61to70'], [71, 'over70'], [104, 'over70'],
  ] as const)('age %i is %s', (age, band) => expect(ageBand(age)).toBe(band));
});

describe('ageBandOn', () => {
  it('moves into the next band on the 31st birthday, not the day before', () => {
    expect(ageBandOn('1995-06-15', '2026-06-14')).toBe('upTo30');
    expect(ageBandOn('1995-06-15', '2026-06-15')).toBe('31to40');
  });
  it('counts a 29 February birthday from 1 March in a common year', () => {
    expect(ageBandOn('1996-02-29', '2027-02-28')).toBe('upTo30');
    expect(ageBandOn('1996-02-29', '2027-03-01')).toBe('31to40');
  });
});

describe('ageBandBirthRanges', () => {
  it('covers every birth date exactly once and agrees with ageBandOn (a sweep of 90 years of birth dates, several todays)', () => {
    for (const today of ['2026-06-15', '2028-02-29', '2027-02-28', '2026-01-01', '2026-12-31']) {
      const ranges = ageBandBirthRanges(today);
      expect(ranges.map((r) => r.band)).toEqual([...AGE_BANDS]);
      for (let birth = addDays(today, -90 * 366); birth <= today; birth = addDays(birth, 3)) {
        const hits = ranges.filter((r) => inRange(birth, r));
        expect(hits, `${birth} on ${today}`).toHaveLength(1);
        expect(hits[0].band, `${birth} on ${today}`).toBe(ageBandOn(birth, today));
      }
    }
  }, 30_000);
  it('puts the boundaries on the birthdays', () => {
    const r = ageBandBirthRanges('2026-06-15');
    expect(r[0]).toEqual({ band: 'upTo30', bornAfter: '1995-06-15', bornOnOrBefore: null });
    expect(r[1]).toEqual({ band: '31to40', bornAfter: '1985-06-15', bornOnOrBefore: '1995-06-15' });
    expect(r[5]).toEqual({ band: 'over70', bornAfter: null, bornOnOrBefore: '1955-06-15' });
  });
});

describe('youthBornAfter (35岁及以下)', () => {
  it('includes someone 35 years and 364 days old and excludes the 36th birthday', () => {
    const after = youthBornAfter('2026-06-15');
    expect('1990-06-16' > after).toBe(true);
    expect(yearsBetween('1990-06-16', '2026-06-15')).toBe(35);
    expect('1990-06-15' > after).toBe(false);
    expect(yearsBetween('1990-06-15', '2026-06-15')).toBe(36);
  });
});
