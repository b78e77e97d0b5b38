import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_RUN, jobLockKey, runDueJobs, runJob, type JobDefinition } from '../../core/jobs';
import { testDatabaseName } from '../../test/test-db';
import { auditLog, jobRuns } from '../../db/schema/index';
import { JOBS } from '../../jobs';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
const added: JobDefinition[] = [];
afterEach(async () => {
  for (const job of added.splice(0)) JOBS.splice(JOBS.indexOf(job), 1);
  await env?.close();
});

/** A job that counts its runs per period and can be told to fail or to wait. */
function countingJob(name: string, cadence: 'daily' | 'monthly' = 'daily') {
  const runs: string[] = [];
  let failNext = false;
  let gate: Promise<void> | null = null;
  const job: JobDefinition = {
    name,
    label: `测试任务${name}`,
    cadence,
    resultLabels: { processed: '处理次数' },
    async run(_ctx, input) {
      runs.push(input.period);
      if (gate) await gate;
      if (failNext) {
        failNext = false;
        throw new Error('模拟失败');
      }
      return { processed: runs.length };
    },
  };
  return { job, runs, failOnce: () => (failNext = true), hold: (p: Promise<void>) => (gate = p), release: () => (gate = null) };
}

const runsOf = async (name: string) => env.ctx.db.select().from(jobRuns).where(and(eq(jobRuns.countyId, env.base.countyId), eq(jobRuns.job, name)));

describe('runJob', () => {
  it('runs a period once, skips it afterwards, and re-runs it only when forced', async () => {
    env = await createTestEnv();
    const t = countingJob('test.once');
    const input = { countyId: env.base.countyId, period: '2026-06-15' };
    expect(await runJob(env.ctx, t.job, input)).toMatchObject({ status: 'done', result: { processed: 1 } });
    expect(await runJob(env.ctx, t.job, input)).toMatchObject({ status: 'skipped' });
    expect(t.runs).toEqual(['2026-06-15']);
    const forced = await runJob(env.ctx, t.job, input, { force: true });
    expect(forced.status).toBe('done');
    const [row] = await runsOf('test.once');
    expect(row).toMatchObject({ status: 'done', attempts: 2, period: '2026-06-15', result: { processed: 2 } });
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'job.run'));
    expect(audits).toHaveLength(2);
    expect(audits[0].note).toBe('测试任务test.once（2026-06-15）定时运行完成：处理次数：1');
  });

  it('records a failure with its message and takes the period up again on the next pass', async () => {
    env = await createTestEnv();
    const t = countingJob('test.fail');
    t.failOnce();
    const input = { countyId: env.base.countyId, period: '2026-06-15' };
    expect(await runJob(env.ctx, t.job, input)).toMatchObject({ status: 'failed', error: '模拟失败' });
    expect((await runsOf('test.fail'))[0]).toMatchObject({ status: 'failed', error: '模拟失败' });
    expect(await runJob(env.ctx, t.job, input)).toMatchObject({ status: 'done' });
    expect((await runsOf('test.fail'))[0]).toMatchObject({ status: 'done', attempts: 2, error: null });
  });

  it('never runs one period twice at once: a second caller while the first is running is skipped', async () => {
    env = await createTestEnv();
    const t = countingJob('test.concurrent');
    let open!: () => void;
    t.hold(new Promise<void>((resolve) => (open = resolve)));
    const input = { countyId: env.base.countyId, period: '2026-06-15' };
    const first = runJob(env.ctx, t.job, input);
    await new Promise((r) => setTimeout(r, 50));
    const second = await runJob(env.ctx, t.job, input, { force: true });
    expect(second.status).toBe('skipped');
    open();
    expect((await first).status).toBe('done');
    expect(t.runs).toHaveLength(1);
  });

  it('runDueJobs runs each job for the period due now: today for daily jobs, last month for monthly ones', async () => {
    env = await createTestEnv({ now: '2026-07-01T01:00:00Z' });
    const daily = countingJob('test.daily', 'daily');
    const monthly = countingJob('test.monthly', 'monthly');
    await runDueJobs(env.ctx, [daily.job, monthly.job]);
    await runDueJobs(env.ctx, [daily.job, monthly.job]);
    expect(daily.runs).toEqual(['2026-07-01']);
    expect(monthly.runs).toEqual(['2026-06']);
    env.clock.set('2026-07-02T01:00:00Z');
    await runDueJobs(env.ctx, [daily.job, monthly.job]);
    expect(daily.runs).toEqual(['2026-07-01', '2026-07-02']);
    expect(monthly.runs).toEqual(['2026-06']);
  });
});

/** A run row as a process that died mid-run leaves it: 'running', started a moment ago, nobody holding its lock. */
async function leaveRunning(name: string, period: string, checkpoint: Record<string, unknown> | null = null) {
  await env.ctx.db.insert(jobRuns).values({ countyId: env.base.countyId, job: name, period, status: 'running', startedAt: env.ctx.clock(), checkpoint });
}

describe('runs whose process is gone', () => {
  it('a run left running by a dead process is taken over at once, not after a timeout, and resumes after its finished steps', async () => {
    env = await createTestEnv();
    const stepsRun: string[] = [];
    const job: JobDefinition = {
      name: 'test.resume',
      label: '测试任务test.resume',
      cadence: 'daily',
      resultLabels: {},
      async run(_ctx, input) {
        let sum = 0;
        for (const part of ['a', 'b', 'c']) sum += await input.step(part, async () => (stepsRun.push(part), part.charCodeAt(0)));
        return { sum };
      },
    };
    // Killed after step a (its checkpoint committed), a second ago.
    await leaveRunning('test.resume', '2026-06-15', { a: 97 });
    const outcome = await runJob(env.ctx, job, { countyId: env.base.countyId, period: '2026-06-15' });
    expect(outcome).toMatchObject({ status: 'done', result: { sum: 97 + 98 + 99 } });
    expect(stepsRun).toEqual(['b', 'c']);
    expect((await runsOf('test.resume'))[0]).toMatchObject({ status: 'done', attempts: 2, checkpoint: null });
    // A forced re-run of the finished period starts afresh.
    await runJob(env.ctx, job, { countyId: env.base.countyId, period: '2026-06-15' }, { force: true });
    expect(stepsRun).toEqual(['b', 'c', 'a', 'b', 'c']);
  });

  it.skipIf(!process.env.DATABASE_URL)('on PostgreSQL a run whose lock another live connection holds is left alone (skipped on PGlite: one process owns the database)', async () => {
    env = await createTestEnv();
    const t = countingJob('test.live');
    await leaveRunning('test.live', '2026-06-15');
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${testDatabaseName()}`;
    const other = new pg.Client({ connectionString: u.toString() });
    await other.connect();
    try {
      // Another process's run: it holds the advisory lock on its own connection.
      await other.query('select pg_advisory_lock(hashtextextended($1, 0))', [jobLockKey(env.base.countyId, 'test.live', '2026-06-15')]);
      expect(await runJob(env.ctx, t.job, { countyId: env.base.countyId, period: '2026-06-15' }, { force: true })).toMatchObject({ status: 'skipped' });
      expect(t.runs).toEqual([]);
    } finally {
      // Its process ends: the lock goes with the connection, and the period is taken up at once.
      await other.end();
    }
    expect(await runJob(env.ctx, t.job, { countyId: env.base.countyId, period: '2026-06-15' })).toMatchObject({ status: 'done' });
    expect(t.runs).toEqual(['2026-06-15']);
  });

  it('the job list shows a dead run as interrupted at once, and 立即运行 is not refused', async () => {
    env = await createTestEnv();
    const t = countingJob('test.restart', 'monthly');
    JOBS.push(t.job);
    added.push(t.job);
    await leaveRunning('test.restart', '2026-05');
    const s = await env.as('countyAdmin');
    const info = (await s.get('/api/jobs')).json().items.find((j: { name: string }) => j.name === 'test.restart');
    expect(info.lastRuns[0]).toMatchObject({ period: '2026-05', status: 'failed', error: INTERRUPTED_RUN });
    const run = await s.post('/api/jobs/test.restart/run', { period: '2026-05' });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ status: 'done', run: { status: 'done', attempts: 2 } });
    expect(t.runs).toEqual(['2026-05']);
  });
});

describe('/api/jobs', () => {
  it('lists jobs with their runs and re-runs a period for the county administrator, audited with the account', async () => {
    env = await createTestEnv();
    const t = countingJob('test.api', 'monthly');
    JOBS.push(t.job);
    added.push(t.job);
    const s = await env.as('countyAdmin');
    const run = await s.post('/api/jobs/test.api/run', { period: '2026-04' });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ status: 'done', run: { job: 'test.api', period: '2026-04', status: 'done', triggeredBy: env.base.accountIds.county } });
    const list = await s.get('/api/jobs');
    expect(list.statusCode).toBe(200);
    const info = list.json().items.find((j: { name: string }) => j.name === 'test.api');
    expect(info).toMatchObject({ label: '测试任务test.api', cadence: 'monthly', duePeriod: '2026-05', resultLabels: { processed: '处理次数' } });
    expect(info.lastRuns.map((r: { period: string }) => r.period)).toEqual(['2026-04']);
    const [audit] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'job.run'));
    expect(audit.actorName).toContain('county');
    expect(audit.note).toContain('手动运行');
  });

  it('refuses a period in the future or malformed with a Chinese message, and an unknown job with 404', async () => {
    env = await createTestEnv();
    const t = countingJob('test.refuse', 'monthly');
    JOBS.push(t.job);
    added.push(t.job);
    const s = await env.as('countyAdmin');
    const future = await s.post('/api/jobs/test.refuse/run', { period: '2026-06' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('2026-06 尚未结束');
    const malformed = await s.post('/api/jobs/test.refuse/run', { period: '2026/05' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('YYYY-MM');
    expect((await s.post('/api/jobs/nope/run', {})).statusCode).toBe(404);
    expect(t.runs).toEqual([]);
    expect(await runsOf('test.refuse')).toHaveLength(0);
  });

  it('is the county administrator’s alone', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    expect((await s.get('/api/jobs')).statusCode).toBe(403);
    expect((await s.post('/api/jobs/x/run', {})).statusCode).toBe(403);
  });
});
