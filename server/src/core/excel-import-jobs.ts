// Import jobs over `import_jobs`: validate an uploaded file in the background with progress, keep the errors and the
// validated rows (encrypted), and apply them on confirmation — all or nothing. Modules supply the validate/apply steps.
import { DomainError, notFound } from '@yanzhen/domain';
import { and, eq } from 'drizzle-orm';
import type { Actor } from './actor';
import type { AppContext } from './context';
import { importJobs } from '../db/schema/index';

export const IMPORT_JOB_STATUSES = ['validating', 'validated', 'failed', 'importing', 'done'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];
export type ImportIssue = { row: number; column: string; message: string };

/** The errors kept and shown; `errorCount` says how many there were in all. */
export const MAX_LISTED_ERRORS = 1000;
const PROGRESS_EVERY = 500;

/** What the job keeps in `result` (jsonb). */
type JobResult = {
  errors: ImportIssue[];
  errorCount: number;
  warnings: string[];
  summary: Record<string, number> | null;
  result: Record<string, number> | null;
  message: string | null;
};

export type ImportJobView = {
  id: string;
  kind: string;
  status: ImportJobStatus;
  fileName: string;
  totalRows: number;
  processedRows: number;
  createdAt: string;
  finishedAt: string | null;
} & JobResult;

export type Progress = {
  setTotal: (total: number) => Promise<void>;
  /** Reports rows done; written to the job every ~500 rows (and yields to the event loop). */
  advance: (processed: number) => Promise<void>;
};

export type ValidationOutcome<P> = { errors: ImportIssue[]; warnings?: string[]; summary: Record<string, number>; payload: P };
export type ApplyOutcome = { result: Record<string, number> };

/** Thrown by an apply step to fail the job with row errors (e.g. a duplicate that appeared since validation). */
export class ImportRejected extends Error {
  constructor(
    message: string,
    readonly errors: ImportIssue[],
  ) {
    super(message);
  }
}

const emptyResult = (): JobResult => ({ errors: [], errorCount: 0, warnings: [], summary: null, result: null, message: null });

const sortIssues = (issues: ImportIssue[]) => [...issues].sort((a, b) => a.row - b.row);

export function createImportJobRunner(ctx: AppContext) {
  const running = new Set<Promise<unknown>>();
  // Jobs being worked on by this process (by job id → account id): one at a time per account, and a job left
  // 'validating' or 'importing' by a restart is reported as interrupted rather than spinning forever.
  const active = new Map<string, string>();
  // Accounts with a job starting or running (reserved before the first await, so two quick uploads cannot both pass).
  const busy = new Set<string>();
  // Progress while importing lives here: the import's transaction cannot report through the table it is writing.
  const liveProgress = new Map<string, number>();

  function track(jobId: string, accountId: string, p: Promise<unknown>) {
    active.set(jobId, accountId);
    running.add(p);
    void p.finally(() => {
      running.delete(p);
      active.delete(jobId);
      busy.delete(accountId);
    });
  }

  /** Reserves the account for one job; the caller releases it if the job does not start. */
  function reserve(actor: Actor) {
    if (busy.has(actor.accountId)) {
      throw new DomainError('IMPORT_BUSY', '您有一个导入任务正在处理，请等它完成后再上传或确认', { kind: 'conflict' });
    }
    busy.add(actor.accountId);
  }

  async function update(id: string, values: Partial<typeof importJobs.$inferInsert>) {
    await ctx.db.update(importJobs).set(values).where(eq(importJobs.id, id));
  }

  async function load(actor: Actor, id: string, kind: string) {
    const [row] = await ctx.db
      .select()
      .from(importJobs)
      .where(and(eq(importJobs.id, id), eq(importJobs.countyId, actor.countyId), eq(importJobs.accountId, actor.accountId), eq(importJobs.kind, kind)));
    if (!row) throw notFound('导入任务');
    return row;
  }

  function failureMessage(err: unknown): string {
    if (err instanceof DomainError || err instanceof ImportRejected) return err.message;
    return '处理文件时发生意外错误，请稍后重试或联系管理员';
  }

  /** Creates the job and starts validating in the background; returns the job id at once. */
  async function start<P>(actor: Actor, kind: string, fileName: string, validate: (progress: Progress) => Promise<ValidationOutcome<P>>): Promise<string> {
    reserve(actor);
    const [job] = await ctx.db
      .insert(importJobs)
      .values({ countyId: actor.countyId, accountId: actor.accountId, kind, status: 'validating', fileName, result: emptyResult(), createdAt: ctx.clock() })
      .returning({ id: importJobs.id })
      .catch((err: unknown) => {
        busy.delete(actor.accountId);
        throw err;
      });
    let lastWritten = 0;
    const progress: Progress = {
      setTotal: (total) => update(job.id, { totalRows: total }),
      advance: async (processed) => {
        if (processed - lastWritten < PROGRESS_EVERY) return;
        lastWritten = processed;
        await update(job.id, { processedRows: processed });
        await new Promise((r) => setImmediate(r));
      },
    };
    const run = (async () => {
      try {
        const outcome = await validate(progress);
        const errors = sortIssues(outcome.errors);
        const result: JobResult = {
          ...emptyResult(),
          errors: errors.slice(0, MAX_LISTED_ERRORS),
          errorCount: errors.length,
          warnings: outcome.warnings ?? [],
          summary: outcome.summary,
        };
        const [{ totalRows }] = await ctx.db.select({ totalRows: importJobs.totalRows }).from(importJobs).where(eq(importJobs.id, job.id));
        // Rows with errors are never imported, so the payload is only kept for a clean file.
        const payload = errors.length ? null : { enc: ctx.crypto.encrypt(JSON.stringify(outcome.payload)) };
        await update(job.id, { status: 'validated', processedRows: totalRows, result, payload, finishedAt: ctx.clock() });
      } catch (err) {
        if (!(err instanceof DomainError)) console.error('import validation failed', err);
        await update(job.id, { status: 'failed', result: { ...emptyResult(), message: failureMessage(err) }, finishedAt: ctx.clock() }).catch(() => undefined);
      }
    })();
    track(job.id, actor.accountId, run);
    return job.id;
  }

  function view(row: typeof importJobs.$inferSelect): ImportJobView {
    const result = { ...emptyResult(), ...(row.result as Partial<JobResult> | null) };
    return {
      id: row.id,
      kind: row.kind,
      status: row.status as ImportJobStatus,
      fileName: row.fileName,
      totalRows: row.totalRows,
      processedRows: row.status === 'importing' ? (liveProgress.get(row.id) ?? row.processedRows) : row.processedRows,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
      ...result,
    };
  }

  async function get(actor: Actor, id: string, kind: string): Promise<ImportJobView> {
    // Whether this process works on the job is read before the row: a job that finishes while the row is being read
    // has written its final status before it leaves `active`, and one being confirmed enters `active` before its
    // status turns to importing. Only a job that is neither, before and after the read, was orphaned by a restart.
    const liveBefore = active.has(id);
    const row = await load(actor, id, kind);
    if ((row.status === 'validating' || row.status === 'importing') && !liveBefore && !active.has(row.id)) {
      const interrupted = { ...emptyResult(), ...(row.result as Partial<JobResult> | null), message: '任务因服务重启而中断，没有写入任何数据，请重新上传文件' };
      const marked = await ctx.db
        .update(importJobs)
        .set({ status: 'failed', result: interrupted, payload: null, finishedAt: ctx.clock() })
        .where(and(eq(importJobs.id, row.id), eq(importJobs.status, row.status)))
        .returning({ id: importJobs.id });
      if (marked.length > 0) return view({ ...row, status: 'failed', result: interrupted });
      return view(await load(actor, id, kind));
    }
    return view(row);
  }

  /**
   * Confirms a validated job without errors: marks it importing and applies the payload in the background.
   * Refused (422) in any other state. `apply` must do all its writes in one transaction.
   */
  async function confirm<P>(actor: Actor, id: string, kind: string, apply: (payload: P, onProgress: (n: number) => void, job: { id: string; fileName: string }) => Promise<ApplyOutcome>): Promise<ImportJobView> {
    const row = await load(actor, id, kind);
    const result = { ...emptyResult(), ...(row.result as Partial<JobResult> | null) };
    if (row.status === 'validating') throw new DomainError('IMPORT_NOT_READY', '文件仍在校验中，请等校验完成后再确认导入');
    if (row.status === 'importing' || row.status === 'done') throw new DomainError('IMPORT_ALREADY_CONFIRMED', '该导入任务已确认过，不能重复导入');
    if (row.status === 'failed') throw new DomainError('IMPORT_FAILED', `该导入任务已失败：${result.message ?? ''}请修改文件后重新上传`);
    if (result.errorCount > 0 || !row.payload) {
      throw new DomainError('IMPORT_HAS_ERRORS', `文件中有 ${result.errorCount} 处错误，不能导入；请按错误清单修改后重新上传`);
    }
    reserve(actor);
    // Marked as worked on here before the status changes: a poll on another connection that reads 'importing'
    // before this continuation runs must not take the job for one orphaned by a restart.
    active.set(id, actor.accountId);
    // Only one confirmation wins: the status moves from validated to importing once.
    const claimed = await ctx.db
      .update(importJobs)
      .set({ status: 'importing', processedRows: 0 })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, 'validated')))
      .returning({ id: importJobs.id })
      .catch((err: unknown) => {
        busy.delete(actor.accountId);
        active.delete(id);
        throw err;
      });
    if (claimed.length === 0) {
      busy.delete(actor.accountId);
      active.delete(id);
      throw new DomainError('IMPORT_ALREADY_CONFIRMED', '该导入任务已确认过，不能重复导入');
    }
    const stored = row.payload as { enc: string };
    liveProgress.set(id, 0);
    const run = (async () => {
      try {
        const payload = JSON.parse(ctx.crypto.decrypt(stored.enc)) as P;
        const outcome = await apply(payload, (n) => liveProgress.set(id, n), { id, fileName: row.fileName });
        await update(id, { status: 'done', processedRows: row.totalRows, result: { ...result, result: outcome.result }, payload: null, finishedAt: ctx.clock() });
      } catch (err) {
        if (!(err instanceof DomainError) && !(err instanceof ImportRejected)) console.error('import failed', err);
        const errors = err instanceof ImportRejected ? sortIssues(err.errors) : [];
        await update(id, {
          status: 'failed',
          result: { ...result, errors: errors.slice(0, MAX_LISTED_ERRORS), errorCount: errors.length, message: `导入未完成，没有写入任何数据：${failureMessage(err)}` },
          payload: null,
          finishedAt: ctx.clock(),
        }).catch(() => undefined);
      } finally {
        liveProgress.delete(id);
      }
    })();
    track(id, actor.accountId, run);
    // Built from the row read above: on PGlite a new query would wait for the import's transaction.
    return { ...view(row), status: 'importing', processedRows: 0 };
  }

  /** Waits for the background work (app shutdown, tests). */
  const drain = async () => {
    while (running.size) await Promise.allSettled([...running]);
  };

  return { start, get, confirm, drain };
}
export type ImportJobRunner = ReturnType<typeof createImportJobRunner>;
