import { describe, expect, it } from 'vitest';
import { buildQuarterlyReview, quarterMonths, type ReviewOrgMonth } from './quarterly-review';

const row = (orgId: string, townName: string, month: string, due: number, on: number, stars: number | null): ReviewOrgMonth => ({ orgId, orgName: `${orgId}党支部`, secretaryName: null, townName, month, dueWeight: due, onTimeWeight: on, dueCount: due, onTimeCount: on, stars });

describe('quarterly review', () => {
  it('ranks towns by on-time rate, lists best and worst orgs and items, and counts warnings', () => {
    expect(quarterMonths(2026, 2)).toEqual(['2026-04', '2026-05', '2026-06']);
    const r = buildQuarterlyReview({
      scopeName: '示范县',
      year: 2026,
      quarter: 2,
      rows: [
        row('a', '城关街道', '2026-04', 10, 10, 3),
        row('a', '城关街道', '2026-05', 10, 8, 2),
        row('b', '城关街道', '2026-04', 10, 5, 0),
        row('c', '代字营镇', '2026-06', 10, 10, 3),
        row('c', '代字营镇', '2026-07', 10, 0, 0),
      ],
      items: [
        { title: '例会', dueCount: 10, onTimeCount: 9 },
        { title: '培训', dueCount: 4, onTimeCount: 1 },
        { title: '未到期', dueCount: 0, onTimeCount: 0 },
      ],
      warnings: [
        { orgName: 'b党支部', townName: '城关街道', month: '2026-04', level: 'red', reasons: ['4月按时完成率50%，低于60%'], cleared: false },
        { orgName: 'a党支部', townName: '城关街道', month: '2026-05', level: 'yellow', reasons: ['x'], cleared: true },
      ],
      topN: 2,
    });
    expect(r.title).toBe('示范县2026年第二季度基层党组织书记抓党建履职情况讲评');
    expect(r.totals).toMatchObject({ orgs: 3, dueCount: 40, onTimeCount: 33, rate: 82.5, stars: 8, red: 1, yellow: 1 });
    expect(r.towns).toEqual([
      { rank: 1, townName: '代字营镇', orgs: 1, rate: 100, totalStars: 3, averageStars: 3, red: 0, yellow: 0 },
      { rank: 2, townName: '城关街道', orgs: 2, rate: 76.7, totalStars: 5, averageStars: 2.5, red: 1, yellow: 1 },
    ]);
    expect(r.best.map((o) => o.orgName)).toEqual(['c党支部', 'a党支部']);
    expect(r.worst.map((o) => o.orgName)).toEqual(['b党支部']);
    expect(r.orgs.find((o) => o.orgName === 'a党支部')!.stars).toEqual([3, 2, null]);
    expect(r.bestItems.map((i) => i.title)).toEqual(['例会']);
    expect(r.items.map((i) => i.title)).toEqual(['例会', '培训']);
    expect(r.worstItems[0]).toMatchObject({ title: '培训', rate: 25 });
    expect(r.warnings[0].level).toBe('red');
  });

  it('lists every item in the review and names at most five best and five worst, never one item as both', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ title: `事项${String(i + 1).padStart(2, '0')}`, dueCount: 10, onTimeCount: 10 - i % 11 }));
    const r = buildQuarterlyReview({ scopeName: '示范县', year: 2026, quarter: 3, rows: [], items, warnings: [] });
    expect(r.items).toHaveLength(12);
    expect(r.bestItems.map((i) => i.title)).toEqual(['事项01', '事项12', '事项02', '事项03', '事项04']);
    expect(r.worstItems.map((i) => i.title)).toEqual(['事项11', '事项10', '事项09', '事项08', '事项07']);
    const three = buildQuarterlyReview({ scopeName: '示范县', year: 2026, quarter: 3, rows: [], items: items.slice(0, 3), warnings: [] });
    expect(three.bestItems.map((i) => i.title)).toEqual(['事项01', '事项02']);
    expect(three.worstItems.map((i) => i.title)).toEqual(['事项03']);
  });
});
