import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEME,
  DEFAULT_SCHEME_COMPONENTS,
  assertScheme,
  assessmentLevelOf,
  centiText,
  competitionRanks,
  componentCenti,
  developmentPermille,
  dutyStarsPermille,
  memberStarsPermille,
  publicityPermille,
  shareOfPermille,
  schemeForYear,
  schemeProblems,
  totalCenti,
} from './scoring';

describe('scheme', () => {
  it('the default scheme adds up to 100', () => {
    expect(schemeProblems(DEFAULT_SCHEME_COMPONENTS)).toEqual([]);
  });
  it('refuses a sum other than 100, duplicate keys, bad weights, publicity without a target', () => {
    const c = DEFAULT_SCHEME_COMPONENTS;
    expect(schemeProblems(c.slice(1))).toEqual(['各项分值合计应为 100 分，现为 75 分']);
    expect(schemeProblems([...c.slice(0, -1), { ...c[0], weight: 10 }])).toContain('第8项（书记抓党建履职）的代码“duties”与前面的项重复');
    expect(schemeProblems([{ ...c[0], weight: 0 }, { ...c[1], weight: 100 }])[0]).toBe('第1项（书记抓党建履职）的分值应为 1 至 100 的整数');
    expect(schemeProblems([{ key: 'p', label: '宣传', source: 'publicity', weight: 100, whenNoData: 'zero', target: null }])).toEqual(['第1项（宣传）须设定满分所需的宣传积分']);
    expect(schemeProblems([])).toEqual(['考核方案至少要有一项']);
    expect(() => assertScheme(c.slice(1))).toThrow('各项分值合计应为 100 分，现为 75 分');
  });
  it('picks the latest version in force for a year', () => {
    const v1 = { version: 1, fromYear: 2024, components: DEFAULT_SCHEME_COMPONENTS };
    const v2 = { version: 2, fromYear: 2026, components: DEFAULT_SCHEME_COMPONENTS };
    expect(schemeForYear([v2, v1], 2025).version).toBe(1);
    expect(schemeForYear([v1, v2], 2026).version).toBe(2);
    expect(schemeForYear([v1, v2], 2023)).toBe(DEFAULT_SCHEME);
  });
});

describe('levels', () => {
  it('ranks committees, general branches and branches; not the county root or groups', () => {
    expect(assessmentLevelOf('committee', 0)).toBeNull();
    expect(assessmentLevelOf('committee', 1)).toBe('committee');
    expect(assessmentLevelOf('workingCommittee', 1)).toBe('committee');
    expect(assessmentLevelOf('generalBranch', 2)).toBe('generalBranch');
    expect(assessmentLevelOf('branch', 2)).toBe('branch');
    expect(assessmentLevelOf('group', 3)).toBeNull();
  });
});

describe('measures', () => {
  it('a rate with no whole is no data; otherwise rounded permille, clamped', () => {
    expect(shareOfPermille(0, 0)).toBeNull();
    expect(shareOfPermille(0, 12)).toBe(0);
    expect(shareOfPermille(11, 12)).toBe(917);
    expect(shareOfPermille(12, 12)).toBe(1000);
    expect(shareOfPermille(13, 12)).toBe(1000);
  });
  it('duty stars: closed months only, against the most stars a month earns', () => {
    expect(dutyStarsPermille([null, null], 3)).toBeNull();
    expect(dutyStarsPermille([], 3)).toBeNull();
    expect(dutyStarsPermille([3, 3, null], 3)).toBe(1000);
    expect(dutyStarsPermille([3, 0, 2], 3)).toBe(556);
    expect(dutyStarsPermille([0], 3)).toBe(0);
    expect(dutyStarsPermille([2], 0)).toBeNull();
  });
  it('member stars: the average of member-months against 5', () => {
    expect(memberStarsPermille(0, 0)).toBeNull();
    expect(memberStarsPermille(40, 10)).toBe(800);
  });
  it('development: share of branches with a new member in the window; no branch → no data', () => {
    expect(developmentPermille(0, 0)).toBeNull();
    expect(developmentPermille(0, 1)).toBe(0);
    expect(developmentPermille(3, 4)).toBe(750);
  });
  it('publicity: points against the target, capped; exactly the target earns the full component', () => {
    expect(publicityPermille(0, 10)).toBe(0);
    expect(publicityPermille(999, 10)).toBe(999);
    expect(publicityPermille(1000, 10)).toBe(1000);
    expect(publicityPermille(5000, 10)).toBe(1000);
  });
});

describe('points and totals', () => {
  it('a component without data is excluded or zero as its rule says', () => {
    expect(componentCenti(20, null, 'excluded')).toBeNull();
    expect(componentCenti(20, null, 'zero')).toBe(0);
    expect(componentCenti(20, 0, 'excluded')).toBe(0);
    expect(componentCenti(20, 1000, 'zero')).toBe(2000);
    expect(componentCenti(25, 556, 'excluded')).toBe(1390);
  });
  it('the total scales to 100 over the weights with data', () => {
    expect(totalCenti([{ key: 'a', weight: 50, permille: 1000, centi: 5000 }, { key: 'b', weight: 50, permille: 500, centi: 2500 }])).toBe(7500);
    // b excluded: a's 40 of 50 → 80 of 100.
    expect(totalCenti([{ key: 'a', weight: 50, permille: 800, centi: 4000 }, { key: 'b', weight: 50, permille: null, centi: null }])).toBe(8000);
    // 'zero' counts as data: no scaling.
    expect(totalCenti([{ key: 'a', weight: 50, permille: 800, centi: 4000 }, { key: 'b', weight: 50, permille: null, centi: 0 }])).toBe(4000);
    expect(totalCenti([{ key: 'a', weight: 50, permille: null, centi: null }])).toBeNull();
    expect(totalCenti([])).toBeNull();
  });
  it('competition ranks: ties share a rank, the next rank skips; unranked stay null', () => {
    expect(competitionRanks([9000, 8000, 9000, null, 7000])).toEqual([1, 3, 1, null, 4]);
    expect(competitionRanks([])).toEqual([]);
  });
  it('prints centi-points as points', () => {
    expect(centiText(8525)).toBe('85.25');
    expect(centiText(8500)).toBe('85');
    expect(centiText(8550)).toBe('85.5');
    expect(centiText(0)).toBe('0');
    expect(centiText(null)).toBe('—');
  });
});
