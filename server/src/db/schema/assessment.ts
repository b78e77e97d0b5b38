// The county's assessment (考核, issue #15): versioned scoring schemes, the year's state (open / closed), each org's
// score with its components and the evidence that produced them, manual entries (述职评议 and the like), and the weak
// organizations under rectification (软弱涣散党组织整顿) with their monthly progress.
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables, timestamps, versionColumn } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One version per change of the scheme; a computed year records the version it was scored under. */
export const assessmentSchemes = pgTable(
  'assessment_schemes',
  {
    countyId: countyIdColumn(),
    version: integer('version').notNull(),
    fromYear: integer('from_year').notNull(),
    components: jsonb('components').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.version] })],
);

/** The assessment year: open (recomputed at will) or closed (scores frozen; a recompute needs a reason). */
export const assessmentYears = pgTable(
  'assessment_years',
  {
    countyId: countyIdColumn(),
    year: integer('year').notNull(),
    status: text('status').notNull().default('open'),
    schemeVersion: integer('scheme_version'),
    computedAt: at('computed_at'),
    /** The date the records were read as of (the year's last day once it is over). */
    asOf: date('as_of', { mode: 'string' }),
    closedAt: at('closed_at'),
    closedByName: text('closed_by_name'),
    recomputedAt: at('recomputed_at'),
    recomputeReason: text('recompute_reason'),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.year] })],
);

/** One org's score in a year: the total, its rank within its level, the component points and their evidence. */
export const assessmentScores = pgTable(
  'assessment_scores',
  {
    countyId: countyIdColumn(),
    year: integer('year').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    orgName: text('org_name').notNull(),
    townId: uuid('town_id'),
    townName: text('town_name').notNull(),
    level: text('level').notNull(),
    centi: integer('centi'),
    rank: integer('rank'),
    components: jsonb('components').$type<Record<string, number | null>>().notNull(),
    /** Each component in scheme order: its measure, points and the evidence that produced them (the drill-down). */
    detail: jsonb('detail').notNull(),
    schemeVersion: integer('scheme_version').notNull(),
    computedAt: at('computed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.countyId, t.year, t.orgId] }),
    index('assessment_scores_rank_idx').on(t.countyId, t.year, t.level, t.rank),
    index('assessment_scores_path_idx').on(t.countyId, t.year, sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** A manual component's points for one org (述职评议, 观摩 and the like), entered by its town or the county. */
export const assessmentManualScores = pgTable(
  'assessment_manual_scores',
  {
    countyId: countyIdColumn(),
    year: integer('year').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    key: text('key').notNull(),
    centi: integer('centi').notNull(),
    note: text('note').notNull(),
    byAccountId: uuid('by_account_id'),
    byName: text('by_name').notNull(),
    at: at('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.year, t.orgId, t.key] }), index('assessment_manual_path_idx').on(t.countyId, t.year, sql`${t.orgPath} text_pattern_ops`)],
);

/**
 * A weak organization of a year (软弱涣散): the criteria it met (found from the records, or entered by the town), its
 * rectification (四个一: a county leader in contact, a working group, a plan, a deadline), acceptance and removal.
 */
export const weakOrgs = pgTable(
  'weak_orgs',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    year: integer('year').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    orgName: text('org_name').notNull(),
    townName: text('town_name').notNull(),
    status: text('status').notNull(),
    criteria: jsonb('criteria').notNull(),
    identifiedAt: at('identified_at').notNull(),
    identifiedByName: text('identified_by_name').notNull(),
    leaderName: text('leader_name'),
    workingGroup: text('working_group'),
    plan: text('plan'),
    deadline: date('deadline', { mode: 'string' }),
    acceptedAt: at('accepted_at'),
    acceptanceNote: text('acceptance_note'),
    removedAt: at('removed_at'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('weak_orgs_year_org_uq').on(t.countyId, t.year, t.orgId), index('weak_orgs_path_idx').on(t.countyId, t.year, sql`${t.orgPath} text_pattern_ops`)],
);

/** The monthly progress of a rectification (one entry per month). */
export const weakOrgProgress = pgTable(
  'weak_org_progress',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    weakOrgId: uuid('weak_org_id').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    note: text('note').notNull(),
    byName: text('by_name').notNull(),
    at: at('at').notNull(),
  },
  (t) => [uniqueIndex('weak_org_progress_month_uq').on(t.countyId, t.weakOrgId, t.month)],
);

export const assessmentOrgPathTables = orgPathTables(assessmentScores, assessmentManualScores, weakOrgs, weakOrgProgress);
