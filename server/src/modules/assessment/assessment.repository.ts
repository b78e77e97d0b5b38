// Queries of the assessment tables (owned by this module alone).
import { and, asc, count, desc, eq, getTableColumns, like, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { assessmentManualScores, assessmentSchemes, assessmentScores, assessmentYears } from '../../db/schema/index';

export type SchemeRow = typeof assessmentSchemes.$inferSelect;
export type YearRow = typeof assessmentYears.$inferSelect;
export type ScoreRow = typeof assessmentScores.$inferSelect;
export type ManualRow = typeof assessmentManualScores.$inferSelect;

const CHUNK = 1000;
async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export const assessmentRepository = {
  async schemes(ex: Executor, countyId: string): Promise<SchemeRow[]> {
    return ex.select().from(assessmentSchemes).where(eq(assessmentSchemes.countyId, countyId)).orderBy(desc(assessmentSchemes.version));
  },
  async insertScheme(ex: Executor, values: typeof assessmentSchemes.$inferInsert): Promise<void> {
    await ex.insert(assessmentSchemes).values(values);
  },

  async years(ex: Executor, countyId: string) {
    const rows = await ex
      .select({ y: assessmentYears, orgs: sql<number>`(select count(*)::int from assessment_scores s where s.county_id = "assessment_years"."county_id" and s.year = "assessment_years"."year")` })
      .from(assessmentYears)
      .where(eq(assessmentYears.countyId, countyId))
      .orderBy(desc(assessmentYears.year));
    return rows.map((r) => ({ ...r.y, orgs: Number(r.orgs) }));
  },
  async year(ex: Executor, countyId: string, year: number, forUpdate = false): Promise<YearRow | null> {
    const q = ex.select().from(assessmentYears).where(and(eq(assessmentYears.countyId, countyId), eq(assessmentYears.year, year)));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row ?? null;
  },
  async upsertYear(ex: Executor, values: typeof assessmentYears.$inferInsert): Promise<void> {
    const { countyId: _c, year: _y, ...set } = values;
    await ex.insert(assessmentYears).values(values).onConflictDoUpdate({ target: [assessmentYears.countyId, assessmentYears.year], set });
  },
  async countScores(ex: Executor, countyId: string, year: number): Promise<number> {
    const [{ n }] = await ex.select({ n: count() }).from(assessmentScores).where(and(eq(assessmentScores.countyId, countyId), eq(assessmentScores.year, year)));
    return n;
  },

  /** Replaces a year's scores (delete + chunked insert, inside the caller's transaction). */
  async replaceYear(ex: Executor, countyId: string, year: number, scores: (typeof assessmentScores.$inferInsert)[]): Promise<void> {
    await ex.delete(assessmentScores).where(and(eq(assessmentScores.countyId, countyId), eq(assessmentScores.year, year)));
    await insertChunked(scores, (c) => ex.insert(assessmentScores).values(c));
  },

  /** One page of a level's ranking inside a subtree (ranked first by rank, then name), and the true total. */
  async ranking(ex: Executor, countyId: string, year: number, level: string, pathPattern: string, page: { page: number; pageSize: number }) {
    const where = and(eq(assessmentScores.countyId, countyId), eq(assessmentScores.year, year), eq(assessmentScores.level, level), like(assessmentScores.orgPath, pathPattern));
    const { detail: _detail, ...cols } = getTableColumns(assessmentScores);
    const rows = await ex
      .select(cols)
      .from(assessmentScores)
      .where(where)
      .orderBy(sql`${assessmentScores.rank} asc nulls last`, asc(assessmentScores.orgPath))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: count() }).from(assessmentScores).where(where);
    return { rows, total: n };
  },
  async levelSize(ex: Executor, countyId: string, year: number, level: string): Promise<number> {
    const [{ n }] = await ex.select({ n: count() }).from(assessmentScores).where(and(eq(assessmentScores.countyId, countyId), eq(assessmentScores.year, year), eq(assessmentScores.level, level)));
    return n;
  },
  async score(ex: Executor, countyId: string, year: number, orgId: string): Promise<ScoreRow | null> {
    const [row] = await ex.select().from(assessmentScores).where(and(eq(assessmentScores.countyId, countyId), eq(assessmentScores.year, year), eq(assessmentScores.orgId, orgId)));
    return row ?? null;
  },
  async manualOfYear(ex: Executor, countyId: string, year: number): Promise<ManualRow[]> {
    return ex.select().from(assessmentManualScores).where(and(eq(assessmentManualScores.countyId, countyId), eq(assessmentManualScores.year, year)));
  },
  async upsertManual(ex: Executor, values: typeof assessmentManualScores.$inferInsert): Promise<ManualRow | null> {
    const [before] = await ex
      .select()
      .from(assessmentManualScores)
      .where(and(eq(assessmentManualScores.countyId, values.countyId), eq(assessmentManualScores.year, values.year), eq(assessmentManualScores.orgId, values.orgId), eq(assessmentManualScores.key, values.key)));
    const { countyId: _c, year: _y, orgId: _o, key: _k, ...set } = values;
    await ex.insert(assessmentManualScores).values(values).onConflictDoUpdate({ target: [assessmentManualScores.countyId, assessmentManualScores.year, assessmentManualScores.orgId, assessmentManualScores.key], set });
    return before ?? null;
  },
};
