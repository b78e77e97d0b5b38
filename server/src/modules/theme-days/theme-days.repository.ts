// The only code that touches theme_days, theme_day_attendances, leave_requests and makeup_studies.
import { and, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { queryRows } from '../../core/db';
import { pgArrayLiteral } from '../../core/pg-array';
import { leaveRequests, makeupStudies, members, orgs, themeDayAttendances, themeDays } from '../../db/schema/index';

export type ThemeDayRow = typeof themeDays.$inferSelect;
/** A theme day's key: the county is part of every key (distribution by county). */
type ThemeDayKey = Pick<ThemeDayRow, 'countyId' | 'id'>;

export const themeDaysRepository = {
  async findById(ex: Executor, countyId: string, id: string): Promise<(ThemeDayRow & { orgName: string }) | null> {
    const [row] = await ex.select({ td: themeDays, orgName: orgs.name }).from(themeDays).innerJoin(orgs, eq(orgs.id, themeDays.orgId)).where(and(eq(themeDays.countyId, countyId), eq(themeDays.id, id)));
    return row ? { ...row.td, orgName: row.orgName } : null;
  },

  async findForOrgMonth(ex: Executor, countyId: string, orgId: string, month: string): Promise<ThemeDayRow | null> {
    const [row] = await ex.select().from(themeDays).where(and(eq(themeDays.countyId, countyId), eq(themeDays.orgId, orgId), eq(themeDays.month, month)));
    return row ?? null;
  },

  /** A page of theme days in a subtree with expected (live members of the branch) and attended counts. */
  async list(ex: Executor, countyId: string, pathPattern: string, f: { month?: string; year?: number }, page: { page: number; pageSize: number }) {
    const conds = [eq(themeDays.countyId, countyId), like(themeDays.orgPath, pathPattern)];
    if (f.month) conds.push(eq(themeDays.month, f.month));
    if (f.year) conds.push(like(themeDays.month, `${f.year}-%`));
    const where = and(...conds);
    const rows = await ex
      .select({
        td: themeDays,
        orgName: orgs.name,
        expected: sql<number>`(select count(*)::int from ${members} m where m.county_id = ${themeDays.countyId} and m.org_id = ${themeDays.orgId} and m.left_at is null)`,
        attended: sql<number>`(select count(*)::int from ${themeDayAttendances} a where a.county_id = ${themeDays.countyId} and a.theme_day_id = ${themeDays.id})`,
      })
      .from(themeDays)
      .innerJoin(orgs, eq(orgs.id, themeDays.orgId))
      .where(where)
      .orderBy(desc(themeDays.month), asc(themeDays.orgPath))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(themeDays).where(where);
    return { rows: rows.map((r) => ({ ...r.td, orgName: r.orgName, expected: Number(r.expected), attended: Number(r.attended) })), total: Number(n) };
  },

  async insert(ex: Executor, values: typeof themeDays.$inferInsert): Promise<ThemeDayRow> {
    const [row] = await ex.insert(themeDays).values(values).returning();
    return row;
  },

  async updateVersioned(ex: Executor, id: string, version: number, values: Partial<typeof themeDays.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(themeDays).set({ ...values, version: version + 1 }).where(and(eq(themeDays.id, id), eq(themeDays.version, version))).returning({ id: themeDays.id });
    return rows.length === 1;
  },

  /** The branch's live members with their attendance, leave request and make-up study for this theme day. */
  async roster(ex: Executor, td: ThemeDayRow) {
    return ex
      .select({
        memberId: members.id,
        name: members.name,
        categories: members.categories,
        method: themeDayAttendances.method,
        checkedInAt: themeDayAttendances.checkedInAt,
        leaveId: leaveRequests.id,
        leaveReason: leaveRequests.reason,
        leaveStatus: leaveRequests.status,
        leaveVersion: leaveRequests.version,
        makeupOn: makeupStudies.studiedOn,
        makeupContent: makeupStudies.content,
      })
      .from(members)
      .leftJoin(themeDayAttendances, and(eq(themeDayAttendances.countyId, td.countyId), eq(themeDayAttendances.themeDayId, td.id), eq(themeDayAttendances.memberId, members.id)))
      .leftJoin(leaveRequests, and(eq(leaveRequests.countyId, td.countyId), eq(leaveRequests.themeDayId, td.id), eq(leaveRequests.memberId, members.id)))
      .leftJoin(makeupStudies, and(eq(makeupStudies.countyId, td.countyId), eq(makeupStudies.themeDayId, td.id), eq(makeupStudies.memberId, members.id)))
      .where(and(eq(members.countyId, td.countyId), eq(members.orgId, td.orgId), isNull(members.leftAt)))
      .orderBy(asc(members.namePinyin), asc(members.id));
  },

  /** Inserts the attendance unless the member already has one: true when this call recorded it. */
  async insertAttendance(ex: Executor, values: typeof themeDayAttendances.$inferInsert): Promise<boolean> {
    const rows = await ex.insert(themeDayAttendances).values(values).onConflictDoNothing({ target: [themeDayAttendances.countyId, themeDayAttendances.themeDayId, themeDayAttendances.memberId] }).returning({ id: themeDayAttendances.id });
    return rows.length === 1;
  },

  async findAttendance(ex: Executor, td: ThemeDayKey, memberId: string) {
    const [row] = await ex.select().from(themeDayAttendances).where(and(eq(themeDayAttendances.countyId, td.countyId), eq(themeDayAttendances.themeDayId, td.id), eq(themeDayAttendances.memberId, memberId)));
    return row ?? null;
  },

  async deleteAttendance(ex: Executor, td: ThemeDayKey, memberId: string): Promise<boolean> {
    const rows = await ex.delete(themeDayAttendances).where(and(eq(themeDayAttendances.countyId, td.countyId), eq(themeDayAttendances.themeDayId, td.id), eq(themeDayAttendances.memberId, memberId))).returning({ id: themeDayAttendances.id });
    return rows.length === 1;
  },

  async findLeave(ex: Executor, countyId: string, id: string) {
    const [row] = await ex.select().from(leaveRequests).where(and(eq(leaveRequests.countyId, countyId), eq(leaveRequests.id, id)));
    return row ?? null;
  },
  async findLeaveOf(ex: Executor, td: ThemeDayKey, memberId: string) {
    const [row] = await ex.select().from(leaveRequests).where(and(eq(leaveRequests.countyId, td.countyId), eq(leaveRequests.themeDayId, td.id), eq(leaveRequests.memberId, memberId)));
    return row ?? null;
  },
  async insertLeave(ex: Executor, values: typeof leaveRequests.$inferInsert) {
    const [row] = await ex.insert(leaveRequests).values(values).returning();
    return row;
  },
  async decideLeave(ex: Executor, id: string, version: number, values: Partial<typeof leaveRequests.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(leaveRequests).set({ ...values, version: version + 1 }).where(and(eq(leaveRequests.id, id), eq(leaveRequests.version, version))).returning({ id: leaveRequests.id });
    return rows.length === 1;
  },
  async upsertMakeup(ex: Executor, values: typeof makeupStudies.$inferInsert) {
    await ex
      .insert(makeupStudies)
      .values(values)
      .onConflictDoUpdate({ target: [makeupStudies.countyId, makeupStudies.themeDayId, makeupStudies.memberId], set: { studiedOn: values.studiedOn, content: values.content, recordedBy: values.recordedBy } });
  },

  /** The dates of the theme days held in a subtree in a year, with their branch (org life's compliance counts them). */
  async datesInYear(ex: Executor, countyId: string, pathPattern: string, year: number): Promise<{ orgId: string; date: string }[]> {
    return ex
      .select({ orgId: themeDays.orgId, date: themeDays.date })
      .from(themeDays)
      .where(and(eq(themeDays.countyId, countyId), like(themeDays.orgPath, pathPattern), like(themeDays.month, `${year}-%`)));
  },

  /** Theme days attended in a year per member (of the listed members): org life credits them as 学时. */
  async attendedInYear(ex: Executor, countyId: string, memberIds: string[], year: number): Promise<{ memberId: string; n: number }[]> {
    if (memberIds.length === 0) return [];
    const rows = await ex
      .select({ memberId: themeDayAttendances.memberId, n: sql<number>`count(*)::int` })
      .from(themeDayAttendances)
      .where(and(eq(themeDayAttendances.countyId, countyId), sql`${themeDayAttendances.memberId} = any(${pgArrayLiteral(memberIds)}::uuid[])`, like(themeDayAttendances.month, `${year}-%`)))
      .groupBy(themeDayAttendances.memberId);
    return rows.map((r) => ({ memberId: r.memberId, n: Number(r.n) }));
  },

  /** Per branch of a subtree for a month: theme days held, members expected and attended (with approved leave + make-up). */
  async rates(ex: Executor, countyId: string, pathPattern: string, month: string) {
    return queryRows<{ org_id: string; org_name: string; theme_days: number; expected: number; attended: number }>(
      ex,
      sql`select o.id as org_id, o.name as org_name, count(td.id)::int as theme_days,
          coalesce(sum((select count(*) from members m where m.county_id = o.county_id and m.org_id = o.id and m.left_at is null)) filter (where td.id is not null), 0)::int as expected,
          coalesce(sum((select count(*) from theme_day_attendances a where a.county_id = td.county_id and a.theme_day_id = td.id)), 0)::int as attended
        from orgs o
        left join theme_days td on td.county_id = o.county_id and td.org_id = o.id and td.month = ${month}
        where o.county_id = ${countyId} and o.path like ${pathPattern} and o.type = 'branch' and o.dissolved_at is null
        group by o.id, o.name, o.path order by o.path`,
    );
  },
};
