import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FREQUENCIES,
  attendanceIssues,
  checkMeetingVote,
  checkupIssues,
  complianceFigures,
  futureDateIssue,
  hoursProgress,
  meetingPeriodsOfYear,
  moreThanHalf,
  periodCompliance,
  periodOf,
  quorum,
  quorumRefusal,
  talkCoverage,
  type AttendanceMark,
  type RosterMember,
  ZMeetingCreate,
  ZTrainingEntryCreate,
} from '../index';

const member = (i: number, status = 'full', committee = false): RosterMember => ({ memberId: `m${i}`, name: `党员${i}`, status, committee });
const present = (...ids: number[]): AttendanceMark[] => ids.map((i) => ({ memberId: `m${i}`, status: 'present', reason: null }));

describe('quorum', () => {
  const committee = [1, 2, 3, 4, 5].map((i) => member(i, 'full', true));
  const roster = [...committee, member(6), member(7)];

  it('a committee of 5 meets with 3 present and not with 2', () => {
    expect(quorum('branchCommittee', roster, present(1, 2, 3))).toMatchObject({ due: 5, present: 3, needed: 3, met: true });
    const q = quorum('branchCommittee', roster, present(1, 2, 6, 7));
    expect(q).toMatchObject({ due: 5, present: 2, needed: 3, met: false });
    expect(quorumRefusal('branchCommittee', q)).toContain('半数以上委员到会');
    expect(quorumRefusal('branchCommittee', q)).toContain('应到支部委员5人，实到2人，至少须3人');
  });

  it('more than half: exactly half is not enough', () => {
    expect([1, 2, 3, 4, 5, 6].map(moreThanHalf)).toEqual([1, 2, 2, 3, 3, 4]);
    const four = [1, 2, 3, 4].map((i) => member(i, 'full', true));
    expect(quorum('branchCommittee', four, present(1, 2)).met).toBe(false);
    expect(quorum('branchCommittee', four, present(1, 2, 3)).met).toBe(true);
  });

  it('an assembly counts full members only: probationary members do not vote', () => {
    const r = [member(1), member(2), member(3), member(4), member(5, 'probationary'), member(6, 'probationary'), member(7, 'probationary')];
    const q = quorum('branchAssembly', r, present(1, 2, 5, 6, 7));
    expect(q).toMatchObject({ due: 4, present: 2, needed: 3, met: false });
    expect(quorumRefusal('branchAssembly', q)).toContain('预备党员没有表决权');
    expect(quorum('branchAssembly', r, present(1, 2, 3)).met).toBe(true);
  });

  it('a probationary member’s vote is refused: votes cannot exceed the full members present', () => {
    const r = [member(1), member(2), member(3), member(4, 'probationary')];
    const q = quorum('branchAssembly', r, present(1, 2, 3, 4));
    expect(q.present).toBe(3);
    const refused = checkMeetingVote('branchAssembly', q, { yes: 4, no: 0, abstain: 0 });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.message).toContain('预备党员没有表决权');
    expect(checkMeetingVote('branchAssembly', q, { yes: 2, no: 1, abstain: 0 })).toEqual({ ok: true, passed: true });
    expect(checkMeetingVote('branchAssembly', q, { yes: 1, no: 2, abstain: 0 })).toEqual({ ok: true, passed: false });
  });

  it('a branch without committee members cannot decide in committee; group meetings and lectures need no quorum', () => {
    const q = quorum('branchCommittee', [member(1)], present(1));
    expect(q.met).toBe(false);
    expect(quorumRefusal('branchCommittee', q)).toContain('没有支部委员');
    expect(quorum('groupMeeting', [member(1)], []).required).toBe(false);
    expect(quorum('partyLecture', [member(1)], []).met).toBe(true);
  });
});

describe('attendance and dates', () => {
  const roster = [member(1), member(2)];
  it('refuses someone outside the branch, a duplicate, and a leave without reason', () => {
    const issues = attendanceIssues(
      roster,
      [
        { memberId: 'm1', status: 'present', reason: null },
        { memberId: 'm1', status: 'absent', reason: null },
        { memberId: 'm2', status: 'leave', reason: null },
        { memberId: 'x9', status: 'present', reason: null },
      ],
      (id) => (id === 'x9' ? '外支部张三' : null),
    );
    expect(issues.map((i) => i.message)).toEqual(['党员1重复登记', '请填写党员2的请假事由', '外支部张三不是本支部党员，不能登记出席']);
    expect(issues.map((i) => i.path)).toEqual(['attendance.1.memberId', 'attendance.2.reason', 'attendance.3.memberId']);
    expect(attendanceIssues(roster, [{ memberId: 'm2', status: 'leave', reason: '外出务工' }], () => null)).toEqual([]);
  });
  it('refuses a meeting dated after today, accepts today', () => {
    expect(futureDateIssue('2026-06-16', '2026-06-15')).toContain('晚于今天');
    expect(futureDateIssue('2026-06-15', '2026-06-15')).toBeNull();
  });
  it('validates the meeting body in Chinese (NUL byte, kind)', () => {
    const base = { orgId: '00000000-0000-4000-8000-000000000001', kind: 'branchCommittee', date: '2026-06-01', place: '会议室', chair: '张书记', recorder: '李委员', topic: '研究发展党员' };
    expect(ZMeetingCreate.safeParse(base).success).toBe(true);
    const nul = ZMeetingCreate.safeParse({ ...base, topic: '研究\u0000' });
    expect(nul.success || nul.error.issues[0].message).toContain('控制字符');
    const kind = ZMeetingCreate.safeParse({ ...base, kind: 'party' });
    expect(kind.success || kind.error.issues[0].message).toContain('会议类型');
    const hours = ZTrainingEntryCreate.safeParse({ memberId: base.orgId, source: 'meeting', studiedOn: '2026-01-01', hours: 2, title: '学习' });
    expect(hours.success || hours.error.issues[0].message).toContain('自动计入');
  });
});

describe('frequency compliance', () => {
  it('has the 条例 defaults', () => {
    expect(DEFAULT_FREQUENCIES).toEqual({ branchAssembly: 'quarterly', branchCommittee: 'monthly', groupMeeting: 'monthly', partyLecture: 'quarterly', lifeMeeting: 'yearly', themeDay: 'monthly' });
  });
  it('cuts a year into periods, February of a leap year included', () => {
    expect(meetingPeriodsOfYear('quarterly', 2026).map((p) => `${p.period} ${p.start}..${p.end}`)).toEqual([
      '2026-Q1 2026-01-01..2026-03-31', '2026-Q2 2026-04-01..2026-06-30', '2026-Q3 2026-07-01..2026-09-30', '2026-Q4 2026-10-01..2026-12-31',
    ]);
    expect(meetingPeriodsOfYear('monthly', 2028)[1].end).toBe('2028-02-29');
    expect(meetingPeriodsOfYear('yearly', 2026)).toEqual([{ period: '2026', start: '2026-01-01', end: '2026-12-31' }]);
    expect(periodOf('halfYearly', '2026-07-01')).toBe('2026-H2');
    expect(periodOf('quarterly', '2026-03-31')).toBe('2026-Q1');
  });
  it('a quarter’s last day: still open on 03-31, overdue on 04-01; a meeting on 03-31 counts for Q1', () => {
    expect(periodCompliance('quarterly', 2026, [], '2026-03-31')[0].state).toBe('open');
    expect(periodCompliance('quarterly', 2026, [], '2026-04-01')[0].state).toBe('overdue');
    const held = periodCompliance('quarterly', 2026, ['2026-03-31'], '2026-04-01');
    expect(held.map((p) => p.state)).toEqual(['held', 'open', 'future', 'future']);
    expect(complianceFigures(held)).toEqual({ held: 1, open: 1, overdue: 0, due: 1, ratePermille: 1000 });
  });
  it('monthly: held, overdue, and the rate held ÷ (held + overdue); periods before the org existed are left out', () => {
    const months = periodCompliance('monthly', 2026, ['2026-01-05', '2026-01-20', '2026-03-01'], '2026-04-10');
    expect(months.slice(0, 4).map((p) => [p.state, p.count])).toEqual([['held', 2], ['overdue', 0], ['held', 1], ['open', 0]]);
    expect(complianceFigures(months)).toMatchObject({ held: 2, overdue: 1, open: 1, ratePermille: 667 });
    expect(periodCompliance('monthly', 2026, [], '2026-04-10', '2026-03-15').map((p) => p.period).slice(0, 2)).toEqual(['2026-03', '2026-04']);
    expect(complianceFigures([]).ratePermille).toBeNull();
  });
});

describe('training hours', () => {
  it('32 for members, 56 for cadres; a shortfall until reached', () => {
    expect(hoursProgress([{ hours: 30 }, { hours: 1 }], false)).toEqual({ total: 31, required: 32, shortfall: 1, met: false, permille: 969 });
    expect(hoursProgress([{ hours: 32 }], false).met).toBe(true);
    expect(hoursProgress([{ hours: 32 }], true)).toMatchObject({ required: 56, shortfall: 24, met: false });
    expect(hoursProgress([{ hours: 80 }], true).permille).toBe(1000);
  });
  it('a member transferred mid-year keeps the old branch’s hours (entries are the member’s)', () => {
    const oldBranch = [{ hours: 10 }, { hours: 6 }];
    const newBranch = [{ hours: 16 }];
    expect(hoursProgress([...oldBranch, ...newBranch], false).met).toBe(true);
  });
});

describe('talk coverage', () => {
  it('covers members with a talk this year; last year’s talks do not count', () => {
    const c = talkCoverage(['a', 'b', 'c'], [{ memberId: 'a', talkedOn: '2026-02-01' }, { memberId: 'b', talkedOn: '2025-12-31' }], 2026);
    expect(c).toEqual({ total: 3, covered: 1, uncovered: ['b', 'c'], ratePermille: 333 });
  });
  it('a member transferred mid-year keeps a talk recorded in the old branch; one who left is no longer counted', () => {
    const c = talkCoverage(['a', 'new'], [{ memberId: 'new', talkedOn: '2026-03-01' }, { memberId: 'gone', talkedOn: '2026-03-01' }], 2026);
    expect(c).toMatchObject({ total: 2, covered: 1, uncovered: ['a'] });
    expect(talkCoverage([], [], 2026).ratePermille).toBeNull();
  });
});

describe('political check-up follow-up', () => {
  const today = '2026-06-15';
  it('sends 亚健康 and 不健康 to a training base with a date, never 健康', () => {
    expect(checkupIssues({ result: 'subHealthy', baseSessionOn: null, completedOn: null, recheckResult: null }, today).map((i) => i.message)).toEqual(['体检结果为亚健康，须安排锻炼基地锻炼日期']);
    expect(checkupIssues({ result: 'unhealthy', baseSessionOn: '2026-07-01', completedOn: null, recheckResult: null }, today)).toEqual([]);
    expect(checkupIssues({ result: 'healthy', baseSessionOn: '2026-07-01', completedOn: null, recheckResult: null }, today)[0].message).toContain('无需安排');
  });
  it('tracks completion after the session and the re-check after completion', () => {
    expect(checkupIssues({ result: 'subHealthy', baseSessionOn: '2026-05-01', completedOn: '2026-04-30', recheckResult: null }, today)[0].path).toBe('completedOn');
    expect(checkupIssues({ result: 'subHealthy', baseSessionOn: '2026-05-01', completedOn: null, recheckResult: 'healthy' }, today)[0].path).toBe('recheckResult');
    expect(checkupIssues({ result: 'subHealthy', baseSessionOn: '2026-05-01', completedOn: '2026-06-01', recheckResult: 'healthy' }, today)).toEqual([]);
    expect(checkupIssues({ result: 'subHealthy', baseSessionOn: '2026-05-01', completedOn: '2026-06-16', recheckResult: null }, today)[0].message).toContain('晚于今天');
  });
});
