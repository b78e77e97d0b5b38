// The only code that touches the staff-rating tables (职工评议): batches of one-time codes, the codes' keyed hashes and
// the anonymous votes.
import { and, count, desc, eq, isNull, like, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { enterprises, instructors, staffRatingBatches, staffRatingCodes, staffRatingVotes } from '../../db/schema/index';

export type RatingBatchRow = typeof staffRatingBatches.$inferSelect;
type Page = { page: number; pageSize: number };

export const ratingsRepository = {
  async insertBatch(ex: Executor, values: typeof staffRatingBatches.$inferInsert): Promise<RatingBatchRow> {
    const [row] = await ex.insert(staffRatingBatches).values(values).returning();
    return row;
  },
  async insertCodes(ex: Executor, rows: (typeof staffRatingCodes.$inferInsert)[]): Promise<void> {
    for (let k = 0; k < rows.length; k += 500) await ex.insert(staffRatingCodes).values(rows.slice(k, k + 500));
  },
  async findBatch(ex: Executor, countyId: string, id: string): Promise<RatingBatchRow | null> {
    const [row] = await ex.select().from(staffRatingBatches).where(and(eq(staffRatingBatches.countyId, countyId), eq(staffRatingBatches.id, id)));
    return row ?? null;
  },
  /** A code by its keyed hash alone (the public page knows no county), with its batch and the names it shows. */
  async findCode(ex: Executor, codeHash: string) {
    const [row] = await ex
      .select({ code: staffRatingCodes, batch: staffRatingBatches, instructorName: instructors.name, accountId: instructors.accountId, enterpriseName: enterprises.name })
      .from(staffRatingCodes)
      .innerJoin(staffRatingBatches, and(eq(staffRatingBatches.countyId, staffRatingCodes.countyId), eq(staffRatingBatches.id, staffRatingCodes.batchId)))
      .innerJoin(instructors, and(eq(instructors.countyId, staffRatingBatches.countyId), eq(instructors.id, staffRatingBatches.instructorId)))
      .innerJoin(enterprises, and(eq(enterprises.countyId, staffRatingBatches.countyId), eq(enterprises.id, staffRatingBatches.enterpriseId)))
      .where(eq(staffRatingCodes.codeHash, codeHash));
    return row ?? null;
  },
  /** Spends a code: one statement, so of two concurrent votes with the same code exactly one gets the row. */
  async spendCode(ex: Executor, countyId: string, codeHash: string, today: string, now: Date): Promise<boolean> {
    const rows = await ex
      .update(staffRatingCodes)
      .set({ usedOn: today })
      .where(and(eq(staffRatingCodes.countyId, countyId), eq(staffRatingCodes.codeHash, codeHash), isNull(staffRatingCodes.usedOn), sql`${staffRatingCodes.expiresAt} > ${now}`))
      .returning({ batchId: staffRatingCodes.batchId });
    return rows.length === 1;
  },
  async insertVote(ex: Executor, values: typeof staffRatingVotes.$inferInsert): Promise<void> {
    await ex.insert(staffRatingVotes).values(values);
  },
  /** The year's votes of one instructor (all their enterprises): the answers and the score, nothing else. */
  async votesOf(ex: Executor, countyId: string, instructorId: string, year: number) {
    return ex
      .select({ batchId: staffRatingVotes.batchId, answers: staffRatingVotes.answers, scoreTenths: staffRatingVotes.scoreTenths })
      .from(staffRatingVotes)
      .where(and(eq(staffRatingVotes.countyId, countyId), eq(staffRatingVotes.instructorId, instructorId), eq(staffRatingVotes.year, year)));
  },
  async batchItems(ex: Executor, countyId: string, instructorId: string, year: number) {
    return ex
      .select({ id: staffRatingBatches.id, items: staffRatingBatches.items })
      .from(staffRatingBatches)
      .where(and(eq(staffRatingBatches.countyId, countyId), eq(staffRatingBatches.instructorId, instructorId), eq(staffRatingBatches.year, year)));
  },
  async listBatches(ex: Executor, countyId: string, f: { pathPattern: string; year: number; instructorId?: string }, page: Page) {
    const b = staffRatingBatches;
    const conds: SQL[] = [eq(b.countyId, countyId), eq(b.year, f.year), like(b.orgPath, f.pathPattern)];
    if (f.instructorId) conds.push(eq(b.instructorId, f.instructorId));
    const where = and(...conds)!;
    const used = sql<number>`(select count(*)::int from ${staffRatingCodes} c where c.county_id = ${b.countyId} and c.batch_id = ${b.id} and c.used_on is not null)`;
    const rows = await ex
      .select({ b, instructorName: instructors.name, enterpriseName: enterprises.name, used })
      .from(b)
      .innerJoin(instructors, and(eq(instructors.countyId, b.countyId), eq(instructors.id, b.instructorId)))
      .innerJoin(enterprises, and(eq(enterprises.countyId, b.countyId), eq(enterprises.id, b.enterpriseId)))
      .where(where)
      .orderBy(desc(b.createdAt), b.id)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: count() }).from(b).where(where);
    return { rows, total: n };
  },
};
