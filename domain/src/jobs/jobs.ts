// Scheduled jobs: which period a job is due for at an instant, and the shapes the admin job list shows.
import { z } from 'zod';
import { toChinaDate } from '../calendar/dates';
import { ZIsoDate, ZPeriod, ZYearMonth } from '../core/schemas';

export const JOB_CADENCES = ['daily', 'monthly'] as const;
export type JobCadence = (typeof JOB_CADENCES)[number];
export const JOB_CADENCE_LABELS: Record<JobCadence, string> = { daily: '每日', monthly: '每月' };

export const JOB_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];


/**
 * The period a job is due for at `now` (China time): a daily job runs for today's date;
 * a monthly job runs, from the 1st of a month on, for the month that just ended.
 */
export function duePeriod(cadence: JobCadence, now: Date): string {
  const today = toChinaDate(now);
  if (cadence === 'daily') return today;
  const [y, m] = today.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Whether `period` is a well-formed period for the cadence and not later than the one due at `now` (no running the future). */
export function checkPeriod(cadence: JobCadence, period: string, now: Date): { ok: true } | { ok: false; message: string } {
  // A real calendar date (no 2026-02-30) or month in the shared range, as the schema blocks define them.
  const wellFormed = (cadence === 'daily' ? ZIsoDate : ZYearMonth).safeParse(period).success;
  if (!wellFormed) return { ok: false, message: cadence === 'daily' ? `周期“${period}”格式不对，每日任务应为 YYYY-MM-DD` : `周期“${period}”格式不对，每月任务应为 YYYY-MM` };
  const due = duePeriod(cadence, now);
  if (period > due) return { ok: false, message: cadence === 'daily' ? `不能提前运行 ${period} 的每日任务（今天是 ${due}）` : `${period} 尚未结束，月度任务最晚只能运行 ${due}` };
  return { ok: true };
}

/** A run's result in words: the labelled keys in the job's order, booleans as 是/否, e.g. “检查档案：1161；新增预警：242”. */
export function describeJobResult(result: Record<string, unknown> | null, labels: Record<string, string>): string {
  if (!result) return '无结果';
  const parts: string[] = [];
  for (const [key, label] of Object.entries(labels)) {
    const v = result[key];
    if (v === undefined || v === null || v === '' || typeof v === 'object') continue;
    parts.push(`${label}：${typeof v === 'boolean' ? (v ? '是' : '否') : String(v)}`);
  }
  return parts.length ? parts.join('；') : '无变化';
}

export const ZJobRun = z.object({
  id: z.string(),
  job: z.string(),
  period: z.string(),
  status: z.enum(JOB_RUN_STATUSES),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  attempts: z.number().int(),
  result: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  triggeredBy: z.string().nullable(),
});
export type JobRun = z.infer<typeof ZJobRun>;

export const ZJobInfo = z.object({
  name: z.string(),
  label: z.string(),
  cadence: z.enum(JOB_CADENCES),
  resultLabels: z.record(z.string(), z.string()),
  duePeriod: z.string(),
  lastRuns: z.array(ZJobRun),
});
export type JobInfo = z.infer<typeof ZJobInfo>;
export const ZJobList = z.object({ items: z.array(ZJobInfo) });

export const ZJobRunBody = z.object({ period: ZPeriod.optional() });
export const ZJobRunResult = z.object({ status: z.enum(['done', 'skipped', 'failed']), run: ZJobRun.nullable() });
