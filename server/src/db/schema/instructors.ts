// Two-new organizations and party-building instructors (issue #11): the registry's survey facts per enterprise (the
// enterprise itself is `enterprises`), the instructor pool, assignments with history, scanned visits and manual
// entries of time on site, the month's on-site figures and warnings, the work log (工作纪实手册) and problems raised.
// Every row carries the org path of the enterprise's town (or, for an instructor, of the town they serve) for scope.
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables, timestamps, versionColumn } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One row per enterprise: the 两个覆盖 survey facts (排查) the registry adds to `enterprises`. */
export const enterpriseProfiles = pgTable(
  'enterprise_profiles',
  {
    countyId: countyIdColumn(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    address: text('address'),
    legalRepresentative: text('legal_representative'),
    orgForm: text('org_form').notNull().default('none'),
    membersEmployed: integer('members_employed').notNull().default(0),
    membersElsewhere: integer('members_elsewhere').notNull().default(0),
    newEmployment: boolean('new_employment').notNull().default(false),
    sanbaiSiqian: boolean('sanbai_siqian').notNull().default(false),
    surveyedOn: date('surveyed_on', { mode: 'string' }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.enterpriseId] }), index('enterprise_profiles_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`)],
);

export const instructors = pgTable(
  'instructors',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    /** The account the instructor signs in with (the phone pages), when there is one. */
    accountId: uuid('account_id'),
    name: text('name').notNull(),
    orgPath: text('org_path').notNull(),
    source: text('source').notNull(),
    skills: text('skills').notNull(),
    industry: text('industry'),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('instructors_member_uq').on(t.countyId, t.memberId),
    uniqueIndex('instructors_account_uq').on(t.countyId, t.accountId),
    index('instructors_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** Instructor ↔ enterprise with dates; a reassignment ends the row (end date and reason) and adds one: history stays. */
export const instructorAssignments = pgTable(
  'instructor_assignments',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    active: boolean('active').notNull().default(true),
    consentNote: text('consent_note').notNull(),
    endedReason: text('ended_reason'),
    // 两书一册: the signed copies of the 目标责任书 and the 承诺书 (files module ids; null = 未签).
    targetLetterFileId: uuid('target_letter_file_id'),
    targetLetterSignedAt: at('target_letter_signed_at'),
    commitmentLetterFileId: uuid('commitment_letter_file_id'),
    commitmentLetterSignedAt: at('commitment_letter_signed_at'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (t) => [
    index('instructor_assignments_instructor_idx').on(t.countyId, t.instructorId),
    index('instructor_assignments_enterprise_idx').on(t.countyId, t.enterpriseId),
    // One active instructor per enterprise (the unique index decides between two concurrent assignments).
    uniqueIndex('instructor_assignments_active_uq').on(t.countyId, t.enterpriseId).where(sql`active`),
  ],
);

/** A scanned visit: arrival and departure at one enterprise (departure null while on site). */
export const siteVisits = pgTable(
  'site_visits',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    inAt: at('in_at').notNull(),
    outAt: at('out_at'),
  },
  (t) => [index('site_visits_instructor_idx').on(t.countyId, t.instructorId, t.inAt), uniqueIndex('site_visits_open_uq').on(t.countyId, t.instructorId).where(sql`out_at is null`)],
);

/** A manual entry of a day on site (no scan), with its reason; it counts once approved. */
export const siteManualEntries = pgTable(
  'site_manual_entries',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    hours: integer('hours').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedAt: at('decided_at'),
    decidedNote: text('decided_note'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('site_manual_entries_day_uq').on(t.countyId, t.instructorId, t.enterpriseId, t.date),
    index('site_manual_entries_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.status),
  ],
);

/** The month close's figures per instructor and month, and the warning raised (yellow, or red two months running). */
export const instructorMonths = pgTable(
  'instructor_months',
  {
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    month: text('month').notNull(),
    orgPath: text('org_path').notNull(),
    workingDays: integer('working_days').notNull(),
    onsiteDays: integer('onsite_days').notNull(),
    ratioPermille: integer('ratio_permille'),
    below: boolean('below').notNull(),
    warning: text('warning'),
    closedAt: at('closed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.instructorId, t.month] }), index('instructor_months_month_idx').on(t.countyId, t.month, t.warning)],
);

/** 工作纪实手册: one entry per visit worth recording — date, enterprise, hours, the duties served, what was done. */
export const instructorWorkLogs = pgTable(
  'instructor_work_logs',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    hours: integer('hours').notNull(),
    duties: text('duties').array().notNull(),
    content: text('content').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('instructor_work_logs_instructor_idx').on(t.countyId, t.instructorId, t.date)],
);

/** 急难愁盼: a problem raised at an enterprise, followed until solved. */
export const instructorProblems = pgTable(
  'instructor_problems',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    workLogId: uuid('work_log_id'),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    status: text('status').notNull().default('open'),
    solvedOn: date('solved_on', { mode: 'string' }),
    solution: text('solution'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('instructor_problems_instructor_idx').on(t.countyId, t.instructorId, t.status)],
);


/** The year-end assessment (严把考核关): component scores, the weighted score (tenths), grade and subsidy by the county's table. */
export const instructorAssessments = pgTable(
  'instructor_assessments',
  {
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    year: integer('year').notNull(),
    orgPath: text('org_path').notNull(),
    daily: integer('daily').notNull(),
    report: integer('report').notNull(),
    records: integer('records').notNull(),
    talk: integer('talk').notNull(),
    staffRating: integer('staff_rating').notNull(),
    /** How many votes the 职工评议 score was computed from (0: entered by hand). */
    staffRatingVotes: integer('staff_rating_votes').notNull().default(0),
    scoreTenths: integer('score_tenths').notNull(),
    grade: text('grade').notNull(),
    subsidyYuan: integer('subsidy_yuan').notNull(),
    note: text('note'),
    assessedBy: uuid('assessed_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.instructorId, t.year] }), index('instructor_assessments_year_idx').on(t.countyId, t.year, sql`${t.orgPath} text_pattern_ops`)],
);


/** 电话回访: the county's quarterly phone callback to an enterprise about its instructor, with the answers. */
export const instructorCallbacks = pgTable(
  'instructor_callbacks',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    enterpriseId: uuid('enterprise_id').notNull(),
    instructorId: uuid('instructor_id').notNull(),
    orgPath: text('org_path').notNull(),
    quarter: text('quarter').notNull(),
    calledOn: date('called_on', { mode: 'string' }).notNull(),
    contactName: text('contact_name').notNull(),
    visitsOften: boolean('visits_often').notNull(),
    satisfaction: text('satisfaction').notNull(),
    notes: text('notes'),
    recordedBy: uuid('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('instructor_callbacks_quarter_uq').on(t.countyId, t.enterpriseId, t.quarter), index('instructor_callbacks_path_idx').on(t.countyId, t.quarter, sql`${t.orgPath} text_pattern_ops`)],
);

/** 职工评议: a batch of one-time codes issued for an assignment and year, with the county's items at the time (versioned). */
export const staffRatingBatches = pgTable(
  'staff_rating_batches',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    items: jsonb('items').$type<string[]>().notNull(),
    settingsVersion: integer('settings_version').notNull(),
    issued: integer('issued').notNull(),
    expiresAt: at('expires_at').notNull(),
    issuedBy: uuid('issued_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('staff_rating_batches_year_idx').on(t.countyId, t.year, sql`${t.orgPath} text_pattern_ops`), index('staff_rating_batches_instructor_idx').on(t.countyId, t.instructorId, t.year)],
);

/**
 * The one-time codes: only a keyed hash of each (the code itself is shown once, at issue). A code is found by its hash
 * alone (the public page knows no county); `used_on` is set once, by the vote that spends it. No vote points back here.
 */
export const staffRatingCodes = pgTable(
  'staff_rating_codes',
  {
    countyId: countyIdColumn(),
    codeHash: text('code_hash').notNull(),
    batchId: uuid('batch_id').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedOn: date('used_on', { mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.codeHash] }), uniqueIndex('staff_rating_codes_hash_uq').on(t.codeHash), index('staff_rating_codes_batch_idx').on(t.countyId, t.batchId)],
);

/** An anonymous vote: the batch (instructor, enterprise, year), the answers per item and the vote's score; a date, no time. */
export const staffRatingVotes = pgTable(
  'staff_rating_votes',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    batchId: uuid('batch_id').notNull(),
    instructorId: uuid('instructor_id').notNull(),
    year: integer('year').notNull(),
    orgPath: text('org_path').notNull(),
    answers: jsonb('answers').$type<string[]>().notNull(),
    scoreTenths: integer('score_tenths').notNull(),
    votedOn: date('voted_on', { mode: 'string' }).notNull(),
  },
  (t) => [index('staff_rating_votes_instructor_idx').on(t.countyId, t.instructorId, t.year)],
);

/** 随机抽查、集中督导、明察暗访: a check of one instructor at one enterprise (the enterprise's town path for scope). */
export const instructorChecks = pgTable(
  'instructor_checks',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    instructorId: uuid('instructor_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    checkedOn: date('checked_on', { mode: 'string' }).notNull(),
    quarter: text('quarter').notNull(),
    inspectors: text('inspectors').notNull(),
    inPost: boolean('in_post').notNull(),
    summary: text('summary'),
    recordedBy: uuid('recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('instructor_checks_quarter_idx').on(t.countyId, t.quarter, sql`${t.orgPath} text_pattern_ops`), index('instructor_checks_instructor_idx').on(t.countyId, t.instructorId)],
);

/** A check's finding with its severity; one to fix is followed as a duties rectification (source 'instructorFinding'). */
export const instructorCheckFindings = pgTable(
  'instructor_check_findings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    checkId: uuid('check_id').notNull(),
    position: integer('position').notNull(),
    severity: text('severity').notNull(),
    description: text('description').notNull(),
    rectify: boolean('rectify').notNull(),
  },
  (t) => [index('instructor_check_findings_check_idx').on(t.countyId, t.checkId)],
);

export const instructorsOrgPathTables = orgPathTables(instructorChecks, enterpriseProfiles, instructors, instructorAssignments, siteVisits, siteManualEntries, instructorMonths, instructorWorkLogs, instructorProblems, instructorAssessments, instructorCallbacks, staffRatingBatches, staffRatingVotes);
