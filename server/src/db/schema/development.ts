// Member development (发展党员): intent register, development files with their step events, declared family,
// application-form numbers (一人一号) and annual quotas. Rule-set versions live in `rule_sets` (name 'development').
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn, orgPathTables } from './common';
import { orgs } from './orgs';

/** 登记造册: people who wish to join, followed by their branch before they apply. */
export const developmentProspects = pgTable(
  'development_prospects',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    // Birth date to the month only (the 1st), as on the roster; files take the exact date from the encrypted ID number.
    birthMonth: date('birth_month', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    note: text('note'),
    fileId: uuid('file_id'),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('dev_prospects_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`)],
);

/** 发展档案: one per person and attempt; identity encrypted like the roster; key dates and the next deadline
 * denormalized so the pipeline and overdue lists are index scans. */
export const developmentFiles = pgTable(
  'development_files',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    orgPath: text('org_path').notNull(),
    prospectId: uuid('prospect_id'),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull(),
    // Birth date to the month only (the 1st), as on the roster; files take the exact date from the encrypted ID number.
    birthMonth: date('birth_month', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    education: text('education').notNull(),
    occupation: text('occupation').notNull(),
    status: text('status').notNull(),
    currentStep: integer('current_step').notNull().default(0),
    stage: integer('stage').notNull().default(1),
    ruleSetVersion: integer('rule_set_version').notNull(),
    applicationDate: date('application_date', { mode: 'string' }),
    activistDate: date('activist_date', { mode: 'string' }),
    candidateDate: date('candidate_date', { mode: 'string' }),
    assemblyDate: date('assembly_date', { mode: 'string' }),
    probationEnd: date('probation_end', { mode: 'string' }),
    nextDeadline: date('next_deadline', { mode: 'string' }),
    nextDeadlineKind: text('next_deadline_kind'),
    nextDeadlineStep: integer('next_deadline_step'),
    formNumber: text('form_number'),
    memberId: uuid('member_id'),
    closedReason: text('closed_reason'),
    completedOn: date('completed_on', { mode: 'string' }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    // One open file per person in a county.
    uniqueIndex('dev_files_county_person_open_uq').on(t.countyId, t.idNumberHash).where(sql`${t.status} = 'active'`),
    index('dev_files_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`),
    index('dev_files_county_stage_path_idx').on(t.countyId, t.status, t.stage, sql`${t.orgPath} text_pattern_ops`),
    index('dev_files_county_deadline_idx').on(t.countyId, t.nextDeadline, sql`${t.orgPath} text_pattern_ops`).where(sql`${t.status} = 'active'`),
  ],
);

/** Each recorded step: date, who did it (and for which org), the step's fields and documents. Append-only. */
export const developmentEvents = pgTable(
  'development_events',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    fileId: uuid('file_id').notNull().references(() => developmentFiles.id),
    step: integer('step').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    fields: jsonb('fields').notNull().$type<Record<string, unknown>>(),
    publicity: jsonb('publicity').$type<{ start: string; end: string; result: 'noObjection' | 'objectionResolved' } | null>(),
    note: text('note'),
    warnings: jsonb('warnings').notNull().$type<string[]>(),
    overrideReason: text('override_reason'),
    documentFileIds: uuid('document_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    actorId: uuid('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    actorOrgId: uuid('actor_org_id').notNull(),
    actorOrgName: text('actor_org_name').notNull(),
    ruleSetVersion: integer('rule_set_version').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('dev_events_file_idx').on(t.fileId, t.recordedAt), index('dev_events_county_date_idx').on(t.countyId, t.step, t.date)],
);

/** Declared near relatives of the person (for 近亲属 checks against sponsors, secretary and approvers). */
export const developmentFamily = pgTable(
  'development_family',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    fileId: uuid('file_id').notNull().references(() => developmentFiles.id),
    name: text('name').notNull(),
    relation: text('relation').notNull(),
    memberId: uuid('member_id'),
  },
  (t) => [index('dev_family_file_idx').on(t.fileId)],
);

/** 入党志愿书编号: county-unique; a voided number stays in the register and is never issued again. */
export const formNumbers = pgTable(
  'form_numbers',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    number: text('number').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    fileId: uuid('file_id').notNull().references(() => developmentFiles.id),
    orgPath: text('org_path').notNull(),
    status: text('status').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'date' }).notNull(),
    issuedBy: text('issued_by').notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'date' }),
    voidReason: text('void_reason'),
  },
  (t) => [
    uniqueIndex('form_numbers_county_number_uq').on(t.countyId, t.number),
    uniqueIndex('form_numbers_county_year_seq_uq').on(t.countyId, t.year, t.seq),
    index('form_numbers_file_idx').on(t.fileId),
  ],
);

/** 控制总量: a committee's annual development quota. */
export const developmentQuotas = pgTable(
  'development_quotas',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    year: integer('year').notNull(),
    quota: integer('quota').notNull(),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('dev_quotas_county_org_year_uq').on(t.countyId, t.orgId, t.year)],
);

/** 审批权: the county organization department's decision to grant or withdraw a committee's approval authority
 * (absent: the default by org type and level, see domain approvalEntitled). */
export const developmentApprovalAuthorities = pgTable(
  'development_approval_authorities',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    entitled: boolean('entitled').notNull(),
    reason: text('reason').notNull(),
    decidedBy: text('decided_by').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('dev_approval_auth_county_org_uq').on(t.countyId, t.orgId)],
);

/** Warnings found by the daily job `development.daily` (overdue talk, half-yearly assessment, approval, conversion;
 * probation ending soon): one row per file, kind and due date, so re-running a day adds nothing; a warning that no
 * longer applies (the step was recorded) gets `resolved_on`. */
export const developmentWarnings = pgTable(
  'development_warnings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    fileId: uuid('file_id').notNull().references(() => developmentFiles.id),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    step: integer('step').notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    message: text('message').notNull(),
    detectedOn: date('detected_on', { mode: 'string' }).notNull(),
    resolvedOn: date('resolved_on', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('dev_warnings_file_kind_due_uq').on(t.countyId, t.fileId, t.kind, t.due),
    index('dev_warnings_county_open_idx').on(t.countyId, t.kind, sql`${t.orgPath} text_pattern_ops`).where(sql`${t.resolvedOn} is null`),
  ],
);

/** Tables here that copy an org path (see common.ts orgPathTables). */
export const developmentOrgPathTables = orgPathTables(developmentProspects, developmentFiles, formNumbers, developmentWarnings);
