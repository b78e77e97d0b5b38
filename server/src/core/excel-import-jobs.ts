// Import jobs over `import_jobs`: validate an uploaded file in the background with progress, keep the errors and the
// validated rows (encrypted), and apply them on confirmation — all or nothing. Modules supply the validate/apply steps.
import { DomainError, notFound } from '@yanzhen/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from './actor';
import type { AppContext } from './context';
import type { Executor, Tx } from './db';
import { importJobRows, importJobs } from '../db/schema/index';
import { COUNTY_WRITTEN } from './read-cache';

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

/** Lets the event loop (and on PGlite the requests queued for the database) run between two pieces of work. */
export const yieldToOthers = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How a confirmation writes its rows in chunks, all or nothing (see `writeInChunks`). */
export type ChunkedWrite<T, R> = {
  /** The rows, prepared beforehand (outside any transaction). */
  rows: readonly T[];
  /** Writes one chunk; returns the ids of the rows it added (what `undo` removes again). */
  write: (tx: Tx, chunk: readonly T[]) => Promise<string[]>;
  /** Then, over the added ids in chunks of their own: what goes with each row (e.g. its rollup row; `undo` removes it too). */
  after?: (tx: Tx, ids: readonly string[]) => Promise<void>;
  /** The last step, in one transaction: what must appear with the rows (roster side effects, the audit entry). */
  finish: (tx: Tx, ids: string[]) => Promise<R>;
  /** Removes rows `write` added, by id (used after a failure, or a restart, in the middle). */
  undo: (ex: Executor, ids: string[]) => Promise<void>;
  onProgress?: (written: number) => void;
};

/**
 * Chunks are sized so their writes take about this long: a request that queues for the database behind a chunk
 * (PGlite) waits no longer than that, plus its own query.
 */
const CHUNK_TARGET_MS = 60;

/**
 * Writes an import's rows so that other requests keep being answered, all or nothing:
 * - PostgreSQL: one transaction (other connections read the committed state meanwhile), yielding between chunks;
 * - PGlite (one connection: an open transaction holds every other request): each chunk commits on its own, with its
 *   row ids recorded in `import_job_rows`, and the finishing step commits last; a failure deletes the rows written
 *   so far before it is reported, and `undoInterruptedImports` does the same after a restart in the middle.
 */
export async function writeInChunks<T, R>(ctx: AppContext, job: { id: string; countyId: string }, w: ChunkedWrite<T, R>): Promise<R> {
  const pglite = ctx.database.kind === 'pglite';
  /**
   * Calls `each` on successive chunks of `items`; `each` returns how long the chunk's own work took (not the wait for
   * the database). On PGlite the size follows CHUNK_TARGET_MS (damped, so a GC pause does not collapse it); on
   * PostgreSQL nobody waits for the transaction, so chunks are only a yield to the event loop now and then.
   */
  const inChunks = async <X>(items: readonly X[], each: (chunk: readonly X[]) => Promise<number>, progress?: (done: number) => void) => {
    let size = pglite ? 200 : 500;
    for (let done = 0; done < items.length; ) {
      const chunk = items.slice(done, done + size);
      const took = Math.max(1, await each(chunk));
      done += chunk.length;
      progress?.(done);
      if (pglite) size = Math.max(10, Math.min(2000, Math.round(Math.min(size * 2, Math.max(size / 2, (size * CHUNK_TARGET_MS) / took)))));
      await yieldToOthers();
    }
  };
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  if (!pglite) {
    return ctx.db.transaction(async (tx) => {
      const ids: string[] = [];
      await inChunks(w.rows, (chunk) => timed(async () => void ids.push(...(await w.write(tx, chunk)))), w.onProgress);
      if (w.after) await inChunks(ids, (chunk) => timed(() => w.after!(tx, chunk)));
      return w.finish(tx, ids);
    });
  }
  const ids: string[] = [];
  // Each chunk commits on its own; its work is timed inside the transaction (the wait for the database is not).
  const committed = (work: (tx: Tx) => Promise<void>) => async () => {
    let took = 0;
    await ctx.db.transaction(async (tx) => {
      took = await timed(() => work(tx));
    });
    return took;
  };
  try {
    await inChunks(
      w.rows,
      (chunk) =>
        committed(async (tx) => {
          const added = await w.write(tx, chunk);
          for (let i = 0; i < added.length; i += 1000) {
            await tx.insert(importJobRows).values(added.slice(i, i + 1000).map((rowId) => ({ countyId: job.countyId, jobId: job.id, rowId })));
          }
          ids.push(...added);
        })(),
      w.onProgress,
    );
    if (w.after) await inChunks(ids, (chunk) => committed((tx) => w.after!(tx, chunk))());
    return await ctx.db.transaction(async (tx) => {
      const r = await w.finish(tx, ids);
      await tx.delete(importJobRows).where(and(eq(importJobRows.countyId, job.countyId), eq(importJobRows.jobId, job.id)));
      return r;
    });
  } catch (err) {
    await undoStagedRows(ctx, job, w.undo);
    throw err;
  }
}

/** Deletes the rows a chunked write recorded for the job (in chunks, so other requests get through), and the records. */
async function undoStagedRows(ctx: AppContext, job: { id: string; countyId: string }, undo: (ex: Executor, ids: string[]) => Promise<void>): Promise<number> {
  let removed = 0;
  for (;;) {
    const batch = await ctx.db
      .select({ rowId: importJobRows.rowId })
      .from(importJobRows)
      .where(and(eq(importJobRows.countyId, job.countyId), eq(importJobRows.jobId, job.id)))
      .limit(500);
    if (batch.length === 0) return removed;
    const ids = batch.map((b) => b.rowId);
    await ctx.db.transaction(async (tx) => {
      await undo(tx, ids);
      await tx.delete(importJobRows).where(and(eq(importJobRows.countyId, job.countyId), eq(importJobRows.jobId, job.id), inArray(importJobRows.rowId, ids)));
    });
    removed += ids.length;
    await yieldToOthers();
  }
}

/**
 * After a restart: imports of `kind` left 'importing' by a process that is gone (PGlite is owned by one process, so
 * every such job is) get the rows they had written deleted and are marked failed. Returns how many jobs were undone.
 */
export async function undoInterruptedImports(ctx: AppContext, kind: string, undo: (ex: Executor, ids: string[]) => Promise<void>, isLive: (jobId: string) => boolean = () => false): Promise<number> {
  const stuck = await ctx.db.select({ id: importJobs.id, countyId: importJobs.countyId, result: importJobs.result }).from(importJobs).where(and(eq(importJobs.kind, kind), eq(importJobs.status, 'importing')));
  let undone = 0;
  for (const job of stuck) {
    if (isLive(job.id)) continue;
    await undoStagedRows(ctx, job, undo);
    const result = { ...emptyResult(), ...(job.result as Partial<JobResult> | null), message: INTERRUPTED_MESSAGE };
    const marked = await ctx.db
      .update(importJobs)
      .set({ status: 'failed', result, payload: null, finishedAt: ctx.clock() })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'importing')))
      .returning({ id: importJobs.id });
    undone += marked.length;
  }
  return undone;
}

const INTERRUPTED_MESSAGE = '任务因服务重启而中断，没有写入任何数据，请重新上传文件';

const emptyResult = (): JobResult => ({ errors: [], errorCount: 0, warnings: [], summary: null, result: null, message: null });

const sortIssues = (issues: ImportIssue[]) => [...issues].sort((a, b) => a.row - b.row);

export function createImportJobRunner(ctx: AppContext, opts: { kind?: string; undo?: (ex: Executor, ids: string[]) => Promise<void> } = {}) {
  const running = new Set<Promise<unknown>>();
  // Jobs being worked on by this process (by job id → account id): one at a time per account, and a job left
  // 'validating' or 'importing' by a restart is reported as interrupted rather than spinning forever.
  const active = new Map<string, string>();
  // Accounts with a job starting or running (reserved before the first await, so two quick uploads cannot both pass).
  const busy = new Set<string>();
  // Progress while importing lives here: the import's transaction cannot report through the table it is writing.
  const liveProgress = new Map<string, number>();

  // On PGlite (one process owns the database) an import left 'importing' at start-up was cut off by a restart:
  // the rows it had written in chunks are deleted at once, not when someone next looks at the job.
  if (opts.kind && opts.undo && ctx.database.kind === 'pglite') {
    const sweep = undoInterruptedImports(ctx, opts.kind, opts.undo, (id) => active.has(id)).catch((err: unknown) => console.error('undoing interrupted imports failed', err));
    running.add(sweep);
    void sweep.finally(() => running.delete(sweep));
  }

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
      // Rows a chunked confirmation had written before the restart are deleted first: nothing stays written.
      if (row.status === 'importing' && opts.undo) await undoStagedRows(ctx, row, opts.undo);
      const interrupted = { ...emptyResult(), ...(row.result as Partial<JobResult> | null), message: INTERRUPTED_MESSAGE };
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
        // Written after the confirm request answered: the county's cached reads (tree, dashboard) go now.
        ctx.events.publish({ type: COUNTY_WRITTEN, countyId: actor.countyId });
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
