// 组织生活与党员教育 (issue 12): meetings (三会一课) with attendance, heart-to-heart talks, training-hour entries and the
// compliance warnings of the daily job. Owned by the org-life module.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables, timestamps, versionColumn } from './common';

export type StoredResolution = { text: string; yes: number | null; no: number | null; abstain: number | null; passed: boolean | null };

export const orgLifeMeetings = pgTable(
  'org_life_meetings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    chair: text('chair').notNull(),
    recorder: text('recorder').notNull(),
    topic: text('topic').notNull(),
    agenda: text('agenda'),
    minutes: text('minutes'),
    writtenOpinions: text('written_opinions'),
    resolutions: jsonb('resolutions').$type<StoredResolution[]>().notNull().default([]),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    signInFileId: uuid('sign_in_file_id'),
    // 应到 / 实到 when last saved (the list reads them without counting the roster again).
    expected: integer('expected').notNull().default(0),
    present: integer('present').notNull().default(0),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    // One meeting of a kind per branch and day: a second one for the same slot is refused (409).
    uniqueIndex('org_life_meetings_slot_uq').on(t.countyId, t.orgId, t.kind, t.date),
    index('org_life_meetings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.date),
  ],
);

/** One row per member of the branch and meeting: present / leave (with its reason) / absent. */
export const orgLifeAttendance = pgTable(
  'org_life_attendance',
  {
    countyId: countyIdColumn(),
    meetingId: uuid('meeting_id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.meetingId, t.memberId] }), index('org_life_attendance_member_idx').on(t.countyId, t.memberId, t.date)],
);

/** 谈心谈话: who (a committee member) talked with whom, when, about what. */
export const orgLifeTalks = pgTable(
  'org_life_talks',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    talkerMemberId: uuid('talker_member_id').notNull(),
    talkerName: text('talker_name').notNull(),
    memberId: uuid('member_id').notNull(),
    memberName: text('member_name').notNull(),
    talkedOn: date('talked_on', { mode: 'string' }).notNull(),
    topics: text('topics').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('org_life_talks_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.talkedOn), index('org_life_talks_member_idx').on(t.countyId, t.memberId, t.talkedOn)],
);

/** 学时 other than meetings attended (those are credited from the attendance): party school, online study, other. */
export const orgLifeTrainingEntries = pgTable(
  'org_life_training_entries',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    source: text('source').notNull(),
    studiedOn: date('studied_on', { mode: 'string' }).notNull(),
    hours: integer('hours').notNull(),
    title: text('title').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('org_life_training_member_idx').on(t.countyId, t.memberId, t.studiedOn), index('org_life_training_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`)],
);

/** The daily job's warnings: a branch whose period of a kind ended without the meeting (one per branch, kind, period). */
export const orgLifeWarnings = pgTable(
  'org_life_warnings',
  {
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.orgId, t.kind, t.period] }), index('org_life_warnings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`)],
);

/** 党性（政治）体检: one per member and year; everything but the keys is one encrypted JSON (result, notes, follow-up). */
export const orgLifeCheckups = pgTable(
  'org_life_checkups',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    dataEnc: text('data_enc').notNull(),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('org_life_checkups_member_year_uq').on(t.countyId, t.memberId, t.year), index('org_life_checkups_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.year)],
);

export type StoredAppraisalVotes = { excellent: number; qualified: number; basic: number; unqualified: number };

/** 民主评议党员: one row per member and year (the round is the branch's rows of the year), with the 不合格 follow-up. */
export const orgLifeAppraisals = pgTable(
  'org_life_appraisals',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    selfAssessment: text('self_assessment'),
    grade: text('grade').notNull(),
    votes: jsonb('votes').$type<StoredAppraisalVotes>().notNull(),
    followUpAction: text('follow_up_action'),
    followUpDueOn: date('follow_up_due_on', { mode: 'string' }),
    followUpClosedOn: date('follow_up_closed_on', { mode: 'string' }),
    followUpOutcome: text('follow_up_outcome'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('org_life_appraisals_member_year_uq').on(t.countyId, t.memberId, t.year), index('org_life_appraisals_county_org_year_idx').on(t.countyId, t.orgId, t.year)],
);

export type StoredLifeMeetingSteps = Record<'study' | 'solicit' | 'talks' | 'materials', { doneOn: string; note: string | null } | null>;
export type StoredRectification = { problem: string; measure: string; owner: string; dueOn: string; doneOn: string | null };

/**
 * 组织生活会: the record of a branch's yearly (or a special) organizational-life meeting — the preparation steps with
 * their dates, then the 整改清单 and the 通报. The meeting itself is a row of org_life_meetings (kind `lifeMeeting`),
 * linked by `meeting_id` once held. One yearly record per branch and year.
 */
export const orgLifeLifeMeetings = pgTable(
  'org_life_life_meetings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    year: integer('year').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    steps: jsonb('steps').$type<StoredLifeMeetingSteps>().notNull(),
    rectifications: jsonb('rectifications').$type<StoredRectification[]>().notNull().default([]),
    noticeOn: date('notice_on', { mode: 'string' }),
    noticeText: text('notice_text'),
    meetingId: uuid('meeting_id'),
    heldOn: date('held_on', { mode: 'string' }),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('org_life_life_meetings_annual_uq').on(t.countyId, t.orgId, t.year).where(sql`${t.type} = 'annual'`),
    uniqueIndex('org_life_life_meetings_meeting_uq').on(t.countyId, t.meetingId),
    index('org_life_life_meetings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.year),
  ],
);

export const orgLifeOrgPathTables = orgPathTables(orgLifeMeetings, orgLifeAttendance, orgLifeTalks, orgLifeTrainingEntries, orgLifeWarnings, orgLifeCheckups, orgLifeAppraisals, orgLifeLifeMeetings);
