import { describe, expect, it } from 'vitest';
import {
  RATING_CODE_ALPHABET,
  checkRatingAnswers,
  checkStaffRatingItems,
  formatRatingCode,
  normalizeRatingCode,
  ratingCodeFrom,
  ratingCodeRefusal,
  ratingVoteTenths,
  staffRatingAggregate,
  staffRatingComponent,
} from './staff-rating';

const bytes = (values: number[]) => {
  let k = 0;
  return (n: number) => Uint8Array.from({ length: n }, () => values[k++ % values.length]);
};

describe('one-time codes', () => {
  it('draws ten characters of the alphabet, skipping the bytes that would bias it', () => {
    // 248 = 8 × 31 is the first byte refused; 247 is the last accepted (247 % 31 = 30, the last character).
    const code = ratingCodeFrom(bytes([248, 255, 247, 0]));
    expect(code).toHaveLength(10);
    expect(code).toBe('Z2Z2Z2Z2Z2');
    expect([...ratingCodeFrom(bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))].every((c) => RATING_CODE_ALPHABET.includes(c))).toBe(true);
  });
  it('prints in two groups and reads back however it is typed', () => {
    expect(formatRatingCode('ABCDEFGHJK')).toBe('ABCDE-FGHJK');
    expect(normalizeRatingCode(' abcde-fghjk ')).toBe('ABCDEFGHJK');
    expect(normalizeRatingCode('ABCDE FGHJK')).toBe('ABCDEFGHJK');
    expect(normalizeRatingCode('ABCDEFGHJ')).toBeNull(); // nine characters
    expect(normalizeRatingCode('ABCDEFGHJKL')).toBeNull(); // eleven
    expect(normalizeRatingCode('ABCDEFGHJ0')).toBeNull(); // 0 is not in the alphabet
  });
  it('refuses a used code before an expired one, and expires at the instant given', () => {
    const expiresAt = new Date('2026-12-31T16:00:00Z');
    expect(ratingCodeRefusal({ usedOn: null, expiresAt }, new Date('2026-12-31T15:59:59Z'))).toBeNull();
    expect(ratingCodeRefusal({ usedOn: null, expiresAt }, expiresAt)).toBe('expired');
    expect(ratingCodeRefusal({ usedOn: '2026-12-01', expiresAt }, new Date('2027-01-05T00:00:00Z'))).toBe('used');
  });
});

describe('items', () => {
  it('accepts the default four; refuses too few, too many, too long and duplicates', () => {
    expect(checkStaffRatingItems(['工作态度', '业务能力', '服务成效', '廉洁自律'])).toEqual([]);
    expect(checkStaffRatingItems(['工作态度'])[0]).toContain('2 到 8 项');
    expect(checkStaffRatingItems(Array.from({ length: 9 }, (_, k) => `项目${k}`))[0]).toContain('现为 9 项');
    expect(checkStaffRatingItems(['好', '业务能力'])[0]).toContain('第1项');
    expect(checkStaffRatingItems(['工作态度', '工作态度'])).toEqual(['评议项目“工作态度”重复']);
  });
});

describe('votes', () => {
  it('needs one known answer per item', () => {
    const items = ['工作态度', '业务能力'];
    expect(checkRatingAnswers(items, ['satisfied', 'basic'])).toEqual([]);
    expect(checkRatingAnswers(items, ['satisfied'])[0]).toContain('全部 2 个');
    expect(checkRatingAnswers(items, ['satisfied', 'great'])).toEqual(['“业务能力”的评价应为满意、基本满意或不满意']);
  });
  it('scores a vote as the mean of its items in tenths', () => {
    expect(ratingVoteTenths(['satisfied', 'satisfied', 'satisfied', 'satisfied'])).toBe(1000);
    expect(ratingVoteTenths(['satisfied', 'basic', 'unsatisfied'])).toBe(533); // 160 / 3 = 53.33
    expect(ratingVoteTenths(['basic', 'satisfied', 'satisfied'])).toBe(867); // 86.67
    expect(ratingVoteTenths(['unsatisfied'])).toBe(0);
  });
});

describe('the aggregate', () => {
  it('is hidden with two votes and shown from the third', () => {
    expect(staffRatingAggregate([1000, 1000])).toEqual({ votes: 2, visible: false, scoreTenths: null, componentScore: null });
    expect(staffRatingAggregate([1000, 1000, 600])).toEqual({ votes: 3, visible: true, scoreTenths: 867, componentScore: 87 });
    expect(staffRatingAggregate([])).toEqual({ votes: 0, visible: false, scoreTenths: null, componentScore: null });
  });
  it('rounds the component half up to whole points', () => {
    expect(staffRatingAggregate([845, 845, 845]).componentScore).toBe(85); // 84.5
    expect(staffRatingAggregate([844, 845, 845]).componentScore).toBe(84); // 84.47
  });
  it('replaces a hand entry once it exists; below the minimum the hand entry counts and is required', () => {
    const shown = staffRatingAggregate([1000, 1000, 1000]);
    expect(staffRatingComponent(shown, 70)).toEqual({ score: 100, fromVotes: true });
    expect(staffRatingComponent(shown, undefined)).toEqual({ score: 100, fromVotes: true });
    const few = staffRatingAggregate([0, 0]);
    expect(staffRatingComponent(few, 70)).toEqual({ score: 70, fromVotes: false });
    expect(staffRatingComponent(few, undefined)).toBeNull();
  });
});
