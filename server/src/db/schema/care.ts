// Care for members (关爱帮扶: hardship pairings, elderly/frail responsible cadres, visits, quarter-close warnings) and
// relationship transfers out of and into the county (组织关系转接: three-part letter, county number, receipt) (issue #13).
import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, orgPathTables, timestamps, versionColumn } from './common';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A cared-for member and their fixed helper: kind 'hardship' (困难党员, 定人结对包联) or 'elderly' (老党员/体弱党员, 包联干部).
 * One active pairing per member and kind (partial unique index); ending it keeps the row with the reason.
 */
export const carePairings = pgTable(
  'care_pairings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    kind: text('kind').notNull(),
    memberId: uuid('member_id').notNull(),
    memberName: text('member_name').notNull(),
    orgPath: text('org_path').notNull(),
    helperMemberId: uuid('helper_member_id').notNull(),
    helperName: text('helper_name').notNull(),
    needs: text('needs').notNull().default(''),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    endReason: text('end_reason'),
    lastVisitOn: date('last_visit_on', { mode: 'string' }),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('care_pairings_active_uq').on(t.countyId, t.memberId, t.kind).where(sql`${t.endedOn} is null`),
    index('care_pairings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`),
    index('care_pairings_helper_idx').on(t.countyId, t.helperMemberId),
  ],
);

/** A visit, delivery or must-visit occasion recorded on a pairing. Never deleted. */
export const careVisits = pgTable(
  'care_visits',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    pairingId: uuid('pairing_id').notNull(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    occasion: text('occasion').notNull(),
    content: text('content').notNull(),
    assistance: text('assistance').notNull().default(''),
    visitorAccountId: uuid('visitor_account_id').notNull(),
    visitorName: text('visitor_name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('care_visits_pairing_idx').on(t.countyId, t.pairingId, t.visitedOn),
    index('care_visits_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.visitedOn),
  ],
);

/** A warning raised by the care jobs: an elderly member's quarter without a visit. Unique per member, kind and period. */
export const careWarnings = pgTable(
  'care_warnings',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    kind: text('kind').notNull(),
    pairingId: uuid('pairing_id').notNull(),
    memberId: uuid('member_id').notNull(),
    memberName: text('member_name').notNull(),
    orgPath: text('org_path').notNull(),
    period: text('period').notNull(),
    raisedAt: at('raised_at').notNull(),
  },
  (t) => [
    uniqueIndex('care_warnings_uq').on(t.countyId, t.kind, t.memberId, t.period),
    index('care_warnings_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.period),
  ],
);

/**
 * A relationship transfer out of the county (direction 'out': the member's branch issues the letter) or into it
 * ('in': a letter from outside registered by the receiving branch, the member added to the roster on arrival).
 * One open transfer per member (partial unique index). A reissue voids the old row and points the new one at it.
 */
export const transfers = pgTable(
  'transfers',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    direction: text('direction').notNull(),
    status: text('status').notNull(),
    memberId: uuid('member_id'),
    memberName: text('member_name').notNull(),
    orgId: uuid('org_id').notNull(),
    orgPath: text('org_path').notNull(),
    counterpart: text('counterpart').notNull(),
    letterNo: text('letter_no').notNull(),
    letterYear: integer('letter_year'),
    letterSeq: integer('letter_seq'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    receiptDueBy: date('receipt_due_by', { mode: 'string' }),
    duesPaidTo: text('dues_paid_to').notNull(),
    reason: text('reason').notNull(),
    receiptOn: date('receipt_on', { mode: 'string' }),
    receiptNote: text('receipt_note'),
    arrivedOn: date('arrived_on', { mode: 'string' }),
    voidedAt: at('voided_at'),
    voidReason: text('void_reason'),
    reissueOf: uuid('reissue_of'),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('transfers_open_member_uq').on(t.countyId, t.memberId).where(sql`${t.status} = 'open' and ${t.memberId} is not null`),
    uniqueIndex('transfers_letter_no_uq').on(t.countyId, t.direction, t.letterNo),
    index('transfers_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.status),
  ],
);

/** The county's letter number sequence per year: taken with UPDATE … RETURNING, never handed out twice. */
export const transferLetterCounters = pgTable(
  'transfer_letter_counters',
  {
    countyId: countyIdColumn(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countyId, t.year] })],
);

/**
 * A mobile member's ledger (流动党员联络台账): the branch's contact person, the last contact and, once 失联, the steps the
 * branch took. One row per member, opened by the first write; the member's own data (where, since when) stays in members.
 */
export const mobileLedgers = pgTable(
  'mobile_ledgers',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    contactPersonMemberId: uuid('contact_person_member_id'),
    contactPersonName: text('contact_person_name'),
    lastContactOn: date('last_contact_on', { mode: 'string' }),
    lostSteps: text('lost_steps'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('mobile_ledgers_member_uq').on(t.countyId, t.memberId), index('mobile_ledgers_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.lastContactOn)],
);

/** A contact made with a mobile member (date, channel, what was learned, by whom). Never deleted. */
export const mobileContacts = pgTable(
  'mobile_contacts',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    memberId: uuid('member_id').notNull(),
    orgPath: text('org_path').notNull(),
    contactedOn: date('contacted_on', { mode: 'string' }).notNull(),
    channel: text('channel').notNull(),
    learned: text('learned').notNull(),
    contactedByAccountId: uuid('contacted_by_account_id').notNull(),
    contactedByName: text('contacted_by_name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('mobile_contacts_member_idx').on(t.countyId, t.memberId, t.contactedOn)],
);

/**
 * A festival condolence round (节日慰问) planned by the county: festival, year, budget in fen, funding source, the
 * standard amount per member by category. One round per festival and year.
 */
export const condolenceRounds = pgTable(
  'condolence_rounds',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    festival: text('festival').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }).notNull(),
    budgetFen: integer('budget_fen').notNull(),
    fundingSource: text('funding_source').notNull(),
    fundingNote: text('funding_note'),
    standards: jsonb('standards').$type<{ hardship: number; frail: number; elderly: number; other: number | null }>().notNull(),
    allowOthers: boolean('allow_others').notNull().default(false),
    status: text('status').notNull().default('open'),
    closedAt: at('closed_at'),
    createdBy: uuid('created_by'),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('condolence_rounds_festival_uq').on(t.countyId, t.festival, t.year), index('condolence_rounds_county_idx').on(t.countyId, t.plannedOn)],
);

/** A town's share of a round's budget. One per round and town; the sum stays within the budget (checked under the round's lock). */
export const condolenceAllocations = pgTable(
  'condolence_allocations',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    roundId: uuid('round_id').notNull(),
    orgId: uuid('org_id').notNull(),
    orgName: text('org_name').notNull(),
    orgPath: text('org_path').notNull(),
    amountFen: integer('amount_fen').notNull(),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [uniqueIndex('condolence_allocations_town_uq').on(t.countyId, t.roundId, t.orgId), index('condolence_allocations_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`)],
);

/**
 * The ledger of a round: payments to members and reversal entries (kind 'reversal', `reverses_id` → the payment, the
 * same amount, with the reason). Never updated or deleted; one reversal per payment (unique index).
 */
export const condolencePayments = pgTable(
  'condolence_payments',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    roundId: uuid('round_id').notNull(),
    allocationId: uuid('allocation_id').notNull(),
    kind: text('kind').notNull(),
    memberId: uuid('member_id').notNull(),
    memberName: text('member_name').notNull(),
    orgName: text('org_name').notNull(),
    orgPath: text('org_path').notNull(),
    category: text('category').notNull(),
    amountFen: integer('amount_fen').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    note: text('note'),
    reversesId: uuid('reverses_id'),
    paidByAccountId: uuid('paid_by_account_id').notNull(),
    paidByName: text('paid_by_name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('condolence_payments_reversal_uq').on(t.countyId, t.reversesId).where(sql`${t.reversesId} is not null`),
    index('condolence_payments_round_member_idx').on(t.roundId, t.memberId),
    index('condolence_payments_round_path_idx').on(t.countyId, t.roundId, sql`${t.orgPath} text_pattern_ops`),
  ],
);

/** A branch's celebration of its members' political birthdays (政治生日) in a month: one per branch and month. */
export const birthdayCelebrations = pgTable(
  'birthday_celebrations',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    orgId: uuid('org_id').notNull(),
    orgName: text('org_name').notNull(),
    orgPath: text('org_path').notNull(),
    month: text('month').notNull(),
    celebratedOn: date('celebrated_on', { mode: 'string' }).notNull(),
    content: text('content').notNull(),
    members: integer('members').notNull(),
    recordedByAccountId: uuid('recorded_by_account_id').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('birthday_celebrations_org_month_uq').on(t.countyId, t.orgId, t.month), index('birthday_celebrations_county_path_idx').on(t.countyId, sql`${t.orgPath} text_pattern_ops`, t.month)],
);

export const careOrgPathTables = orgPathTables(carePairings, careVisits, careWarnings, transfers, mobileLedgers, mobileContacts, condolenceAllocations, condolencePayments, birthdayCelebrations);
