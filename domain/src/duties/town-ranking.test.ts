import { describe, expect, it } from 'vitest';
import { rankTowns } from './town-ranking';

const t = (name: string, sector: string, yearRate: number | null, averageStars: number | null = 2) => ({ name, sector, yearRate, averageStars });

describe('rankTowns', () => {
  it('ranks only towns and streets; county units follow unranked, in their order', () => {
    const out = rankTowns([t('县直机关工委', 'agency', 99), t('城关街道', 'street', 80), t('县中学', 'school', 100), t('代字营镇', 'town', 90), t('县医院', 'hospital', 95)]);
    expect(out.map((x) => [x.name, x.rank])).toEqual([['代字营镇', 1], ['城关街道', 2], ['县直机关工委', null], ['县中学', null], ['县医院', null]]);
  });

  it('orders by rate, then average stars, then org order; no rate ranks last', () => {
    const out = rankTowns([t('甲镇', 'town', 80, 2), t('乙镇', 'town', null, 3), t('丙镇', 'town', 80, 2.5), t('丁镇', 'town', 80, 2), t('戊镇', 'town', 0, 0)]);
    expect(out.map((x) => [x.name, x.rank])).toEqual([['丙镇', 1], ['甲镇', 2], ['丁镇', 3], ['戊镇', 4], ['乙镇', 5]]);
  });

  it('returns the panels in rank order (第3名 before 第14名)', () => {
    const towns = Array.from({ length: 15 }, (_, i) => t(`镇${i}`, 'town', i * 5));
    const ranks = rankTowns(towns).map((x) => x.rank);
    expect(ranks).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
  });
});
