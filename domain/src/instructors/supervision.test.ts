import { describe, expect, it } from 'vitest';
import { checkFindings, tallyChecks } from './supervision';

describe('check findings', () => {
  const today = '2026-06-15';
  it('a finding to rectify needs a deadline from today to a year after the check', () => {
    expect(checkFindings([{ severity: 'minor', description: '纪实手册填写不全', rectify: true, deadline: '2026-06-15' }], '2026-06-10', today)).toEqual([]);
    expect(checkFindings([{ severity: 'minor', description: 'x', rectify: true, deadline: '2026-06-14' }], '2026-06-10', today)[0].message).toContain('不能早于今天（2026-06-15）');
    expect(checkFindings([{ severity: 'minor', description: 'x', rectify: true, deadline: '2027-06-10' }], '2026-06-10', today)).toEqual([]);
    expect(checkFindings([{ severity: 'minor', description: 'x', rectify: true, deadline: '2027-06-11' }], '2026-06-10', today)[0].message).toContain('不能晚于检查后一年（2027-06-10）');
    expect(checkFindings([{ severity: 'major', description: 'x', rectify: true, deadline: null }], '2026-06-10', today)).toEqual([{ path: 'findings.0.deadline', message: '第1条问题列入整改，请填写整改期限' }]);
    expect(checkFindings([{ severity: 'minor', description: 'x', rectify: false, deadline: '2026-07-01' }], '2026-06-10', today)[0].message).toContain('不需要整改期限');
  });
  it('a serious finding is always rectified', () => {
    expect(checkFindings([{ severity: 'serious', description: 'x', rectify: false, deadline: null }], '2026-06-10', today)[0]).toEqual({ path: 'findings.0.rectify', message: '第1条问题为严重问题，须列入整改' });
    expect(checkFindings([{ severity: 'minor', description: 'x', rectify: false, deadline: null }], '2026-06-10', today)).toEqual([]);
  });
});

describe('the quarter tally', () => {
  it('counts checks by kind, absences, clean checks, findings by severity and open rectifications', () => {
    const t = tallyChecks([
      { kind: 'random', checkedOn: '2026-04-02', instructorName: '甲', enterpriseName: 'A', inPost: true, findings: [] },
      { kind: 'unannounced', checkedOn: '2026-05-02', instructorName: '乙', enterpriseName: 'B', inPost: false, findings: [{ severity: 'serious', description: '不在岗', rectify: true, closed: false }, { severity: 'minor', description: '台账缺', rectify: true, closed: true }] },
      { kind: 'random', checkedOn: '2026-06-02', instructorName: '丙', enterpriseName: 'C', inPost: true, findings: [{ severity: 'minor', description: '提醒', rectify: false, closed: false }] },
    ]);
    expect(t).toEqual({ checks: 3, byKind: { random: 2, focused: 0, unannounced: 1 }, bySeverity: { minor: 2, major: 0, serious: 1 }, absent: 1, clean: 1, rectify: 2, closed: 1, open: 1 });
    expect(tallyChecks([]).checks).toBe(0);
  });
});
