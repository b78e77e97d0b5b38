// Queries of the weak-organization tables (owned by the assessment module).
import { and, asc, count, desc, eq, like, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { weakOrgProgress, weakOrgs } from '../../db/schema/index';

export type WeakOrgRow = typeof weakOrgs.$inferSelect;

export const weakOrgsRepository = {
  async standings(ex: Executor, countyId: string, year: number) {
    return ex.select({ orgId: weakOrgs.orgId, status: weakOrgs.status }).from(weakOrgs).where(and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.year, year)));
  },
  async listedOrgIds(ex: Executor, countyId: string, year: number, pathPattern: string): Promise<Set<string>> {
    const rows = await ex.select({ orgId: weakOrgs.orgId }).from(weakOrgs).where(and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.year, year), like(weakOrgs.orgPath, pathPattern)));
    return new Set(rows.map((r) => r.orgId));
  },
  async insert(ex: Executor, values: typeof weakOrgs.$inferInsert): Promise<WeakOrgRow> {
    const [row] = await ex.insert(weakOrgs).values(values).returning();
    return row;
  },
  async find(ex: Executor, countyId: string, id: string): Promise<WeakOrgRow | null> {
    const [row] = await ex.select().from(weakOrgs).where(and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.id, id)));
    return row ?? null;
  },
  /** Updates under the version read; false when someone changed it meanwhile. */
  async update(ex: Executor, id: string, version: number, values: Partial<typeof weakOrgs.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(weakOrgs).set({ ...values, version: version + 1 }).where(and(eq(weakOrgs.id, id), eq(weakOrgs.version, version))).returning({ id: weakOrgs.id });
    return rows.length === 1;
  },
  async list(ex: Executor, countyId: string, year: number, pathPattern: string, status: string | undefined, page: { page: number; pageSize: number }) {
    const where = and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.year, year), like(weakOrgs.orgPath, pathPattern), status ? eq(weakOrgs.status, status) : undefined);
    const progress = sql<number>`(select count(*)::int from weak_org_progress p where p.county_id = "weak_orgs"."county_id" and p.weak_org_id = "weak_orgs"."id")`;
    const rows = await ex.select({ w: weakOrgs, progress }).from(weakOrgs).where(where).orderBy(asc(weakOrgs.townName), asc(weakOrgs.orgPath)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: count() }).from(weakOrgs).where(where);
    return { rows: rows.map((r) => ({ ...r.w, progressMonths: Number(r.progress) })), total: n };
  },
  async counts(ex: Executor, countyId: string, year: number, pathPattern: string) {
    return ex
      .select({ townName: weakOrgs.townName, status: weakOrgs.status, n: count() })
      .from(weakOrgs)
      .where(and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.year, year), like(weakOrgs.orgPath, pathPattern)))
      .groupBy(weakOrgs.townName, weakOrgs.status);
  },
  async progress(ex: Executor, countyId: string, weakOrgId: string) {
    return ex.select().from(weakOrgProgress).where(and(eq(weakOrgProgress.countyId, countyId), eq(weakOrgProgress.weakOrgId, weakOrgId))).orderBy(desc(weakOrgProgress.month));
  },
  async upsertProgress(ex: Executor, values: typeof weakOrgProgress.$inferInsert): Promise<void> {
    await ex.insert(weakOrgProgress).values(values).onConflictDoUpdate({ target: [weakOrgProgress.countyId, weakOrgProgress.weakOrgId, weakOrgProgress.month], set: { note: values.note, byName: values.byName, at: values.at } });
  },
};
