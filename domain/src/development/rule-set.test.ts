import { describe, expect, it } from 'vitest';
import { DEFAULT_DEVELOPMENT_RULE_SET, ZDevelopmentRuleSetInput, negativeListFromLines } from './rule-set';

const input = (over: Record<string, unknown>) => ({ effectiveFrom: '2026-12-01', source: '2026细则', params: { ...DEFAULT_DEVELOPMENT_RULE_SET.params, ...over } });

describe('a new rule set version', () => {
  it('the default parameters are accepted', () => {
    expect(ZDevelopmentRuleSetInput.safeParse(input({})).success).toBe(true);
  });
  it('refuses ranges that cannot be met, with a Chinese message at the field', () => {
    const r = ZDevelopmentRuleSetInput.safeParse(input({ mentorsMin: 3, mentorsMax: 2, extensionMinMonths: 12, extensionMaxMonths: 6 }));
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toContainEqual(['params.mentorsMax', '培养联系人最多人数（2）不能少于最少人数（3）']);
    expect(issues).toContainEqual(['params.extensionMaxMonths', '延长预备期最长月数（6）不能少于最短月数（12）']);
  });
  it('refuses a repeated negative-list key', () => {
    expect(ZDevelopmentRuleSetInput.safeParse(input({ negativeList: [{ key: 'a', label: '甲' }, { key: 'a', label: '乙' }] })).success).toBe(false);
  });
});

describe('the negative list edited as lines', () => {
  const previous = [{ key: 'criminal', label: '受过刑事处罚' }, { key: 'item1', label: '涉黑涉恶' }];
  it('keeps the key of an unchanged item and gives a new item a fresh key', () => {
    expect(negativeListFromLines(['受过刑事处罚', ' 新增情形 ', '', '涉黑涉恶', '新增情形'], previous)).toEqual([
      { key: 'criminal', label: '受过刑事处罚' },
      { key: 'item2', label: '新增情形' },
      { key: 'item1', label: '涉黑涉恶' },
    ]);
  });
});
