import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUTY_SETTINGS as S,
  DEFAULT_DUTY_TEMPLATES,
  DUTY_CATEGORIES,
  closeMonthWarnings,
  describeDueRule,
  dueDateIn,
  dutyCategoryOf,
  evaluateWarning,
  evidenceProblems,
  generateTimetable,
  holderOn,
  isOnTime,
  itemView,
  monthOutcome,
  nextMonth,
  outcomesBySecretary,
  periodsOfYear,
  previousMonth,
  reattributedOnChange,
  dutyStarsFor,
  type ItemForMonth,
  type TimetableTemplateItem,
} from '../index';
import { sniffFileType } from '../files/file.schemas';

describe('duty categories', () => {
  it('maps each kind of org to its list', () => {
    expect(dutyCategoryOf({ type: 'committee', sector: 'town', gridKind: null })).toBe('townCommittee');
    expect(dutyCategoryOf({ type: 'workingCommittee', sector: 'street', gridKind: null })).toBe('townCommittee');
    expect(dutyCategoryOf({ type: 'branch', sector: 'agency', gridKind: null })).toBe('agencyBranch');
    expect(dutyCategoryOf({ type: 'workingCommittee', sector: 'agency', gridKind: null })).toBe('departmentCommittee');
    expect(dutyCategoryOf({ type: 'generalBranch', sector: 'hospital', gridKind: null })).toBe('agencyBranch');
    expect(dutyCategoryOf({ type: 'branch', sector: 'rural', gridKind: null })).toBe('villageCommittee');
    expect(dutyCategoryOf({ type: 'committee', sector: 'community', gridKind: null })).toBe('villageCommittee');
    expect(dutyCategoryOf({ type: 'branch', sector: 'rural', gridKind: 'rural' })).toBe('ruralGridBranch');
    expect(dutyCategoryOf({ type: 'branch', sector: 'community', gridKind: 'urban' })).toBe('urbanGridBranch');
    expect(dutyCategoryOf({ type: 'branch', sector: 'nonPublic', gridKind: null })).toBe('twoNewBranch');
    expect(dutyCategoryOf({ type: 'branch', sector: 'socialOrg', gridKind: null })).toBe('twoNewBranch');
    expect(dutyCategoryOf({ type: 'workingCommittee', sector: 'nonPublic', gridKind: null })).toBe('departmentCommittee');
    expect(dutyCategoryOf({ type: 'group', sector: 'rural', gridKind: null })).toBeNull();
    expect(dutyCategoryOf({ type: 'committee', sector: 'county', gridKind: null })).toBeNull();
  });

  it('ships ten items ("十个一") per list and eight ("八个一") for 两新 branches, with the seed items', () => {
    for (const c of DUTY_CATEGORIES) {
      const t = DEFAULT_DUTY_TEMPLATES[c];
      expect(t.items).toHaveLength(c === 'twoNewBranch' ? 8 : 10);
      expect(new Set(t.items.map((i) => i.key)).size).toBe(t.items.length);
      const titles = t.items.map((i) => i.title);
      expect(titles).toContain('签订一份党建目标责任书');
      expect(titles).toContain('制定一份党建任务清单');
      expect(titles).toContain('召开一次党建工作例会');
      expect(titles).toContain('组织一次全体党员培训');
    }
    expect(DEFAULT_DUTY_TEMPLATES.townCommittee.items.map((i) => i.key)).toEqual(expect.arrayContaining(['secretaryContest', 'siteVisit']));
    expect(DEFAULT_DUTY_TEMPLATES.villageCommittee.items.find((i) => i.key === 'householdVisit')!.evidence.countLabel).toBe('走访户数');
    expect(DEFAULT_DUTY_TEMPLATES.twoNewBranch.name).toContain('八个一');
  });
});

describe('periods and due dates', () => {
  it('splits a year into its periods', () => {
    expect(periodsOfYear(2026, 'yearly')).toEqual([{ key: '2026', frequency: 'yearly', start: '2026-01-01', end: '2026-12-31' }]);
    const q = periodsOfYear(2026, 'quarterly');
    expect(q.map((p) => [p.key, p.start, p.end])).toEqual([
      ['2026-Q1', '2026-01-01', '2026-03-31'],
      ['2026-Q2', '2026-04-01', '2026-06-30'],
      ['2026-Q3', '2026-07-01', '2026-09-30'],
      ['2026-Q4', '2026-10-01', '2026-12-31'],
    ]);
    const m = periodsOfYear(2028, 'monthly');
    expect(m).toHaveLength(12);
    expect(m[1]).toMatchObject({ key: '2028-02', start: '2028-02-01', end: '2028-02-29' });
  });

  it('computes due dates from the rule, clamped to the month and period', () => {
    const [feb] = periodsOfYear(2026, 'monthly').slice(1);
    expect(dueDateIn(feb, { monthOfPeriod: null, day: 25 })).toBe('2026-02-25');
    expect(dueDateIn(feb, { monthOfPeriod: null, day: 31 })).toBe('2026-02-28');
    expect(dueDateIn(feb, { monthOfPeriod: null, day: null })).toBe('2026-02-28');
    const q2 = periodsOfYear(2026, 'quarterly')[1];
    expect(dueDateIn(q2, { monthOfPeriod: null, day: null })).toBe('2026-06-30');
    expect(dueDateIn(q2, { monthOfPeriod: 1, day: 15 })).toBe('2026-04-15');
    expect(dueDateIn(q2, { monthOfPeriod: 12, day: 20 })).toBe('2026-06-20');
    const y = periodsOfYear(2026, 'yearly')[0];
    expect(dueDateIn(y, { monthOfPeriod: 3, day: 31 })).toBe('2026-03-31');
    expect(dueDateIn(y, { monthOfPeriod: 2, day: 30 })).toBe('2026-02-28');
    expect(dueDateIn(y, { monthOfPeriod: null, day: null })).toBe('2026-12-31');
  });

  it('describes due rules and steps months across the year end', () => {
    expect(describeDueRule('monthly', { monthOfPeriod: null, day: 25 })).toBe('每月25日前');
    expect(describeDueRule('quarterly', { monthOfPeriod: null, day: null })).toBe('每季度末前');
    expect(describeDueRule('yearly', { monthOfPeriod: 3, day: 31 })).toBe('每年3月底前');
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});

const tItems: TimetableTemplateItem[] = [
  { id: 'letter', title: '责任书', frequency: 'yearly', dueRule: { monthOfPeriod: 3, day: 31 }, weight: 3, isKey: true },
  { id: 'meeting', title: '例会', frequency: 'monthly', dueRule: { monthOfPeriod: null, day: 25 }, weight: 2, isKey: false },
  { id: 'training', title: '培训', frequency: 'quarterly', dueRule: { monthOfPeriod: null, day: null }, weight: 3, isKey: true },
];

describe('timetable generation', () => {
  it('makes a year of yearly, quarterly and monthly items with deadlines, ordered by due date', () => {
    const t = generateTimetable(tItems, 2026);
    expect(t).toHaveLength(1 + 12 + 4);
    expect(t[0]).toMatchObject({ templateItemId: 'meeting', periodKey: '2026-01', dueDate: '2026-01-25', month: '2026-01' });
    expect(t.filter((e) => e.month === '2026-03').map((e) => e.templateItemId)).toEqual(['meeting', 'letter', 'training']);
    expect(t.at(-1)).toMatchObject({ templateItemId: 'training', periodKey: '2026-Q4', dueDate: '2026-12-31' });
    for (let i = 1; i < t.length; i++) expect(t[i - 1].dueDate <= t[i].dueDate).toBe(true);
  });

  it('gives an org created mid-month the items due from that day on (items added mid-month count in that month)', () => {
    const t = generateTimetable(tItems, 2026, { from: '2026-06-15' });
    expect(t.find((e) => e.periodKey === '2026-06')).toMatchObject({ dueDate: '2026-06-25', month: '2026-06' });
    expect(t.find((e) => e.periodKey === '2026-05')).toBeUndefined();
    expect(t.find((e) => e.periodKey === '2026-Q2')).toMatchObject({ dueDate: '2026-06-30' });
    expect(t.find((e) => e.templateItemId === 'letter')).toBeUndefined();
    // On the due date itself the item is still generated; the day after, not.
    expect(generateTimetable(tItems, 2026, { from: '2026-06-25' }).some((e) => e.periodKey === '2026-06')).toBe(true);
    expect(generateTimetable(tItems, 2026, { from: '2026-06-26' }).some((e) => e.periodKey === '2026-06')).toBe(false);
  });

  it('knows who held the post on a date and what moves to a new secretary', () => {
    const terms = [
      { memberId: 'a', name: '王书记', from: '2020-01-01' },
      { memberId: 'b', name: '李书记', from: '2026-06-16' },
    ];
    expect(holderOn(terms, '2026-06-10')?.memberId).toBe('a');
    expect(holderOn(terms, '2026-06-16')?.memberId).toBe('b');
    expect(holderOn(terms, '2019-12-31')).toBeNull();
    const items = [{ dueDate: '2026-06-10' }, { dueDate: '2026-06-16' }, { dueDate: '2026-06-25' }];
    expect(reattributedOnChange(items, '2026-06-16')).toEqual([{ dueDate: '2026-06-16' }, { dueDate: '2026-06-25' }]);
  });

  it('labels items for the secretary home: due soon, late, returned', () => {
    expect(itemView({ status: 'pending', dueDate: '2026-06-25' }, '2026-06-15')).toBe('due');
    expect(itemView({ status: 'pending', dueDate: '2026-07-25' }, '2026-06-15')).toBe('upcoming');
    expect(itemView({ status: 'pending', dueDate: '2026-06-14' }, '2026-06-15')).toBe('late');
    expect(itemView({ status: 'pending', dueDate: '2026-06-15' }, '2026-06-15')).toBe('due');
    expect(itemView({ status: 'returned', dueDate: '2026-06-14' }, '2026-06-15')).toBe('returned');
    expect(itemView({ status: 'submitted', dueDate: '2026-06-14' }, '2026-06-15')).toBe('submitted');
  });
});

describe('on time', () => {
  const h = (x: Partial<Parameters<typeof isOnTime>[0]>) => ({ dueDate: '2026-06-25', firstSubmittedOn: null, acceptedSubmittedOn: null, lastReturnedOn: null, ...x });
  it('counts a report accepted by the due date, to the day', () => {
    expect(isOnTime(h({ firstSubmittedOn: '2026-06-25', acceptedSubmittedOn: '2026-06-25' }), S)).toBe(true);
    expect(isOnTime(h({ firstSubmittedOn: '2026-06-26', acceptedSubmittedOn: '2026-06-26' }), S)).toBe(false);
    expect(isOnTime(h({}), S)).toBe(false);
  });
  it('keeps an on-time first report that was returned and put right within the grace days', () => {
    expect(isOnTime(h({ firstSubmittedOn: '2026-06-20', lastReturnedOn: '2026-06-28', acceptedSubmittedOn: '2026-07-05' }), S)).toBe(true);
    expect(isOnTime(h({ firstSubmittedOn: '2026-06-20', lastReturnedOn: '2026-06-28', acceptedSubmittedOn: '2026-07-06' }), S)).toBe(false);
    expect(isOnTime(h({ firstSubmittedOn: '2026-06-26', lastReturnedOn: '2026-06-27', acceptedSubmittedOn: '2026-06-28' }), S)).toBe(false);
  });
});

const mk = (over: Partial<ItemForMonth> & { id: string }): ItemForMonth => ({ title: over.id, dueDate: '2026-06-25', weight: 2, isKey: false, status: 'pending', onTime: null, secretaryMemberId: 'a', ...over });

describe('monthly stars', () => {
  it('maps rates to stars with the thresholds, and a missed key item caps them', () => {
    expect(dutyStarsFor(100, false, S)).toBe(3);
    expect(dutyStarsFor(99.9, false, S)).toBe(2);
    expect(dutyStarsFor(80, false, S)).toBe(2);
    expect(dutyStarsFor(79.9, false, S)).toBe(1);
    expect(dutyStarsFor(60, false, S)).toBe(1);
    expect(dutyStarsFor(59.9, false, S)).toBe(0);
    expect(dutyStarsFor(100, true, S)).toBe(1);
    expect(dutyStarsFor(null, false, S)).toBeNull();
  });

  it('weighs on-time accepted items; a late item stays a deduction even when done later', () => {
    const items = [
      mk({ id: 'a', status: 'accepted', onTime: true, weight: 3 }),
      mk({ id: 'b', status: 'accepted', onTime: false, weight: 1 }),
      mk({ id: 'c', status: 'accepted', onTime: true, weight: 1 }),
    ];
    const o = monthOutcome(items, '2026-07-05', S);
    expect(o).toMatchObject({ dueCount: 3, dueWeight: 5, onTimeWeight: 4, lateCount: 1, overdueCount: 0, rate: 80, stars: 2 });
  });

  it('counts overdue, awaiting review and missed key items as of the close date', () => {
    const items = [
      mk({ id: 'a', status: 'accepted', onTime: true }),
      mk({ id: 'b', status: 'pending', isKey: true, title: '培训' }),
      mk({ id: 'c', status: 'submitted' }),
      mk({ id: 'd', status: 'returned' }),
    ];
    const o = monthOutcome(items, '2026-07-01', S);
    expect(o).toMatchObject({ dueCount: 4, onTimeCount: 1, overdueCount: 2, awaitingReviewCount: 1, missedKeyTitles: ['培训'], rate: 25, stars: 0 });
    // Before the due date nothing is overdue or missed yet.
    const early = monthOutcome(items, '2026-06-20', S);
    expect(early).toMatchObject({ overdueCount: 0, missedKeyTitles: [] });
  });

  it('has no stars for a month with nothing due', () => {
    expect(monthOutcome([], '2026-07-01', S)).toMatchObject({ dueCount: 0, rate: null, stars: null });
  });

  it('splits a month by the secretary who held the post when each item fell due', () => {
    const items = [
      mk({ id: 'theme', dueDate: '2026-06-10', status: 'accepted', onTime: true, secretaryMemberId: 'old' }),
      mk({ id: 'meeting', dueDate: '2026-06-25', status: 'pending', secretaryMemberId: 'new' }),
      mk({ id: 'training', dueDate: '2026-06-30', status: 'accepted', onTime: true, secretaryMemberId: 'new' }),
    ];
    const by = Object.fromEntries(outcomesBySecretary(items, '2026-07-01', S).map((x) => [x.secretaryMemberId, x.outcome]));
    expect(by.old).toMatchObject({ dueCount: 1, rate: 100, stars: 3 });
    expect(by.new).toMatchObject({ dueCount: 2, rate: 50, overdueCount: 1, stars: 0 });
    expect(monthOutcome(items, '2026-07-01', S).rate).toBe(66.7);
  });
});

describe('warnings', () => {
  const outcome = (over: Partial<ReturnType<typeof monthOutcome>>) => ({ ...monthOutcome([], '2026-07-01', S), dueCount: 5, rate: 100, stars: 3, ...over });
  it('raises yellow below 80% or for an overdue item, red below 60% or for a missed key item, with reasons', () => {
    expect(evaluateWarning('2026-06', outcome({ rate: 80 }), false, S)).toBeNull();
    expect(evaluateWarning('2026-06', outcome({ rate: 79.9 }), false, S)).toEqual({ level: 'yellow', reasons: ['6月按时完成率79.9%，低于80%'] });
    expect(evaluateWarning('2026-06', outcome({ rate: 60 }), false, S)?.level).toBe('yellow');
    expect(evaluateWarning('2026-06', outcome({ rate: 59.9 }), false, S)).toEqual({ level: 'red', reasons: ['6月按时完成率59.9%，低于60%'] });
    expect(evaluateWarning('2026-06', outcome({ rate: 90, overdueCount: 1 }), false, S)).toEqual({ level: 'yellow', reasons: ['6月有1项任务逾期未完成'] });
    const key = evaluateWarning('2026-06', outcome({ rate: 90, missedKeyTitles: ['组织一次全体党员培训'], overdueCount: 1 }), false, S);
    expect(key).toEqual({ level: 'red', reasons: ['6月重点事项未按时完成：“组织一次全体党员培训”', '6月有1项任务逾期未完成'] });
    expect(evaluateWarning('2026-06', outcome({ rate: null, dueCount: 0 }), true, S)).toBeNull();
  });

  it('turns yellow into red the second month running, and respects switched-off rules', () => {
    expect(evaluateWarning('2026-06', outcome({ rate: 75 }), true, S)).toEqual({ level: 'red', reasons: ['连续两个月被预警', '6月按时完成率75%，低于80%'] });
    expect(evaluateWarning('2026-06', outcome({ rate: 75 }), true, { ...S, redOnConsecutive: false })?.level).toBe('yellow');
    expect(evaluateWarning('2026-06', outcome({ rate: 90, overdueCount: 2 }), false, { ...S, yellowOnOverdue: false })).toBeNull();
  });

  it('clears earlier warnings with a clean month, and a new warning takes over from them', () => {
    const active = [{ id: 'w5', month: '2026-05', level: 'yellow' as const }];
    expect(closeMonthWarnings({ month: '2026-06', outcome: outcome({}), active, previousMonthWarned: true, settings: S })).toEqual({ raise: null, clear: [{ id: 'w5', reason: '6月全部任务按时完成，预警解除' }], replace: null });
    const again = closeMonthWarnings({ month: '2026-06', outcome: outcome({ rate: 70 }), active, previousMonthWarned: true, settings: S });
    expect(again.raise?.level).toBe('red');
    expect(again.clear).toEqual([{ id: 'w5', reason: '由6月的预警接续' }]);
    // A month that is neither clean nor bad (late but above 80%) leaves them.
    expect(closeMonthWarnings({ month: '2026-06', outcome: outcome({ rate: 90, lateCount: 1 }), active, previousMonthWarned: true, settings: S })).toEqual({ raise: null, clear: [], replace: null });
    // Recomputing an earlier month never touches a later month's warning.
    expect(closeMonthWarnings({ month: '2026-04', outcome: outcome({}), active, previousMonthWarned: false, settings: S }).clear).toEqual([]);
  });
});

describe('evidence', () => {
  const spec = { kinds: ['photo', 'text', 'count'] as ('photo' | 'text' | 'count')[], countLabel: '走访户数', minPhotos: 2 };
  it('lists what is missing and accepts a complete report', () => {
    expect(evidenceProblems(spec, { text: '', count: null, participants: [], files: [{ mime: 'image/jpeg' }] })).toEqual(['请上传至少2张现场照片', '请填写不少于5个字的文字说明', '请填写走访户数']);
    expect(evidenceProblems(spec, { text: '走访了全村困难户', count: 12, participants: [], files: [{ mime: 'image/jpeg' }, { mime: 'image/png' }] })).toEqual([]);
    expect(evidenceProblems({ kinds: ['file', 'participants'], countLabel: null, minPhotos: 0 }, { text: '', count: null, participants: [], files: [] })).toEqual(['请上传相关文件（或文件照片）', '请填写参加人员']);
  });
  it('recognizes allowed file types by their bytes, not their names', () => {
    expect(sniffFileType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), 'a.txt')).toBe('image/jpeg');
    expect(sniffFileType(new Uint8Array([0x25, 0x50, 0x44, 0x46]), 'x.pdf')).toBe('application/pdf');
    expect(sniffFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), '清单.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffFileType(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), 'evil.zip')).toBeNull();
    expect(sniffFileType(new TextEncoder().encode('<script>'), 'a.png')).toBeNull();
  });
});
