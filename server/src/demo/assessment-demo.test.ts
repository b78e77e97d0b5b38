// The demo county's assessment: the previous year closed with scores ranked per level, the running year open, weak
// orgs in the demo town at every stage, read through the API as the demo county administrator.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { counties, orgs } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { loadAssessmentDemo } from './assessment-demo';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from './demo-county';

let env: TestEnv;
let countyId = '';
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-09-15T02:00:00Z' });
  const [county] = await env.ctx.db.insert(counties).values({ name: '演示县', code: '610997' }).returning();
  countyId = county.id;
  const [root] = await env.ctx.db.insert(orgs).values({ countyId, seq: 9100, path: '/9100/', depth: 0, name: '中共演示县委员会', type: 'committee', sector: 'county' }).returning();
  await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 600, seed: 7 });
  await loadAssessmentDemo(env.ctx, countyId);
}, 180_000);
afterAll(async () => env?.close());

describe('assessment demo data', () => {
  it('has a closed previous year, an open current one, and weak orgs at every stage', async () => {
    const years = await queryRows<{ year: number; status: string; n: number; ranked: number; firsts: number }>(
      env.ctx.db,
      sql`select y.year, y.status, count(s.org_id)::int as n, count(s.rank)::int as ranked, (count(*) filter (where s.rank = 1))::int as firsts
          from assessment_years y join assessment_scores s on s.county_id = y.county_id and s.year = y.year where y.county_id = ${countyId} group by y.year, y.status order by y.year`,
    );
    expect(years.map((y) => [y.year, y.status])).toEqual([[2025, 'closed'], [2026, 'open']]);
    expect(years[0].n).toBeGreaterThan(20);
    expect(years[0].ranked).toBe(years[0].n);
    expect(years[0].firsts).toBeGreaterThanOrEqual(3);
    const weak = await queryRows<{ year: number; status: string; progress: number }>(
      env.ctx.db,
      sql`select w.year, w.status, (select count(*)::int from weak_org_progress p where p.weak_org_id = w.id) as progress from weak_orgs w where w.county_id = ${countyId} order by w.year, w.status`,
    );
    expect(weak).toEqual([{ year: 2025, status: 'removed', progress: 0 }, { year: 2026, status: 'identified', progress: 0 }, { year: 2026, status: 'rectifying', progress: 7 }]);
    const admin = await env.login('admin', DEMO_PASSWORD);
    const page = (await admin.get('/api/assessment/ranking?year=2025&level=committee')).json();
    expect(page.status).toBe('closed');
    expect(page.items[0].rank).toBe(1);
    expect(page.total).toBeGreaterThan(5);
    const drill = (await admin.get(`/api/assessment/orgs/${page.items[0].orgId}?year=2025`)).json();
    expect(drill.components).toHaveLength(8);
    expect(drill.components[0].evidence.summary).toContain('演示数据');
    expect(drill).toMatchObject({ status: 'closed', rank: 1 });
    const list = (await admin.get('/api/assessment/weak-orgs?year=2026&status=rectifying')).json();
    expect(list.items[0]).toMatchObject({ leaderName: expect.any(String), overdue: false, progressMonths: 7 });
  });
});
