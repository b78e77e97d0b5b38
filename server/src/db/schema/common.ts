// Column helpers shared by every module's tables.
import { sql } from 'drizzle-orm';
import { integer, timestamp, uuid } from 'drizzle-orm/pg-core';

export const idColumn = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
/** The tenant key: every table that grows with members or time carries it (future partition/distribution key). */
export const countyIdColumn = () => uuid('county_id').notNull();
export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
/** Optimistic concurrency: updates carry the version they read; a mismatch is a 409. */
export const versionColumn = () => integer('version').notNull().default(1);
