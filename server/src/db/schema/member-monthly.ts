// Theme days (1号活动), attendance, leave and make-up study; dues bases and payments; situation reports; community
// check-in (双报到); point adjustments; and the member-month rollup the wall chart and rates read (issue #5).
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn, orgPathTables } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const themeDays = pgTable(
  'theme_days',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    topic: text('topic').notNull(),
    place: text('place').notNull(),
    content: text('content').notNull(),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('theme_days_org_month_uq').on(t.countyId, t.orgId, t.month),
    index('theme_days_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month),
    index('theme_days_county_month_idx').on(t.countyId, t.month),
  ],
);

/** One row per member and theme day (unique): concurrent check-ins insert with ON CONFLICT DO NOTHING. */
export const themeDayAttendances = pgTable(
  'theme_day_attendances',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    themeDayId: uuid('theme_day_id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    method: text('method').notNull(),
    checkedInAt: at('checked_in_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [uniqueIndex('theme_day_attendances_uq').on(t.countyId, t.themeDayId, t.memberId), index('theme_day_attendances_member_idx').on(t.countyId, t.memberId, t.month)],
);

export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    themeDayId: uuid('theme_day_id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('leave_requests_uq').on(t.countyId, t.themeDayId, t.memberId), index('leave_requests_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.status)],
);

export const makeupStudies = pgTable(
  'makeup_studies',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    themeDayId: uuid('theme_day_id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    studiedOn: date('studied_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('makeup_studies_uq').on(t.countyId, t.themeDayId, t.memberId)],
);

/** A member's dues base for a year from a month (January for the yearly base; a later month for a mid-year change). */
export const duesBases = pgTable(
  'dues_bases',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    fromMonth: text('from_month').notNull(),
    category: text('category').notNull(),
    baseFen: integer('base_fen').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** Hardship reduction: the monthly amount instead (0 = exempt); counts only once approved by the next level. */
    reducedFen: integer('reduced_fen'),
    reductionStatus: text('reduction_status'),
    reductionReason: text('reduction_reason'),
    reductionDecidedBy: uuid('reduction_decided_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('dues_bases_member_from_uq').on(t.countyId, t.memberId, t.fromMonth), index('dues_bases_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.year)],
);

export const duesPayments = pgTable(
  'dues_payments',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    receiptNo: text('receipt_no').notNull(),
    months: text('months').array().notNull(),
    amountFen: integer('amount_fen').notNull(),
    dueFen: integer('due_fen').notNull(),
    method: text('method').notNull(),
    collector: text('collector').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dues_payments_receipt_uq').on(t.countyId, t.receiptNo), index('dues_payments_member_idx').on(t.countyId, t.memberId, t.paidOn)],
);

/** The months a payment covers, one row each: a month is paid at most once (unique), and coverage is one index scan. */
export const duesPaidMonths = pgTable(
  'dues_paid_months',
  {
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    month: text('month').notNull(),
    paymentId: uuid('payment_id').notNull(),
    orgPath: text('org_path').notNull(),
    dueFen: integer('due_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.memberId, t.month] }), index('dues_paid_months_path_idx').on(t.countyId, t.month, sql`${t.orgPath} text_pattern_ops`)],
);

/** Discipline deductions, excellence records (岗位争先/党员示范岗) and manual adjustments, each with its reason. */
export const pointAdjustments = pgTable(
  'point_adjustments',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    kind: text('kind').notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('point_adjustments_member_idx').on(t.countyId, t.memberId, t.month)],
);

export const situationReports = pgTable(
  'situation_reports',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    content: text('content').notNull(),
    location: text('location').notNull(),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status').notNull().default('submitted'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: at('reviewed_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('situation_reports_member_month_uq').on(t.countyId, t.memberId, t.month), index('situation_reports_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month)],
);

/** 双报到: an in-service member's registration with their residential community. */
export const communityRegistrations = pgTable(
  'community_registrations',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    communityName: text('community_name').notNull(),
    communityOrgId: uuid('community_org_id'),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('community_registrations_member_uq').on(t.countyId, t.memberId)],
);

/** Service done in the community; counts for the stars once the community confirms it. */
export const communityServices = pgTable(
  'community_services',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    servedOn: date('served_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    hours: integer('hours_tenths').notNull().default(0),
    status: text('status').notNull().default('submitted'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: at('confirmed_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('community_services_member_idx').on(t.countyId, t.memberId, t.month)],
);

/** Rollup per member and month: the flags of the verified records, points and stars, and the settings version used. */
export const memberMonthly = pgTable(
  'member_monthly',
  {
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    month: text('month').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    scheme: text('scheme').notNull(),
    themeDayHeld: boolean('theme_day_held').notNull().default(false),
    attended: boolean('attended').notNull().default(false),
    leaveWithMakeup: boolean('leave_with_makeup').notNull().default(false),
    duesDue: boolean('dues_due').notNull().default(false),
    paid: boolean('paid').notNull().default(false),
    reportAccepted: boolean('report_accepted').notNull().default(false),
    checkIn: boolean('check_in').notNull().default(false),
    excellence: boolean('excellence').notNull().default(false),
    deductions: integer('deductions').notNull().default(0),
    adjustments: integer('adjustments').notNull().default(0),
    points: integer('points').notNull(),
    stars: integer('stars').notNull(),
    settingsVersion: integer('settings_version').notNull(),
    computedAt: at('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.memberId, t.month] }), index('member_monthly_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month)],
);

/**
 * Dues arrears warnings raised by the monthly close (stars.monthClose): one per member and closed month with a streak of
 * ≥ 3 unpaid months (yellow) or ≥ 6 consecutive (red, which the branch must handle: the assembly decides).
 */
export const duesArrearsWarnings = pgTable(
  'dues_arrears_warnings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    level: text('level').notNull(),
    streak: integer('streak').notNull(),
    raisedAt: at('raised_at').notNull(),
    handledAt: at('handled_at'),
    handledBy: uuid('handled_by'),
    handlingNote: text('handling_note'),
    version: versionColumn(),
  },
  (t) => [uniqueIndex('dues_arrears_warnings_member_month_uq').on(t.countyId, t.memberId, t.month), index('dues_arrears_warnings_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month)],
);

/** 支部通知: a notice the branch secretary posts for the branch's members (shown on their phone page). */
export const branchNotices = pgTable(
  'branch_notices',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    postedBy: uuid('posted_by'),
    postedByName: text('posted_by_name').notNull(),
    postedAt: at('posted_at').notNull(),
  },
  (t) => [index('branch_notices_org_idx').on(t.countyId, t.orgId, t.postedAt)],
);

/** Which member has read which notice (read state on the phone page). */
export const branchNoticeReads = pgTable(
  'branch_notice_reads',
  {
    countyId: countyIdColumn(),
    noticeId: uuid('notice_id').notNull(),
    memberId: uuid('member_id').notNull(),
    readAt: at('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.noticeId, t.memberId] })],
);

/** Tables here that copy an org path (see common.ts orgPathTables). */
export const memberMonthlyOrgPathTables = orgPathTables(themeDays, themeDayAttendances, leaveRequests, makeupStudies, duesBases, duesPayments, duesPaidMonths, pointAdjustments, situationReports, communityRegistrations, communityServices, memberMonthly, duesArrearsWarnings, branchNotices);
