// File contents for `stored_files` (platform.ts): the bytes live in the database, one row per county and content
// hash, so PGlite and PostgreSQL behave the same and a database backup holds the evidence too.
import { customType, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { countyIdColumn } from './common';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const storedFileContents = pgTable(
  'stored_file_contents',
  {
    countyId: countyIdColumn(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.sha256] })],
);
