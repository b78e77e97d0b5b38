import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { dutyItems, dutyMonthly, dutyWarnings } from '../db/schema/index';
import { createBoardService } from '../modules/duties/board.service';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { getTestDatabase } from '../test/test-db';
import { loadDemoCountyWithStats } from './demo-county';
import { loadDutiesDemo } from './duties-demo';

let env: TestEnv;
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

describe('demo duty year', () => {
  it('gives every org a timetable, a realistic history, closed months with stars and warnings, and a board', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const { countyId, root } = env.base;
    await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 400 });
    const loaded = await loadDutiesDemo(env.ctx, countyId);
    expect(loaded.items).toBeGreaterThan(1000);
    const [status] = await queryRows<{ accepted: number; late: number; open_past: number; future_done: number }>(
      env.ctx.db,
      sql`select count(*) filter (where status = 'accepted')::int as accepted, count(*) filter (where status = 'accepted' and not on_time)::int as late,
          count(*) filter (where status = 'pending' and due_date < '2026-06-15')::int as open_past,
          count(*) filter (where status <> 'pending' and first_submitted_on > '2026-06-15')::int as future_done
          from duty_items where county_id = ${countyId}`,
    );
    expect(status.accepted).toBeGreaterThan(loaded.items / 4);
    expect(status.late).toBeGreaterThan(0);
    expect(status.open_past).toBeGreaterThan(0);
    expect(status.future_done).toBe(0);
    const closed = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.countyId, countyId), isNotNull(dutyMonthly.closedAt)));
    expect(new Set(closed.map((m) => m.month))).toEqual(new Set(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']));
    expect(closed.some((m) => m.stars === 3)).toBe(true);
    expect((await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.countyId, countyId))).length).toBeGreaterThan(0);
    const board = createBoardService(env.ctx);
    const data = await board.data(countyId);
    board.close();
    expect(data.towns.length).toBeGreaterThan(3);
    expect(data.totals.orgs).toBe((await queryRows<{ n: number }>(env.ctx.db, sql`select count(distinct org_id)::int as n from ${dutyItems} where county_id = ${countyId}`))[0].n);
    expect(data.ticker.length).toBeGreaterThan(0);
  });
});
