// Age bands for the structure statistics (≤30, 31–40, 41–50, 51–60, 61–70, >70), at a given China date.
import { latestBirthDateForAge, yearsBetween, type IsoDate } from '../calendar/dates';

export const AGE_BANDS = ['upTo30', '31to40', '41to50', '51to60', '61to70', 'over70'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  upTo30: '30岁及以下',
  '31to40': '31至40岁',
  '41to50': '41至50岁',
  '51to60': '51至60岁',
  '61to70': '61至70岁',
  over70: '70岁以上',
};
// The lowest age of each band, in AGE_BANDS order.
const BAND_MIN_AGE: Record<AgeBand, number> = { upTo30: 0, '31to40': 31, '41to50': 41, '51to60': 51, '61to70': 61, over70: 71 };

/** The band of an age in whole years. */
export function ageBand(age: number): AgeBand {
  for (let i = AGE_BANDS.length - 1; i > 0; i--) if (age >= BAND_MIN_AGE[AGE_BANDS[i]]) return AGE_BANDS[i];
  return AGE_BANDS[0];
}

export const ageBandOn = (birthDate: IsoDate, today: IsoDate): AgeBand => ageBand(yearsBetween(birthDate, today));

/**
 * Each band as a birth-date range for SQL: born after `bornAfter` (exclusive) and on or before `bornOnOrBefore`
 * (either may be null = unbounded). Age ≥ n ⟺ birthDate ≤ latestBirthDateForAge(today, n).
 */
export function ageBandBirthRanges(today: IsoDate): { band: AgeBand; bornAfter: IsoDate | null; bornOnOrBefore: IsoDate | null }[] {
  return AGE_BANDS.map((band, i) => {
    const min = BAND_MIN_AGE[band];
    const next = AGE_BANDS[i + 1];
    return {
      band,
      bornOnOrBefore: min === 0 ? null : latestBirthDateForAge(today, min),
      bornAfter: next ? latestBirthDateForAge(today, BAND_MIN_AGE[next]) : null,
    };
  });
}

/** 35岁及以下: age ≤ 35 ⟺ born after the latest birth date of a 36-year-old. */
export const YOUTH_MAX_AGE = 35;
export const youthBornAfter = (today: IsoDate): IsoDate => latestBirthDateForAge(today, YOUTH_MAX_AGE + 1);
