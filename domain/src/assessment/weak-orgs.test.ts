import { describe, expect, it } from 'vitest';
import { autoCriteria, dutyStarsPersistentlyLow, nextWeakStatus, noNewMemberFor, vacancyTooLong } from './weak-orgs';

describe('weak-org criteria from the records', () => {
  it('a vacancy of exactly 3 months is not yet too long; a day more is', () => {
    expect(vacancyTooLong('2026-03-15', '2026-06-15')).toBe(false);
    expect(vacancyTooLong('2026-03-15', '2026-06-16')).toBe(true);
    expect(vacancyTooLong('2026-03-15', '2026-06-14')).toBe(false);
    // Month ends: 30 November + 3 months is the end of February.
    expect(vacancyTooLong('2025-11-30', '2026-02-28')).toBe(false);
    expect(vacancyTooLong('2025-11-30', '2026-03-01')).toBe(true);
    expect(vacancyTooLong(null, '2026-06-15')).toBe(false);
  });
  it('no new member for two years: exactly two years counts, a day less does not; never admitted counts', () => {
    expect(noNewMemberFor('2024-06-15', '2026-06-15')).toBe(true);
    expect(noNewMemberFor('2024-06-16', '2026-06-15')).toBe(false);
    expect(noNewMemberFor(null, '2026-06-15')).toBe(true);
  });
  it('duty stars persistently low: the last three closed months each at most one star', () => {
    expect(dutyStarsPersistentlyLow([3, 1, 0, 1])).toBe(true);
    expect(dutyStarsPersistentlyLow([1, 0, 2])).toBe(false);
    expect(dutyStarsPersistentlyLow([0, 0])).toBe(false);
  });
  it('lists what the records show, with the figures; satisfaction only where recorded', () => {
    const found = autoCriteria({ secretaryVacantSince: '2026-01-10', lastJoinDate: '2023-05-01', meetingRatePermille: 450, closedStars: [1, 1, 0], satisfactionPercent: 59 }, '2026-06-15');
    expect(found.map((f) => f.key)).toEqual(['secretaryVacant', 'noNewMember', 'meetingsNotHeld', 'lowDutyStars', 'lowSatisfaction']);
    expect(found[0].detail).toBe('书记自 2026-01-10 起空缺，超过3个月');
    expect(found[2].detail).toBe('三会一课按期召开率 45.0%，低于60%');
    const none = autoCriteria({ secretaryVacantSince: null, lastJoinDate: '2025-05-01', meetingRatePermille: 600, closedStars: [3, 3, 3], satisfactionPercent: 60 }, '2026-06-15');
    expect(none).toEqual([]);
    expect(autoCriteria({ secretaryVacantSince: null, lastJoinDate: '2025-05-01', meetingRatePermille: null, closedStars: [], satisfactionPercent: null }, '2026-06-15')).toEqual([]);
  });
});

describe('rectification status', () => {
  it('identified → rectifying (四个一) → progress → accepted → removed; out of order refused in Chinese', () => {
    expect(nextWeakStatus('identified', 'plan')).toBe('rectifying');
    expect(nextWeakStatus('rectifying', 'progress')).toBe('rectifying');
    expect(nextWeakStatus('rectifying', 'accept')).toBe('accepted');
    expect(nextWeakStatus('accepted', 'remove')).toBe('removed');
    expect(() => nextWeakStatus('identified', 'progress')).toThrow('请先落实“四个一”');
    expect(() => nextWeakStatus('identified', 'accept')).toThrow('尚未开始整顿，不能验收');
    expect(() => nextWeakStatus('rectifying', 'remove')).toThrow('整顿验收合格后才能销号');
    expect(() => nextWeakStatus('removed', 'plan')).toThrow('整顿已验收或销号');
  });
});
