// Scheduled jobs (daily overdue marks, monthly closes): each runs once per period per county, recorded in job_runs.
// A run holds a lock for its (county, job, period) while it works — a PostgreSQL advisory lock on a connection of its
// own, freed by the server the moment the process dies (on PGlite, which one process owns, a lock in this process) — so
// two processes or a double click never run a period at once, and a row left 'running' by a crash or a restart is
// seen as dead at once (nobody holds its lock) instead of after a timeout. A finished period is skipped unless re-run on
// purpose (force). Long jobs split their work into steps (`input.step`): each step's writes and its checkpoint commit
// together, so a re-run after an interruption resumes after the steps already done and ends with the same rows.
import { describeJobResult, duePeriod, toChinaDate, type JobCadence } from '@yanzhen/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import type { AppContext } from './context';
import { queryRows, type Tx } from './db';
import { counties, jobRuns } from '../db/schema/index';
import { COUNTY_WRITTEN } from './read-cache';

export type JobStep = <T>(name: string, work: (tx: Tx) => Promise<T>) => Promise<T>;
export type JobInput = {
  countyId: string;
  period: string;
  now: Date;
  /**
   * Runs `work` in a transaction that also records the step as done (with its JSON result); a step already done by an
   * interrupted attempt of this run is not run again — its recorded result is returned.
   */
  step: JobStep;
};
export type JobDefinition = {
  name: string;
  label: string;
  cadence: JobCadence;
  /** Chinese names of the result's keys, for the job list and the audit note (keys without one are not shown). */
  resultLabels: Record<string, string>;
  run(ctx: AppContext, input: JobInput): Promise<Record<string, unknown>>;
};
export type JobOutcome = { status: 'done' | 'skipped' | 'failed'; runId: string | null; result: Record<string, unknown> | null; error?: string };

/** Steps without a checkpoint (each its own transaction): for calling a job's `run` outside `runJob` (benches). */
export const uncheckedSteps = (ctx: AppContext): JobStep => (_name, work) => ctx.db.transaction(work);

/** The lock a live run of one period holds. */
export const jobLockKey = (countyId: string, job: string, period: string): string => `yanzhen.job:${countyId}:${job}:${period}`;

/** What a run left 'running' by a process that is gone reads as, until it is taken up again. */
export const INTERRUPTED_RUN = '运行中断（服务重启或进程退出）；已完成的部分已保存，下次运行（定时或“立即运行”）从中断处继续';

export async function runJob(ctx: AppContext, job: JobDefinition, input: { countyId: string; period: string }, opts: { force?: boolean; actor?: Actor | null } = {}): Promise<JobOutcome> {
  const force = opts.force === true;
  if (!force) {
    // The scheduler asks every minute: a finished period answers without taking a lock (or a connection).
    const [row] = await ctx.db
      .select({ status: jobRuns.status })
      .from(jobRuns)
      .where(and(eq(jobRuns.countyId, input.countyId), eq(jobRuns.job, job.name), eq(jobRuns.period, input.period)));
    if (row?.status === 'done') return { status: 'skipped', runId: null, result: null };
  }
  const lock = await ctx.database.tryLock(jobLockKey(input.countyId, job.name, input.period));
  if (!lock) return { status: 'skipped', runId: null, result: null };
  try {
    return await runLocked(ctx, job, input, force, opts.actor ?? null);
  } finally {
    await lock.release();
  }
}

async function runLocked(ctx: AppContext, job: JobDefinition, input: { countyId: string; period: string }, force: boolean, actor: Actor | null): Promise<JobOutcome> {
  const now = ctx.clock();
  // Claim: insert the row, or take over a failed one or one left 'running' (its lock is ours, so its run is dead),
  // or a finished one when forced (starting afresh). A dead or failed run's checkpoint is kept: the work resumes.
  const claimed = await queryRows<{ id: string; checkpoint: Record<string, unknown> | null }>(
    ctx.db,
    sql`insert into job_runs (county_id, job, period, status, started_at, attempts, triggered_by)
        values (${input.countyId}, ${job.name}, ${input.period}, 'running', ${now}, 1, ${actor?.accountId ?? null})
        on conflict (county_id, job, period) do update
          set status = 'running', started_at = excluded.started_at, finished_at = null, error = null,
              attempts = job_runs.attempts + 1, triggered_by = excluded.triggered_by,
              checkpoint = case when job_runs.status = 'done' then null else job_runs.checkpoint end
          where job_runs.status in ('failed', 'running') or (job_runs.status = 'done' and ${force})
        returning id, checkpoint`,
  );
  if (claimed.length === 0) return { status: 'skipped', runId: null, result: null };
  const runId = claimed[0].id;
  const done: Record<string, unknown> = { ...(claimed[0].checkpoint ?? {}) };
  const step: JobStep = async <T>(name: string, work: (tx: Tx) => Promise<T>): Promise<T> => {
    if (Object.prototype.hasOwnProperty.call(done, name)) return done[name] as T;
    const value = await ctx.db.transaction(async (tx) => {
      const v = await work(tx);
      await tx.execute(sql`update job_runs set checkpoint = coalesce(checkpoint, '{}'::jsonb) || jsonb_build_object(${name}::text, ${JSON.stringify(v ?? null)}::jsonb) where id = ${runId}`);
      return v;
    });
    // The same value a resumed run reads back from the checkpoint.
    done[name] = value === undefined ? null : JSON.parse(JSON.stringify(value));
    return done[name] as T;
  };
  try {
    const result = await job.run(ctx, { countyId: input.countyId, period: input.period, now, step });
    const finished = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`update job_runs set status = 'done', finished_at = ${finished}, result = ${JSON.stringify(result)}::jsonb, checkpoint = null where id = ${runId}`);
      await writeAudit(tx, actor, finished, { countyId: input.countyId, action: 'job.run', entityType: 'jobRun', entityId: runId, note: `${job.label}（${input.period}）${actor ? '手动运行' : '定时运行'}完成：${describeJobResult(result, job.resultLabels)}` });
    });
    ctx.events.publish({ type: COUNTY_WRITTEN, countyId: input.countyId });
    return { status: 'done', runId, result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const finished = ctx.clock();
    const resumable = Object.keys(done).length > 0 ? `（已完成 ${Object.keys(done).length} 步，重新运行时从中断处继续）` : '';
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`update job_runs set status = 'failed', finished_at = ${finished}, error = ${(message + resumable).slice(0, 2000)} where id = ${runId}`);
      await writeAudit(tx, actor, finished, { countyId: input.countyId, action: 'job.run', entityType: 'jobRun', entityId: runId, outcome: 'failure', note: `${job.label}（${input.period}）运行失败：${message.slice(0, 500)}${resumable}` });
    });
    return { status: 'failed', runId, result: null, error: message };
  }
}

/**
 * Runs left 'running' whose lock nobody holds (their process is gone) are marked failed with `INTERRUPTED_RUN`, so the
 * job list tells the truth at once; their checkpoints stay for the re-run. Returns how many were marked.
 */
export async function markInterruptedRuns(ctx: AppContext, countyId: string): Promise<number> {
  const running = await ctx.db.select({ id: jobRuns.id, job: jobRuns.job, period: jobRuns.period }).from(jobRuns).where(and(eq(jobRuns.countyId, countyId), eq(jobRuns.status, 'running')));
  let marked = 0;
  for (const r of running) {
    const lock = await ctx.database.tryLock(jobLockKey(countyId, r.job, r.period));
    if (!lock) continue;
    try {
      const rows = await ctx.db
        .update(jobRuns)
        .set({ status: 'failed', error: INTERRUPTED_RUN, finishedAt: ctx.clock() })
        .where(and(eq(jobRuns.id, r.id), eq(jobRuns.status, 'running')))
        .returning({ id: jobRuns.id });
      marked += rows.length;
    } finally {
      await lock.release();
    }
  }
  return marked;
}

/** Runs every job due now for every county, in list order (a monthly close after the daily marks it depends on). */
export async function runDueJobs(ctx: AppContext, jobs: readonly JobDefinition[]): Promise<{ county: string; job: string; period: string; outcome: JobOutcome }[]> {
  const now = ctx.clock();
  const all = await ctx.db.select({ id: counties.id }).from(counties);
  const out: { county: string; job: string; period: string; outcome: JobOutcome }[] = [];
  for (const county of all) {
    for (const job of jobs) {
      const period = duePeriod(job.cadence, now);
      out.push({ county: county.id, job: job.name, period, outcome: await runJob(ctx, job, { countyId: county.id, period }) });
    }
  }
  return out;
}

/**
 * Starts the in-process scheduler: a first pass shortly after start-up, then one a minute (cheap when nothing is due:
 * one claim attempt per job that answers "already done"). Returns the stop function.
 */
export function startScheduler(ctx: AppContext, jobs: readonly JobDefinition[], opts: { firstDelayMs?: number; intervalMs?: number; log?: (line: string) => void } = {}): () => Promise<void> {
  const log = opts.log ?? ((line: string) => console.log(line));
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        for (const r of await runDueJobs(ctx, jobs)) {
          if (r.outcome.status === 'done') log(`[定时任务] ${toChinaDate(ctx.clock())} ${r.job}（${r.period}）完成`);
          if (r.outcome.status === 'failed') log(`[定时任务] ${r.job}（${r.period}）失败：${r.outcome.error}`);
        }
      } catch (err) {
        log(`[定时任务] 调度出错：${err instanceof Error ? err.message : String(err)}`);
      } finally {
        running = null;
      }
    })();
  };
  const first = setTimeout(tick, opts.firstDelayMs ?? 10_000);
  const every = setInterval(tick, opts.intervalMs ?? 60_000);
  first.unref();
  every.unref();
  return async () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(every);
    if (running) await running;
  };
}
