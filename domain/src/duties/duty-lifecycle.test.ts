import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DUTY_SETTINGS as S,
  closeMonthWarnings,
  dailyOverdueDecision,
  generateTimetable,
  itemsToCancel,
  itemsToReinstate,
  monthOutcome,
  outcomesBySecretary,
  regenerationPlan,
  type ItemForMonth,
  type LifecycleItem,
} from '../index';

const item = (id: string, dueDate: string, status: LifecycleItem['status'], cancelReason: LifecycleItem['cancelReason'] = null): LifecycleItem => ({ id, dueDate, status, cancelReason });

describe('dissolution and vacancy', () => {
  const items = [
    item('a', '2026-06-10', 'pending'),
    item('b', '2026-06-15', 'pending'),
    item('c', '2026-06-16', 'returned'),
    item('d', '2026-06-25', 'submitted'),
    item('e', '2026-06-30', 'accepted'),
    item('f', '2026-07-10', 'pending'),
  ];
  it('cancels every item falling due on or after the day that is not accepted; earlier items stay', () => {
    expect(itemsToCancel(items, '2026-06-15')).toEqual(['b', 'c', 'd', 'f']);
    expect(itemsToCancel(items, '2026-06-16')).toEqual(['c', 'd', 'f']); // the day before / the day itself
    expect(itemsToCancel(items, '2026-08-01')).toEqual([]);
    expect(itemsToCancel([item('x', '2026-06-20', 'cancelled', 'vacant')], '2026-06-01')).toEqual([]);
  });
  it('gives back on appointment only the items cancelled for the vacancy and due from that day', () => {
    const cancelled = [item('v1', '2026-06-20', 'cancelled', 'vacant'), item('v2', '2026-07-10', 'cancelled', 'vacant'), item('d1', '2026-07-10', 'cancelled', 'dissolved')];
    expect(itemsToReinstate(cancelled, '2026-06-21')).toEqual(['v2']);
    expect(itemsToReinstate(cancelled, '2026-06-20')).toEqual(['v1', 'v2']);
  });
  it('leaves cancelled items out of the month and out of every secretary', () => {
    const m = (id: string, status: ItemForMonth['status'], secretaryMemberId: string | null): ItemForMonth => ({ id, title: id, dueDate: '2026-06-10', weight: 1, isKey: true, status, onTime: status === 'accepted' ? true : null, secretaryMemberId });
    const list = [m('a', 'accepted', 's1'), m('b', 'cancelled', null), m('c', 'cancelled', 's1')];
    const o = monthOutcome(list, '2026-07-01', S);
    expect(o).toMatchObject({ dueCount: 1, rate: 100, stars: 3, overdueCount: 0, missedKeyTitles: [] });
    expect(outcomesBySecretary(list, '2026-07-01', S).map((x) => x.secretaryMemberId)).toEqual(['s1']);
    expect(monthOutcome([m('b', 'cancelled', null)], '2026-07-01', S)).toMatchObject({ dueCount: 0, rate: null, stars: null });
  });
});

describe('template frequency change', () => {
  const quarterly = { id: 't', title: '走访', frequency: 'quarterly' as const, dueRule: { monthOfPeriod: null, day: null }, weight: 1, isKey: false };
  const monthly = { ...quarterly, frequency: 'monthly' as const, dueRule: { monthOfPeriod: null, day: 25 } };
  it('replaces only pending, untouched, not-yet-due items and keeps periods held by work on record', () => {
    const existing = [
      { id: 'm5', periodKey: '2026-05', dueDate: '2026-05-25', status: 'pending' as const, touched: false }, // past due: stays
      { id: 'm6', periodKey: '2026-06', dueDate: '2026-06-25', status: 'accepted' as const, touched: true }, // done: stays
      { id: 'm7', periodKey: '2026-07', dueDate: '2026-07-25', status: 'pending' as const, touched: false }, // removed
      { id: 'm8', periodKey: '2026-08', dueDate: '2026-08-25', status: 'pending' as const, touched: true }, // has a rectification: stays
      { id: 'm9', periodKey: '2026-09', dueDate: '2026-09-25', status: 'submitted' as const, touched: true },
    ];
    const plan = regenerationPlan(existing, generateTimetable([quarterly], 2026), '2026-06-15');
    expect(plan.remove).toEqual(['m7']);
    expect(plan.add.map((e) => `${e.periodKey} ${e.dueDate}`)).toEqual(['2026-Q2 2026-06-30', '2026-Q3 2026-09-30', '2026-Q4 2026-12-31']);
    // Back to monthly: the months still held are not created twice, the day of the change itself counts as not yet due.
    const back = regenerationPlan(
      [{ id: 'q3', periodKey: '2026-Q3', dueDate: '2026-09-30', status: 'pending', touched: false }, { id: 'j', periodKey: '2026-06', dueDate: '2026-06-25', status: 'accepted', touched: true }],
      generateTimetable([monthly], 2026),
      '2026-06-25',
    );
    expect(back.remove).toEqual(['q3']);
    expect(back.add.map((e) => e.periodKey)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
  });
});

describe('daily overdue warning', () => {
  const it6 = (title: string, dueDate: string, status: 'pending' | 'returned' | 'submitted' | 'accepted') => ({ title, dueDate, status });
  const items = [it6('例会', '2026-06-10', 'pending'), it6('培训', '2026-06-25', 'pending'), it6('主题党日', '2026-06-05', 'submitted'), it6('台账', '2026-06-01', 'accepted')];
  it('raises yellow from the day after the due date, with the overdue items named', () => {
    expect(dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-10', existing: null, settings: S }).action).toBe('none');
    const d = dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-11', existing: null, settings: S });
    expect(d).toEqual({ action: 'raise', decision: { level: 'yellow', reasons: ['6月有1项任务逾期未完成：“例会”'] } });
    expect(dailyOverdueDecision({ month: '2026-06', items: [it6('例会', '2026-06-10', 'returned')], today: '2026-06-11', existing: null, settings: S }).action).toBe('raise');
  });
  it('is idempotent, updates when more fall overdue, and leaves a closed month or a cleared warning alone', () => {
    const existing = { level: 'yellow' as const, reasons: ['6月有1项任务逾期未完成：“例会”'], source: 'daily' as const, cleared: false };
    expect(dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-12', existing, settings: S }).action).toBe('none');
    const more = dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-26', existing, settings: S });
    expect(more).toEqual({ action: 'update', decision: { level: 'yellow', reasons: ['6月有2项任务逾期未完成：“例会”、“培训”'] } });
    expect(dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-26', existing: { ...existing, source: 'month', level: 'red' }, settings: S }).action).toBe('none');
    expect(dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-26', existing: { ...existing, cleared: true }, settings: S }).action).toBe('none');
    expect(dailyOverdueDecision({ month: '2026-06', items, today: '2026-06-26', existing: null, settings: { yellowOnOverdue: false } }).action).toBe('none');
  });
  it('is taken over by the month close, or cleared by it when the month earns no warning', () => {
    const base = { dueCount: 2, dueWeight: 2, onTimeCount: 2, onTimeWeight: 2, lateCount: 0, overdueCount: 0, awaitingReviewCount: 0, missedKeyTitles: [], rate: 100, stars: 3 };
    const active = [{ id: 'd6', month: '2026-06', level: 'yellow' as const, source: 'daily' as const }, { id: 'w5', month: '2026-05', level: 'yellow' as const, source: 'month' as const }];
    const clean = closeMonthWarnings({ month: '2026-06', outcome: base, active, previousMonthWarned: true, settings: S });
    expect(clean).toEqual({ raise: null, replace: null, clear: [{ id: 'w5', reason: '6月全部任务按时完成，预警解除' }, { id: 'd6', reason: '6月贴星时逾期事项已处理，逾期预警解除' }] });
    const bad = closeMonthWarnings({ month: '2026-06', outcome: { ...base, rate: 50, onTimeCount: 1, onTimeWeight: 1, overdueCount: 1 }, active, previousMonthWarned: false, settings: S });
    expect(bad.raise?.level).toBe('red');
    expect(bad.replace).toBe('d6');
    expect(bad.clear).toEqual([{ id: 'w5', reason: '由6月的预警接续' }]);
  });
});
