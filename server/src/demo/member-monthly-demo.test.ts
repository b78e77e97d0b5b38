// The demo county's theme days, dues, reports and stars: loaded with the county, believable figures, quick to load.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { counties, orgs } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from './demo-county';

let env: TestEnv;
let loadSeconds = 0;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-09-15T02:00:00Z' });
  const [county] = await env.ctx.db.insert(counties).values({ name: '演示县', code: '610999' }).returning();
  const [root] = await env.ctx.db.insert(orgs).values({ countyId: county.id, seq: 9000, path: '/9000/', depth: 0, name: '中共演示县委员会', type: 'committee', sector: 'county' }).returning();
  const t0 = performance.now();
  await loadDemoCountyWithStats(env.ctx, { countyId: county.id, rootOrgId: root.id, members: 1500, seed: 7 });
  loadSeconds = (performance.now() - t0) / 1000;
}, 180_000);
afterAll(async () => env?.close());

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(env.ctx.db, q))[0];

describe('member-monthly demo data', () => {
  it('has this year\'s theme days with attendance, dues with some arrears, reports and a star per member-month', async () => {
    const c = await one<{ td: number; att: number; members: number; paid: number; reports: number; rollups: number; stars: number }>(sql`select
      (select count(*)::int from theme_days where month like '2026-%') as td,
      (select count(*)::int from theme_day_attendances) as att,
      (select count(*)::int from members where org_path like '/9000/%') as members,
      (select count(*)::int from dues_paid_months) as paid,
      (select count(*)::int from situation_reports) as reports,
      (select count(*)::int from member_monthly) as rollups,
      (select count(*)::int from member_monthly where stars >= 1) as stars`);
    expect(c.td).toBeGreaterThan(150);
    expect(c.att / (c.members * 9)).toBeGreaterThan(0.6);
    expect(c.paid).toBeGreaterThan(c.members * 4);
    expect(c.reports).toBeGreaterThan(0);
    expect(c.rollups).toBe(c.members * 9);
    expect(c.stars / c.rollups).toBeGreaterThan(0.9);
    console.log(`member-monthly demo: 1,500 members loaded (with the county) in ${loadSeconds.toFixed(1)} s; ${c.att} attendances, ${c.paid} paid months, ${c.rollups} star rows`);
  });

  it('shows arrears warnings and red flags in the ledger, and the demo member sees their stars and dues', async () => {
    const admin = await env.login('admin', DEMO_PASSWORD);
    const yellow = (await admin.get('/api/dues/ledger?level=yellow&pageSize=5')).json();
    const red = (await admin.get('/api/dues/ledger?level=red&pageSize=5')).json();
    expect(red.total).toBeGreaterThan(0);
    expect(yellow.total).toBeGreaterThan(red.total);
    // The warnings list the branches must handle agrees with the ledger of the last closed month (August).
    // The list is paged with its true total: read every page.
    const warnings: { level: string }[] = [];
    let total = 0;
    for (let page = 1; page === 1 || warnings.length < total; page++) {
      const body = (await admin.get(`/api/dues/arrears-warnings?month=2026-08&page=${page}&pageSize=200`)).json();
      total = body.total;
      warnings.push(...body.items);
      if (body.items.length === 0) break;
    }
    const augustRed = (await admin.get('/api/dues/ledger?month=2026-08&level=red&pageSize=5')).json();
    expect(total).toBeGreaterThan(0);
    expect(warnings).toHaveLength(total);
    expect(warnings.filter((w) => w.level === 'red')).toHaveLength(augustRed.total);
    const rate = (await admin.get('/api/dues/collection?month=2026-08')).json();
    expect(rate.total.ratePermille).toBeGreaterThan(850);
    const member = await env.login('member', DEMO_PASSWORD);
    const stars = (await member.get('/api/me/stars')).json();
    expect(stars.months).toHaveLength(9);
    const secretary = await env.login('secretary', DEMO_PASSWORD);
    const wall = (await secretary.get('/api/stars/wall')).json();
    expect(wall.inService.length + wall.mobile.length).toBeGreaterThan(3);
  });
});
