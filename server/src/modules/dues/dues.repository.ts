// The only code that touches dues_bases, dues_payments and dues_paid_months.
import { and, asc, desc, eq, gte, inArray, isNull, like, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { duesBases, duesPaidMonths, duesPayments, members, orgs } from '../../db/schema/index';

export type DuesBaseRow = typeof duesBases.$inferSelect;

const NONE = '00000000-0000-0000-0000-000000000000';

export const duesRepository = {
  /** Live members of a subtree (paths copied on members), in roster order. */
  async membersOf(ex: Executor, countyId: string, pathPattern: string) {
    return ex
      .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath, orgName: orgs.name, joinDate: members.joinDate })
      .from(members)
      .innerJoin(orgs, eq(orgs.id, members.orgId))
      .where(and(eq(members.countyId, countyId), like(members.orgPath, pathPattern), isNull(members.leftAt)))
      .orderBy(asc(members.orgPath), asc(members.namePinyin), asc(members.id));
  },

  /** Bases of some members (ids) or of the live members of a subtree (their current branch, through members). */
  async basesOf(ex: Executor, countyId: string, who: string[] | { pathPattern: string }, upToMonth: string): Promise<DuesBaseRow[]> {
    const cond = Array.isArray(who)
      ? inArray(duesBases.memberId, who.length ? who : [NONE])
      : inArray(duesBases.memberId, ex.select({ id: members.id }).from(members).where(and(eq(members.countyId, countyId), like(members.orgPath, who.pathPattern), isNull(members.leftAt))));
    return ex
      .select()
      .from(duesBases)
      .where(and(eq(duesBases.countyId, countyId), cond, lte(duesBases.fromMonth, upToMonth)))
      .orderBy(asc(duesBases.memberId), asc(duesBases.fromMonth));
  },

  async paidMonthsOf(ex: Executor, countyId: string, who: string[] | { pathPattern: string }, from: string, to: string) {
    const cond = Array.isArray(who)
      ? inArray(duesPaidMonths.memberId, who.length ? who : [NONE])
      : inArray(duesPaidMonths.memberId, ex.select({ id: members.id }).from(members).where(and(eq(members.countyId, countyId), like(members.orgPath, who.pathPattern), isNull(members.leftAt))));
    return ex
      .select({ memberId: duesPaidMonths.memberId, month: duesPaidMonths.month, paidOn: duesPayments.paidOn })
      .from(duesPaidMonths)
      .innerJoin(duesPayments, eq(duesPayments.id, duesPaidMonths.paymentId))
      .where(and(eq(duesPaidMonths.countyId, countyId), cond, gte(duesPaidMonths.month, from), lte(duesPaidMonths.month, to)));
  },

  async lastPaidMonth(ex: Executor, countyId: string, memberIds: string[]) {
    return ex
      .select({ memberId: duesPaidMonths.memberId, month: sql<string>`max(${duesPaidMonths.month})` })
      .from(duesPaidMonths)
      .where(and(eq(duesPaidMonths.countyId, countyId), inArray(duesPaidMonths.memberId, memberIds.length ? memberIds : [NONE])))
      .groupBy(duesPaidMonths.memberId);
  },

  /** A member's bases go with the member: the new branch collects from them and decides their reductions. */
  async moveBasesOf(ex: Executor, countyId: string, memberIds: string[], orgPath: string): Promise<void> {
    if (memberIds.length === 0) return;
    await ex.update(duesBases).set({ orgPath }).where(and(eq(duesBases.countyId, countyId), inArray(duesBases.memberId, memberIds)));
  },

  async findBase(ex: Executor, countyId: string, id: string): Promise<DuesBaseRow | null> {
    const [row] = await ex.select().from(duesBases).where(and(eq(duesBases.countyId, countyId), eq(duesBases.id, id)));
    return row ?? null;
  },

  async findBaseAt(ex: Executor, countyId: string, memberId: string, fromMonth: string): Promise<DuesBaseRow | null> {
    const [row] = await ex.select().from(duesBases).where(and(eq(duesBases.countyId, countyId), eq(duesBases.memberId, memberId), eq(duesBases.fromMonth, fromMonth)));
    return row ?? null;
  },

  async insertBase(ex: Executor, values: typeof duesBases.$inferInsert): Promise<DuesBaseRow> {
    const [row] = await ex.insert(duesBases).values(values).returning();
    return row;
  },

  async updateBase(ex: Executor, id: string, version: number, values: Partial<typeof duesBases.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(duesBases).set({ ...values, version: version + 1 }).where(and(eq(duesBases.id, id), eq(duesBases.version, version))).returning({ id: duesBases.id });
    return rows.length === 1;
  },

  async insertPayment(ex: Executor, values: typeof duesPayments.$inferInsert, months: { month: string; dueFen: number }[]) {
    const [row] = await ex.insert(duesPayments).values(values).returning();
    await ex.insert(duesPaidMonths).values(months.map((m) => ({ countyId: values.countyId, memberId: values.memberId, month: m.month, paymentId: row.id, orgPath: values.orgPath, dueFen: m.dueFen })));
    return row;
  },

  async paymentsOf(ex: Executor, countyId: string, memberId: string, limit = 50) {
    return ex.select().from(duesPayments).where(and(eq(duesPayments.countyId, countyId), eq(duesPayments.memberId, memberId))).orderBy(desc(duesPayments.paidOn), desc(duesPayments.createdAt)).limit(limit);
  },

  async countPaymentsOn(ex: Executor, countyId: string, paidOn: string): Promise<number> {
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(duesPayments).where(and(eq(duesPayments.countyId, countyId), eq(duesPayments.paidOn, paidOn)));
    return Number(n);
  },
};
