import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FREQUENCIES,
  ZLifeMeetingCreate,
  ZOrgLifeSettings,
  dutyEvidenceOf,
  lifeMeetingIssues,
  lifeMeetingState,
  missingSteps,
  notReadyMessage,
  periodCompliance,
  quorum,
  rectificationFigures,
  withDueMonth,
  type LifeMeetingSteps,
} from '../index';

const none: LifeMeetingSteps = { study: null, solicit: null, talks: null, materials: null };
const done = (on: string): LifeMeetingSteps => ({ study: { doneOn: on, note: null }, solicit: { doneOn: on, note: null }, talks: { doneOn: on, note: null }, materials: { doneOn: on, note: null } });

describe('组织生活会 preparation', () => {
  it('names every step not done by the meeting date; a step done on the day counts, the day after does not', () => {
    expect(missingSteps(none, '2026-12-20')).toEqual(['学习研讨', '征求意见', '谈心谈话', '撰写对照检查材料（查摆问题）']);
    expect(missingSteps(done('2026-12-20'), '2026-12-20')).toEqual([]);
    expect(missingSteps({ ...done('2026-12-10'), talks: { doneOn: '2026-12-21', note: null } }, '2026-12-20')).toEqual(['谈心谈话']);
    expect(notReadyMessage(['谈心谈话', '撰写对照检查材料（查摆问题）'])).toBe('组织生活会不能记录为已召开：尚未完成“谈心谈话”、“撰写对照检查材料（查摆问题）”（须在会议召开前完成准备步骤）');
  });

  it('states: preparing until every step is done, ready, held once the meeting is recorded', () => {
    expect(lifeMeetingState({ ...done('2026-12-01'), materials: null }, null, '2026-12-05')).toBe('preparing');
    expect(lifeMeetingState(done('2026-12-01'), null, '2026-12-05')).toBe('ready');
    expect(lifeMeetingState(none, '2026-12-20', '2026-12-25')).toBe('held');
  });

  it('refuses future steps, steps after the meeting, undoing a step once held, and rectifications or a notice before the meeting', () => {
    const base = { year: 2026, steps: done('2026-12-01'), rectifications: [], notice: null };
    expect(lifeMeetingIssues(base, null, '2026-12-05')).toEqual([]);
    expect(lifeMeetingIssues({ ...base, steps: { ...none, study: { doneOn: '2026-12-06', note: null } } }, null, '2026-12-05')[0].message).toBe('“学习研讨”的完成日期 2026-12-06 晚于今天');
    expect(lifeMeetingIssues({ ...base, steps: { ...base.steps, talks: null } }, '2026-12-03', '2026-12-05')[0].message).toBe('组织生活会已召开，不能撤销“谈心谈话”');
    expect(lifeMeetingIssues(base, '2026-11-30', '2026-12-05').map((i) => i.path)).toEqual(['steps.study.doneOn', 'steps.solicit.doneOn', 'steps.talks.doneOn', 'steps.materials.doneOn']);
    expect(lifeMeetingIssues({ ...base, steps: { ...base.steps, study: { doneOn: '2024-12-31', note: null } } }, null, '2026-12-05')[0].message).toContain('不在2026年度组织生活会的准备期内');
    // The previous December still counts as preparation time.
    expect(lifeMeetingIssues({ ...base, steps: { ...base.steps, study: { doneOn: '2025-12-31', note: null } } }, null, '2026-12-05')).toEqual([]);
    const rect = { problem: '理论学习不深', measure: '每月集中学习一次', owner: '王书记', dueOn: '2027-03-31', doneOn: null };
    expect(lifeMeetingIssues({ ...base, rectifications: [rect] }, null, '2026-12-05')[0].message).toBe('组织生活会召开后才能制定整改清单');
    expect(lifeMeetingIssues({ ...base, notice: { notifiedOn: '2026-12-05' } }, null, '2026-12-05')[0].message).toBe('组织生活会召开后才能通报结果');
  });

  it('rectification deadlines not before the meeting, done not after today; the notice between the meeting and today', () => {
    const base = { year: 2026, steps: done('2026-12-01'), notice: null };
    const rect = { problem: '理论学习不深', measure: '每月集中学习一次', owner: '王书记', dueOn: '2026-12-03', doneOn: null };
    expect(lifeMeetingIssues({ ...base, rectifications: [rect] }, '2026-12-03', '2026-12-05')).toEqual([]);
    expect(lifeMeetingIssues({ ...base, rectifications: [{ ...rect, dueOn: '2026-12-02' }] }, '2026-12-03', '2026-12-05')[0].message).toBe('第1项整改（理论学习不深）的整改期限不能早于会议日期 2026-12-03');
    expect(lifeMeetingIssues({ ...base, rectifications: [{ ...rect, doneOn: '2026-12-06' }] }, '2026-12-03', '2026-12-05')[0].message).toContain('完成日期不能晚于今天');
    expect(lifeMeetingIssues({ ...base, rectifications: [{ ...rect, doneOn: '2026-12-02' }] }, '2026-12-03', '2026-12-05')[0].message).toContain('完成日期不能早于会议日期');
    expect(lifeMeetingIssues({ ...base, rectifications: [], notice: { notifiedOn: '2026-12-03' } }, '2026-12-03', '2026-12-05')).toEqual([]);
    expect(lifeMeetingIssues({ ...base, rectifications: [], notice: { notifiedOn: '2026-12-02' } }, '2026-12-03', '2026-12-05')[0].path).toBe('notice.notifiedOn');
    expect(lifeMeetingIssues({ ...base, rectifications: [], notice: { notifiedOn: '2026-12-06' } }, '2026-12-03', '2026-12-05')[0].path).toBe('notice.notifiedOn');
    expect(rectificationFigures([rect, { ...rect, dueOn: '2026-12-10' }, { ...rect, doneOn: '2026-12-04' }], '2026-12-05')).toEqual({ total: 3, done: 1, overdue: 1 });
    // The deadline day itself is not yet overdue.
    expect(rectificationFigures([{ ...rect, dueOn: '2026-12-05' }], '2026-12-05').overdue).toBe(0);
  });

  it('the input: type and title required, in Chinese', () => {
    const r = ZLifeMeetingCreate.safeParse({ orgId: '00000000-0000-4000-8000-000000000001', year: 2026, type: 'weekly', title: '' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['类型应为年度组织生活会或专题组织生活会']));
  });
});

describe('组织生活会 in compliance', () => {
  it('is due once a year by default and overdue only after the year closes', () => {
    expect(DEFAULT_FREQUENCIES.lifeMeeting).toBe('yearly');
    expect(periodCompliance('yearly', 2026, [], '2026-12-31')[0].state).toBe('open');
    expect(periodCompliance('yearly', 2026, [], '2027-01-01')[0].state).toBe('overdue');
    expect(periodCompliance('yearly', 2026, ['2026-12-31'], '2027-01-01')[0].state).toBe('held');
  });

  it('a county due month: open through its last day, overdue the next day; held later in the year still counts', () => {
    const p = (dates: string[], today: string) => withDueMonth(periodCompliance('yearly', 2026, dates, today), 'yearly', 11, today)[0];
    expect(p([], '2026-11-30').state).toBe('open');
    expect(p([], '2026-12-01')).toMatchObject({ state: 'overdue', end: '2026-11-30' });
    expect(p(['2026-12-15'], '2026-12-20').state).toBe('held');
    expect(withDueMonth(periodCompliance('quarterly', 2026, [], '2026-05-01'), 'quarterly', 2, '2026-05-01')).toEqual(periodCompliance('quarterly', 2026, [], '2026-05-01'));
    expect(p([], '2025-12-31').state).toBe('future');
  });

  it('the setting defaults to December and refuses a month outside 1–12', () => {
    const base = { frequencies: DEFAULT_FREQUENCIES, hoursPerKind: { branchAssembly: 2, branchCommittee: 2, groupMeeting: 1, partyLecture: 3, lifeMeeting: 3, themeDay: 2 }, requirements: { member: 32, cadre: 56 } };
    expect(ZOrgLifeSettings.parse(base).lifeMeeting.dueMonth).toBe(12);
    expect(ZOrgLifeSettings.safeParse({ ...base, lifeMeeting: { dueMonth: 13 } }).success).toBe(false);
  });

  it('needs no quorum and is the evidence of the yearly 召开一次组织生活会 item, any month of its year', () => {
    expect(quorum('lifeMeeting', [], []).required).toBe(false);
    const e = dutyEvidenceOf('lifeMeeting', '2026-12-20')!;
    expect(e.templateKey).toBe('lifeMeeting');
    expect(e.months).toHaveLength(12);
    expect(e.months[0]).toBe('2026-01');
    expect(e.months[11]).toBe('2026-12');
  });
});
