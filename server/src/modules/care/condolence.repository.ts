// The only code that touches condolence_rounds, condolence_allocations and condolence_payments (节日慰问), and
// birthday_celebrations (政治生日庆祝).
import { and, asc, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { birthdayCelebrations, condolenceAllocations, condolencePayments, condolenceRounds } from '../../db/schema/index';

export type CelebrationRow = typeof birthdayCelebrations.$inferSelect;
export type RoundRow = typeof condolenceRounds.$inferSelect;
export type AllocationRow = typeof condolenceAllocations.$inferSelect;
export type PaymentRow = typeof condolencePayments.$inferSelect & { reversedById: string | null; townName: string };
export type AllocationFigures = { allocationId: string; paidFen: number; reversedFen: number; covered: number };

const page = (p: { page: number; pageSize: number }) => ({ limit: p.pageSize, offset: (p.page - 1) * p.pageSize });

/** Allocations a caller sees: those inside the subtree, and the one their own org lies in (a branch sees its town's). */
const allocationScope = (actorPath: string): SQL => sql`(${condolenceAllocations.orgPath} like ${`${actorPath}%`} or ${actorPath} like ${condolenceAllocations.orgPath} || '%')`;

function selectPayments(ex: Executor, where: SQL) {
  return ex
    .select({
      id: condolencePayments.id, countyId: condolencePayments.countyId, roundId: condolencePayments.roundId, allocationId: condolencePayments.allocationId, kind: condolencePayments.kind,
      memberId: condolencePayments.memberId, memberName: condolencePayments.memberName, orgName: condolencePayments.orgName, orgPath: condolencePayments.orgPath, category: condolencePayments.category,
      amountFen: condolencePayments.amountFen, paidOn: condolencePayments.paidOn, note: condolencePayments.note, reversesId: condolencePayments.reversesId,
      paidByAccountId: condolencePayments.paidByAccountId, paidByName: condolencePayments.paidByName, createdAt: condolencePayments.createdAt,
      reversedById: sql<string | null>`(select r.id from condolence_payments r where r.reverses_id = ${condolencePayments.id})`,
      townName: condolenceAllocations.orgName,
    })
    .from(condolencePayments)
    .innerJoin(condolenceAllocations, eq(condolenceAllocations.id, condolencePayments.allocationId))
    .where(where);
}

export const condolenceRepository = {
  async findRound(ex: Executor, countyId: string, id: string, lock = false): Promise<RoundRow | null> {
    const q = ex.select().from(condolenceRounds).where(and(eq(condolenceRounds.countyId, countyId), eq(condolenceRounds.id, id)));
    const [row] = lock ? await q.for('update') : await q;
    return row ?? null;
  },
  async insertRound(ex: Executor, values: typeof condolenceRounds.$inferInsert): Promise<RoundRow> {
    const [row] = await ex.insert(condolenceRounds).values(values).returning();
    return row;
  },
  async updateRound(ex: Executor, id: string, version: number, values: Partial<typeof condolenceRounds.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(condolenceRounds).set({ ...values, version: version + 1, updatedAt: new Date() }).where(and(eq(condolenceRounds.id, id), eq(condolenceRounds.version, version))).returning({ id: condolenceRounds.id });
    return rows.length === 1;
  },
  /** Whether a caller below the county sees the round: an allocation lies in its subtree or contains its org. */
  async visibleBelowCounty(ex: Executor, countyId: string, roundId: string, actorPath: string): Promise<boolean> {
    const [row] = await ex.select({ id: condolenceAllocations.id }).from(condolenceAllocations).where(and(eq(condolenceAllocations.countyId, countyId), eq(condolenceAllocations.roundId, roundId), allocationScope(actorPath))).limit(1);
    return !!row;
  },
  /** `belowCounty`: the caller's path, to list only the rounds allocated to its town (the county sees every round). */
  async listRounds(ex: Executor, countyId: string, status: string | undefined, belowCounty: string | null, p: { page: number; pageSize: number }) {
    const visible = belowCounty === null ? undefined : sql`exists (select 1 from ${condolenceAllocations} where ${condolenceAllocations.roundId} = ${condolenceRounds.id} and ${allocationScope(belowCounty)})`;
    const where = and(eq(condolenceRounds.countyId, countyId), status ? eq(condolenceRounds.status, status) : undefined, visible);
    const rows = await ex.select().from(condolenceRounds).where(where).orderBy(desc(condolenceRounds.plannedOn), asc(condolenceRounds.id)).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(condolenceRounds).where(where);
    return { rows, total: Number(n) };
  },

  async allocationsOf(ex: Executor, countyId: string, roundId: string): Promise<AllocationRow[]> {
    return ex.select().from(condolenceAllocations).where(and(eq(condolenceAllocations.countyId, countyId), eq(condolenceAllocations.roundId, roundId)));
  },
  async listAllocations(ex: Executor, countyId: string, roundId: string, actorPath: string, p: { page: number; pageSize: number }) {
    const where = and(eq(condolenceAllocations.countyId, countyId), eq(condolenceAllocations.roundId, roundId), allocationScope(actorPath));
    const rows = await ex.select().from(condolenceAllocations).where(where).orderBy(asc(condolenceAllocations.orgPath), asc(condolenceAllocations.id)).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(condolenceAllocations).where(where);
    return { rows, total: Number(n) };
  },
  /** The allocation of the town a member's org lies in, locked: payments of one town are taken one at a time. */
  async allocationFor(ex: Executor, countyId: string, roundId: string, orgPath: string): Promise<AllocationRow | null> {
    const [row] = await ex
      .select()
      .from(condolenceAllocations)
      .where(and(eq(condolenceAllocations.countyId, countyId), eq(condolenceAllocations.roundId, roundId), sql`${orgPath} like ${condolenceAllocations.orgPath} || '%'`))
      .for('update');
    return row ?? null;
  },
  async upsertAllocation(ex: Executor, values: { countyId: string; roundId: string; orgId: string; orgName: string; orgPath: string; amountFen: number; now: Date }): Promise<AllocationRow> {
    const [row] = await ex
      .insert(condolenceAllocations)
      .values({ countyId: values.countyId, roundId: values.roundId, orgId: values.orgId, orgName: values.orgName, orgPath: values.orgPath, amountFen: values.amountFen, createdAt: values.now, updatedAt: values.now })
      .onConflictDoUpdate({ target: [condolenceAllocations.countyId, condolenceAllocations.roundId, condolenceAllocations.orgId], set: { amountFen: values.amountFen, orgName: values.orgName, updatedAt: values.now, version: sql`${condolenceAllocations.version} + 1` } })
      .returning();
    return row;
  },

  /**
   * Paid, reversed and members covered (a payment not reversed) per allocation, counting only payments under
   * `pathPattern` (the caller's subtree).
   */
  async figures(ex: Executor, countyId: string, roundId: string, pathPattern: string): Promise<Map<string, AllocationFigures>> {
    const rows = await queryRows<{ allocation_id: string; paid: number; reversed: number; covered: number }>(ex, sql`
      select p.allocation_id,
        coalesce(sum(p.amount_fen) filter (where p.kind = 'payment'), 0)::int as paid,
        coalesce(sum(p.amount_fen) filter (where p.kind = 'reversal'), 0)::int as reversed,
        count(distinct p.member_id) filter (where p.kind = 'payment' and not exists (select 1 from condolence_payments r where r.reverses_id = p.id))::int as covered
      from condolence_payments p
      where p.county_id = ${countyId} and p.round_id = ${roundId} and p.org_path like ${pathPattern}
      group by p.allocation_id`);
    return new Map(rows.map((r) => [r.allocation_id, { allocationId: r.allocation_id, paidFen: Number(r.paid), reversedFen: Number(r.reversed), covered: Number(r.covered) }]));
  },
  /** The member's payment in the round that no reversal cancels (at most one). */
  async livePaymentOf(ex: Executor, roundId: string, memberId: string): Promise<PaymentRow | null> {
    const [row] = await selectPayments(ex, and(eq(condolencePayments.roundId, roundId), eq(condolencePayments.memberId, memberId), eq(condolencePayments.kind, 'payment'), sql`not exists (select 1 from condolence_payments r where r.reverses_id = ${condolencePayments.id})`)!).limit(1);
    return row ?? null;
  },
  async findPayment(ex: Executor, countyId: string, id: string): Promise<PaymentRow | null> {
    const [row] = await selectPayments(ex, and(eq(condolencePayments.countyId, countyId), eq(condolencePayments.id, id))!);
    return row ?? null;
  },
  async insertPayment(ex: Executor, values: typeof condolencePayments.$inferInsert): Promise<string> {
    const [row] = await ex.insert(condolencePayments).values(values).returning({ id: condolencePayments.id });
    return row.id;
  },
  paymentConds(countyId: string, roundId: string, pathPattern: string): SQL {
    return and(eq(condolencePayments.countyId, countyId), eq(condolencePayments.roundId, roundId), like(condolencePayments.orgPath, pathPattern))!;
  },
  /** `newestFirst` for the screen (what was just written on top); else by branch, name and time (the Excel ledger). */
  async listPayments(ex: Executor, where: SQL, p: { page: number; pageSize: number }, newestFirst = false) {
    const order = newestFirst ? [desc(condolencePayments.createdAt), desc(condolencePayments.id)] : [asc(condolencePayments.orgPath), asc(condolencePayments.memberName), asc(condolencePayments.createdAt), asc(condolencePayments.id)];
    const rows = await selectPayments(ex, where).orderBy(...order).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(condolencePayments).where(where);
    return { rows, total: Number(n) };
  },

  // ---- political birthday celebrations ----
  async celebrationsOf(ex: Executor, countyId: string, orgIds: string[], months: string[]): Promise<CelebrationRow[]> {
    if (!orgIds.length || !months.length) return [];
    return ex.select().from(birthdayCelebrations).where(and(eq(birthdayCelebrations.countyId, countyId), inArray(birthdayCelebrations.orgId, orgIds), inArray(birthdayCelebrations.month, months)));
  },
  async insertCelebration(ex: Executor, values: typeof birthdayCelebrations.$inferInsert): Promise<CelebrationRow> {
    const [row] = await ex.insert(birthdayCelebrations).values(values).returning();
    return row;
  },
  async listCelebrations(ex: Executor, countyId: string, pathPattern: string, month: string, p: { page: number; pageSize: number }) {
    const where = and(eq(birthdayCelebrations.countyId, countyId), like(birthdayCelebrations.orgPath, pathPattern), eq(birthdayCelebrations.month, month));
    const rows = await ex.select().from(birthdayCelebrations).where(where).orderBy(asc(birthdayCelebrations.orgPath), asc(birthdayCelebrations.id)).limit(page(p).limit).offset(page(p).offset);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(birthdayCelebrations).where(where);
    return { rows, total: Number(n) };
  },
};
