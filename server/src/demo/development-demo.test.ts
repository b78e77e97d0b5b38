// The demo development pipeline: every stage populated, some overdue, numbers unique, admitted people on the roster.
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from './demo-county';

let env: TestEnv | undefined;
afterEach(() => env?.close());

describe('demo development pipeline', () => {
  it('spreads a few hundred files over every stage, with overdue ones, and the county sees them', async () => {
    env = await createTestEnv();
    const { countyId, root } = env.base;
    await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 4000, seed: 3 });
    const [c] = await queryRows<{ files: number; stages: number; numbers: number; distinct_numbers: number; admitted: number; on_roster: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from development_files) as files,
                 (select count(distinct stage)::int from development_files where status = 'active') as stages,
                 (select count(*)::int from form_numbers) as numbers,
                 (select count(distinct number)::int from form_numbers) as distinct_numbers,
                 (select count(*)::int from development_files where member_id is not null) as admitted,
                 (select count(*)::int from development_files f join members m on m.id = f.member_id and m.org_id = f.org_id and m.name = f.name) as on_roster`,
    );
    expect(c.files).toBe(286);
    expect(c.stages).toBe(5);
    expect(c.numbers).toBe(c.distinct_numbers);
    expect(c.admitted).toBeGreaterThan(5);
    expect(c.on_roster).toBe(c.admitted);
    const admin = await env.login('admin', DEMO_PASSWORD);
    const p = (await admin.get('/api/development/pipeline')).json();
    expect(p.stages.every((s: { count: number }) => s.count > 0)).toBe(true);
    expect(p.overdue).toBeGreaterThan(5);
    const overdue = (await admin.get('/api/development/deadlines?within=overdue&pageSize=5')).json();
    expect(overdue.items[0].nextDeadline.overdue).toBe(true);
    // A demo file at step 20 or later can be opened and shows its timeline.
    const [f] = await queryRows<{ id: string; current_step: number }>(env.ctx.db, sql`select id, current_step from development_files where current_step = 21 limit 1`);
    const detail = (await admin.get(`/api/development/files/${f.id}`)).json();
    expect(detail.events).toHaveLength(21);
    expect(detail.nextSteps).toEqual([21, 22]);
  }, 120_000);
});
