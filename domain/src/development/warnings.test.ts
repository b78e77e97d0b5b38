import { describe, expect, it } from 'vitest';
import { fileWarnings, type WarningFacts } from './warnings';

const base: WarningFacts = { status: 'active', currentStep: 1, nextDeadline: '2026-02-10', nextDeadlineKind: 'talk', nextDeadlineStep: 2, probationEnd: null };

describe('daily warnings of a development file', () => {
  it('an overdue talk from the day after its due date, not on it', () => {
    expect(fileWarnings(base, '2026-02-10')).toEqual([]);
    expect(fileWarnings(base, '2026-02-11')).toEqual([{ kind: 'talk', step: 2, due: '2026-02-10', message: '入党申请谈话超期（1个月内）：应于 2026-02-10 前办理（入党申请谈话（1个月内））' }]);
  });
  it('half-yearly assessment and approval beyond 3 months', () => {
    expect(fileWarnings({ ...base, currentStep: 6, nextDeadlineKind: 'assessment', nextDeadlineStep: 6 }, '2026-03-01')[0].kind).toBe('assessment');
    expect(fileWarnings({ ...base, currentStep: 16, nextDeadlineKind: 'approval', nextDeadlineStep: 17 }, '2026-03-01')[0]).toMatchObject({ kind: 'approval', step: 17 });
  });
  it('a probation ending within 30 days (inclusive), only before the conversion vote', () => {
    const p: WarningFacts = { ...base, currentStep: 21, nextDeadline: '2026-09-01', nextDeadlineKind: 'conversion', nextDeadlineStep: 23, probationEnd: '2026-09-01' };
    expect(fileWarnings(p, '2026-08-01')).toEqual([]);
    expect(fileWarnings(p, '2026-08-02')).toEqual([{ kind: 'probationEnding', step: 23, due: '2026-09-01', message: '预备期将于 2026-09-01 届满，请准备转正申请和支部大会讨论' }]);
    expect(fileWarnings(p, '2026-09-02').map((w) => w.kind)).toEqual(['conversion']);
    expect(fileWarnings({ ...p, currentStep: 23 }, '2026-08-15').map((w) => w.kind)).toEqual([]);
  });
  it('nothing for a closed or finished file', () => {
    expect(fileWarnings({ ...base, status: 'closed' }, '2030-01-01')).toEqual([]);
  });
});
