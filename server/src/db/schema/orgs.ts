// Counties (tenants), the organization tree (materialized path), org officers and 两新 enterprises.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn } from './common';

export const counties = pgTable('counties', {
  id: idColumn(),
  name: text('name').notNull(),
  code: text('code').notNull().unique(),
  ...timestamps(),
});

export const orgs = pgTable(
  'orgs',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    // Global sequence number, the segment of this org in every descendant's path.
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity().notNull(),
    parentId: uuid('parent_id'),
    // Materialized path of seq numbers, e.g. '/1/5/23/'; a subtree is `path LIKE '/1/5/%'`.
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    type: text('type').notNull(),
    sector: text('sector').notNull(),
    gridKind: text('grid_kind'),
    foundedOn: date('founded_on', { mode: 'string' }),
    secretaryMemberId: uuid('secretary_member_id'),
    sortOrder: integer('sort_order').notNull().default(0),
    dissolvedAt: timestamp('dissolved_at', { withTimezone: true, mode: 'date' }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('orgs_seq_uq').on(t.countyId, t.seq),
    index('orgs_county_path_idx').on(t.countyId, sql`${t.path} text_pattern_ops`),
    index('orgs_parent_idx').on(t.parentId),
  ],
);

/** 委员: committee members of an org (the secretary is on `orgs`). */
export const orgOfficers = pgTable(
  'org_officers',
  {
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    memberId: uuid('member_id').notNull(),
    countyId: countyIdColumn(),
    title: text('title').notNull().default('committeeMember'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_officers_uq').on(t.countyId, t.orgId, t.memberId), index('org_officers_member_idx').on(t.memberId)],
);

/** 两新组织: non-public enterprises, social organizations and SOEs, with or without a party org of their own. */
export const enterprises = pgTable(
  'enterprises',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    creditCode: text('credit_code'),
    industry: text('industry'),
    employeeCount: integer('employee_count'),
    // The town/street whose territory it is in (its 属地 committee).
    townOrgId: uuid('town_org_id').references(() => orgs.id),
    // Its own party org, when one exists (组织覆盖).
    partyOrgId: uuid('party_org_id').references(() => orgs.id),
    hasWorkCoverage: boolean('has_work_coverage').notNull().default(false),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('enterprises_county_idx').on(t.countyId), index('enterprises_town_idx').on(t.townOrgId)],
);
