// The demo county's publicity: a year of items across units with adoptions at each level, and a rollup that agrees
// with the items (what the rankings read), ranked through the API.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { counties, orgs } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { loadDemoCountyWithStats } from './demo-county';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-09-15T02:00:00Z' });
  const [county] = await env.ctx.db.insert(counties).values({ name: '演示县', code: '610998' }).returning();
  const [root] = await env.ctx.db.insert(orgs).values({ countyId: county.id, seq: 9000, path: '/9000/', depth: 0, name: '中共演示县委员会', type: 'committee', sector: 'county' }).returning();
  await loadDemoCountyWithStats(env.ctx, { countyId: county.id, rootOrgId: root.id, members: 1500, seed: 7 });
}, 180_000);
afterAll(async () => env?.close());

describe('publicity demo data', () => {
  it('has a year of items across units, adopted at every level, and a rollup equal to the items', async () => {
    const levels = await queryRows<{ level: string; n: number }>(env.ctx.db, sql`select level, count(*)::int as n from publicity_items where status = 'adopted' group by level order by level`);
    expect(levels.map((l) => l.level)).toEqual(['city', 'county', 'national', 'province']);
    const [c] = await queryRows<{ items: number; months: number; units: number; statuses: number; rollup: number; sum: number; authors: number; bad: number }>(env.ctx.db, sql`select
      (select count(*)::int from publicity_items) as items,
      (select count(distinct month)::int from publicity_items) as months,
      (select count(distinct org_id)::int from publicity_items) as units,
      (select count(distinct status)::int from publicity_items) as statuses,
      (select coalesce(sum(centi), 0)::int from publicity_monthly where kind = 'unit') as rollup,
      (select coalesce(sum(centi), 0)::int from publicity_items where status = 'adopted') as sum,
      (select coalesce(sum(centi), 0)::int from publicity_monthly where kind = 'person') as authors,
      (select count(*)::int from (select item_id from publicity_authors group by item_id having sum(share) <> 100) x) as bad`);
    expect(c.months).toBe(9);
    expect(c.units).toBeGreaterThan(5);
    expect(c.statuses).toBeGreaterThanOrEqual(4);
    expect(c.rollup).toBe(c.sum);
    expect(c.authors).toBe(c.sum);
    expect(c.bad).toBe(0);
    console.log(`publicity demo: ${c.items} items in ${c.units} units, ${c.sum / 100} points`);
  });
});
