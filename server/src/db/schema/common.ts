// Column helpers shared by every module's tables.
import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core';

export const idColumn = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
/** The tenant key: every table that grows with members or time carries it (future partition/distribution key). */
export const countyIdColumn = () => uuid('county_id').notNull();
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
/** Optimistic concurrency: updates carry the version they read; a mismatch is a 409. */
export const versionColumn = () => integer('version').notNull().default(1);

/**
 * A table whose rows copy the materialized path of the org they belong to (`org_path`, for subtree scope filters).
 * Each schema file declares its own with `orgPathTables(...)`; `org-paths.ts` gathers them, and the org move/merge
 * rewrites every one of them (orgs.repository rewritePaths). The schema test org-paths.test.ts fails when a table with
 * an `org_path` column is not registered.
 */
export type OrgPathTable = PgTable & { orgPath: AnyPgColumn };
export const orgPathTables = <T extends OrgPathTable[]>(...tables: T): T => tables;
