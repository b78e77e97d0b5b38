// Queries of the publicity tables (owned by this module alone).
import { and, asc, count, desc, eq, ilike, inArray, like, ne, or, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { publicityAdoptions, publicityAuthors, publicityEvents, publicityItems, publicityLevelTables, publicityMonthly, publicityPriorities } from '../../db/schema/index';

export type PublicityItemRow = typeof publicityItems.$inferSelect;
export type RankingRowDb = { rank: number; id: string; name: string; org_name: string; items: number; centi: number; total: number };

export const publicityRepository = {
  async currentLevelTable(ex: Executor, countyId: string) {
    const [row] = await ex.select().from(publicityLevelTables).where(eq(publicityLevelTables.countyId, countyId)).orderBy(desc(publicityLevelTables.version)).limit(1);
    return row ?? null;
  },
  async insertLevelTable(ex: Executor, values: typeof publicityLevelTables.$inferInsert) {
    await ex.insert(publicityLevelTables).values(values);
  },

  async insertPriority(ex: Executor, values: typeof publicityPriorities.$inferInsert) {
    const [row] = await ex.insert(publicityPriorities).values(values).returning();
    return row;
  },
  async findPriority(ex: Executor, countyId: string, id: string) {
    const [row] = await ex.select().from(publicityPriorities).where(and(eq(publicityPriorities.countyId, countyId), eq(publicityPriorities.id, id)));
    return row ?? null;
  },
  async listPriorities(ex: Executor, countyId: string, month: string | undefined, page: { page: number; pageSize: number }) {
    const where = and(eq(publicityPriorities.countyId, countyId), month ? eq(publicityPriorities.month, month) : undefined);
    const items = sql<number>`(select count(*)::int from ${publicityItems} i where i.county_id = ${publicityPriorities.countyId} and i.priority_id = ${publicityPriorities.id} and i.status <> 'draft')`;
    const rows = await ex
      .select({ p: publicityPriorities, items })
      .from(publicityPriorities)
      .where(where)
      .orderBy(desc(publicityPriorities.month), asc(publicityPriorities.issuedAt))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: count() }).from(publicityPriorities).where(where);
    return { rows, total: n };
  },

  async insertItem(ex: Executor, values: typeof publicityItems.$inferInsert) {
    const [row] = await ex.insert(publicityItems).values(values).returning();
    return row;
  },
  async findItem(ex: Executor, countyId: string, id: string) {
    const [row] = await ex.select().from(publicityItems).where(and(eq(publicityItems.countyId, countyId), eq(publicityItems.id, id)));
    return row ?? null;
  },
  /** Updates under the version read; false when someone changed it meanwhile. */
  async updateItem(ex: Executor, id: string, version: number, values: Partial<typeof publicityItems.$inferInsert>) {
    const rows = await ex.update(publicityItems).set({ ...values, version: version + 1 }).where(and(eq(publicityItems.id, id), eq(publicityItems.version, version))).returning({ id: publicityItems.id });
    return rows.length === 1;
  },
  async listItems(ex: Executor, where: SQL | undefined, page: { page: number; pageSize: number }) {
    const rows = await ex.select().from(publicityItems).where(where).orderBy(desc(publicityItems.updatedAt), desc(publicityItems.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: count() }).from(publicityItems).where(where);
    return { rows, total: n };
  },
  titleSearch: (q: string) => ilike(publicityItems.title, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
  subtree: (pattern: string) => like(publicityItems.orgPath, pattern),
  cols: publicityItems,
  ne,
  or,
  inArray,

  async replaceAuthors(ex: Executor, countyId: string, itemId: string, authors: { memberId: string; name: string; orgName: string; share: number }[]) {
    await ex.delete(publicityAuthors).where(and(eq(publicityAuthors.countyId, countyId), eq(publicityAuthors.itemId, itemId)));
    await ex.insert(publicityAuthors).values(authors.map((a, position) => ({ countyId, itemId, position, ...a })));
  },
  async authors(ex: Executor, countyId: string, itemId: string) {
    return ex.select().from(publicityAuthors).where(and(eq(publicityAuthors.countyId, countyId), eq(publicityAuthors.itemId, itemId))).orderBy(asc(publicityAuthors.position));
  },
  async setAuthorPoints(ex: Executor, countyId: string, itemId: string, parts: { memberId: string; centi: number }[]) {
    for (const p of parts) await ex.update(publicityAuthors).set({ centi: p.centi }).where(and(eq(publicityAuthors.countyId, countyId), eq(publicityAuthors.itemId, itemId), eq(publicityAuthors.memberId, p.memberId)));
  },

  async insertAdoption(ex: Executor, values: typeof publicityAdoptions.$inferInsert) {
    await ex.insert(publicityAdoptions).values(values);
  },
  async adoptions(ex: Executor, countyId: string, itemId: string) {
    return ex.select().from(publicityAdoptions).where(and(eq(publicityAdoptions.countyId, countyId), eq(publicityAdoptions.itemId, itemId))).orderBy(asc(publicityAdoptions.at));
  },
  async insertEvent(ex: Executor, values: typeof publicityEvents.$inferInsert) {
    await ex.insert(publicityEvents).values(values);
  },
  async events(ex: Executor, countyId: string, itemId: string) {
    return ex.select().from(publicityEvents).where(and(eq(publicityEvents.countyId, countyId), eq(publicityEvents.itemId, itemId))).orderBy(asc(publicityEvents.at));
  },

  /** Recomputes the month rollup of one unit and the given people from the adopted items (delete + insert). */
  async refreshMonthly(ex: Executor, countyId: string, month: string, orgId: string, memberIds: readonly string[]) {
    await ex.delete(publicityMonthly).where(and(eq(publicityMonthly.countyId, countyId), eq(publicityMonthly.month, month), eq(publicityMonthly.kind, 'unit'), eq(publicityMonthly.subjectId, orgId)));
    await ex.execute(sql`
      insert into ${publicityMonthly} (county_id, month, kind, subject_id, name, org_name, items, centi)
      select county_id, month, 'unit', org_id, max(org_name), '', count(*)::int, sum(centi)::int
      from ${publicityItems} where county_id = ${countyId} and month = ${month} and org_id = ${orgId} and status = 'adopted'
      group by county_id, month, org_id`);
    if (memberIds.length === 0) return;
    await ex.delete(publicityMonthly).where(and(eq(publicityMonthly.countyId, countyId), eq(publicityMonthly.month, month), eq(publicityMonthly.kind, 'person'), inArray(publicityMonthly.subjectId, [...memberIds])));
    await ex.execute(sql`
      insert into ${publicityMonthly} (county_id, month, kind, subject_id, name, org_name, items, centi)
      select a.county_id, i.month, 'person', a.member_id, max(a.name), max(a.org_name), count(*)::int, sum(a.centi)::int
      from ${publicityAuthors} a join ${publicityItems} i on i.id = a.item_id
      where a.county_id = ${countyId} and i.month = ${month} and i.status = 'adopted' and a.member_id in (${sql.join(memberIds.map((m) => sql`${m}::uuid`), sql`, `)})
      group by a.county_id, i.month, a.member_id`);
  },

  /** Every unit's adopted items and centi-points of a year (the assessment's publicity component). */
  async unitYear(ex: Executor, countyId: string, year: number) {
    return queryRows<{ id: string; items: number; centi: number }>(
      ex,
      sql`select subject_id as id, sum(items)::int as items, sum(centi)::int as centi from ${publicityMonthly}
          where county_id = ${countyId} and kind = 'unit' and month like ${`${year}-%`} group by subject_id`,
    );
  },

  /** One page of a ranking over a set of months from the rollup: competition ranks (SQL rank()) and the true total. */
  async ranking(ex: Executor, countyId: string, kind: 'unit' | 'person', months: readonly string[], page: { page: number; pageSize: number }): Promise<RankingRowDb[]> {
    return queryRows<RankingRowDb>(
      ex,
      sql`with s as (
            select subject_id as id, max(name) as name, max(org_name) as org_name, sum(items)::int as items, sum(centi)::int as centi
            from ${publicityMonthly}
            where county_id = ${countyId} and kind = ${kind} and month in (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
            group by subject_id)
          select (rank() over (order by centi desc))::int as rank, id, name, org_name, items, centi, (count(*) over ())::int as total
          from s order by centi desc, name collate "C", id
          limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
    );
  },
  async rankingTotal(ex: Executor, countyId: string, kind: 'unit' | 'person', months: readonly string[]): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      ex,
      sql`select count(distinct subject_id)::int as n from ${publicityMonthly} where county_id = ${countyId} and kind = ${kind} and month in (${sql.join(months.map((m) => sql`${m}`), sql`, `)})`,
    );
    return Number(row?.n ?? 0);
  },
};
