// The admin's view of scheduled jobs: what each is due for, its recent runs, and a deliberate re-run of one period.
import { checkPeriod, duePeriod, invalid, notFound, type JobInfo, type JobRun } from '@yanzhen/domain';
import { and, desc, eq } from 'drizzle-orm';
import type { Actor } from '../../core/actor';
import type { AppContext } from '../../core/context';
import { markInterruptedRuns, runJob, type JobDefinition } from '../../core/jobs';
import { jobRuns } from '../../db/schema/index';

const RECENT_RUNS = 10;

export function createJobsService(ctx: AppContext, jobs: readonly JobDefinition[]) {
  const toRun = (r: typeof jobRuns.$inferSelect): JobRun => ({
    id: r.id,
    job: r.job,
    period: r.period,
    status: r.status as JobRun['status'],
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    attempts: r.attempts,
    result: r.result ?? null,
    error: r.error,
    triggeredBy: r.triggeredBy,
  });

  async function list(actor: Actor): Promise<{ items: JobInfo[] }> {
    const now = ctx.clock();
    // A run left 'running' by a process that is gone shows as interrupted at once (and 立即运行 resumes it).
    await markInterruptedRuns(ctx, actor.countyId);
    const items: JobInfo[] = [];
    for (const job of jobs) {
      const runs = await ctx.db
        .select()
        .from(jobRuns)
        .where(and(eq(jobRuns.countyId, actor.countyId), eq(jobRuns.job, job.name)))
        .orderBy(desc(jobRuns.period), desc(jobRuns.startedAt))
        .limit(RECENT_RUNS);
      items.push({ name: job.name, label: job.label, cadence: job.cadence, resultLabels: job.resultLabels, duePeriod: duePeriod(job.cadence, now), lastRuns: runs.map(toRun) });
    }
    return { items };
  }

  async function rerun(actor: Actor, name: string, period: string | undefined) {
    const job = jobs.find((j) => j.name === name);
    if (!job) throw notFound('定时任务');
    const target = period ?? duePeriod(job.cadence, ctx.clock());
    const check = checkPeriod(job.cadence, target, ctx.clock());
    if (!check.ok) throw invalid(check.message, [{ path: ['period'], message: check.message }]);
    const outcome = await runJob(ctx, job, { countyId: actor.countyId, period: target }, { force: true, actor });
    const [row] = outcome.runId ? await ctx.db.select().from(jobRuns).where(eq(jobRuns.id, outcome.runId)) : [];
    return { status: outcome.status, run: row ? toRun(row) : null };
  }

  return { list, rerun };
}
