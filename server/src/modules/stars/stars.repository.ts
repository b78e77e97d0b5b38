// Reads the verified records of a month per member (one grouped statement) and writes the member_monthly rollup.
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { queryRows } from '../../core/db';
import { duesBases, memberMonthly, members, pointAdjustments } from '../../db/schema/index';
import { pgArrayLiteral } from '../../core/pg-array';

export type MemberMonthFacts = {
  memberId: string;
  orgId: string;
  orgPath: string;
  categories: string[];
  joinDate: string;
  themeDayHeld: boolean;
  attended: boolean;
  leaveWithMakeup: boolean;
  paid: boolean;
  reportAccepted: boolean;
  checkIn: boolean;
  excellence: boolean;
  deductions: number;
  adjustments: number;
};

export type MemberFilter = { memberIds: string[] } | { pathPattern: string };

export type RollupRow = typeof memberMonthly.$inferInsert;

export const starsRepository = {
  /** The rollup rows of members being taken off the roster again (an unfinished import's undo). */
  async deleteRowsOfMembers(ex: Executor, memberIds: string[]): Promise<void> {
    await ex.execute(sql`delete from member_monthly where member_id in (${sql.join(memberIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  },
  /** Every live member in the filter with the month's facts, from the records (never from the rollup itself). */
  async monthFacts(ex: Executor, countyId: string, month: string, filter: MemberFilter): Promise<MemberMonthFacts[]> {
    const where =
      'memberIds' in filter
        ? filter.memberIds.length === 0
          ? sql`false`
          : sql`m.id in (${sql.join(filter.memberIds.map((id) => sql`${id}::uuid`), sql`, `)})`
        : sql`m.org_path like ${filter.pathPattern}`;
    // For a few members (a record just written), each record table is probed by member; for a subtree, scanned once.
    const ids = 'memberIds' in filter && filter.memberIds.length > 0 ? sql.join(filter.memberIds.map((id) => sql`${id}::uuid`), sql`, `) : null;
    const by = (col: string) => (ids ? sql` and ${sql.raw(col)} in (${ids})` : sql``);
    const rows = await queryRows<{
      member_id: string; org_id: string; org_path: string; categories: string[] | string; join_date: string;
      theme_day_held: boolean; attended: boolean; leave_with_makeup: boolean; paid: boolean; report_accepted: boolean; check_in: boolean; excellence: boolean; deductions: number | string; adjustments: number | string;
    }>(
      ex,
      // Uncorrelated IN (...) lists: one pass over each record table for the month (hashed), not a probe per member.
      sql`select m.id as member_id, m.org_id, m.org_path, m.categories, m.join_date::text as join_date,
        m.org_id in (select td.org_id from theme_days td where td.county_id = ${countyId} and td.month = ${month}${ids ? sql` and td.org_id in (select org_id from members where id in (${ids}))` : sql``}) as theme_day_held,
        m.id in (select a.member_id from theme_day_attendances a where a.county_id = ${countyId} and a.month = ${month}${by('a.member_id')}) as attended,
        m.id in (select l.member_id from leave_requests l join makeup_studies s on s.county_id = l.county_id and s.theme_day_id = l.theme_day_id and s.member_id = l.member_id
                 where l.county_id = ${countyId} and l.month = ${month} and l.status = 'approved'${by('l.member_id')}) as leave_with_makeup,
        m.id in (select p.member_id from dues_paid_months p where p.county_id = ${countyId} and p.month = ${month}${by('p.member_id')}) as paid,
        m.id in (select r.member_id from situation_reports r where r.county_id = ${countyId} and r.month = ${month} and r.status = 'accepted'${by('r.member_id')}) as report_accepted,
        m.id in (select c.member_id from community_services c where c.county_id = ${countyId} and c.month = ${month} and c.status = 'confirmed'${by('c.member_id')}) as check_in,
        coalesce(pa.excellence, false) as excellence, coalesce(pa.deductions, 0) as deductions, coalesce(pa.adjustments, 0) as adjustments
      from members m
      left join (
        select x.member_id, bool_or(x.kind = 'excellence') as excellence,
               sum(case when x.kind = 'deduction' then x.points else 0 end) as deductions,
               sum(case when x.kind = 'adjustment' then x.points else 0 end) as adjustments
        from point_adjustments x where x.county_id = ${countyId} and x.month = ${month}${by('x.member_id')} group by x.member_id) pa on pa.member_id = m.id
      where m.county_id = ${countyId} and m.left_at is null and ${where}
      order by m.org_path, m.id`,
    );
    return rows.map((r) => ({
      memberId: r.member_id,
      orgId: r.org_id,
      orgPath: r.org_path,
      categories: Array.isArray(r.categories) ? r.categories : parsePgArray(r.categories),
      joinDate: r.join_date,
      themeDayHeld: r.theme_day_held,
      attended: r.attended,
      leaveWithMakeup: r.leave_with_makeup,
      paid: r.paid,
      reportAccepted: r.report_accepted,
      checkIn: r.check_in,
      excellence: r.excellence,
      deductions: Number(r.deductions),
      adjustments: Number(r.adjustments),
    }));
  },

  /** Dues bases of these members in force at or before a month. */
  async basesUpTo(ex: Executor, countyId: string, month: string, filter: MemberFilter) {
    const cond = 'memberIds' in filter ? inArray(duesBases.memberId, filter.memberIds.length ? filter.memberIds : ['00000000-0000-0000-0000-000000000000']) : like(duesBases.orgPath, filter.pathPattern);
    return ex
      .select({ memberId: duesBases.memberId, fromMonth: duesBases.fromMonth, category: duesBases.category, baseFen: duesBases.baseFen, ruleVersion: duesBases.ruleVersion, reducedFen: duesBases.reducedFen, reductionStatus: duesBases.reductionStatus })
      .from(duesBases)
      .where(and(eq(duesBases.countyId, countyId), cond, sql`${duesBases.fromMonth} <= ${month}`))
      .orderBy(asc(duesBases.memberId), asc(duesBases.fromMonth));
  },

  /** Writes rollup rows through unnest (one array parameter per column), replacing the month's earlier values. */
  async upsert(ex: Executor, rows: RollupRow[], currentMonth: string): Promise<void> {
    const cols: [keyof RollupRow, string, string][] = [
      ['countyId', 'county_id', 'uuid'], ['memberId', 'member_id', 'uuid'], ['month', 'month', 'text'], ['orgId', 'org_id', 'uuid'], ['orgPath', 'org_path', 'text'],
      ['scheme', 'scheme', 'text'], ['themeDayHeld', 'theme_day_held', 'boolean'], ['attended', 'attended', 'boolean'], ['leaveWithMakeup', 'leave_with_makeup', 'boolean'],
      ['duesDue', 'dues_due', 'boolean'], ['paid', 'paid', 'boolean'], ['reportAccepted', 'report_accepted', 'boolean'], ['checkIn', 'check_in', 'boolean'],
      ['excellence', 'excellence', 'boolean'], ['deductions', 'deductions', 'integer'], ['adjustments', 'adjustments', 'integer'], ['points', 'points', 'integer'],
      ['stars', 'stars', 'integer'], ['settingsVersion', 'settings_version', 'integer'], ['computedAt', 'computed_at', 'timestamptz'],
    ];
    const keyCols = new Set(['county_id', 'member_id', 'month']);
    // A month that is over stays with the branch it was rated in (a member who moved keeps that history there);
    // the running month follows the member.
    const orgCols = new Set(['org_id', 'org_path']);
    for (let i = 0; i < rows.length; i += 5000) {
      const chunk = rows.slice(i, i + 5000);
      const arrays = cols.map(([k, , type]) => sql`${pgArrayLiteral(chunk.map((r) => r[k] as string | number | boolean | Date | null))}::${sql.raw(type)}[]`);
      await ex.execute(sql`insert into member_monthly (${sql.raw(cols.map((c) => c[1]).join(', '))})
        select * from unnest(${sql.join(arrays, sql`, `)})
        on conflict (county_id, member_id, month) do update set ${sql.raw(cols.filter((c) => !keyCols.has(c[1]) && !orgCols.has(c[1])).map((c) => `${c[1]} = excluded.${c[1]}`).join(', '))},
          org_id = case when excluded.month < ${currentMonth} then member_monthly.org_id else excluded.org_id end,
          org_path = case when excluded.month < ${currentMonth} then member_monthly.org_path else excluded.org_path end`);
    }
  },

  /**
   * Dues collection of a month per branch path, from the rollup (never the records): members with a row that month,
   * how many owe dues and how many paid (one grouped scan of the month's rows), and the arrears warnings raised for
   * `closedTo` (the last month that is over) by the monthly close and kept current by payments — a streak over six
   * months per member is not recomputed per request (that took 76 s for 3,000,000 members).
   */
  async collectionByPath(ex: Executor, countyId: string, pathPattern: string, month: string, closedTo: string) {
    const [counts, warnings] = await Promise.all([
      queryRows<{ org_path: string; members: number; due: number; paid: number }>(
        ex,
        sql`select mm.org_path, count(*)::int as members, (count(*) filter (where mm.dues_due))::int as due, (count(*) filter (where mm.dues_due and mm.paid))::int as paid
            from member_monthly mm
            where mm.county_id = ${countyId} and mm.month = ${month} and mm.org_path like ${pathPattern}
              and mm.member_id not in (select m.id from members m where m.county_id = ${countyId} and m.left_at is not null)
            group by mm.org_path`,
      ),
      queryRows<{ org_path: string; yellow: number; red: number }>(
        ex,
        sql`select w.org_path, (count(*) filter (where w.level = 'yellow'))::int as yellow, (count(*) filter (where w.level = 'red'))::int as red
            from dues_arrears_warnings w
            where w.county_id = ${countyId} and w.month = ${closedTo} and w.org_path like ${pathPattern}
              and w.member_id not in (select m.id from members m where m.county_id = ${countyId} and m.left_at is not null)
            group by w.org_path`,
      ),
    ]);
    const out = new Map<string, { orgPath: string; members: number; due: number; paid: number; yellow: number; red: number }>();
    const row = (p: string) => out.get(p) ?? out.set(p, { orgPath: p, members: 0, due: 0, paid: 0, yellow: 0, red: 0 }).get(p)!;
    for (const c of counts) Object.assign(row(c.org_path), { members: Number(c.members), due: Number(c.due), paid: Number(c.paid) });
    for (const w of warnings) Object.assign(row(w.org_path), { yellow: Number(w.yellow), red: Number(w.red) });
    return [...out.values()];
  },

  /** Per branch of a subtree over a year's months: member-months, stars, dues falling due and paid (the assessment). */
  async yearByBranch(ex: Executor, countyId: string, pathPattern: string, year: number) {
    return queryRows<{ org_id: string; member_months: number; star_sum: number; due: number; paid: number }>(
      ex,
      sql`select mm.org_id, count(*)::int as member_months, coalesce(sum(mm.stars), 0)::int as star_sum,
                 (count(*) filter (where mm.dues_due))::int as due, (count(*) filter (where mm.dues_due and mm.paid))::int as paid
          from member_monthly mm
          where mm.county_id = ${countyId} and mm.month like ${`${year}-%`} and mm.org_path like ${pathPattern}
          group by mm.org_id`,
    );
  },

  async wall(ex: Executor, countyId: string, orgPathPattern: string, year: number) {
    // Members of the branch now, and those who moved away this year with months rated here (history stays): two index
    // lookups, then one query by id (an OR across both tables would scan the roster).
    const [now, before] = await Promise.all([
      ex.select({ id: members.id }).from(members).where(and(eq(members.countyId, countyId), like(members.orgPath, orgPathPattern), sql`${members.leftAt} is null`)),
      queryRows<{ member_id: string }>(ex, sql`select distinct member_id from member_monthly where county_id = ${countyId} and org_path like ${orgPathPattern} and month >= ${`${year}-01`} and month <= ${`${year}-12`}`),
    ]);
    const ids = [...new Set([...now.map((r) => r.id), ...before.map((r) => r.member_id)])];
    if (ids.length === 0) return [];
    return ex
      .select({ memberId: members.id, name: members.name, namePinyin: members.namePinyin, categories: members.categories, month: memberMonthly.month, points: memberMonthly.points, stars: memberMonthly.stars, attended: memberMonthly.attended, paid: memberMonthly.paid, reportAccepted: memberMonthly.reportAccepted, computedAt: memberMonthly.computedAt })
      .from(members)
      .leftJoin(memberMonthly, and(eq(memberMonthly.countyId, members.countyId), eq(memberMonthly.memberId, members.id), sql`${memberMonthly.month} >= ${`${year}-01`} and ${memberMonthly.month} <= ${`${year}-12`}`, like(memberMonthly.orgPath, orgPathPattern)))
      .where(and(eq(members.countyId, countyId), inArray(members.id, ids), sql`${members.leftAt} is null`))
      .orderBy(asc(members.namePinyin), asc(members.id), asc(memberMonthly.month));
  },

  async memberYear(ex: Executor, countyId: string, memberId: string, year: number) {
    return ex
      .select()
      .from(memberMonthly)
      .where(and(eq(memberMonthly.countyId, countyId), eq(memberMonthly.memberId, memberId), like(memberMonthly.month, `${year}-%`)))
      .orderBy(asc(memberMonthly.month));
  },

  async adjustmentsOfYear(ex: Executor, countyId: string, memberId: string, year: number) {
    return ex
      .select({ month: pointAdjustments.month, kind: pointAdjustments.kind, points: pointAdjustments.points, reason: pointAdjustments.reason })
      .from(pointAdjustments)
      .where(and(eq(pointAdjustments.countyId, countyId), eq(pointAdjustments.memberId, memberId), like(pointAdjustments.month, `${year}-%`)))
      .orderBy(asc(pointAdjustments.month), asc(pointAdjustments.createdAt));
  },
};

function parsePgArray(s: string): string[] {
  const inner = s.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((x) => x.replace(/^"|"$/g, '')) : [];
}
