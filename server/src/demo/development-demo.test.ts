// The demo development pipeline: every stage populated, some overdue, numbers unique, admitted people on the roster.
import { toChinaDate } from '@yanzhen/domain';
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
    // The timeline names who recorded each step (the branch secretary, the 党委), not a placeholder.
    expect(detail.events[0].actorName).toMatch(/（支部书记）$/);
    expect(detail.events.map((e: { actorOrgName: string; actorName: string }) => `${e.actorOrgName} ${e.actorName}`).join('|')).not.toContain('演示数据');
    expect(detail.events.find((e: { step: number }) => e.step === 4).actorOrgName).toMatch(/(党委|党工委)$/);

    // Two sponsors, distinct full members (细则第十四条), on every file past step 9; mentors named from step 5.
    const sponsors = await queryRows<{ ids: string[] }>(env.ctx.db, sql`select e.fields->'sponsorMemberIds' as ids from development_events e where e.step = 9`);
    expect(sponsors.length).toBeGreaterThan(20);
    for (const { ids } of sponsors) expect(new Set(ids).size).toBe(2);
    const [notFull] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from development_events e, jsonb_array_elements_text(e.fields->'sponsorMemberIds') s(id)
          where e.step = 9 and not exists (select 1 from members m where m.id = s.id::uuid and m.status = 'full')`,
    );
    expect(notFull.n).toBe(0);

    // The 入党意向人员名册 has people in it.
    const prospects = (await admin.get('/api/development/prospects')).json();
    expect(prospects.total).toBeGreaterThanOrEqual(30);

    // 历年发展: no year stands out (a clamp once piled ~1,600 joins into one year against ~200 in the others).
    const thisYear = Number(toChinaDate(env.ctx.clock()).slice(0, 4));
    const years = await queryRows<{ y: number; n: number }>(
      env.ctx.db,
      sql`select extract(year from join_date)::int as y, count(*)::int as n from members
          where join_date >= ${`${thisYear - 12}-01-01`} and join_date < ${`${thisYear}-01-01`} group by 1 order by 1`,
    );
    expect(years).toHaveLength(12);
    const counts = years.map((r) => r.n).sort((a, b) => a - b);
    expect(counts[counts.length - 1]).toBeLessThan(2 * counts[Math.floor(counts.length / 2)]);
  }, 120_000);
});
