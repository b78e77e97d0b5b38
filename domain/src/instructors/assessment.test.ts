import { describe, expect, it } from 'vitest';
import { DEFAULT_ASSESSMENT_SETTINGS as S, assessmentScore, checkAssessmentSettings, gradeOf, subsidyOf } from './assessment';
import { instructorEligibility } from './eligibility';
import { hasOrgCoverage, hasWorkCoverage, shouldBuild, tallyCoverage } from './coverage';
import { sizeBandOf } from './vocabulary';

describe('grades and subsidy', () => {
  it('a score equal to a threshold reaches the grade; just below does not', () => {
    expect(gradeOf(90, S.thresholds)).toBe('excellent');
    expect(gradeOf(89.9, S.thresholds)).toBe('competent');
    expect(gradeOf(75, S.thresholds)).toBe('competent');
    expect(gradeOf(74.9, S.thresholds)).toBe('basic');
    expect(gradeOf(60, S.thresholds)).toBe('basic');
    expect(gradeOf(59.9, S.thresholds)).toBe('incompetent');
    expect(gradeOf(0, S.thresholds)).toBe('incompetent');
  });
  it('thresholds are a setting', () => {
    expect(gradeOf(85, { excellent: 85, competent: 70, basic: 50 })).toBe('excellent');
  });
  it('the subsidy follows the grade', () => {
    expect(subsidyOf('excellent', S)).toBe(6000);
    expect(subsidyOf('incompetent', S)).toBe(0);
  });
  it('weighted score of the components; out-of-range component refused', () => {
    expect(assessmentScore({ daily: 100, report: 100, records: 100, talk: 100, staffRating: 100 }, S)).toBe(100);
    expect(assessmentScore({ daily: 90, report: 80, records: 70, talk: 60, staffRating: 100 }, S)).toBe(84.5);
    expect(() => assessmentScore({ daily: 101, report: 0, records: 0, talk: 0, staffRating: 0 }, S)).toThrow(/0 到 100/);
  });
  it('settings are checked', () => {
    expect(checkAssessmentSettings(S)).toEqual([]);
    expect(checkAssessmentSettings({ ...S, weights: { ...S.weights, daily: 50 } })[0]).toContain('110');
    expect(checkAssessmentSettings({ ...S, thresholds: { excellent: 70, competent: 80, basic: 60 } })).toHaveLength(1);
  });
});

describe('eligibility (no 处分 in force)', () => {
  const on = '2026-06-01';
  it('a clean record is eligible; a revoked or ended one too', () => {
    expect(instructorEligibility('张三', [], on)).toBeNull();
    expect(instructorEligibility('张三', [{ kind: 'probation', startDate: '2024-01-01', endDate: '2025-01-01', revoked: false }], on)).toBeNull();
    expect(instructorEligibility('张三', [{ kind: 'warning', startDate: '2026-01-01', endDate: null, revoked: true }], on)).toBeNull();
  });
  it('留党察看 in force is refused with its end date; another discipline in force too', () => {
    expect(instructorEligibility('张三', [{ kind: 'probation', startDate: '2026-01-01', endDate: '2027-01-01', revoked: false }], on)).toMatchObject({ code: 'UNDER_PROBATION' });
    expect(instructorEligibility('张三', [{ kind: 'probation', startDate: '2026-01-01', endDate: '2027-01-01', revoked: false }], on)?.message).toContain('2027-01-01');
    expect(instructorEligibility('张三', [{ kind: 'seriousWarning', startDate: '2026-03-01', endDate: null, revoked: false }], on)).toMatchObject({ code: 'DISCIPLINE_IN_FORCE' });
    // Ends on the day: in force until the day before.
    expect(instructorEligibility('张三', [{ kind: 'probation', startDate: '2025-06-01', endDate: '2026-06-01', revoked: false }], on)).toBeNull();
  });
});

describe('two coverages', () => {
  const e = (orgForm: 'own' | 'joint' | 'attached' | 'none', membersEmployed: number, hasInstructor = false) => ({ orgForm, membersEmployed, hasInstructor, hasWorkCoverage: false });
  it('应建未建: 3 or more members and no party org', () => {
    expect(shouldBuild(e('none', 3))).toBe(true);
    expect(shouldBuild(e('none', 2))).toBe(false);
    expect(shouldBuild(e('joint', 5))).toBe(false);
  });
  it('organization and work coverage', () => {
    expect(hasOrgCoverage(e('attached', 0))).toBe(true);
    expect(hasWorkCoverage(e('none', 0, true))).toBe(true);
    expect(hasWorkCoverage(e('none', 0))).toBe(false);
  });
  it('tallies by key with rates in permille', () => {
    const t = tallyCoverage([e('own', 5), e('none', 4), e('none', 1, true)], () => ({ key: 'x', label: 'X' }));
    expect(t).toEqual([{ key: 'x', label: 'X', total: 3, orgCovered: 1, workCovered: 2, shouldBuild: 1, orgRatePermille: 333, workRatePermille: 667 }]);
  });
  it('size bands', () => {
    expect([sizeBandOf(null), sizeBandOf(9), sizeBandOf(10), sizeBandOf(49), sizeBandOf(50), sizeBandOf(200)]).toEqual(['micro', 'micro', 'small', 'small', 'medium', 'large']);
  });
});
