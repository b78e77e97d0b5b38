import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECKUP_ITEMS, ZCheckupItemsInput, checkupFollowUpState, checkupIssues, checkupItemIssues } from '../index';

describe('党性体检 follow-up', () => {
  const c = { result: 'subHealthy' as const, baseSessionOn: '2026-06-01', dueOn: '2026-06-10', completedOn: null };
  it('none for 健康; open through the deadline day, overdue the day after; done once completed', () => {
    expect(checkupFollowUpState({ ...c, result: 'healthy', baseSessionOn: null, dueOn: null }, '2026-12-31')).toBeNull();
    expect(checkupFollowUpState(c, '2026-06-10')).toBe('open');
    expect(checkupFollowUpState(c, '2026-06-11')).toBe('overdue');
    expect(checkupFollowUpState({ ...c, completedOn: '2026-06-20' }, '2026-06-25')).toBe('done');
  });
  it('without a deadline the base session date is the deadline', () => {
    expect(checkupFollowUpState({ ...c, dueOn: null }, '2026-06-01')).toBe('open');
    expect(checkupFollowUpState({ ...c, dueOn: null }, '2026-06-02')).toBe('overdue');
  });
  it('a deadline before the session is refused, a deadline on the session day accepted', () => {
    const base = { result: 'unhealthy' as const, baseSessionOn: '2026-06-01', completedOn: null, recheckResult: null };
    expect(checkupIssues({ ...base, dueOn: '2026-05-31' }, '2026-06-15')[0].message).toBe('完成期限不能早于锻炼开始日期');
    expect(checkupIssues({ ...base, dueOn: '2026-06-01' }, '2026-06-15')).toEqual([]);
  });
});

describe('党性体检 items', () => {
  it('results must name the current items, each once', () => {
    expect(checkupItemIssues([{ key: 'theory' }, { key: 'belief' }], DEFAULT_CHECKUP_ITEMS)).toEqual([]);
    expect(checkupItemIssues([{ key: 'theory' }, { key: 'theory' }], DEFAULT_CHECKUP_ITEMS)[0].message).toBe('体检项目“理论学习”重复登记');
    expect(checkupItemIssues([{ key: 'gone' }], DEFAULT_CHECKUP_ITEMS)[0].path).toBe('items.0.key');
  });
  it('the list: at least one item, keys unique and well-formed', () => {
    expect(ZCheckupItemsInput.safeParse({ items: [], version: 0 }).error!.issues[0].message).toBe('至少设置一个体检项目');
    expect(ZCheckupItemsInput.safeParse({ items: [{ key: '1x', label: '甲' }], version: 0 }).success).toBe(false);
    expect(ZCheckupItemsInput.safeParse({ items: [{ key: 'x', label: '甲' }, { key: 'x', label: '乙' }], version: 0 }).error!.issues[0].message).toBe('体检项目代码不能重复');
    expect(ZCheckupItemsInput.safeParse({ items: DEFAULT_CHECKUP_ITEMS, version: 3 }).success).toBe(true);
  });
});
