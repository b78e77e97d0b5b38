// Scheduled job runs: one row per job, county and period, so a period's run happens once (re-runs are explicit); and the
// rows an import confirmation has written so far.
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, index } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn } from './common';

export const jobRuns = pgTable(
  'job_runs',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    job: text('job').notNull(),
    /** 'YYYY-MM-DD' for daily jobs, 'YYYY-MM' (the month that ended) for monthly jobs. */
    period: text('period').notNull(),
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(1),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    /** The account that re-ran it by hand; null for the scheduler. */
    triggeredBy: uuid('triggered_by'),
    /** Steps finished by a run that did not complete (step name → its result): the next attempt resumes after them. */
    checkpoint: jsonb('checkpoint').$type<Record<string, unknown>>(),
  },
  (t) => [uniqueIndex('job_runs_county_job_period_uq').on(t.countyId, t.job, t.period), index('job_runs_county_started_idx').on(t.countyId, t.startedAt)],
);

/**
 * Rows an import confirmation has written so far, while it writes in chunks (PGlite, one connection: each chunk commits
 * so other requests get the database in between). A failure, or a restart mid-way, deletes them again (all or
 * nothing); a finished import clears its entries.
 */
export const importJobRows = pgTable(
  'import_job_rows',
  {
    countyId: countyIdColumn(),
    jobId: uuid('job_id').notNull(),
    rowId: uuid('row_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.jobId, t.rowId] })],
);
