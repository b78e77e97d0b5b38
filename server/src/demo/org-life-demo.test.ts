import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { DEFAULT_ORG_LIFE_SETTINGS, computeCompliance } from '../modules/org-life/org-life.service';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { getTestDatabase } from '../test/test-db';
import { loadDemoCountyWithStats } from './demo-county';
import { loadOrgLifeDemo } from './org-life-demo';

let env: TestEnv;
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

describe('demo organizational life', () => {
  it('gives every branch a year of meetings with gaps, attendance, talks and hours in the demo town, nothing in the future', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const { countyId, root } = env.base;
    await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 400 });
    const loaded = await loadOrgLifeDemo(env.ctx, countyId);
    expect(loaded.meetings).toBeGreaterThan(100);
    expect(loaded.attendance).toBeGreaterThan(100);
    expect(loaded.talks).toBeGreaterThan(0);
    expect(loaded.entries).toBeGreaterThan(0);
    const [m] = await queryRows<{ future: number; min: string; kinds: number }>(env.ctx.db, sql`select count(*) filter (where date > '2026-06-15')::int as future, min(date)::text as min, count(distinct kind)::int as kinds from org_life_meetings where county_id = ${countyId}`);
    expect(m).toMatchObject({ future: 0, min: expect.stringMatching(/^2026-01/), kinds: 4 });
    const [a] = await queryRows<{ wrong: number }>(env.ctx.db, sql`select count(*)::int as wrong from org_life_meetings m where m.county_id = ${countyId} and m.present > m.expected`);
    expect(a.wrong).toBe(0);
    const branches = await computeCompliance(env.ctx.db, countyId, root.path, 2026, '2026-06-15', DEFAULT_ORG_LIFE_SETTINGS);
    const held = branches.reduce((s, b) => s + b.figures.held, 0);
    const overdue = branches.reduce((s, b) => s + b.figures.overdue, 0);
    expect(held).toBeGreaterThan(overdue * 3);
    expect(overdue).toBeGreaterThan(0);
  }, 120_000);
});
