// The only code that touches the org_life_* tables (meetings, attendance, talks, training entries, warnings).
import { and, asc, desc, eq, gte, inArray, like, lte, ne, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { orgLifeAppraisals, orgLifeAttendance, orgLifeCheckups, orgLifeLifeMeetings, orgLifeMeetings, orgLifeTalks, orgLifeTrainingEntries, orgLifeWarnings } from '../../db/schema/index';

export type MeetingRow = typeof orgLifeMeetings.$inferSelect;
export type AppraisalRow = typeof orgLifeAppraisals.$inferSelect;
export type AttendanceRow = typeof orgLifeAttendance.$inferSelect;
export type LifeMeetingRow = typeof orgLifeLifeMeetings.$inferSelect;

/** The warning kind of an overdue 党性体检 follow-up (period `year/memberId`); never in the general warnings list. */
export const CHECKUP_WARNING_KIND = 'checkupFollowUp';

const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

export const orgLifeRepository = {
  async findMeeting(ex: Executor, countyId: string, id: string): Promise<MeetingRow | null> {
    const [row] = await ex.select().from(orgLifeMeetings).where(and(eq(orgLifeMeetings.countyId, countyId), eq(orgLifeMeetings.id, id)));
    return row ?? null;
  },

  async findSlot(ex: Executor, countyId: string, orgId: string, kind: string, date: string): Promise<MeetingRow | null> {
    const [row] = await ex.select().from(orgLifeMeetings).where(and(eq(orgLifeMeetings.countyId, countyId), eq(orgLifeMeetings.orgId, orgId), eq(orgLifeMeetings.kind, kind), eq(orgLifeMeetings.date, date)));
    return row ?? null;
  },

  async listMeetings(ex: Executor, countyId: string, pathPattern: string, f: { month?: string; year?: number; kind?: string; orgId?: string }, page: { page: number; pageSize: number }) {
    const conds = [eq(orgLifeMeetings.countyId, countyId), like(orgLifeMeetings.orgPath, pathPattern)];
    if (f.orgId) conds.push(eq(orgLifeMeetings.orgId, f.orgId));
    if (f.kind) conds.push(eq(orgLifeMeetings.kind, f.kind));
    if (f.month) conds.push(gte(orgLifeMeetings.date, `${f.month}-01`), lte(orgLifeMeetings.date, `${f.month}-31`));
    if (f.year) conds.push(gte(orgLifeMeetings.date, `${f.year}-01-01`), lte(orgLifeMeetings.date, `${f.year}-12-31`));
    const where = and(...conds);
    const rows = await ex
      .select()
      .from(orgLifeMeetings)
      .where(where)
      .orderBy(desc(orgLifeMeetings.date), asc(orgLifeMeetings.orgPath), asc(orgLifeMeetings.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(orgLifeMeetings).where(where);
    return { rows, total: Number(n) };
  },

  async insertMeeting(ex: Executor, values: typeof orgLifeMeetings.$inferInsert): Promise<MeetingRow> {
    const [row] = await ex.insert(orgLifeMeetings).values(values).returning();
    return row;
  },

  async updateMeetingVersioned(ex: Executor, countyId: string, id: string, version: number, values: Partial<typeof orgLifeMeetings.$inferInsert>): Promise<boolean> {
    const rows = await ex
      .update(orgLifeMeetings)
      .set({ ...values, version: version + 1 })
      .where(and(eq(orgLifeMeetings.countyId, countyId), eq(orgLifeMeetings.id, id), eq(orgLifeMeetings.version, version)))
      .returning({ id: orgLifeMeetings.id });
    return rows.length === 1;
  },

  async attendance(ex: Executor, countyId: string, meetingId: string): Promise<AttendanceRow[]> {
    return ex.select().from(orgLifeAttendance).where(and(eq(orgLifeAttendance.countyId, countyId), eq(orgLifeAttendance.meetingId, meetingId)));
  },

  async replaceAttendance(ex: Executor, m: MeetingRow, rows: { memberId: string; status: string; reason: string | null }[]): Promise<void> {
    await ex.delete(orgLifeAttendance).where(and(eq(orgLifeAttendance.countyId, m.countyId), eq(orgLifeAttendance.meetingId, m.id)));
    if (rows.length > 0) {
      await ex.insert(orgLifeAttendance).values(rows.map((r) => ({ countyId: m.countyId, meetingId: m.id, memberId: r.memberId, orgPath: m.orgPath, kind: m.kind, date: m.date, status: r.status, reason: r.reason })));
    }
  },

  /** Every meeting date of a subtree in a year, with its branch and kind (the compliance input: raw rows, no mapping). */
  async meetingDates(ex: Executor, countyId: string, pathPattern: string, year: number): Promise<{ orgId: string; kind: string; date: string }[]> {
    const { from, to } = yearRange(year);
    return queryRows<{ orgId: string; kind: string; date: string }>(
      ex,
      sql`select org_id as "orgId", kind, date::text as date from org_life_meetings where county_id = ${countyId} and org_path like ${pathPattern} and date between ${from} and ${to}`,
    );
  },

  /** A member's meetings of a year where they are on the attendance (present / leave / absent). */
  async memberAttendance(ex: Executor, countyId: string, memberId: string, year: number, page: { page: number; pageSize: number }) {
    const { from, to } = yearRange(year);
    const where = and(eq(orgLifeAttendance.countyId, countyId), eq(orgLifeAttendance.memberId, memberId), gte(orgLifeAttendance.date, from), lte(orgLifeAttendance.date, to));
    const rows = await ex
      .select({ id: orgLifeMeetings.id, kind: orgLifeMeetings.kind, date: orgLifeMeetings.date, topic: orgLifeMeetings.topic, status: orgLifeAttendance.status })
      .from(orgLifeAttendance)
      .innerJoin(orgLifeMeetings, and(eq(orgLifeMeetings.countyId, orgLifeAttendance.countyId), eq(orgLifeMeetings.id, orgLifeAttendance.meetingId)))
      .where(where)
      .orderBy(desc(orgLifeAttendance.date))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(orgLifeAttendance).where(where);
    return { rows, total: Number(n) };
  },

  /** Per member of a subtree (or the listed members): meetings attended by kind, and other training hours, in a year. */
  async hoursByMember(ex: Executor, countyId: string, year: number, members: { pathPattern: string } | { memberIds: string[] }) {
    const { from, to } = yearRange(year);
    const attScope = 'pathPattern' in members ? sql`a.org_path like ${members.pathPattern}` : sql`a.member_id = any(${`{${members.memberIds.join(',')}}`}::uuid[])`;
    const entScope = 'pathPattern' in members ? sql`e.org_path like ${members.pathPattern}` : sql`e.member_id = any(${`{${members.memberIds.join(',')}}`}::uuid[])`;
    const attended = await queryRows<{ member_id: string; kind: string; n: number }>(
      ex,
      sql`select a.member_id, a.kind, count(*)::int as n from org_life_attendance a
          where a.county_id = ${countyId} and ${attScope} and a.status = 'present' and a.date between ${from} and ${to}
          group by a.member_id, a.kind`,
    );
    const other = await queryRows<{ member_id: string; hours: number }>(
      ex,
      sql`select e.member_id, sum(e.hours)::int as hours from org_life_training_entries e
          where e.county_id = ${countyId} and ${entScope} and e.studied_on between ${from} and ${to}
          group by e.member_id`,
    );
    return { attended: attended.map((r) => ({ memberId: r.member_id, kind: r.kind, n: Number(r.n) })), other: other.map((r) => ({ memberId: r.member_id, hours: Number(r.hours) })) };
  },

  async insertTrainingEntry(ex: Executor, values: typeof orgLifeTrainingEntries.$inferInsert) {
    const [row] = await ex.insert(orgLifeTrainingEntries).values(values).returning();
    return row;
  },

  async insertTalk(ex: Executor, values: typeof orgLifeTalks.$inferInsert) {
    const [row] = await ex.insert(orgLifeTalks).values(values).returning();
    return row;
  },

  async listTalks(ex: Executor, countyId: string, pathPattern: string, year: number | undefined, page: { page: number; pageSize: number }) {
    const conds = [eq(orgLifeTalks.countyId, countyId), like(orgLifeTalks.orgPath, pathPattern)];
    if (year) conds.push(gte(orgLifeTalks.talkedOn, `${year}-01-01`), lte(orgLifeTalks.talkedOn, `${year}-12-31`));
    const where = and(...conds);
    const rows = await ex
      .select()
      .from(orgLifeTalks)
      .where(where)
      .orderBy(desc(orgLifeTalks.talkedOn), asc(orgLifeTalks.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(orgLifeTalks).where(where);
    return { rows, total: Number(n) };
  },

  /** Talks of a year with these members (wherever recorded: a member transferred mid-year keeps them). */
  async talksWith(ex: Executor, countyId: string, memberIds: string[], year: number): Promise<{ memberId: string; talkedOn: string }[]> {
    if (memberIds.length === 0) return [];
    const { from, to } = yearRange(year);
    return ex
      .select({ memberId: orgLifeTalks.memberId, talkedOn: orgLifeTalks.talkedOn })
      .from(orgLifeTalks)
      .where(and(eq(orgLifeTalks.countyId, countyId), inArray(orgLifeTalks.memberId, memberIds), gte(orgLifeTalks.talkedOn, from), lte(orgLifeTalks.talkedOn, to)));
  },

  /** Raises the warnings not raised yet (one per branch, kind and period): the number newly raised. */
  async raiseWarnings(ex: Executor, rows: (typeof orgLifeWarnings.$inferInsert)[]): Promise<number> {
    let raised = 0;
    for (let i = 0; i < rows.length; i += 1000) {
      const done = await ex.insert(orgLifeWarnings).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ orgId: orgLifeWarnings.orgId });
      raised += done.length;
    }
    return raised;
  },

  async listWarnings(ex: Executor, countyId: string, pathPattern: string, page: { page: number; pageSize: number }) {
    // The check-up follow-up warnings are confidential: listed only with the follow-ups (orgLife.checkups), not here.
    const where = and(eq(orgLifeWarnings.countyId, countyId), like(orgLifeWarnings.orgPath, pathPattern), ne(orgLifeWarnings.kind, CHECKUP_WARNING_KIND));
    const rows = await ex.select().from(orgLifeWarnings).where(where).orderBy(desc(orgLifeWarnings.raisedAt), asc(orgLifeWarnings.orgPath), asc(orgLifeWarnings.kind)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(orgLifeWarnings).where(where);
    return { rows, total: Number(n) };
  },

  /** Serializes the saves of a county's check-up item list (its version is read and bumped inside the lock). */
  async lockCheckupItems(ex: Executor, countyId: string): Promise<void> {
    await ex.execute(sql`select pg_advisory_xact_lock(hashtext(${`orgLife.checkupItems:${countyId}`}))`);
  },

  async checkupWarnings(ex: Executor, countyId: string, periods: string[]): Promise<Map<string, Date>> {
    if (periods.length === 0) return new Map();
    const rows = await ex.select({ period: orgLifeWarnings.period, raisedAt: orgLifeWarnings.raisedAt }).from(orgLifeWarnings).where(and(eq(orgLifeWarnings.countyId, countyId), eq(orgLifeWarnings.kind, CHECKUP_WARNING_KIND), inArray(orgLifeWarnings.period, periods)));
    return new Map(rows.map((r) => [r.period, r.raisedAt]));
  },

  async findCheckup(ex: Executor, countyId: string, memberId: string, year: number) {
    const [row] = await ex.select().from(orgLifeCheckups).where(and(eq(orgLifeCheckups.countyId, countyId), eq(orgLifeCheckups.memberId, memberId), eq(orgLifeCheckups.year, year)));
    return row ?? null;
  },

  async upsertCheckup(ex: Executor, values: typeof orgLifeCheckups.$inferInsert) {
    await ex
      .insert(orgLifeCheckups)
      .values(values)
      .onConflictDoUpdate({ target: [orgLifeCheckups.countyId, orgLifeCheckups.memberId, orgLifeCheckups.year], set: { dataEnc: values.dataEnc, orgPath: values.orgPath, updatedAt: values.updatedAt, version: sql`${orgLifeCheckups.version} + 1` } });
  },

  async checkupsOfYear(ex: Executor, countyId: string, pathPattern: string, year: number) {
    return ex.select({ memberId: orgLifeCheckups.memberId, year: orgLifeCheckups.year, orgPath: orgLifeCheckups.orgPath, dataEnc: orgLifeCheckups.dataEnc }).from(orgLifeCheckups).where(and(eq(orgLifeCheckups.countyId, countyId), like(orgLifeCheckups.orgPath, pathPattern), eq(orgLifeCheckups.year, year)));
  },

  async appraisalsOfBranch(ex: Executor, countyId: string, orgId: string, year: number): Promise<AppraisalRow[]> {
    return ex.select().from(orgLifeAppraisals).where(and(eq(orgLifeAppraisals.countyId, countyId), eq(orgLifeAppraisals.orgId, orgId), eq(orgLifeAppraisals.year, year)));
  },

  /** Serializes the saves of one branch's round (the 优秀 cap is counted and checked inside the lock). */
  async lockAppraisalRound(ex: Executor, orgId: string, year: number): Promise<void> {
    await ex.execute(sql`select pg_advisory_xact_lock(hashtext(${`orgLife.appraisal:${orgId}:${year}`}))`);
  },

  async findAppraisal(ex: Executor, countyId: string, memberId: string, year: number): Promise<AppraisalRow | null> {
    const [row] = await ex.select().from(orgLifeAppraisals).where(and(eq(orgLifeAppraisals.countyId, countyId), eq(orgLifeAppraisals.memberId, memberId), eq(orgLifeAppraisals.year, year)));
    return row ?? null;
  },

  async insertAppraisal(ex: Executor, values: typeof orgLifeAppraisals.$inferInsert): Promise<AppraisalRow> {
    const [row] = await ex.insert(orgLifeAppraisals).values(values).returning();
    return row;
  },

  async updateAppraisal(ex: Executor, id: string, version: number, values: Partial<typeof orgLifeAppraisals.$inferInsert>): Promise<AppraisalRow | null> {
    const [row] = await ex
      .update(orgLifeAppraisals)
      .set({ ...values, version: sql`${orgLifeAppraisals.version} + 1` })
      .where(and(eq(orgLifeAppraisals.id, id), eq(orgLifeAppraisals.version, version)))
      .returning();
    return row ?? null;
  },

  async meetingsByIds(ex: Executor, countyId: string, ids: string[]): Promise<MeetingRow[]> {
    if (ids.length === 0) return [];
    return ex.select().from(orgLifeMeetings).where(and(eq(orgLifeMeetings.countyId, countyId), inArray(orgLifeMeetings.id, ids)));
  },

  // ---- 组织生活会 records
  async findLifeMeeting(ex: Executor, countyId: string, id: string, forUpdate = false): Promise<LifeMeetingRow | null> {
    const q = ex.select().from(orgLifeLifeMeetings).where(and(eq(orgLifeLifeMeetings.countyId, countyId), eq(orgLifeLifeMeetings.id, id)));
    const [row] = forUpdate ? await q.for('update') : await q;
    return row ?? null;
  },

  async lifeMeetingOfMeeting(ex: Executor, countyId: string, meetingId: string): Promise<LifeMeetingRow | null> {
    const [row] = await ex.select().from(orgLifeLifeMeetings).where(and(eq(orgLifeLifeMeetings.countyId, countyId), eq(orgLifeLifeMeetings.meetingId, meetingId)));
    return row ?? null;
  },

  async listLifeMeetings(ex: Executor, countyId: string, pathPattern: string, year: number, page: { page: number; pageSize: number }) {
    const where = and(eq(orgLifeLifeMeetings.countyId, countyId), like(orgLifeLifeMeetings.orgPath, pathPattern), eq(orgLifeLifeMeetings.year, year));
    const rows = await ex
      .select()
      .from(orgLifeLifeMeetings)
      .where(where)
      .orderBy(asc(orgLifeLifeMeetings.orgPath), asc(orgLifeLifeMeetings.type), asc(orgLifeLifeMeetings.createdAt), asc(orgLifeLifeMeetings.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(orgLifeLifeMeetings).where(where);
    return { rows, total: Number(n) };
  },

  async insertLifeMeeting(ex: Executor, values: typeof orgLifeLifeMeetings.$inferInsert): Promise<LifeMeetingRow> {
    const [row] = await ex.insert(orgLifeLifeMeetings).values(values).returning();
    return row;
  },

  async updateLifeMeeting(ex: Executor, countyId: string, id: string, version: number, values: Partial<typeof orgLifeLifeMeetings.$inferInsert>): Promise<LifeMeetingRow | null> {
    const [row] = await ex
      .update(orgLifeLifeMeetings)
      .set({ ...values, version: version + 1 })
      .where(and(eq(orgLifeLifeMeetings.countyId, countyId), eq(orgLifeLifeMeetings.id, id), eq(orgLifeLifeMeetings.version, version)))
      .returning();
    return row ?? null;
  },

  /** Links the held meeting to its record (and its date), without a version check: the meeting save holds the row lock. */
  async linkLifeMeeting(ex: Executor, countyId: string, id: string, meetingId: string, heldOn: string, now: Date): Promise<void> {
    await ex.update(orgLifeLifeMeetings).set({ meetingId, heldOn, updatedAt: now, version: sql`${orgLifeLifeMeetings.version} + 1` }).where(and(eq(orgLifeLifeMeetings.countyId, countyId), eq(orgLifeLifeMeetings.id, id)));
  },
};
