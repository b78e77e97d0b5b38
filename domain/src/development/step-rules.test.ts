import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVELOPMENT_RULE_SET } from './rule-set';
import { approvalEntitled } from './approvers';
import { checkFailedVote, checkStep, nextSteps, probationEnd, type RecordedStep, type StepAttempt, type StepFacts } from './step-rules';
import { chineseWorkingDays } from './working-days';
import { nextDeadline, isOverdue } from './deadlines';

const rules = DEFAULT_DEVELOPMENT_RULE_SET.params;
const facts = (over: Partial<StepFacts> = {}): StepFacts => ({ today: '2030-01-01', rules, calendar: chineseWorkingDays, birthDate: '2000-05-20', ...over });
const attempt = (step: number, date: string, fields: Record<string, unknown> = {}, extra: Partial<StepAttempt> = {}): StepAttempt => ({ step, date, fields, publicity: null, overrideReason: null, ...extra });
const rec = (step: number, date: string, fields: Record<string, unknown> = {}): RecordedStep => ({ step, date, fields, publicity: null });
const okPublicity = (end: string) => ({ start: '2020-01-06', end, result: 'noObjection' as const });
const goodVote = { dueFullMembers: 10, presentFullMembers: 6, writtenYes: 0, yes: 6, no: 0, abstain: 0 };

/** A history through `upTo` on plausible dates (application 2024-01-10; activist 2024-07-10; candidate 2025-07-10; assembly 2025-09-01). */
function history(upTo: number): RecordedStep[] {
  const dates: Record<number, string> = {
    1: '2024-01-10', 2: '2024-01-20', 3: '2024-07-10', 4: '2024-07-15', 5: '2024-07-20', 6: '2025-01-10', 7: '2025-07-10', 8: '2025-07-15',
    9: '2025-07-20', 10: '2025-08-01', 11: '2025-08-10', 12: '2025-08-15', 13: '2025-08-20', 14: '2025-08-25', 15: '2025-09-01', 16: '2025-09-10',
    17: '2025-10-01', 18: '2025-10-10', 19: '2025-10-15', 20: '2025-10-20', 21: '2026-03-01', 22: '2026-08-20', 23: '2026-09-01', 24: '2026-09-20',
  };
  const h: RecordedStep[] = [];
  for (let s = 1; s <= upTo; s++) h.push(rec(s, dates[s], s === 23 ? { ...goodVote, outcome: 'onTime', extensionMonths: null } : s === 15 ? goodVote : {}));
  return h;
}

describe('order of steps', () => {
  it('starts with the application and refuses skipping', () => {
    expect(nextSteps([])).toEqual([1]);
    const r = checkStep(history(2), attempt(4, '2024-08-01'), facts());
    expect(r).toMatchObject({ ok: false, code: 'DEV_STEP_OUT_OF_ORDER', message: '当前应办理第3步“确定入党积极分子”，不能办理第4步“上级党委备案”' });
  });
  it('lets the half-yearly assessment and the probation assessment repeat', () => {
    expect(nextSteps(history(6))).toEqual([6, 7]);
    expect(nextSteps(history(5))).toEqual([6]);
    expect(nextSteps(history(21))).toEqual([21, 22]);
  });
  it('refuses a date before the previous step and a future date', () => {
    expect(checkStep(history(1), attempt(2, '2024-01-09', { talker: 'a', summary: 'b' }), facts())).toMatchObject({ ok: false, code: 'DEV_STEP_BEFORE_PREVIOUS', earliestDate: '2024-01-10' });
    expect(checkStep(history(1), attempt(2, '2024-01-11'), facts({ today: '2024-01-10' }))).toMatchObject({ ok: false, code: 'DEV_STEP_FUTURE' });
  });
  it('ends after the archive, and after a cancelled probation is approved', () => {
    expect(nextSteps([...history(24), rec(25, '2026-10-01')])).toEqual([]);
    const cancelled = [...history(22), rec(23, '2026-09-01', { outcome: 'cancel' }), rec(24, '2026-09-10')];
    expect(nextSteps(cancelled)).toEqual([]);
  });
});

describe('step 1: age ≥ 18 on the application date (细则第五条)', () => {
  it('refuses at 17 years 364 days, with the 18th birthday as the earliest date', () => {
    const r = checkStep([], attempt(1, '2018-05-19'), facts());
    expect(r).toMatchObject({ ok: false, code: 'DEV_TOO_YOUNG', earliestDate: '2018-05-20' });
    if (!r.ok) expect(r.message).toContain('最早 2018-05-20');
  });
  it('accepts on the 18th birthday', () => {
    expect(checkStep([], attempt(1, '2018-05-20'), facts())).toEqual({ ok: true, warnings: [] });
  });
  it('a 29 February birthday turns 18 on 1 March in a common year', () => {
    expect(checkStep([], attempt(1, '2022-02-28'), facts({ birthDate: '2004-02-29' }))).toMatchObject({ ok: false, earliestDate: '2022-03-01' });
    expect(checkStep([], attempt(1, '2022-03-01'), facts({ birthDate: '2004-02-29' })).ok).toBe(true);
  });
});

describe('step 2: talk within one month (a warning, not a refusal)', () => {
  it('no warning on the last day, a warning the day after', () => {
    expect(checkStep(history(1), attempt(2, '2024-02-10'), facts())).toEqual({ ok: true, warnings: [] });
    const late = checkStep(history(1), attempt(2, '2024-02-11'), facts());
    expect(late.ok).toBe(true);
    if (late.ok) expect(late.warnings[0]).toContain('已超期');
  });
});

describe('step 3: activist six months after the application, with publicity', () => {
  const pub = { start: '2024-07-01', end: '2024-07-05', result: 'noObjection' as const };
  it('refuses the day before six months and names the earliest date', () => {
    expect(checkStep(history(2), attempt(3, '2024-07-09', {}, { publicity: pub }), facts())).toMatchObject({ ok: false, code: 'DEV_ACTIVIST_TOO_EARLY', earliestDate: '2024-07-10' });
  });
  it('accepts on the day, once the publicity has ended', () => {
    expect(checkStep(history(2), attempt(3, '2024-07-10', {}, { publicity: pub }), facts()).ok).toBe(true);
  });
  it('refuses without a publicity period', () => {
    expect(checkStep(history(2), attempt(3, '2024-07-10'), facts())).toMatchObject({ ok: false, code: 'DEV_PUBLICITY_MISSING' });
  });
});

describe('step 7: at least one year as activist (细则第十三条)', () => {
  const pub = { start: '2025-07-01', end: '2025-07-07', result: 'noObjection' as const };
  it('refuses the day before one year, with the exact message', () => {
    const r = checkStep(history(6), attempt(7, '2025-07-09', {}, { publicity: pub }), facts());
    expect(r).toEqual({ ok: false, code: 'DEV_CANDIDATE_TOO_EARLY', rule: '列为入党积极分子满一年后方可确定为发展对象（细则第十三条）', message: '列为入党积极分子满一年后方可确定为发展对象，最早 2025-07-10', earliestDate: '2025-07-10' });
  });
  it('accepts on exactly one year', () => {
    expect(checkStep(history(6), attempt(7, '2025-07-10', {}, { publicity: pub }), facts()).ok).toBe(true);
  });
});

describe('mentors and sponsors', () => {
  const people: StepFacts['people'] = {
    a: { name: '甲', status: 'full', disciplined: false },
    b: { name: '乙', status: 'full', disciplined: false },
    c: { name: '丙', status: 'probationary', disciplined: false },
    d: { name: '丁', status: 'full', disciplined: true },
  };
  it('1–2 full members as mentors', () => {
    expect(checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['a'] }), facts({ people })).ok).toBe(true);
    expect(checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['a', 'b'] }), facts({ people })).ok).toBe(true);
    expect(checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['a', 'b', 'd'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_MENTOR_COUNT' });
    expect(checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['c'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_PERSON_NOT_FULL' });
    expect(checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['zz'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_PERSON_NOT_MEMBER' });
  });
  it('a mentor under 留党察看 is refused, naming the rule', () => {
    const r = checkStep(history(4), attempt(5, '2024-07-20', { mentorMemberIds: ['a', 'd'] }), facts({ people }));
    expect(r).toMatchObject({ ok: false, code: 'DEV_MENTOR_DISCIPLINED', message: '受留党察看处分、尚未恢复党员权利的党员不能作培养联系人（细则第九条），丁正在留党察看期内' });
  });
  it('exactly 2 sponsors, full members, not under 留党察看', () => {
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['d', 'a'] }), facts({ people }))).toMatchObject({
      ok: false,
      code: 'DEV_SPONSOR_DISCIPLINED',
      message: '受留党察看处分、尚未恢复党员权利的党员不能作入党介绍人（细则第十四条），丁正在留党察看期内',
    });
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a', 'b'] }), facts({ people })).ok).toBe(true);
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_SPONSOR_COUNT' });
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a', 'd'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_SPONSOR_DISCIPLINED' });
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a', 'a'] }), facts({ people }))).toMatchObject({ ok: false, code: 'DEV_PERSON_DUPLICATE' });
  });
  it('a near relative among the officials needs a reason', () => {
    const relativeFlags = [{ relative: '甲', relation: 'parent' as const, role: '入党介绍人', message: '入党介绍人甲是申请人的父母' }];
    expect(checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a', 'b'] }), facts({ people, relativeFlags }))).toMatchObject({ ok: false, code: 'DEV_NEAR_RELATIVE' });
    const ok = checkStep(history(8), attempt(9, '2025-07-20', { sponsorMemberIds: ['a', 'b'] }, { overrideReason: '经县委组织部同意' }), facts({ people, relativeFlags }));
    expect(ok.ok).toBe(true);
  });
});

describe('political review, training, pre-review, form number', () => {
  it('needs every department and no negative-list hit', () => {
    const f = { conclusion: '政治合格', departmentsConsulted: ['discipline', 'police', 'court'], negativeListHits: [] };
    expect(checkStep(history(9), attempt(10, '2025-08-01', f), facts()).ok).toBe(true);
    expect(checkStep(history(9), attempt(10, '2025-08-01', { ...f, departmentsConsulted: ['police'] }), facts())).toMatchObject({ ok: false, code: 'DEV_REVIEW_DEPARTMENTS' });
    const hit = checkStep(history(9), attempt(10, '2025-08-01', { ...f, negativeListHits: ['dishonest'] }), facts());
    expect(hit).toMatchObject({ ok: false, code: 'DEV_NEGATIVE_LIST' });
    if (!hit.ok) expect(hit.message).toContain('被列为失信被执行人');
  });
  it('training ≥ 3 days or ≥ 24 hours, exam passed', () => {
    const t = (days: number, hours: number, examScore: number) => checkStep(history(10), attempt(11, '2025-08-10', { days, hours, examScore }), facts());
    expect(t(3, 0, 60).ok).toBe(true);
    expect(t(0, 24, 60).ok).toBe(true);
    expect(t(2.5, 23.5, 90)).toMatchObject({ ok: false, code: 'DEV_TRAINING_TOO_SHORT' });
    expect(t(3, 24, 59.5)).toMatchObject({ ok: false, code: 'DEV_TRAINING_EXAM' });
  });
  it('pre-review refuses someone leaving the unit within 3 months', () => {
    expect(checkStep(history(12), attempt(13, '2025-08-20', { opinion: '同意', leavingWithinThreeMonths: true }, { publicity: okPublicity('2020-01-10') }), facts())).toMatchObject({ ok: false, code: 'DEV_LEAVING_UNIT' });
  });
  it('the form carries the issued number', () => {
    expect(checkStep(history(13), attempt(14, '2025-08-25', { formNumber: 'X1' }), facts({ formNumber: null }))).toMatchObject({ ok: false, code: 'DEV_NO_FORM_NUMBER' });
    expect(checkStep(history(13), attempt(14, '2025-08-25', { formNumber: 'X1' }), facts({ formNumber: 'X2' }))).toMatchObject({ ok: false, code: 'DEV_FORM_NUMBER_MISMATCH' });
    expect(checkStep(history(13), attempt(14, '2025-08-25', { formNumber: 'X2' }), facts({ formNumber: 'X2' })).ok).toBe(true);
  });
});

describe('step 17: approval within 3 months by an entitled committee', () => {
  const town = { type: 'committee', depth: 1, name: '城关镇党委', entitled: true };
  const decision = { decision: '同意接收为预备党员', special: false, specialReason: null };
  it('accepts on the last day, refuses the day after unless special with a reason, never after 6 months', () => {
    expect(checkStep(history(16), attempt(17, '2025-12-01', decision), facts({ approver: town })).ok).toBe(true);
    expect(checkStep(history(16), attempt(17, '2025-12-02', decision), facts({ approver: town }))).toMatchObject({ ok: false, code: 'DEV_APPROVAL_LATE' });
    const special = checkStep(history(16), attempt(17, '2026-03-01', { ...decision, special: true, specialReason: '审批会议因疫情推迟' }), facts({ approver: town }));
    expect(special.ok).toBe(true);
    expect(checkStep(history(16), attempt(17, '2026-03-02', { ...decision, special: true, specialReason: '推迟' }), facts({ approver: town }))).toMatchObject({ ok: false, code: 'DEV_APPROVAL_TOO_LATE' });
  });
  it('a general branch or a committee below a town committee cannot approve', () => {
    const general = { type: 'generalBranch', depth: 2, name: '某党总支' };
    const company = { type: 'committee', depth: 2, name: '某公司党委' };
    expect(checkStep(history(16), attempt(17, '2025-10-01', decision), facts({ approver: { ...general, entitled: approvalEntitled(general, null) } }))).toMatchObject({ ok: false, code: 'DEV_APPROVER_NOT_ENTITLED' });
    const r = checkStep(history(16), attempt(17, '2025-10-01', decision), facts({ approver: { ...company, entitled: approvalEntitled(company, null) } }));
    expect(r).toMatchObject({ ok: false, code: 'DEV_APPROVER_NOT_ENTITLED', rule: '党总支和基层党委下属的党委不能审批发展党员（细则第二十四条）' });
    if (!r.ok) expect(r.message).toContain('某公司党委没有审批发展党员的权限');
    expect(checkStep(history(23), attempt(24, '2026-09-20', { decision: '同意' }), facts({ approver: { ...company, entitled: false } }))).toMatchObject({ ok: false, code: 'DEV_APPROVER_NOT_ENTITLED' });
  });
  it('the county decides: a granted committee may approve, a withdrawn town committee may not', () => {
    expect(approvalEntitled({ type: 'committee', depth: 0 }, null)).toBe(true);
    expect(approvalEntitled({ type: 'workingCommittee', depth: 1 }, null)).toBe(true);
    expect(approvalEntitled({ type: 'committee', depth: 2 }, null)).toBe(false);
    expect(approvalEntitled({ type: 'committee', depth: 2 }, true)).toBe(true);
    expect(approvalEntitled({ type: 'committee', depth: 1 }, false)).toBe(false);
    expect(approvalEntitled({ type: 'generalBranch', depth: 1 }, true)).toBe(false);
    expect(approvalEntitled({ type: 'branch', depth: 2 }, true)).toBe(false);
    expect(checkStep(history(16), attempt(17, '2025-10-01', decision), facts({ approver: { type: 'committee', depth: 2, name: '某公司党委', entitled: true } })).ok).toBe(true);
  });
});

describe('step 15: the roster decides whether the branch can vote', () => {
  it('refuses a branch with fewer than 3 full members on its roster, and more voters due than it has', () => {
    expect(checkStep(history(14), attempt(15, '2025-09-01', goodVote), facts({ branchFullMembers: 2 }))).toMatchObject({ ok: false, code: 'DEV_ASSEMBLY_TOO_SMALL' });
    expect(checkStep(history(14), attempt(15, '2025-09-01', goodVote), facts({ branchFullMembers: 9 }))).toMatchObject({ ok: false, code: 'DEV_VOTE_INCONSISTENT' });
    expect(checkStep(history(14), attempt(15, '2025-09-01', goodVote), facts({ branchFullMembers: 10 })).ok).toBe(true);
    expect(checkStep(history(14), attempt(15, '2025-09-01', { ...goodVote, yes: 5 }), facts({ branchFullMembers: 10 }))).toMatchObject({ ok: false, code: 'DEV_VOTE_NOT_PASSED' });
  });
  it('counts fewer voters due than the roster only with a note saying who is not counted and why', () => {
    // A branch of 50 full members cannot enter 10 due and pass with 6 votes without saying who the other 40 are.
    const unexplained = checkStep(history(14), attempt(15, '2025-09-01', goodVote), facts({ branchFullMembers: 50 }));
    expect(unexplained).toMatchObject({ ok: false, code: 'DEV_VOTE_DUE_UNEXPLAINED' });
    if (!unexplained.ok) expect(unexplained.message).toBe('支部名册中有正式党员50人，应到会只填写了10人：请在“未计入应到会人数的党员及原因”中写明这40名党员及原因（如受留党察看处分、经批准长期外出）');
    expect(checkStep(history(14), attempt(15, '2025-09-01', { ...goodVote, dueExclusionNote: '   ' }), facts({ branchFullMembers: 11 }))).toMatchObject({ ok: false, code: 'DEV_VOTE_DUE_UNEXPLAINED' });
    expect(checkStep(history(14), attempt(15, '2025-09-01', { ...goodVote, dueExclusionNote: '王某受留党察看处分，无表决权' }), facts({ branchFullMembers: 11 })).ok).toBe(true);
    const failed = { dueFullMembers: 10, presentFullMembers: 8, writtenYes: 1, yes: 4, no: 3, abstain: 1 };
    expect(checkFailedVote(history(14), { step: 15, date: '2025-09-01', fields: failed }, facts({ branchFullMembers: 12 }))).toMatchObject({ ok: false, code: 'DEV_VOTE_DUE_UNEXPLAINED' });
  });
});

describe('probation and conversion', () => {
  const pub = { start: '2026-08-24', end: '2026-08-28', result: 'noObjection' as const };
  const conv = (outcome: string, extensionMonths: number | null = null) => ({ ...goodVote, outcome, extensionMonths });
  it('probation is one year from the assembly date, not from approval or oath', () => {
    expect(probationEnd(history(20), rules)).toBe('2026-09-01');
    expect(checkStep(history(22), attempt(23, '2026-08-31', conv('onTime'), { publicity: pub }), facts())).toMatchObject({ ok: false, code: 'DEV_PROBATION_NOT_ENDED', earliestDate: '2026-09-01' });
    expect(checkStep(history(22), attempt(23, '2026-09-01', conv('onTime'), { publicity: pub }), facts()).ok).toBe(true);
  });
  it('extends once by 6–12 months', () => {
    expect(checkStep(history(22), attempt(23, '2026-09-01', conv('extend', 5), { publicity: pub }), facts())).toMatchObject({ ok: false, code: 'DEV_EXTENSION_MONTHS' });
    expect(checkStep(history(22), attempt(23, '2026-09-01', conv('extend', 13), { publicity: pub }), facts())).toMatchObject({ ok: false, code: 'DEV_EXTENSION_MONTHS' });
    expect(checkStep(history(22), attempt(23, '2026-09-01', conv('extend', 6), { publicity: pub }), facts()).ok).toBe(true);
    const extended = [...history(22), { step: 23, date: '2026-09-01', fields: conv('extend', 6), publicity: pub }];
    expect(nextSteps(extended)).toEqual([24]);
    const approved = [...extended, { step: 24, date: '2026-09-20', fields: { decision: '同意延长预备期六个月' }, publicity: null }];
    expect(nextSteps(approved)).toEqual([23]);
    expect(probationEnd(approved, rules)).toBe('2027-03-01');
    const pub2 = { start: '2027-02-22', end: '2027-02-26', result: 'noObjection' as const };
    // The extension goes to the committee first: the branch cannot discuss the conversion again before it approves.
    expect(checkStep(extended, attempt(23, '2027-03-01', conv('onTime'), { publicity: pub2 }), facts())).toMatchObject({ ok: false, code: 'DEV_STEP_OUT_OF_ORDER' });
    expect(checkStep(approved, attempt(23, '2027-02-28', conv('onTime'), { publicity: pub2 }), facts())).toMatchObject({ ok: false, earliestDate: '2027-03-01' });
    expect(checkStep(approved, attempt(23, '2027-03-01', conv('extend', 6), { publicity: pub2 }), facts())).toMatchObject({ ok: false, code: 'DEV_EXTENSION_TWICE' });
    expect(checkStep(approved, attempt(23, '2027-03-01', conv('onTime'), { publicity: pub2 }), facts()).ok).toBe(true);
  });
  it('archive needs every checklist item', () => {
    expect(checkStep(history(24), attempt(25, '2026-10-01', { checklist: rules.archiveChecklist.slice(1) }), facts())).toMatchObject({ ok: false, code: 'DEV_ARCHIVE_INCOMPLETE' });
    expect(checkStep(history(24), attempt(25, '2026-10-01', { checklist: [...rules.archiveChecklist] }), facts()).ok).toBe(true);
  });
});

describe('deadlines', () => {
  it('talk due one month after the application; overdue the day after', () => {
    const d = nextDeadline(history(1), rules);
    expect(d).toEqual({ kind: 'talk', step: 2, due: '2024-02-10' });
    expect(isOverdue(d, '2024-02-10')).toBe(false);
    expect(isOverdue(d, '2024-02-11')).toBe(true);
  });
  it('half-yearly assessment from the last assessment', () => {
    // From the activist date already, before the mentors are named (a file left at step 3 or 4 falls due too).
    expect(nextDeadline(history(3), rules)).toEqual({ kind: 'assessment', step: 6, due: '2025-01-10' });
    expect(nextDeadline(history(4), rules)).toEqual({ kind: 'assessment', step: 6, due: '2025-01-10' });
    expect(nextDeadline(history(5), rules)).toEqual({ kind: 'assessment', step: 6, due: '2025-01-10' });
    expect(nextDeadline(history(6), rules)).toEqual({ kind: 'assessment', step: 6, due: '2025-07-10' });
  });
  it('approval three months after the assembly, conversion at probation end, then the conversion approval', () => {
    expect(nextDeadline(history(15), rules)).toEqual({ kind: 'approval', step: 17, due: '2025-12-01' });
    expect(nextDeadline(history(19), rules)).toEqual({ kind: 'conversion', step: 23, due: '2026-09-01' });
    expect(nextDeadline(history(23), rules)).toEqual({ kind: 'conversionApproval', step: 24, due: '2026-12-01' });
    expect(nextDeadline(history(8), rules)).toBeNull();
  });
});

describe('a branch assembly vote that does not pass is recorded, not refused', () => {
  const failed = { dueFullMembers: 10, presentFullMembers: 8, writtenYes: 1, yes: 4, no: 3, abstain: 1 };
  it('records exactly half the yes votes as a failed vote, and says where the file stays', () => {
    const r = checkFailedVote(history(14), { step: 15, date: '2025-09-01', fields: failed }, facts({ branchFullMembers: 10 }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings[0]).toContain('赞成票5票（含书面表决1票），未超过应到会有表决权正式党员10人的半数，决议未通过（细则第二十一条）；仍为发展对象，停留在第14步');
  });
  it('refuses a vote that passed (6 of 10), a meeting without quorum, and a vote out of order', () => {
    expect(checkFailedVote(history(14), { step: 15, date: '2025-09-01', fields: { ...failed, yes: 5, no: 2 } }, facts())).toMatchObject({ ok: false, code: 'DEV_VOTE_PASSED' });
    expect(checkFailedVote(history(14), { step: 15, date: '2025-09-01', fields: { ...failed, presentFullMembers: 5, yes: 1, no: 3 } }, facts())).toMatchObject({ ok: false, code: 'DEV_NO_QUORUM' });
    expect(checkFailedVote(history(13), { step: 15, date: '2025-09-01', fields: failed }, facts())).toMatchObject({ ok: false, code: 'DEV_STEP_OUT_OF_ORDER' });
    expect(checkFailedVote(history(14), { step: 15, date: '2025-09-01', fields: failed }, facts({ branchFullMembers: 2 }))).toMatchObject({ ok: false, code: 'DEV_ASSEMBLY_TOO_SMALL' });
    expect(checkFailedVote(history(14), { step: 12, date: '2025-09-01', fields: failed }, facts())).toMatchObject({ ok: false, code: 'DEV_NOT_A_VOTE' });
  });
  it('a failed conversion vote needs the probation ended and leaves the file at step 22', () => {
    expect(checkFailedVote(history(22), { step: 23, date: '2026-08-31', fields: failed }, facts())).toMatchObject({ ok: false, code: 'DEV_PROBATION_NOT_ENDED', earliestDate: '2026-09-01' });
    const r = checkFailedVote(history(22), { step: 23, date: '2026-09-01', fields: failed }, facts());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings[0]).toContain('停留在第22步');
    expect(nextSteps(history(22))).toEqual([23]);
  });
});
