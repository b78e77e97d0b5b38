// stars.monthClose through runJob: the closed month's stars for every member (records only), the new month opened,
// arrears warnings at 3 and 6 months — and running it again changes nothing.
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../core/jobs';
import { duesArrearsWarnings, jobRuns, memberMonthly } from '../../db/schema/index';
import { JOBS } from '../../jobs';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { starsMonthCloseJob } from './stars.jobs';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-07-03T02:00:00Z' });
});
afterEach(async () => env.close());

const snapshot = async () => ({
  warnings: await env.ctx.db.select().from(duesArrearsWarnings).orderBy(asc(duesArrearsWarnings.memberId)),
  rollup: (await env.ctx.db.select().from(memberMonthly).orderBy(asc(memberMonthly.memberId), asc(memberMonthly.month))).map((r) => ({ ...r, computedAt: null })),
});

describe('stars.monthClose', () => {
  it('is registered as a monthly job', () => {
    expect(JOBS.find((j) => j.name === 'stars.monthClose')).toBe(starsMonthCloseJob);
    expect(starsMonthCloseJob.cadence).toBe('monthly');
  });

  it('rates every member for the closed month, opens the new one, raises warnings at 3 and 6 months; idempotent', async () => {
    const { countyId, branch1, branch2 } = env.base;
    const secretary = await env.as('branchSecretary');
    const county = await env.as('countyAdmin');
    const red = await buildMember(env.ctx, countyId, branch1, { name: '红一', birthDate: '1980-02-01' });
    const yellow = await buildMember(env.ctx, countyId, branch1, { name: '黄二', birthDate: '1980-03-01' });
    const paidUp = await buildMember(env.ctx, countyId, branch1, { name: '全三', birthDate: '1980-04-01' });
    const noBase = await buildMember(env.ctx, countyId, branch1, { name: '无四', birthDate: '1980-05-01' });
    const otherTown = await buildMember(env.ctx, countyId, branch2, { name: '外五', birthDate: '1980-06-01' });
    const base = (memberId: string, fromMonth: string) => county.post('/api/dues/bases', { memberId, year: 2026, fromMonth, category: 'employee', baseFen: 400000 });
    for (const [m, from] of [[red, '2026-01'], [yellow, '2026-04'], [paidUp, '2026-01'], [otherTown, '2026-03']] as const) expect((await base(m, from)).statusCode).toBe(200);
    const pay = await secretary.post('/api/dues/payments', { memberId: paidUp, months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], amountFen: 24000, method: 'cash', collector: '王书记', paidOn: '2026-07-02' });
    expect(pay.statusCode, pay.body).toBe(200);
    // No record touched 无四 or 李建国: they have no June row yet.
    const juneBefore = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.month, '2026-06')));
    expect(juneBefore.map((r) => r.memberId)).not.toContain(noBase);

    const first = await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' });
    expect(first).toMatchObject({ status: 'done', result: { month: '2026-06', members: 6, opened: 6, yellow: 2, red: 1 } });
    const june = await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.month, '2026-06'));
    expect(june).toHaveLength(6);
    expect(june.find((r) => r.memberId === noBase)).toMatchObject({ duesDue: false, paid: false, stars: expect.any(Number) });
    expect(june.find((r) => r.memberId === paidUp)).toMatchObject({ duesDue: true, paid: true });
    expect(await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.month, '2026-07'))).toHaveLength(6);
    const warnings = await env.ctx.db.select().from(duesArrearsWarnings);
    expect(Object.fromEntries(warnings.map((w) => [w.memberId, [w.level, w.streak, w.month]]))).toEqual({ [red]: ['red', 6, '2026-06'], [yellow]: ['yellow', 3, '2026-06'], [otherTown]: ['yellow', 4, '2026-06'] });

    // The scheduler's second attempt for the period is skipped; a forced re-run computes the same rows.
    const before = await snapshot();
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' })).status).toBe('skipped');
    const again = await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' }, { force: true });
    expect(again).toMatchObject({ status: 'done', result: first.result });
    expect(await snapshot()).toEqual(before);

    // The branch lists the warnings; the red flag is handled with a note; paying the arrears withdraws an open warning.
    const list = (await secretary.get('/api/dues/arrears-warnings?month=2026-06')).json();
    expect(list.items.map((w: { name: string; level: string }) => [w.name, w.level])).toEqual([['红一', 'red'], ['黄二', 'yellow']]);
    const redWarning = list.items[0];
    const handled = await secretary.post(`/api/dues/arrears-warnings/${redWarning.id}/handle`, { note: '支部已谈话，本人承诺补交', version: redWarning.version });
    expect(handled.statusCode, handled.body).toBe(200);
    expect((await secretary.post(`/api/dues/arrears-warnings/${redWarning.id}/handle`, { note: '再次', version: redWarning.version })).statusCode).toBe(409);
    expect((await (await env.as('otherTownAdmin')).post(`/api/dues/arrears-warnings/${redWarning.id}/handle`, { note: '越权', version: 2 })).statusCode).toBe(404);
    expect((await secretary.post('/api/dues/payments', { memberId: yellow, months: ['2026-04', '2026-05', '2026-06'], amountFen: 12000, method: 'cash', collector: '王书记', paidOn: '2026-07-03' })).statusCode).toBe(200);
    await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' }, { force: true });
    const after = await env.ctx.db.select().from(duesArrearsWarnings);
    expect(after.map((w) => w.memberId).sort()).toEqual([red, otherTown].sort());
    expect(after.find((w) => w.memberId === red)).toMatchObject({ handlingNote: '支部已谈话，本人承诺补交', handledAt: expect.any(Date) });
  });
});

describe('stars.monthClose interrupted mid-way', () => {
  /** A county with members owing dues in both towns; returns names by id (members and orgs) to compare two databases. */
  async function seedCounty() {
    const { countyId, branch1, branch2, root, town1, town2, group1 } = env.base;
    const county = await env.as('countyAdmin');
    const secretary = await env.as('branchSecretary');
    const names = new Map<string, string>([[branch1.id, 'branch1'], [branch2.id, 'branch2'], [root.id, 'root'], [town1.id, 'town1'], [town2.id, 'town2'], [group1.id, 'group1'], [env.base.member1Id, '李建国']]);
    const people: [string, typeof branch1, string][] = [['甲一', branch1, '2026-01'], ['乙二', branch1, '2026-04'], ['丙三', branch2, '2026-03'], ['丁四', branch2, '2026-01'], ['戊五', branch2, '2026-06']];
    for (const [name, org, from] of people) {
      const id = await buildMember(env.ctx, countyId, org, { name, birthDate: '1980-02-01' });
      names.set(id, name);
      expect((await county.post('/api/dues/bases', { memberId: id, year: 2026, fromMonth: from, category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    }
    const paying = [...names].find(([, n]) => n === '乙二')![0];
    expect((await secretary.post('/api/dues/payments', { memberId: paying, months: ['2026-04'], amountFen: 4000, method: 'cash', collector: '王书记', paidOn: '2026-07-02' })).statusCode).toBe(200);
    return names;
  }

  /** Every rollup row and warning, ids replaced by the names they stand for. */
  async function rowsByName(names: Map<string, string>) {
    const s = await snapshot();
    const named = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'id' && k !== 'countyId').map(([k, v]) => [k, typeof v === 'string' && names.has(v) ? names.get(v) : v]));
    const key = (r: Record<string, unknown>) => `${r.memberId}|${r.month}`;
    return {
      rollup: s.rollup.map(named).sort((a, b) => key(a).localeCompare(key(b))),
      warnings: s.warnings.map(named).sort((a, b) => key(a).localeCompare(key(b))),
    };
  }

  it('resumes with the towns not yet done and ends with the same rows as an uninterrupted run; readers never see an unopened town', async () => {
    const { countyId } = env.base;
    // The uninterrupted run, in a database of its own.
    const cleanNames = await seedCounty();
    const clean = await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' });
    expect(clean.status).toBe('done');
    const cleanRows = await rowsByName(cleanNames);
    expect(cleanRows.rollup.filter((r) => r.month === '2026-07')).toHaveLength(6);
    await env.close();

    env = await createTestEnv({ now: '2026-07-03T02:00:00Z' });
    const names = await seedCounty();
    const ran: string[] = [];
    // The same job, killed (an error thrown) when it reaches its third town step: the root and 城关镇 are done.
    let closes = 0;
    const killed = {
      ...starsMonthCloseJob,
      run: (ctx, input) =>
        starsMonthCloseJob.run(ctx, {
          ...input,
          step: (name, work) => {
            if (name.startsWith('close:') && ++closes === 3) throw new Error('模拟进程中止');
            ran.push(name);
            return input.step(name, work);
          },
        }),
    } satisfies typeof starsMonthCloseJob;
    expect(await runJob(env.ctx, killed, { countyId: env.base.countyId, period: '2026-06' })).toMatchObject({ status: 'failed', error: '模拟进程中止' });
    const [failed] = await env.ctx.db.select().from(jobRuns).where(eq(jobRuns.job, 'stars.monthClose'));
    expect(failed.status).toBe('failed');
    expect(Object.keys(failed.checkpoint ?? {}).sort()).toEqual([...ran].sort());
    expect(ran).toEqual(['open:2026-07', `close:${env.base.root.path}`, `close:${env.base.town1.path}%`]);

    // Meanwhile the running month reads every town opened (代字营镇 not yet closed still has its 3 members).
    const rates = (await (await env.as('countyAdmin')).get('/api/dues/collection?month=2026-07')).json();
    expect(Object.fromEntries(rates.items.map((i: { orgName: string; members: number }) => [i.orgName, i.members]))).toEqual({ 城关镇党委: 3, 代字营镇党委: 3 });

    // The scheduler's next pass takes the failed period up again and runs only the town not yet done.
    const resumedSteps: string[] = [];
    const watched = { ...starsMonthCloseJob, run: (ctx, input) => starsMonthCloseJob.run(ctx, { ...input, step: (name, work) => input.step(name, async (tx) => (resumedSteps.push(name), work(tx))) }) } satisfies typeof starsMonthCloseJob;
    const resumed = await runJob(env.ctx, watched, { countyId: env.base.countyId, period: '2026-06' });
    expect(resumed).toMatchObject({ status: 'done', result: clean.result });
    expect(resumedSteps).toEqual([`close:${env.base.town2.path}%`]);
    const [row] = await env.ctx.db.select().from(jobRuns).where(eq(jobRuns.job, 'stars.monthClose'));
    expect(row).toMatchObject({ status: 'done', attempts: 2, checkpoint: null });
    expect(await rowsByName(names)).toEqual(cleanRows);
  });
});
