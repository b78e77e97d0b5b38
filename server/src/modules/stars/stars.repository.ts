// Reads the verified records of a month per member (one grouped statement) and writes the member_monthly rollup.
import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { queryRows } from '../../core/db';
import { duesBases, memberMonthly, members, pointAdjustments } from '../../db/schema/index';

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
  /** Every live member in the filter with the month's facts, from the records (never from the rollup itself). */
  async monthFacts(ex: Executor, countyId: string, month: string, filter: MemberFilter): Promise<MemberMonthFacts[]> {
    const where =
      'memberIds' in filter
        ? filter.memberIds.length === 0
          ? sql`false`
          : sql`m.id in (${sql.join(filter.memberIds.map((id) => sql`${id}::uuid`), sql`, `)})`
        : sql`m.org_path like ${filter.pathPattern}`;
    const rows = await queryRows<{
      member_id: string; org_id: string; org_path: string; categories: string[] | string; join_date: string;
      theme_day_held: boolean; attended: boolean; leave_with_makeup: boolean; paid: boolean; report_accepted: boolean; check_in: boolean; excellence: boolean; deductions: number | string; adjustments: number | string;
    }>(
      ex,
      sql`select m.id as member_id, m.org_id, m.org_path, m.categories, m.join_date::text as join_date,
        exists (select 1 from theme_days td where td.county_id = m.county_id and td.org_id = m.org_id and td.month = ${month}) as theme_day_held,
        exists (select 1 from theme_day_attendances a where a.county_id = m.county_id and a.member_id = m.id and a.month = ${month}) as attended,
        exists (select 1 from leave_requests l join makeup_studies s on s.theme_day_id = l.theme_day_id and s.member_id = l.member_id
                where l.county_id = m.county_id and l.member_id = m.id and l.month = ${month} and l.status = 'approved') as leave_with_makeup,
        exists (select 1 from dues_paid_months p where p.county_id = m.county_id and p.member_id = m.id and p.month = ${month}) as paid,
        exists (select 1 from situation_reports r where r.county_id = m.county_id and r.member_id = m.id and r.month = ${month} and r.status = 'accepted') as report_accepted,
        exists (select 1 from community_services c where c.county_id = m.county_id and c.member_id = m.id and c.month = ${month} and c.status = 'confirmed') as check_in,
        coalesce(pa.excellence, false) as excellence, coalesce(pa.deductions, 0) as deductions, coalesce(pa.adjustments, 0) as adjustments
      from members m
      left join lateral (
        select bool_or(kind = 'excellence') as excellence,
               sum(case when kind = 'deduction' then points else 0 end) as deductions,
               sum(case when kind = 'adjustment' then points else 0 end) as adjustments
        from point_adjustments x where x.county_id = m.county_id and x.member_id = m.id and x.month = ${month}) pa on true
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

  async upsert(ex: Executor, rows: RollupRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000) {
      await ex
        .insert(memberMonthly)
        .values(rows.slice(i, i + 1000))
        .onConflictDoUpdate({
          target: [memberMonthly.countyId, memberMonthly.memberId, memberMonthly.month],
          set: {
            orgId: sql`excluded.org_id`,
            orgPath: sql`excluded.org_path`,
            scheme: sql`excluded.scheme`,
            themeDayHeld: sql`excluded.theme_day_held`,
            attended: sql`excluded.attended`,
            leaveWithMakeup: sql`excluded.leave_with_makeup`,
            duesDue: sql`excluded.dues_due`,
            paid: sql`excluded.paid`,
            reportAccepted: sql`excluded.report_accepted`,
            checkIn: sql`excluded.check_in`,
            excellence: sql`excluded.excellence`,
            deductions: sql`excluded.deductions`,
            adjustments: sql`excluded.adjustments`,
            points: sql`excluded.points`,
            stars: sql`excluded.stars`,
            settingsVersion: sql`excluded.settings_version`,
            computedAt: sql`excluded.computed_at`,
          },
        });
    }
  },

  async wall(ex: Executor, countyId: string, orgPathPattern: string, year: number) {
    return ex
      .select({ memberId: members.id, name: members.name, namePinyin: members.namePinyin, categories: members.categories, month: memberMonthly.month, points: memberMonthly.points, stars: memberMonthly.stars, attended: memberMonthly.attended, paid: memberMonthly.paid, reportAccepted: memberMonthly.reportAccepted, computedAt: memberMonthly.computedAt })
      .from(members)
      .leftJoin(memberMonthly, and(eq(memberMonthly.countyId, members.countyId), eq(memberMonthly.memberId, members.id), like(memberMonthly.month, `${year}-%`)))
      .where(and(eq(members.countyId, countyId), like(members.orgPath, orgPathPattern), sql`${members.leftAt} is null`))
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
