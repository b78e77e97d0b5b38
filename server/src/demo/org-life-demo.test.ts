import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gradeVoteIssues, type AppraisalGrade, type AppraisalVotes } from '@yanzhen/domain';
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
    // 民主评议党员: rows in the demo town, every grade agreeing with its votes, no branch above the 30% cap of 优秀.
    expect(loaded.appraisals).toBeGreaterThan(0);
    const rows = await queryRows<{ org_id: string; grade: AppraisalGrade; votes: AppraisalVotes; follow_up_action: string | null }>(env.ctx.db, sql`select org_id, grade, votes, follow_up_action from org_life_appraisals where county_id = ${countyId}`);
    const [{ n }] = await queryRows<{ n: number }>(env.ctx.db, sql`select max(c)::int as n from (select count(*) as c from members where county_id = ${countyId} and left_at is null group by org_id) x`);
    for (const r of rows) expect(gradeVoteIssues(r.grade, r.votes, n)).toEqual([]);
    expect(rows.filter((r) => r.grade === 'unqualified').every((r) => r.follow_up_action === 'correct')).toBe(true);
    const [cap] = await queryRows<{ over: number }>(env.ctx.db, sql`select count(*)::int as over from (select a.org_id, count(*) filter (where a.grade = 'excellent') as ex, (select count(*) from members m where m.org_id = a.org_id and m.left_at is null) as members
      from org_life_appraisals a where a.county_id = ${countyId} group by a.org_id) x where ex > floor(members * 0.3)`);
    expect(cap.over).toBe(0);
    // 组织生活会: a yearly record per branch of the demo town (in June none held yet, the first steps done);
    // 党性体检: a round in the demo town, encrypted, some 亚健康/不健康 with their follow-up.
    expect(loaded.lifeMeetings).toBeGreaterThan(0);
    const [life] = await queryRows<{ held: number; records: number }>(env.ctx.db, sql`select count(meeting_id)::int as held, count(*)::int as records from org_life_life_meetings where county_id = ${countyId}`);
    expect(life).toEqual({ held: 0, records: loaded.lifeMeetings });
    expect(loaded.checkups).toBeGreaterThan(0);
    const enc = await queryRows<{ data_enc: string }>(env.ctx.db, sql`select data_enc from org_life_checkups where county_id = ${countyId}`);
    expect(enc).toHaveLength(loaded.checkups);
    const results = enc.map((r) => (JSON.parse(env.ctx.crypto.decrypt(r.data_enc)) as { result: string; baseSessionOn: string | null }));
    expect(results.some((r) => r.result !== 'healthy')).toBe(true);
    expect(results.filter((r) => r.result !== 'healthy').every((r) => r.baseSessionOn && r.baseSessionOn <= '2026-06-15')).toBe(true);
    expect(results.some((r) => r.result === 'healthy')).toBe(true);
  }, 120_000);

  it('from late November two in three branches of the demo town have held the 组织生活会, its steps dated before it', async () => {
    env = await createTestEnv({ now: '2026-12-03T02:00:00Z' });
    const { countyId, root } = env.base;
    await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 400 });
    const loaded = await loadOrgLifeDemo(env.ctx, countyId);
    const rows = await queryRows<{ held_on: string | null; steps: Record<string, { doneOn: string } | null>; kind: string | null; date: string | null }>(env.ctx.db,
      sql`select l.held_on::text, l.steps, m.kind, m.date::text from org_life_life_meetings l left join org_life_meetings m on m.id = l.meeting_id where l.county_id = ${countyId}`);
    expect(rows).toHaveLength(loaded.lifeMeetings);
    const held = rows.filter((r) => r.held_on);
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThan(rows.length);
    for (const r of held) {
      expect(r).toMatchObject({ kind: 'lifeMeeting', date: r.held_on });
      expect(r.held_on! <= '2026-12-03').toBe(true);
      for (const s of Object.values(r.steps)) expect(s!.doneOn < r.held_on!).toBe(true);
    }
  }, 120_000);
});
