// Secretaries' duty lists: templates per org category and year, the dated items of each org, reports with evidence
// and their review, rectifications, the monthly rollup the board reads, warnings, supervisors and board links.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn, orgPathTables } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One list per org category and year ("十个一" / "八个一"). */
export const dutyTemplates = pgTable(
  'duty_templates',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    category: text('category').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('duty_templates_uq').on(t.countyId, t.year, t.category)],
);

export const dutyTemplateItems = pgTable(
  'duty_template_items',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    templateId: uuid('template_id').notNull().references(() => dutyTemplates.id),
    key: text('key').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    frequency: text('frequency').notNull(),
    dueRule: jsonb('due_rule').notNull(),
    evidence: jsonb('evidence').notNull(),
    weight: integer('weight').notNull(),
    isKey: boolean('is_key').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Removed items keep their generated history; they only stop generating. */
    removedAt: at('removed_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('duty_template_items_template_idx').on(t.countyId, t.templateId)],
);

/** A dated item of an org's timetable; it counts for the secretary who held the post on its due date. */
export const dutyItems = pgTable(
  'duty_items',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    templateItemId: uuid('template_item_id').notNull(),
    year: integer('year').notNull(),
    periodKey: text('period_key').notNull(),
    frequency: text('frequency').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    month: text('month').notNull(),
    weight: integer('weight').notNull(),
    isKey: boolean('is_key').notNull(),
    secretaryMemberId: uuid('secretary_member_id'),
    secretaryName: text('secretary_name'),
    status: text('status').notNull().default('pending'),
    firstSubmittedOn: date('first_submitted_on', { mode: 'string' }),
    lastReturnedOn: date('last_returned_on', { mode: 'string' }),
    lastSubmittedAt: at('last_submitted_at'),
    acceptedAt: at('accepted_at'),
    onTime: boolean('on_time'),
    /** Set with status 'cancelled': why ('dissolved' | 'vacant') and the status it had, given back on reinstatement. */
    cancelledAt: at('cancelled_at'),
    cancelReason: text('cancel_reason'),
    statusBeforeCancel: text('status_before_cancel'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('duty_items_uq').on(t.countyId, t.orgId, t.templateItemId, t.periodKey),
    index('duty_items_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.dueDate),
    index('duty_items_county_org_month_idx').on(t.countyId, t.orgId, t.month),
    index('duty_items_county_status_idx').on(t.countyId, t.status, t.dueDate),
  ],
);

/** A report on an item with its evidence, and the reviewer's decision. */
export const dutySubmissions = pgTable(
  'duty_submissions',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    itemId: uuid('item_id').notNull().references(() => dutyItems.id),
    orgPath: text('org_path').notNull(),
    text: text('text').notNull().default(''),
    count: integer('count'),
    participants: jsonb('participants').$type<string[]>().notNull().default([]),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    submittedBy: uuid('submitted_by').notNull(),
    submittedByName: text('submitted_by_name').notNull(),
    submittedAt: at('submitted_at').notNull(),
    status: text('status').notNull().default('submitted'),
    reviewedBy: uuid('reviewed_by'),
    reviewedByName: text('reviewed_by_name'),
    reviewedAt: at('reviewed_at'),
    feedback: text('feedback'),
  },
  (t) => [
    index('duty_submissions_item_idx').on(t.countyId, t.itemId, t.submittedAt),
    index('duty_submissions_county_at_idx').on(t.countyId, t.submittedAt),
    index('duty_submissions_county_reviewed_idx').on(t.countyId, t.reviewedAt),
  ],
);

/** A problem found by a supervisor, with a deadline, followed until closed (问题反馈、跟进整改). */
export const dutyRectifications = pgTable(
  'duty_rectifications',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    itemId: uuid('item_id'),
    /** Opened by another module for its own record (e.g. 'instructorFinding' and the finding's id); null for a duty item's. */
    sourceType: text('source_type'),
    sourceId: uuid('source_id'),
    problem: text('problem').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    /** The secretary's report of what was done (整改情况), for the supervisor to check before closing. */
    reportedAt: at('reported_at'),
    reportedByName: text('reported_by_name'),
    reportNote: text('report_note'),
    closedAt: at('closed_at'),
    closedBy: uuid('closed_by'),
    closingNote: text('closing_note'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('duty_rectifications_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.status), index('duty_rectifications_item_idx').on(t.itemId), index('duty_rectifications_source_idx').on(t.countyId, t.sourceId)],
);

/** The monthly rollup per org (what the board reads): live while the month is open, frozen when it is closed. */
export const dutyMonthly = pgTable(
  'duty_monthly',
  {
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    dueCount: integer('due_count').notNull().default(0),
    dueWeight: integer('due_weight').notNull().default(0),
    onTimeCount: integer('on_time_count').notNull().default(0),
    onTimeWeight: integer('on_time_weight').notNull().default(0),
    acceptedCount: integer('accepted_count').notNull().default(0),
    lateCount: integer('late_count').notNull().default(0),
    overdueCount: integer('overdue_count').notNull().default(0),
    rate: real('rate'),
    stars: integer('stars'),
    /** The month counted per secretary who held the post when each item fell due. */
    bySecretary: jsonb('by_secretary'),
    /** The settings the stars were computed with (closed months only). */
    settings: jsonb('settings'),
    closedAt: at('closed_at'),
    recomputedAt: at('recomputed_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.orgId, t.month] }), index('duty_monthly_county_month_idx').on(t.countyId, t.month, sql`${t.orgPath} text_pattern_ops`)],
);

/** Red and yellow warnings with their reasons, cleared by rule; the history stays. */
export const dutyWarnings = pgTable(
  'duty_warnings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    level: text('level').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    secretaryMemberId: uuid('secretary_member_id'),
    secretaryName: text('secretary_name'),
    /** 'daily': the daily job's overdue warning of a month still open; 'month': decided when the month closed. */
    source: text('source').notNull().default('month'),
    raisedAt: at('raised_at').notNull(),
    clearedAt: at('cleared_at'),
    clearedReason: text('cleared_reason'),
  },
  (t) => [uniqueIndex('duty_warnings_org_month_uq').on(t.countyId, t.orgId, t.month), index('duty_warnings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.clearedAt)],
);

/** Notices to the accounts concerned (the secretary's org, the supervisors) when a warning is raised. */
export const dutyNotices = pgTable(
  'duty_notices',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    accountId: uuid('account_id').notNull(),
    warningId: uuid('warning_id').notNull(),
    text: text('text').notNull(),
    createdAt: at('created_at').notNull(),
    readAt: at('read_at'),
  },
  (t) => [index('duty_notices_account_idx').on(t.countyId, t.accountId, t.createdAt), index('duty_notices_unread_idx').on(t.countyId, t.accountId).where(sql`${t.readAt} is null`)],
);

/** Supervisors (联镇包村 staff, committee staff): an account reviews the items of an org and its subtree. */
export const dutySupervisors = pgTable(
  'duty_supervisors',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    accountId: uuid('account_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('duty_supervisors_uq').on(t.countyId, t.accountId, t.orgId), index('duty_supervisors_county_idx').on(t.countyId, t.accountId)],
);

/** Revocable read-only links to the public quality board (the token is stored hashed). */
export const boardLinks = pgTable(
  'board_links',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
    lastSeenAt: at('last_seen_at'),
  },
  (t) => [uniqueIndex('board_links_token_uq').on(t.tokenHash), index('board_links_county_idx').on(t.countyId)],
);

/** Tables here that copy an org path (see common.ts orgPathTables). */
export const dutiesOrgPathTables = orgPathTables(dutyItems, dutySubmissions, dutyRectifications, dutyMonthly, dutyWarnings, dutySupervisors);
