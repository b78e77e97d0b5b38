import { describe, expect, it } from 'vitest';
import { checkDisciplineInput, disciplineActive, underDisciplineProbation, type DisciplineInput } from './discipline';

const probation = (start: string, end: string | null): DisciplineInput => ({ kind: 'probation', startDate: start, endDate: end, reason: '违反组织纪律', decidedBy: '县纪委' });

describe('discipline records (党纪处分)', () => {
  it('留党察看 needs an end date within two years (党章第四十条)', () => {
    expect(checkDisciplineInput(probation('2026-01-10', null), '2026-11-01')).toEqual([{ path: 'endDate', message: '留党察看须填写察看期满日期（察看期为一年或二年）' }]);
    expect(checkDisciplineInput(probation('2026-01-10', '2028-01-10'), '2026-11-01')).toEqual([]);
    expect(checkDisciplineInput(probation('2026-01-10', '2028-01-11'), '2026-11-01')[0].message).toBe('留党察看期最长不超过二年（党章第四十条），察看期满日期最晚为 2028-01-10');
  });
  it('refuses a future decision and an end before the start', () => {
    expect(checkDisciplineInput({ ...probation('2026-11-02', '2027-11-02') }, '2026-11-01')[0].path).toBe('startDate');
    expect(checkDisciplineInput({ ...probation('2026-01-10', '2026-01-09') }, '2026-11-01')[0].path).toBe('endDate');
    expect(checkDisciplineInput({ kind: 'warning', startDate: '2026-01-10', endDate: null, reason: 'x', decidedBy: 'y' }, '2026-11-01')).toEqual([]);
  });
  it('under 留党察看 from the start date up to the day before the end; a revoked record or another kind does not count', () => {
    const d = { kind: 'probation' as const, startDate: '2026-01-10', endDate: '2027-01-10', revoked: false };
    expect(underDisciplineProbation([d], '2026-01-09')).toBe(false);
    expect(underDisciplineProbation([d], '2026-01-10')).toBe(true);
    expect(underDisciplineProbation([d], '2027-01-09')).toBe(true);
    expect(underDisciplineProbation([d], '2027-01-10')).toBe(false);
    expect(underDisciplineProbation([{ ...d, revoked: true }], '2026-06-01')).toBe(false);
    expect(underDisciplineProbation([{ ...d, kind: 'seriousWarning', endDate: null }], '2026-06-01')).toBe(false);
    expect(disciplineActive({ ...d, kind: 'warning', endDate: null }, '2030-01-01')).toBe(true);
  });
});
