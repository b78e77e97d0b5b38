// Grouped counts over the members and orgs of one subtree (a fixed handful of queries whatever the tree's size).
import { sql } from 'drizzle-orm';
import { subtreePattern } from '../../core/actor';
import { queryRows, type Executor } from '../../core/db';
import type { IsoDate } from '@yanzhen/domain';

export type Scope = { countyId: string; orgPath: string };
type Counted<K extends string> = Record<K, string> & { n: number };

const num = (v: unknown) => Number(v);

export const dashboardRepository = {
  /** Live members by status × gender × education: the totals and three breakdowns come from these few rows. */
  async memberStructure(ex: Executor, s: Scope) {
    const rows = await queryRows<Counted<'status' | 'gender' | 'education'>>(
      ex,
      sql`select status, gender, education, count(*)::int as n from members
          where county_id = ${s.countyId} and org_path like ${subtreePattern(s.orgPath)} and left_at is null
          group by status, gender, education`,
    );
    return rows.map((r) => ({ ...r, n: num(r.n) }));
  },

  /** Live members per birth-date range (age bands and the 35-and-under count), one scan with FILTER clauses; ages count
   * from the birth month, the precision kept in clear (docs/DATA-MODEL.md). */
  async countByBirthRanges(ex: Executor, s: Scope, ranges: { bornAfter: IsoDate | null; bornOnOrBefore: IsoDate | null }[]): Promise<number[]> {
    const cols = ranges.map((r, i) => {
      const conds = [
        r.bornAfter ? sql`birth_month > ${r.bornAfter}::date` : sql`true`,
        r.bornOnOrBefore ? sql`birth_month <= ${r.bornOnOrBefore}::date` : sql`true`,
      ];
      return sql`count(*) filter (where ${sql.join(conds, sql` and `)})::int as ${sql.identifier(`c${i}`)}`;
    });
    const [row] = await queryRows<Record<string, number>>(
      ex,
      sql`select ${sql.join(cols, sql`, `)} from members
          where county_id = ${s.countyId} and org_path like ${subtreePattern(s.orgPath)} and left_at is null`,
    );
    return ranges.map((_, i) => num(row?.[`c${i}`] ?? 0));
  },

  async byCategory(ex: Executor, s: Scope) {
    const rows = await queryRows<Counted<'key'>>(
      ex,
      sql`select c as key, count(*)::int as n from members, unnest(categories) as c
          where county_id = ${s.countyId} and org_path like ${subtreePattern(s.orgPath)} and left_at is null
          group by c`,
    );
    return new Map(rows.map((r) => [r.key, num(r.n)]));
  },

  /** Members by the sector of the branch they are enrolled in. */
  async bySector(ex: Executor, s: Scope) {
    const rows = await queryRows<Counted<'key'>>(
      ex,
      sql`select o.sector as key, count(*)::int as n from members m inner join orgs o on o.id = m.org_id
          where m.county_id = ${s.countyId} and m.org_path like ${subtreePattern(s.orgPath)} and m.left_at is null
          group by o.sector`,
    );
    return new Map(rows.map((r) => [r.key, num(r.n)]));
  },

  async orgsByType(ex: Executor, s: Scope) {
    const rows = await queryRows<Counted<'key'>>(
      ex,
      sql`select type as key, count(*)::int as n from orgs
          where county_id = ${s.countyId} and path like ${subtreePattern(s.orgPath)} and dissolved_at is null
          group by type`,
    );
    return new Map(rows.map((r) => [r.key, num(r.n)]));
  },

  /** Members still on the roster by the year they joined the Party, from `fromYear` on. */
  async joinsByYear(ex: Executor, s: Scope, fromYear: number) {
    const rows = await queryRows<{ year: number; n: number }>(
      ex,
      sql`select extract(year from join_date)::int as year, count(*)::int as n from members
          where county_id = ${s.countyId} and org_path like ${subtreePattern(s.orgPath)} and left_at is null
            and join_date >= ${`${fromYear}-01-01`}::date
          group by 1`,
    );
    return new Map(rows.map((r) => [num(r.year), num(r.n)]));
  },
};
