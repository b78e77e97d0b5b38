// Scheduled jobs (daily overdue marks, monthly closes): each runs once per period per county, recorded in job_runs.
// A run claims its (county, job, period) row first, so two processes or a double click never run a period twice at once;
// a finished period is skipped unless re-run on purpose (force), and every job must be idempotent anyway.
import { describeJobResult, duePeriod, toChinaDate, type JobCadence } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import type { AppContext } from './context';
import { queryRows } from './db';
import { counties } from '../db/schema/index';

export type JobInput = { countyId: string; period: string; now: Date };
export type JobDefinition = {
  name: string;
  label: string;
  cadence: JobCadence;
  /** Chinese names of the result's keys, for the job list and the audit note (keys without one are not shown). */
  resultLabels: Record<string, string>;
  run(ctx: AppContext, input: JobInput): Promise<Record<string, unknown>>;
};
export type JobOutcome = { status: 'done' | 'skipped' | 'failed'; runId: string | null; result: Record<string, unknown> | null; error?: string };

/** A run still marked running after this long is taken to have died with its process and may be claimed again. */
export const STALE_RUN_MS = 30 * 60 * 1000;

export async function runJob(ctx: AppContext, job: JobDefinition, input: { countyId: string; period: string }, opts: { force?: boolean; actor?: Actor | null } = {}): Promise<JobOutcome> {
  const now = ctx.clock();
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
  const force = opts.force === true;
  // Claim: insert the row, or take over a failed/stale one (or a finished one when forced). A live run is never taken over.
  const claimed = await queryRows<{ id: string }>(
    ctx.db,
    sql`insert into job_runs (county_id, job, period, status, started_at, attempts, triggered_by)
        values (${input.countyId}, ${job.name}, ${input.period}, 'running', ${now}, 1, ${opts.actor?.accountId ?? null})
        on conflict (county_id, job, period) do update
          set status = 'running', started_at = excluded.started_at, finished_at = null, error = null,
              attempts = job_runs.attempts + 1, triggered_by = excluded.triggered_by
          where job_runs.status = 'failed'
             or (job_runs.status = 'running' and job_runs.started_at < ${staleBefore})
             or (job_runs.status = 'done' and ${force})
        returning id`,
  );
  if (claimed.length === 0) return { status: 'skipped', runId: null, result: null };
  const runId = claimed[0].id;
  try {
    const result = await job.run(ctx, { countyId: input.countyId, period: input.period, now });
    const finished = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`update job_runs set status = 'done', finished_at = ${finished}, result = ${JSON.stringify(result)}::jsonb where id = ${runId}`);
      await writeAudit(tx, opts.actor ?? null, finished, { countyId: input.countyId, action: 'job.run', entityType: 'jobRun', entityId: runId, note: `${job.label}（${input.period}）${opts.actor ? '手动运行' : '定时运行'}完成：${describeJobResult(result, job.resultLabels)}` });
    });
    return { status: 'done', runId, result };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const finished = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`update job_runs set status = 'failed', finished_at = ${finished}, error = ${message.slice(0, 2000)} where id = ${runId}`);
      await writeAudit(tx, opts.actor ?? null, finished, { countyId: input.countyId, action: 'job.run', entityType: 'jobRun', entityId: runId, outcome: 'failure', note: `${job.label}（${input.period}）运行失败：${message.slice(0, 500)}` });
    });
    return { status: 'failed', runId, result: null, error: message };
  }
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
