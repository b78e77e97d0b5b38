// The demo county's instructors: loaded with the county — a pool of instructors (the `instructor` account among them)
// serving the enterprises, a year of scans, logs and problems, closed months with some warnings — and quick to load.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { counties, orgs } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from './demo-county';

let env: TestEnv;
let lapMs = 0;
beforeAll(async () => {
  env = await createTestEnv({ now: '2026-12-03T02:00:00Z' });
  const [county] = await env.ctx.db.insert(counties).values({ name: '演示县', code: '610998' }).returning();
  const [root] = await env.ctx.db.insert(orgs).values({ countyId: county.id, seq: 9100, path: '/9100/', depth: 0, name: '中共演示县委员会', type: 'committee', sector: 'county' }).returning();
  const log = console.log;
  process.env.YANZHEN_DEMO_TIMING = '1';
  const laps: Record<string, number> = {};
  console.log = (...args: unknown[]) => {
    const m = /^demo: (.*) done at (\d+) ms$/.exec(String(args[0]));
    if (m) laps[m[1]] = Number(m[2]);
    else log(...args);
  };
  try {
    await loadDemoCountyWithStats(env.ctx, { countyId: county.id, rootOrgId: root.id, members: 17000, seed: 42 });
  } finally {
    console.log = log;
    delete process.env.YANZHEN_DEMO_TIMING;
  }
  lapMs = laps['instructors demo'] - laps['member monthly demo'];
}, 300_000);
afterAll(async () => env?.close());

const one = async <T>(q: ReturnType<typeof sql>) => (await queryRows<T>(env.ctx.db, q))[0];

describe('instructors demo data', () => {
  it('has ~40 instructors for ~100 enterprises with a year of visits, logs, problems and closed months', async () => {
    const c = await one<{ ent: number; prof: number; ins: number; assigned: number; visits: number; logs: number; problems: number; solved: number; months: number; yellow: number; red: number; pending: number }>(sql`select
      (select count(*)::int from enterprises) as ent,
      (select count(*)::int from enterprise_profiles) as prof,
      (select count(*)::int from instructors) as ins,
      (select count(*)::int from instructor_assignments where active) as assigned,
      (select count(*)::int from site_visits) as visits,
      (select count(*)::int from instructor_work_logs) as logs,
      (select count(*)::int from instructor_problems) as problems,
      (select count(*)::int from instructor_problems where status = 'solved') as solved,
      (select count(*)::int from instructor_months) as months,
      (select count(*)::int from instructor_months where warning = 'yellow') as yellow,
      (select count(*)::int from instructor_months where warning = 'red') as red,
      (select count(*)::int from site_manual_entries where status = 'pending') as pending`);
    expect(c.prof).toBe(c.ent);
    expect(c.ent).toBeGreaterThanOrEqual(90);
    expect(c.ins).toBe(40);
    expect(c.assigned / c.ent).toBeGreaterThan(0.75);
    expect(c.visits).toBeGreaterThan(3000);
    expect(c.logs).toBeGreaterThan(c.visits / 4);
    expect(c.solved).toBeGreaterThan(c.problems / 2);
    expect(c.months).toBe(40 * 11);
    expect(c.yellow + c.red).toBeGreaterThan(0);
    expect(c.red).toBeGreaterThan(0);
    const grades = await queryRows<{ grade: string; n: number }>(env.ctx.db, sql`select grade, count(*)::int as n from instructor_assessments where year = 2025 group by grade`);
    expect(grades.reduce((n, g) => n + g.n, 0)).toBe(40);
    expect(grades.length).toBeGreaterThanOrEqual(2);
    // 职工评议 of 2025: codes and anonymous votes per assignment; the assessment's component computed from them.
    const r = await one<{ batches: number; codes: number; used: number; votes: number; fromVotes: number }>(sql`select
      (select count(*)::int from staff_rating_batches where year = 2025) as batches,
      (select count(*)::int from staff_rating_codes) as codes,
      (select count(*)::int from staff_rating_codes where used_on is not null) as used,
      (select count(*)::int from staff_rating_votes where year = 2025) as votes,
      (select count(*)::int from instructor_assessments where year = 2025 and staff_rating_votes >= 3) as "fromVotes"`);
    expect(r.batches).toBe(c.assigned);
    expect(r.used).toBe(r.votes);
    expect(r.votes).toBeGreaterThan(c.assigned * 4);
    expect(r.fromVotes).toBeGreaterThan(30);
    const checks = await one<{ checks: number; open: number }>(sql`select (select count(*)::int from instructor_checks) as checks, (select count(*)::int from duty_rectifications where source_type = 'instructorFinding' and status = 'open') as open`);
    expect(checks).toEqual({ checks: 2, open: 1 });
    const [cb] = await queryRows<{ n: number; q: number }>(env.ctx.db, sql`select count(*)::int as n, count(distinct quarter)::int as q from instructor_callbacks`);
    expect(cb.q).toBe(4);
    expect(cb.n).toBe(c.assigned * 4);
    console.log(`instructors demo: ${c.ins} instructors, ${c.ent} enterprises, ${c.visits} visits, ${c.logs} logs, ${c.problems} problems, ${c.yellow} yellow / ${c.red} red month warnings; loaded in ${lapMs} ms`);
  });

  it('binds the demo account `instructor` to an instructor with enterprises and a month to show', async () => {
    const s = await env.login('instructor', DEMO_PASSWORD);
    const rating = (await s.get('/api/me/instructor/staff-ratings?year=2025')).json();
    expect(rating.visible).toBe(true);
    expect(rating.items).toHaveLength(4);
    const mine = await s.get('/api/me/instructor');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().enterprises.length).toBeGreaterThanOrEqual(1);
    const month = (await s.get('/api/me/instructor/month?month=2026-11')).json();
    expect(month.workingDays).toBe(21);
    expect(month.onsiteDays).toBeGreaterThan(0);
    const logs = (await s.get('/api/me/instructor/logs')).json();
    expect(logs.total).toBeGreaterThan(0);
  });
});
