// The only code that touches the orgs and org_officers tables.
import { and, asc, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { subtreePattern } from '../../core/actor';
import { ORG_PATH_TABLES, members, orgOfficers, orgs } from '../../db/schema/index';

export type OrgRow = typeof orgs.$inferSelect;

export const orgsRepository = {
  async findById(ex: Executor, countyId: string, id: string): Promise<OrgRow | null> {
    const [row] = await ex.select().from(orgs).where(and(eq(orgs.countyId, countyId), eq(orgs.id, id), isNull(orgs.dissolvedAt)));
    return row ?? null;
  },

  async findByIds(ex: Executor, countyId: string, ids: string[]): Promise<OrgRow[]> {
    if (ids.length === 0) return [];
    return ex.select().from(orgs).where(and(eq(orgs.countyId, countyId), inArray(orgs.id, ids), isNull(orgs.dissolvedAt)));
  },

  async root(ex: Executor, countyId: string): Promise<OrgRow | null> {
    const [row] = await ex.select().from(orgs).where(and(eq(orgs.countyId, countyId), isNull(orgs.parentId)));
    return row ?? null;
  },

  /** Live orgs of a subtree, parents before children. `maxDepth` limits how deep (for lazy trees at province scale). */
  async subtree(ex: Executor, countyId: string, path: string, maxDepth?: number): Promise<OrgRow[]> {
    const conds = [eq(orgs.countyId, countyId), like(orgs.path, subtreePattern(path)), isNull(orgs.dissolvedAt)];
    if (maxDepth !== undefined) conds.push(sql`${orgs.depth} <= ${maxDepth}`);
    return ex.select().from(orgs).where(and(...conds)).orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.seq));
  },

  /** Members directly in each org of a subtree (branch by org_id, party group by group_id): one grouped scan. */
  async directMemberCounts(ex: Executor, countyId: string, path: string): Promise<Map<string, number>> {
    const rows = await queryRows<{ org_id: string; n: string | number }>(
      ex,
      sql`select org_id, count(*) as n from ${members}
          where county_id = ${countyId} and org_path like ${subtreePattern(path)} and left_at is null
          group by org_id
          union all
          select group_id as org_id, count(*) as n from ${members}
          where county_id = ${countyId} and org_path like ${subtreePattern(path)} and left_at is null and group_id is not null
          group by group_id`,
    );
    return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
  },

  async countMembersInSubtree(ex: Executor, countyId: string, path: string): Promise<number> {
    const [row] = await queryRows<{ n: string | number }>(
      ex,
      sql`select count(*) as n from ${members} where county_id = ${countyId} and org_path like ${subtreePattern(path)} and left_at is null`,
    );
    return Number(row.n);
  },

  /** Members of a subtree counted by their ancestor at `depth` (one grouped scan): path prefix → count. */
  async memberCountsByAncestorAtDepth(ex: Executor, countyId: string, path: string, depth: number): Promise<Map<string, number>> {
    const pattern = `^(/(?:[0-9]+/){${depth + 1}})`;
    const rows = await queryRows<{ prefix: string | null; n: string | number }>(
      ex,
      sql`select substring(org_path from ${pattern}) as prefix, count(*) as n from ${members}
          where county_id = ${countyId} and org_path like ${subtreePattern(path)} and left_at is null
          group by 1`,
    );
    return new Map(rows.filter((r) => r.prefix).map((r) => [r.prefix as string, Number(r.n)]));
  },

  async nextSeq(ex: Executor): Promise<number> {
    const [row] = await queryRows<{ seq: string | number }>(ex, sql`select nextval(pg_get_serial_sequence('orgs', 'seq')) as seq`);
    return Number(row.seq);
  },

  async insert(ex: Executor, values: typeof orgs.$inferInsert): Promise<OrgRow> {
    const [row] = await ex.insert(orgs).values(values).returning();
    return row;
  },

  async update(ex: Executor, id: string, values: Partial<typeof orgs.$inferInsert>): Promise<void> {
    await ex.update(orgs).set(values).where(eq(orgs.id, id));
  },

  /**
   * Re-roots a subtree: every path and depth below `oldPath` moves under `newPath`, and so does the copied path in
   * every table of the registry (db/schema/org-paths.ts), history included: an org re-parented keeps its identity.
   */
  async rewritePaths(ex: Executor, countyId: string, oldPath: string, newPath: string, depthDelta: number): Promise<void> {
    const cut = oldPath.length + 1;
    await ex.execute(sql`update ${orgs} set path = ${newPath} || substr(path, ${cut}), depth = depth + ${depthDelta}
      where county_id = ${countyId} and path like ${subtreePattern(oldPath)}`);
    for (const table of ORG_PATH_TABLES) {
      const column = sql.identifier(table.orgPath.name);
      await ex.execute(sql`update ${table} set ${column} = ${newPath} || substr(${column}, ${cut})
        where county_id = ${countyId} and ${column} like ${subtreePattern(oldPath)}`);
    }
  },

  async officers(ex: Executor, countyId: string, orgId: string) {
    return ex
      .select({ id: members.id, name: members.name })
      .from(orgOfficers)
      .innerJoin(members, eq(members.id, orgOfficers.memberId))
      .where(and(eq(orgOfficers.countyId, countyId), eq(orgOfficers.orgId, orgId)))
      .orderBy(asc(orgOfficers.createdAt));
  },

  /** Secretaries and committee members (委员) of the orgs of a subtree: the cadres of org life's rules. */
  async cadres(ex: Executor, countyId: string, pathPattern: string): Promise<{ orgId: string; memberId: string }[]> {
    const secretaries = await ex
      .select({ orgId: orgs.id, memberId: orgs.secretaryMemberId })
      .from(orgs)
      .where(and(eq(orgs.countyId, countyId), like(orgs.path, pathPattern), isNull(orgs.dissolvedAt), sql`${orgs.secretaryMemberId} is not null`));
    const officers = await ex
      .select({ orgId: orgOfficers.orgId, memberId: orgOfficers.memberId })
      .from(orgOfficers)
      .innerJoin(orgs, eq(orgs.id, orgOfficers.orgId))
      .where(and(eq(orgOfficers.countyId, countyId), like(orgs.path, pathPattern), isNull(orgs.dissolvedAt)));
    return [...secretaries.map((s) => ({ orgId: s.orgId, memberId: s.memberId! })), ...officers];
  },

  async replaceOfficers(ex: Executor, countyId: string, orgId: string, memberIds: string[]): Promise<void> {
    await ex.delete(orgOfficers).where(and(eq(orgOfficers.countyId, countyId), eq(orgOfficers.orgId, orgId)));
    if (memberIds.length > 0) await ex.insert(orgOfficers).values(memberIds.map((memberId) => ({ orgId, memberId, countyId })));
  },
};
