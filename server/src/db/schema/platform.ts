// Shared mechanisms: the append-only audit log, import jobs, county settings, versioned rule sets, stored files.
import { bigint, bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables } from './common';

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    countyId: uuid('county_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>(),
    note: text('note'),
  },
  (t) => [
    index('audit_county_at_idx').on(t.countyId, t.at),
    index('audit_entity_idx').on(t.entityType, t.entityId, t.at),
    index('audit_actor_idx').on(t.actorId, t.at),
  ],
);

/**
 * The hash chain over the audit log, one chain per county (entries without a county: the nil uuid). Filled by a
 * deferred trigger at commit (custom migration audit_integrity), never by the app; append-only like the log.
 * hash = sha256(prev_hash || audit_canonical(entry)); `npm run audit:verify` recomputes it.
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    countyId: uuid('county_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    entryId: bigint('entry_id', { mode: 'number' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.seq] }), uniqueIndex('audit_chain_entry_uq').on(t.entryId)],
);

/** Entries older than the retention (≥ 180 days), moved out of audit_log unchanged by `npm run audit:archive`; append-only. */
export const auditLogArchive = pgTable(
  'audit_log_archive',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    countyId: uuid('county_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    changes: jsonb('changes').$type<Record<string, { before: unknown; after: unknown }>>(),
    note: text('note'),
    archivedAt: timestamp('archived_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('audit_archive_county_at_idx').on(t.countyId, t.at)],
);

export const importJobs = pgTable(
  'import_jobs',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    result: jsonb('result'),
    payload: jsonb('payload'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('import_jobs_account_idx').on(t.accountId, t.createdAt)],
);

/** County settings (theme-day date, star thresholds, rounding, ...): a JSON value per key, defaults in code. */
export const settings = pgTable(
  'settings',
  {
    countyId: countyIdColumn(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('settings_county_key_uq').on(t.countyId, t.key)],
);

/** Versioned rule sets (development time limits, dues brackets, ...): a record stores the version it was judged under. */
export const ruleSets = pgTable(
  'rule_sets',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    params: jsonb('params').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('rule_sets_uq').on(t.countyId, t.name, t.version)],
);

/** Uploaded evidence, stored under the data folder by content hash. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    originalName: text('original_name').notNull(),
    orgPath: text('org_path').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('stored_files_county_idx').on(t.countyId, t.sha256)],
);

/** Tables here that copy an org path (see common.ts orgPathTables). */
export const platformOrgPathTables = orgPathTables(storedFiles);
