// The only code that touches care_pairings, care_visits, care_warnings, transfers and transfer_letter_counters.
import { and, asc, desc, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { carePairings, careVisits, careWarnings, mobileContacts, mobileLedgers, transferLetterCounters, transfers } from '../../db/schema/index';

export type PairingRow = typeof carePairings.$inferSelect;
export type VisitRow = typeof careVisits.$inferSelect;
export type TransferRow = typeof transfers.$inferSelect;
export type LedgerRow = typeof mobileLedgers.$inferSelect;
export type ContactRow = typeof mobileContacts.$inferSelect;

const page = (p: { page: number; pageSize: number }) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

export const careRepository = {
  async findPairing(ex: Executor, countyId: string, id: string): Promise<PairingRow | null> {
    const [row] = await ex.select().from(carePairings).where(and(eq(carePairings.countyId, countyId), eq(carePairings.id, id)));
    return row ?? null;
  },
  async findActivePairing(ex: Executor, countyId: string, memberId: string, kind: string): Promise<PairingRow | null> {
    const [row] = await ex.select().from(carePairings).where(and(eq(carePairings.countyId, countyId), eq(carePairings.memberId, memberId), eq(carePairings.kind, kind), isNull(carePairings.endedOn)));
    return row ?? null;
  },
  async insertPairing(ex: Executor, values: typeof carePairings.$inferInsert): Promise<PairingRow> {
    const [row] = await ex.insert(carePairings).values(values).returning();
    return row;
  },
  async updatePairing(ex: Executor, id: string, version: number, values: Partial<typeof carePairings.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(carePairings).set({ ...values, version: version + 1 }).where(and(eq(carePairings.id, id), eq(carePairings.version, version))).returning({ id: carePairings.id });
    return rows.length === 1;
  },
  /** The last visit date only moves forward (a late entry of an older visit leaves it). */
  async touchLastVisit(ex: Executor, id: string, visitedOn: string): Promise<void> {
    await ex.update(carePairings).set({ lastVisitOn: sql`greatest(coalesce(${carePairings.lastVisitOn}, ${visitedOn}::date), ${visitedOn}::date)`, updatedAt: new Date() }).where(eq(carePairings.id, id));
  },

  pairingConds(countyId: string, pathPattern: string, f: { kind?: string; active?: boolean; helperMemberId?: string; memberId?: string; overdue?: { today: string; rhythmMonths: number } }): SQL {
    const conds: (SQL | undefined)[] = [eq(carePairings.countyId, countyId), like(carePairings.orgPath, pathPattern)];
    if (f.kind) conds.push(eq(carePairings.kind, f.kind));
    if (f.active === true) conds.push(isNull(carePairings.endedOn));
    if (f.active === false) conds.push(sql`${carePairings.endedOn} is not null`);
    if (f.helperMemberId) conds.push(eq(carePairings.helperMemberId, f.helperMemberId));
    if (f.memberId) conds.push(eq(carePairings.memberId, f.memberId));
    // Overdue: the next due date (last visit or start + rhythm months) is before the given day.
    if (f.overdue) conds.push(sql`${carePairings.endedOn} is null and (greatest(${carePairings.startedOn}, coalesce(${carePairings.lastVisitOn}, ${carePairings.startedOn})) + make_interval(months => ${f.overdue.rhythmMonths}::int))::date < ${f.overdue.today}::date`);
    return and(...conds)!;
  },

  async listPairings(ex: Executor, where: SQL, p: { page: number; pageSize: number }, orderByDue: boolean) {
    const q = ex.select().from(carePairings).where(where);
    const ordered = orderByDue
      ? q.orderBy(sql`${carePairings.endedOn} is not null`, asc(sql`coalesce(${carePairings.lastVisitOn}, ${carePairings.startedOn})`), asc(carePairings.id))
      : q.orderBy(asc(carePairings.orgPath), asc(carePairings.memberName), asc(carePairings.id));
    const rows = await ordered.limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(carePairings).where(where);
    return { rows, total: Number(n) };
  },

  async insertVisit(ex: Executor, values: typeof careVisits.$inferInsert): Promise<VisitRow> {
    const [row] = await ex.insert(careVisits).values(values).returning();
    return row;
  },
  async visitsOf(ex: Executor, countyId: string, pairingId: string, limit = 50): Promise<VisitRow[]> {
    return ex.select().from(careVisits).where(and(eq(careVisits.countyId, countyId), eq(careVisits.pairingId, pairingId))).orderBy(desc(careVisits.visitedOn), desc(careVisits.createdAt)).limit(limit);
  },

  async listWarnings(ex: Executor, countyId: string, pathPattern: string, period: string | undefined, p: { page: number; pageSize: number }) {
    const conds = [eq(careWarnings.countyId, countyId), like(careWarnings.orgPath, pathPattern)];
    if (period) conds.push(eq(careWarnings.period, period));
    const where = and(...conds);
    const rows = await ex.select().from(careWarnings).where(where).orderBy(desc(careWarnings.period), asc(careWarnings.orgPath), asc(careWarnings.memberName), asc(careWarnings.id)).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(careWarnings).where(where);
    return { rows, total: Number(n) };
  },

  /**
   * Raises the quarter's warnings for every elderly pairing active since before the quarter began without a visit in
   * it (a mobile member reached through the ledger is not asked here: the ledger belongs to reports and is read by the
   * service). Idempotent: unique per member, kind and quarter.
   */
  async raiseElderlyQuarterWarnings(ex: Executor, countyId: string, quarter: string, start: string, end: string, at: Date): Promise<number> {
    const rows = await queryRows<{ id: string }>(ex, sql`
      insert into care_warnings (county_id, kind, pairing_id, member_id, member_name, org_path, period, raised_at)
      select p.county_id, 'elderlyQuarterMissed', p.id, p.member_id, p.member_name, p.org_path, ${quarter}, ${at}
      from care_pairings p
      where p.county_id = ${countyId} and p.kind = 'elderly' and p.started_on <= ${start}::date and (p.ended_on is null or p.ended_on > ${end}::date)
        and not exists (select 1 from care_visits v where v.county_id = p.county_id and v.pairing_id = p.id and v.visited_on between ${start}::date and ${end}::date)
      on conflict (county_id, kind, member_id, period) do nothing
      returning id`);
    return rows.length;
  },

  async dashboard(ex: Executor, countyId: string, pathPattern: string, q: { start: string; today: string; rhythmMonths: number; dueSoonDays: number; fromMonth: string; prevQuarter: string }) {
    const [p] = await ex
      .select({
        hardshipActive: sql<number>`count(*) filter (where ${carePairings.kind} = 'hardship')::int`,
        hardshipVisited: sql<number>`count(*) filter (where ${carePairings.kind} = 'hardship' and ${carePairings.lastVisitOn} >= ${q.start}::date)::int`,
        hardshipOverdue: sql<number>`count(*) filter (where ${carePairings.kind} = 'hardship' and (greatest(${carePairings.startedOn}, coalesce(${carePairings.lastVisitOn}, ${carePairings.startedOn})) + make_interval(months => ${q.rhythmMonths}::int))::date < ${q.today}::date)::int`,
        hardshipDueSoon: sql<number>`count(*) filter (where ${carePairings.kind} = 'hardship' and (greatest(${carePairings.startedOn}, coalesce(${carePairings.lastVisitOn}, ${carePairings.startedOn})) + make_interval(months => ${q.rhythmMonths}::int))::date between ${q.today}::date and (${q.today}::date + ${q.dueSoonDays}::int))::int`,
        elderlyActive: sql<number>`count(*) filter (where ${carePairings.kind} = 'elderly')::int`,
        elderlyVisited: sql<number>`count(*) filter (where ${carePairings.kind} = 'elderly' and ${carePairings.lastVisitOn} >= ${q.start}::date)::int`,
      })
      .from(carePairings)
      .where(and(eq(carePairings.countyId, countyId), like(carePairings.orgPath, pathPattern), isNull(carePairings.endedOn)));
    const byMonth = await ex
      .select({ month: sql<string>`to_char(${careVisits.visitedOn}, 'YYYY-MM')`, visits: sql<number>`count(*)::int` })
      .from(careVisits)
      .where(and(eq(careVisits.countyId, countyId), like(careVisits.orgPath, pathPattern), sql`${careVisits.visitedOn} >= ${`${q.fromMonth}-01`}::date`, sql`${careVisits.visitedOn} <= ${q.today}::date`))
      .groupBy(sql`1`)
      .orderBy(sql`1`);
    const [t] = await ex
      .select({
        openOut: sql<number>`count(*) filter (where ${transfers.direction} = 'out' and ${transfers.status} = 'open')::int`,
        overdue: sql<number>`count(*) filter (where ${transfers.direction} = 'out' and ${transfers.status} = 'open' and ${transfers.receiptDueBy} < ${q.today}::date)::int`,
        openIn: sql<number>`count(*) filter (where ${transfers.direction} = 'in' and ${transfers.status} = 'open')::int`,
      })
      .from(transfers)
      .where(and(eq(transfers.countyId, countyId), like(transfers.orgPath, pathPattern)));
    const [w] = await ex
      .select({ n: sql<number>`count(*)::int` })
      .from(careWarnings)
      .where(and(eq(careWarnings.countyId, countyId), like(careWarnings.orgPath, pathPattern), eq(careWarnings.period, q.prevQuarter)));
    return { p, byMonth: byMonth.map((r) => ({ month: r.month, visits: Number(r.visits) })), t, warnings: Number(w.n) };
  },

  /** Records that follow a member moved to another branch inside the county. */
  async moveMembers(ex: Executor, countyId: string, memberIds: string[], targetOrgPath: string): Promise<void> {
    const ids = sql`(select unnest(${`{${memberIds.join(',')}}`}::uuid[]))`;
    await ex.update(carePairings).set({ orgPath: targetOrgPath }).where(and(eq(carePairings.countyId, countyId), sql`${carePairings.memberId} in ${ids}`, isNull(carePairings.endedOn)));
    await ex.update(careWarnings).set({ orgPath: targetOrgPath }).where(and(eq(careWarnings.countyId, countyId), sql`${careWarnings.memberId} in ${ids}`));
    await ex.update(mobileLedgers).set({ orgPath: targetOrgPath }).where(and(eq(mobileLedgers.countyId, countyId), sql`${mobileLedgers.memberId} in ${ids}`));
    await ex.update(mobileContacts).set({ orgPath: targetOrgPath }).where(and(eq(mobileContacts.countyId, countyId), sql`${mobileContacts.memberId} in ${ids}`));
  },

  // ---- mobile members' contact ledger ----
  async ledgersOf(ex: Executor, countyId: string, memberIds: string[]): Promise<LedgerRow[]> {
    if (!memberIds.length) return [];
    return ex.select().from(mobileLedgers).where(and(eq(mobileLedgers.countyId, countyId), sql`${mobileLedgers.memberId} = any(${`{${memberIds.join(',')}}`}::uuid[])`));
  },
  /** The ledger row of a member, opened (empty) when there is none yet; locked for the rest of the transaction. */
  async openLedger(ex: Executor, countyId: string, memberId: string, orgPath: string): Promise<LedgerRow> {
    await ex.insert(mobileLedgers).values({ countyId, memberId, orgPath }).onConflictDoNothing({ target: [mobileLedgers.countyId, mobileLedgers.memberId] });
    const [row] = await ex.select().from(mobileLedgers).where(and(eq(mobileLedgers.countyId, countyId), eq(mobileLedgers.memberId, memberId))).for('update');
    return row;
  },
  async updateLedger(ex: Executor, id: string, values: Partial<typeof mobileLedgers.$inferInsert>): Promise<void> {
    await ex.update(mobileLedgers).set({ ...values, version: sql`${mobileLedgers.version} + 1`, updatedAt: new Date() }).where(eq(mobileLedgers.id, id));
  },
  async insertContact(ex: Executor, values: typeof mobileContacts.$inferInsert): Promise<ContactRow> {
    const [row] = await ex.insert(mobileContacts).values(values).returning();
    return row;
  },
  async contactsOf(ex: Executor, countyId: string, memberId: string, limit = 50): Promise<ContactRow[]> {
    return ex.select().from(mobileContacts).where(and(eq(mobileContacts.countyId, countyId), eq(mobileContacts.memberId, memberId))).orderBy(desc(mobileContacts.contactedOn), desc(mobileContacts.createdAt)).limit(limit);
  },
  /** Members of the subtree contacted on or after `since`, by the ledger (the ones not to warn about). */
  async contactedSince(ex: Executor, countyId: string, pathPattern: string, since: string): Promise<string[]> {
    const rows = await ex.select({ id: mobileLedgers.memberId }).from(mobileLedgers).where(and(eq(mobileLedgers.countyId, countyId), like(mobileLedgers.orgPath, pathPattern), sql`${mobileLedgers.lastContactOn} >= ${since}::date`));
    return rows.map((r) => r.id);
  },
  /** Members whose last contact plus `months` is after `today` (still in time), the inverse of the warning. */
  async contactedWithin(ex: Executor, countyId: string, pathPattern: string, months: number, today: string): Promise<string[]> {
    const rows = await ex.select({ id: mobileLedgers.memberId }).from(mobileLedgers).where(and(eq(mobileLedgers.countyId, countyId), like(mobileLedgers.orgPath, pathPattern), sql`(${mobileLedgers.lastContactOn} + make_interval(months => ${months}::int))::date > ${today}::date`));
    return rows.map((r) => r.id);
  },

  // ---- transfers ----
  async findTransfer(ex: Executor, countyId: string, id: string): Promise<TransferRow | null> {
    const [row] = await ex.select().from(transfers).where(and(eq(transfers.countyId, countyId), eq(transfers.id, id)));
    return row ?? null;
  },
  async openTransferOf(ex: Executor, countyId: string, memberId: string): Promise<TransferRow | null> {
    const [row] = await ex.select().from(transfers).where(and(eq(transfers.countyId, countyId), eq(transfers.memberId, memberId), eq(transfers.status, 'open')));
    return row ?? null;
  },
  /** The next number of the county's letter sequence for the year (the row is locked until the transaction ends). */
  async nextLetterSeq(ex: Executor, countyId: string, year: number): Promise<number> {
    const [row] = await ex
      .insert(transferLetterCounters)
      .values({ countyId, year, lastSeq: 1 })
      .onConflictDoUpdate({ target: [transferLetterCounters.countyId, transferLetterCounters.year], set: { lastSeq: sql`${transferLetterCounters.lastSeq} + 1` } })
      .returning({ seq: transferLetterCounters.lastSeq });
    return row.seq;
  },
  async insertTransfer(ex: Executor, values: typeof transfers.$inferInsert): Promise<TransferRow> {
    const [row] = await ex.insert(transfers).values(values).returning();
    return row;
  },
  async updateTransfer(ex: Executor, id: string, version: number, values: Partial<typeof transfers.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(transfers).set({ ...values, version: version + 1, updatedAt: new Date() }).where(and(eq(transfers.id, id), eq(transfers.version, version))).returning({ id: transfers.id });
    return rows.length === 1;
  },
  async listTransfers(ex: Executor, countyId: string, pathPattern: string, f: { direction?: string; status?: string; overdueOn?: string }, p: { page: number; pageSize: number }) {
    const conds: (SQL | undefined)[] = [eq(transfers.countyId, countyId), like(transfers.orgPath, pathPattern)];
    if (f.direction) conds.push(eq(transfers.direction, f.direction));
    if (f.status) conds.push(eq(transfers.status, f.status));
    if (f.overdueOn) conds.push(and(eq(transfers.status, 'open'), eq(transfers.direction, 'out'), sql`${transfers.receiptDueBy} < ${f.overdueOn}::date`));
    const where = and(...conds);
    const rows = await ex.select().from(transfers).where(where).orderBy(desc(transfers.issuedOn), desc(transfers.createdAt), asc(transfers.id)).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(transfers).where(where);
    return { rows, total: Number(n) };
  },
};
