// Party-building publicity (党建信息宣传, issue #14): the county's versioned level table, monthly priorities, items with
// their authors' shares, adoptions per level, the item's history, and the month rollup the rankings read.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables, timestamps, versionColumn } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Points per adoption level; a new version per change, each adoption records the version it was scored under. */
export const publicityLevelTables = pgTable(
  'publicity_level_tables',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    points: jsonb('points').$type<Record<string, number>>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('publicity_level_tables_uq').on(t.countyId, t.version)],
);

/** The month's publicity priorities (宣传重点) issued by the county. */
export const publicityPriorities = pgTable(
  'publicity_priorities',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    month: text('month').notNull(),
    title: text('title').notNull(),
    direction: text('direction').notNull(),
    issuedBy: uuid('issued_by'),
    issuedByName: text('issued_by_name').notNull(),
    issuedAt: at('issued_at').notNull(),
    version: versionColumn(),
  },
  (t) => [index('publicity_priorities_county_month_idx').on(t.countyId, t.month)],
);

/** An item (稿件) of a unit: draft → sign-off by the unit's leader → adoption by the county. */
export const publicityItems = pgTable(
  'publicity_items',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    orgName: text('org_name').notNull(),
    month: text('month').notNull(),
    priorityId: uuid('priority_id'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('draft'),
    writerAccountId: uuid('writer_account_id').notNull(),
    writerName: text('writer_name').notNull(),
    authorNames: text('author_names').notNull(),
    signedBy: uuid('signed_by'),
    signedByName: text('signed_by_name'),
    signedAt: at('signed_at'),
    returnComment: text('return_comment'),
    declineReason: text('decline_reason'),
    /** The highest level adopted, and the item's points in hundredths (0 until adopted). */
    level: text('level'),
    centi: integer('centi').notNull().default(0),
    adoptedAt: at('adopted_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    index('publicity_items_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month),
    index('publicity_items_county_status_idx').on(t.countyId, t.status, t.updatedAt),
    index('publicity_items_writer_idx').on(t.countyId, t.writerAccountId, t.updatedAt),
    index('publicity_items_org_month_idx').on(t.countyId, t.orgId, t.month),
  ],
);

/** An item's authors with their shares (whole percents adding up to 100) and their part of its points. */
export const publicityAuthors = pgTable(
  'publicity_authors',
  {
    countyId: countyIdColumn(),
    itemId: uuid('item_id').notNull().references(() => publicityItems.id),
    memberId: uuid('member_id').notNull(),
    name: text('name').notNull(),
    orgName: text('org_name').notNull(),
    position: integer('position').notNull(),
    share: integer('share').notNull(),
    centi: integer('centi').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.itemId, t.memberId] }), index('publicity_authors_member_idx').on(t.countyId, t.memberId)],
);

/** Each adoption of an item, first at a level, then each raise when a higher outlet publishes it. */
export const publicityAdoptions = pgTable(
  'publicity_adoptions',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    itemId: uuid('item_id').notNull().references(() => publicityItems.id),
    level: text('level').notNull(),
    points: real('points').notNull(),
    tableVersion: integer('table_version').notNull(),
    outlet: text('outlet'),
    link: text('link'),
    fileId: uuid('file_id'),
    byAccountId: uuid('by_account_id'),
    byName: text('by_name').notNull(),
    at: at('at').notNull(),
  },
  (t) => [uniqueIndex('publicity_adoptions_uq').on(t.countyId, t.itemId, t.level)],
);

/** The item's own history (submitted, returned with the comment, signed by whom, adopted, declined, raised). */
export const publicityEvents = pgTable(
  'publicity_events',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    itemId: uuid('item_id').notNull().references(() => publicityItems.id),
    action: text('action').notNull(),
    byAccountId: uuid('by_account_id'),
    byName: text('by_name').notNull(),
    at: at('at').notNull(),
    comment: text('comment'),
  },
  (t) => [index('publicity_events_item_idx').on(t.itemId, t.at)],
);

/** The month rollup of adopted items per unit and per person (kind 'unit' | 'person'), refreshed on every adoption. */
export const publicityMonthly = pgTable(
  'publicity_monthly',
  {
    countyId: countyIdColumn(),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    subjectId: uuid('subject_id').notNull(),
    name: text('name').notNull(),
    orgName: text('org_name').notNull(),
    items: integer('items').notNull(),
    centi: integer('centi').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.month, t.kind, t.subjectId] }), index('publicity_monthly_rank_idx').on(t.countyId, t.kind, t.month, t.centi)],
);

export const publicityOrgPathTables = orgPathTables(publicityItems);
