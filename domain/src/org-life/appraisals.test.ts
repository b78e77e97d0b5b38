import { describe, expect, it } from 'vitest';
import { ZAppraisalInput, excellentShareIssue, followUpIssues, gradeVoteIssues, maxExcellentOf } from './appraisals';

const v = (excellent: number, qualified: number, basic = 0, unqualified = 0) => ({ excellent, qualified, basic, unqualified });

describe('democratic appraisal: the grade follows the votes', () => {
  it('accepts the grade with more than half of the votes', () => {
    expect(gradeVoteIssues('excellent', v(6, 4), 10)).toEqual([]);
    expect(gradeVoteIssues('unqualified', v(0, 1, 0, 8), 9)).toEqual([]);
  });
  it('refuses a grade that is not the most voted, naming both counts', () => {
    expect(gradeVoteIssues('excellent', v(3, 7), 10)[0]).toEqual({ path: 'grade', message: '评议等次“优秀”与得票不一致：“优秀”3票，“合格”7票' });
  });
  it('refuses a tie and a plurality without majority (boundary: exactly half)', () => {
    expect(gradeVoteIssues('excellent', v(5, 5), 10)[0].message).toBe('“优秀”与“合格”同为5票，须重新表决');
    expect(gradeVoteIssues('qualified', v(3, 4, 3), 10)[0].message).toContain('未超过得票合计10票的半数');
    expect(gradeVoteIssues('qualified', v(0, 5, 4, 1), 10)[0].message).toContain('未超过');
    expect(gradeVoteIssues('qualified', v(0, 6, 4), 10)).toEqual([]);
  });
  it('refuses no votes and more votes than voters', () => {
    expect(gradeVoteIssues('qualified', v(0, 0), 10)[0].path).toBe('votes');
    expect(gradeVoteIssues('qualified', v(0, 11), 10)[0].message).toBe('得票合计11票，超过参加表决的党员人数10人');
    expect(gradeVoteIssues('qualified', v(0, 10), 10)).toEqual([]);
  });
});

describe('democratic appraisal: the share of 优秀', () => {
  it('rounds the cap down', () => {
    expect(maxExcellentOf(10, 30)).toBe(3);
    expect(maxExcellentOf(9, 30)).toBe(2);
    expect(maxExcellentOf(3, 30)).toBe(0);
  });
  it('allows up to the cap and refuses one more with the figures', () => {
    expect(excellentShareIssue(2, 10, 30)).toBeNull();
    expect(excellentShareIssue(3, 10, 30)?.message).toBe('评为优秀的党员不能超过参评党员的30%：本支部参评党员10人，最多评3名优秀，已评3名');
  });
});

describe('democratic appraisal: follow-up of 不合格', () => {
  const today = '2026-12-03';
  const f = { action: 'correct' as const, dueOn: '2027-03-31', closedOn: null, outcome: null };
  it('requires a follow-up for 不合格 and refuses one for the other grades', () => {
    expect(followUpIssues('unqualified', null, today)[0].message).toContain('须确定处置方式');
    expect(followUpIssues('unqualified', f, today)).toEqual([]);
    expect(followUpIssues('qualified', f, today)[0].path).toBe('followUp');
    expect(followUpIssues('qualified', null, today)).toEqual([]);
  });
  it('closes with an outcome, not in the future (boundary: today)', () => {
    expect(followUpIssues('unqualified', { ...f, closedOn: today, outcome: '已改正' }, today)).toEqual([]);
    expect(followUpIssues('unqualified', { ...f, closedOn: '2026-12-04', outcome: '已改正' }, today)[0].message).toBe('办结日期不能晚于今天');
    expect(followUpIssues('unqualified', { ...f, closedOn: today }, today)[0].path).toBe('followUp.outcome');
  });
  it('validates the input with Chinese messages', () => {
    const r = ZAppraisalInput.safeParse({ memberId: '00000000-0000-4000-8000-000000000001', year: 2026, grade: 'good', votes: v(1, 0) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('评议等次应为优秀、合格、基本合格或不合格');
    const neg = ZAppraisalInput.safeParse({ memberId: '00000000-0000-4000-8000-000000000001', year: 2026, grade: 'qualified', votes: v(-1, 0) });
    expect(neg.success).toBe(false);
  });
});

describe('a recorded meeting as the evidence of a duty-list item', () => {
  it('maps the committee meeting to the month and the lecture to its quarter (boundaries: first and last month)', async () => {
    const { dutyEvidenceOf } = await import('./meetings');
    expect(dutyEvidenceOf('branchCommittee', '2026-06-30')).toEqual({ templateKey: 'monthlyMeeting', months: ['2026-06'] });
    expect(dutyEvidenceOf('partyLecture', '2026-04-01')).toEqual({ templateKey: 'partyLecture', months: ['2026-04', '2026-05', '2026-06'] });
    expect(dutyEvidenceOf('partyLecture', '2026-12-31')?.months).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(dutyEvidenceOf('branchAssembly', '2026-06-10')).toBeNull();
    expect(dutyEvidenceOf('groupMeeting', '2026-06-10')).toBeNull();
  });
});
