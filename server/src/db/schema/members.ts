// The member roster (党员档案). ID number and phone are encrypted, with keyed hashes for exact lookup.
import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn, orgPathTables } from './common';
import { orgs } from './orgs';

export const members = pgTable(
  'members',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    // Copy of the branch's path, so subtree filters are one index range scan.
    orgPath: text('org_path').notNull(),
    groupId: uuid('group_id').references(() => orgs.id),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    gender: text('gender').notNull(),
    ethnicity: text('ethnicity').notNull(),
    // The birth date in clear only to the month (the 1st): with the region code and the gender, a full date would leave
    // only 500 possible ID numbers. The exact date is digits 7-14 of the encrypted ID number (docs/DATA-MODEL.md).
    birthMonth: date('birth_month', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    // Keyed hash of the last 4 characters (search by tail); null only until the start-up backfill of older rows.
    idTailHash: text('id_tail_hash'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneMasked: text('phone_masked'),
    phoneTail: text('phone_tail'),
    education: text('education').notNull(),
    occupation: text('occupation').notNull(),
    job: text('job'),
    address: text('address'),
    joinDate: date('join_date', { mode: 'string' }).notNull(),
    fullMembershipDate: date('full_membership_date', { mode: 'string' }),
    status: text('status').notNull(),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    mobileDestination: text('mobile_destination'),
    mobileSince: date('mobile_since', { mode: 'string' }),
    mobileContactEnc: text('mobile_contact_enc'),
    // Set when the member leaves the roster (transfer out, death, ...); such rows are kept, not deleted.
    leftAt: timestamp('left_at', { withTimezone: true, mode: 'date' }),
    leftReason: text('left_reason'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('members_county_id_number_uq').on(t.countyId, t.idNumberHash),
    index('members_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`),
    index('members_org_idx').on(t.orgId),
    // The few members who left, so rollup readers can exclude them without scanning the roster.
    index('members_county_left_idx').on(t.countyId, t.id).where(sql`${t.leftAt} is not null`),
    index('members_county_name_idx').on(t.countyId, sql`${t.name} text_pattern_ops`),
    index('members_county_initials_idx').on(t.countyId, sql`${t.nameInitials} text_pattern_ops`),
    index('members_county_pinyin_idx').on(t.countyId, sql`${t.namePinyin} text_pattern_ops`),
    index('members_county_id_tail_hash_idx').on(t.countyId, t.idTailHash),
    index('members_county_phone_hash_idx').on(t.countyId, t.phoneHash),
    index('members_county_phone_tail_idx').on(t.countyId, t.phoneTail),
    index('members_categories_idx').using('gin', t.categories),
  ],
);

/** Tables here that copy an org path (see common.ts orgPathTables). */
export const membersOrgPathTables = orgPathTables(members);
