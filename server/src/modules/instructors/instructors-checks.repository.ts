// The only code that touches instructor_checks and instructor_check_findings (随机抽查、集中督导、明察暗访).
import { and, asc, count, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { enterprises, instructorCheckFindings, instructorChecks, instructors } from '../../db/schema/index';

type Page = { page: number; pageSize: number };
export type CheckRow = typeof instructorChecks.$inferSelect;
export type FindingRow = typeof instructorCheckFindings.$inferSelect;

const named = { c: instructorChecks, instructorName: instructors.name, enterpriseName: enterprises.name };

export const checksRepository = {
  async insertCheck(ex: Executor, values: typeof instructorChecks.$inferInsert): Promise<CheckRow> {
    const [row] = await ex.insert(instructorChecks).values(values).returning();
    return row;
  },
  async insertFindings(ex: Executor, rows: (typeof instructorCheckFindings.$inferInsert)[]): Promise<FindingRow[]> {
    return rows.length ? ex.insert(instructorCheckFindings).values(rows).returning() : [];
  },
  async listChecks(ex: Executor, countyId: string, f: { pathPattern?: string; quarter?: string; instructorId?: string }, page: Page | null) {
    const c = instructorChecks;
    const conds: SQL[] = [eq(c.countyId, countyId)];
    if (f.pathPattern) conds.push(like(c.orgPath, f.pathPattern));
    if (f.quarter) conds.push(eq(c.quarter, f.quarter));
    if (f.instructorId) conds.push(eq(c.instructorId, f.instructorId));
    const where = and(...conds)!;
    const q = ex
      .select(named)
      .from(c)
      .innerJoin(instructors, and(eq(instructors.countyId, c.countyId), eq(instructors.id, c.instructorId)))
      .innerJoin(enterprises, and(eq(enterprises.countyId, c.countyId), eq(enterprises.id, c.enterpriseId)))
      .where(where)
      .orderBy(page ? desc(c.checkedOn) : asc(c.checkedOn), desc(c.createdAt), c.id);
    const rows = page ? await q.limit(page.pageSize).offset((page.page - 1) * page.pageSize) : await q;
    const [{ n }] = await ex.select({ n: count() }).from(c).where(where);
    return { rows, total: n };
  },
  async findingsOf(ex: Executor, countyId: string, checkIds: string[]): Promise<FindingRow[]> {
    if (checkIds.length === 0) return [];
    return ex.select().from(instructorCheckFindings).where(and(eq(instructorCheckFindings.countyId, countyId), inArray(instructorCheckFindings.checkId, checkIds))).orderBy(asc(instructorCheckFindings.position));
  },
  async findFinding(ex: Executor, countyId: string, id: string) {
    const [row] = await ex
      .select({ f: instructorCheckFindings, check: instructorChecks })
      .from(instructorCheckFindings)
      .innerJoin(instructorChecks, and(eq(instructorChecks.countyId, instructorCheckFindings.countyId), eq(instructorChecks.id, instructorCheckFindings.checkId)))
      .where(and(eq(instructorCheckFindings.countyId, countyId), eq(instructorCheckFindings.id, id)));
    return row ?? null;
  },
};
