import { describe, expect, it } from 'vitest';
import { isStale, quotaExceeded, quotaPipelineWarning, structureOf } from './plans';

describe('plans and structure', () => {
  it('a quota is exceeded only above it; no quota never warns', () => {
    expect(quotaExceeded(10, 10)).toBe(false);
    expect(quotaExceeded(10, 11)).toBe(true);
    expect(quotaExceeded(null, 999)).toBe(false);
  });
  it('counts under 35 at the admission date (35th birthday no longer counts), women, frontline, college', () => {
    const s = structureOf(2026, [
      { birthDate: '1991-03-01', admittedOn: '2026-02-28', gender: 'female', education: 'bachelor', occupation: 'farmer' },
      { birthDate: '1991-03-01', admittedOn: '2026-03-01', gender: 'male', education: 'highSchool', occupation: 'civilServant' },
    ]);
    expect(s).toEqual({ year: 2026, admitted: 2, under35: 1, women: 1, frontline: 1, college: 1, shares: { under35: 50, women: 50, frontline: 50, college: 50 } });
  });
  it('a branch is stale when nobody joined in the last three years', () => {
    expect(isStale('2023-06-15', '2026-06-15')).toBe(false);
    expect(isStale('2023-06-14', '2026-06-15')).toBe(true);
    expect(isStale(null, '2026-06-15')).toBe(true);
  });
});

describe('quota warnings on the pipeline', () => {
  it('over plan, about to go over with pending approvals, or none', () => {
    expect(quotaPipelineWarning('城关镇党委', 2026, null, 9, 9)).toBeNull();
    expect(quotaPipelineWarning('城关镇党委', 2026, 10, 10, 0)).toBeNull();
    expect(quotaPipelineWarning('城关镇党委', 2026, 10, 11, 0)).toEqual({ exceeded: true, message: '城关镇党委2026年发展党员计划10名，已审批接收11名，超出计划1名（控制总量）' });
    expect(quotaPipelineWarning('城关镇党委', 2026, 10, 8, 3)).toMatchObject({ exceeded: false });
    expect(quotaPipelineWarning('城关镇党委', 2026, 10, 8, 2)).toBeNull();
  });
});
