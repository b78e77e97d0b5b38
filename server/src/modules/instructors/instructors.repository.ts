// The only code that touches enterprises, enterprise_profiles and the instructors' tables.
import { and, asc, desc, eq, gte, ilike, inArray, isNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { pgArrayLiteral, type Scalar } from '../../core/pg-array';
import { enterpriseProfiles, enterprises, instructorAssessments, instructorAssignments, instructorCallbacks, instructorMonths, instructorProblems, instructors, instructorWorkLogs, siteManualEntries, siteVisits } from '../../db/schema/index';

export type InstructorRow = typeof instructors.$inferSelect;
export type EnterpriseRow = typeof enterprises.$inferSelect & { profile: typeof enterpriseProfiles.$inferSelect };
export type ManualEntryRow = typeof siteManualEntries.$inferSelect;
export type ProblemRow = typeof instructorProblems.$inferSelect;
type Page = { page: number; pageSize: number };
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export type EnterpriseFilter = { pathPattern: string; townOrgId?: string; q?: string; shouldBuild?: boolean; orgForm?: string };

function enterpriseWhere(countyId: string, f: EnterpriseFilter): SQL {
  const conds: SQL[] = [eq(enterprises.countyId, countyId), like(enterpriseProfiles.orgPath, f.pathPattern)];
  if (f.townOrgId) conds.push(eq(enterprises.townOrgId, f.townOrgId));
  if (f.q) conds.push(ilike(enterprises.name, `%${likeEscape(f.q)}%`));
  if (f.orgForm) conds.push(eq(enterpriseProfiles.orgForm, f.orgForm));
  if (f.shouldBuild !== undefined) {
    const sb = sql`(${enterpriseProfiles.orgForm} = 'none' and ${enterpriseProfiles.membersEmployed} >= 3)`;
    conds.push(f.shouldBuild ? sb : sql`not ${sb}`);
  }
  return and(...conds)!;
}

const activeInstructorName = sql<string | null>`(select i.name from ${instructorAssignments} a join ${instructors} i on i.county_id = a.county_id and i.id = a.instructor_id
  where a.county_id = ${enterprises.countyId} and a.enterprise_id = ${enterprises.id} and a.active limit 1)`;

export const instructorsRepository = {
  // ---- enterprises ----
  async findEnterprise(ex: Executor, countyId: string, id: string): Promise<EnterpriseRow | null> {
    const [row] = await ex
      .select({ e: enterprises, p: enterpriseProfiles })
      .from(enterprises)
      .innerJoin(enterpriseProfiles, and(eq(enterpriseProfiles.countyId, enterprises.countyId), eq(enterpriseProfiles.enterpriseId, enterprises.id)))
      .where(and(eq(enterprises.countyId, countyId), eq(enterprises.id, id)));
    return row ? { ...row.e, profile: row.p } : null;
  },

  async listEnterprises(ex: Executor, countyId: string, f: EnterpriseFilter, page: Page) {
    const where = enterpriseWhere(countyId, f);
    const join = and(eq(enterpriseProfiles.countyId, enterprises.countyId), eq(enterpriseProfiles.enterpriseId, enterprises.id));
    const rows = await ex
      .select({ e: enterprises, p: enterpriseProfiles, instructorName: activeInstructorName })
      .from(enterprises)
      .innerJoin(enterpriseProfiles, join)
      .where(where)
      .orderBy(asc(enterpriseProfiles.orgPath), asc(enterprises.name), asc(enterprises.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(enterprises).innerJoin(enterpriseProfiles, join).where(where);
    return { rows: rows.map((r) => ({ ...r.e, profile: r.p, instructorName: r.instructorName })), total: Number(n) };
  },

  /** Every enterprise of a subtree with the facts the coverage survey tallies (a county has a few hundred). */
  async coverageFacts(ex: Executor, countyId: string, pathPattern: string) {
    return ex
      .select({
        townOrgId: enterprises.townOrgId,
        industry: enterprises.industry,
        employeeCount: enterprises.employeeCount,
        hasWorkCoverage: enterprises.hasWorkCoverage,
        orgForm: enterpriseProfiles.orgForm,
        membersEmployed: enterpriseProfiles.membersEmployed,
        hasInstructor: sql<boolean>`exists (select 1 from ${instructorAssignments} a where a.county_id = ${enterprises.countyId} and a.enterprise_id = ${enterprises.id} and a.active)`,
      })
      .from(enterprises)
      .innerJoin(enterpriseProfiles, and(eq(enterpriseProfiles.countyId, enterprises.countyId), eq(enterpriseProfiles.enterpriseId, enterprises.id)))
      .where(and(eq(enterprises.countyId, countyId), like(enterpriseProfiles.orgPath, pathPattern)));
  },

  // ---- the pool ----
  async findInstructor(ex: Executor, countyId: string, id: string): Promise<InstructorRow | null> {
    const [row] = await ex.select().from(instructors).where(and(eq(instructors.countyId, countyId), eq(instructors.id, id)));
    return row ?? null;
  },
  async findByAccount(ex: Executor, countyId: string, accountId: string): Promise<InstructorRow | null> {
    const [row] = await ex.select().from(instructors).where(and(eq(instructors.countyId, countyId), eq(instructors.accountId, accountId)));
    return row ?? null;
  },
  async findByMember(ex: Executor, countyId: string, memberId: string): Promise<InstructorRow | null> {
    const [row] = await ex.select().from(instructors).where(and(eq(instructors.countyId, countyId), eq(instructors.memberId, memberId)));
    return row ?? null;
  },
  async insertInstructor(ex: Executor, values: typeof instructors.$inferInsert): Promise<InstructorRow> {
    const [row] = await ex.insert(instructors).values(values).returning();
    return row;
  },

  async listInstructors(ex: Executor, countyId: string, f: { pathPattern: string; q?: string; month: string; warning?: string }, page: Page) {
    const conds: SQL[] = [eq(instructors.countyId, countyId), like(instructors.orgPath, f.pathPattern)];
    if (f.q) conds.push(ilike(instructors.name, `%${likeEscape(f.q)}%`));
    if (f.warning) conds.push(sql`exists (select 1 from ${instructorMonths} m where m.county_id = ${instructors.countyId} and m.instructor_id = ${instructors.id} and m.month = ${f.month} and m.warning = ${f.warning})`);
    const where = and(...conds);
    const rows = await ex.select().from(instructors).where(where).orderBy(asc(instructors.orgPath), asc(instructors.name), asc(instructors.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructors).where(where);
    return { rows, total: Number(n) };
  },

  // ---- assignments ----
  async assignmentsOf(ex: Executor, countyId: string, instructorIds: string[], activeOnly: boolean) {
    if (instructorIds.length === 0) return [];
    const conds = [eq(instructorAssignments.countyId, countyId), inArray(instructorAssignments.instructorId, instructorIds)];
    if (activeOnly) conds.push(eq(instructorAssignments.active, true));
    return ex
      .select({ a: instructorAssignments, enterpriseName: enterprises.name, industry: enterprises.industry, address: enterpriseProfiles.address, orgForm: enterpriseProfiles.orgForm, membersEmployed: enterpriseProfiles.membersEmployed })
      .from(instructorAssignments)
      .innerJoin(enterprises, and(eq(enterprises.countyId, instructorAssignments.countyId), eq(enterprises.id, instructorAssignments.enterpriseId)))
      .innerJoin(enterpriseProfiles, and(eq(enterpriseProfiles.countyId, enterprises.countyId), eq(enterpriseProfiles.enterpriseId, enterprises.id)))
      .where(and(...conds))
      .orderBy(desc(instructorAssignments.active), desc(instructorAssignments.startDate), asc(enterprises.name));
  },
  async activeAssignment(ex: Executor, countyId: string, enterpriseId: string) {
    const [row] = await ex.select().from(instructorAssignments).where(and(eq(instructorAssignments.countyId, countyId), eq(instructorAssignments.enterpriseId, enterpriseId), eq(instructorAssignments.active, true)));
    return row ?? null;
  },
  async endAssignment(ex: Executor, id: string, endDate: string, reason: string, now: Date) {
    await ex.update(instructorAssignments).set({ active: false, endDate, endedReason: reason, updatedAt: now }).where(eq(instructorAssignments.id, id));
  },
  async insertAssignment(ex: Executor, values: typeof instructorAssignments.$inferInsert) {
    const [row] = await ex.insert(instructorAssignments).values(values).returning();
    return row;
  },

  // ---- visits and manual entries ----
  async openVisit(ex: Executor, countyId: string, instructorId: string) {
    const [row] = await ex
      .select({ v: siteVisits, enterpriseName: enterprises.name })
      .from(siteVisits)
      .innerJoin(enterprises, and(eq(enterprises.countyId, siteVisits.countyId), eq(enterprises.id, siteVisits.enterpriseId)))
      .where(and(eq(siteVisits.countyId, countyId), eq(siteVisits.instructorId, instructorId), isNull(siteVisits.outAt)));
    return row ? { ...row.v, enterpriseName: row.enterpriseName } : null;
  },
  async insertVisit(ex: Executor, values: typeof siteVisits.$inferInsert) {
    const [row] = await ex.insert(siteVisits).values(values).returning();
    return row;
  },
  async closeVisit(ex: Executor, id: string, outAt: Date): Promise<boolean> {
    const rows = await ex.update(siteVisits).set({ outAt }).where(and(eq(siteVisits.id, id), isNull(siteVisits.outAt))).returning({ id: siteVisits.id });
    return rows.length === 1;
  },
  /** Visits of instructors that may touch [from, to) (a visit started up to `lookbackMs` before `from` may cross into it). */
  async visitsBetween(ex: Executor, countyId: string, instructorIds: string[] | null, from: Date, to: Date, lookbackMs: number) {
    const conds = [eq(siteVisits.countyId, countyId), gte(siteVisits.inAt, new Date(from.getTime() - lookbackMs)), lt(siteVisits.inAt, to)];
    if (instructorIds) {
      if (instructorIds.length === 0) return [];
      conds.push(inArray(siteVisits.instructorId, instructorIds));
    }
    return ex.select({ instructorId: siteVisits.instructorId, inAt: siteVisits.inAt, outAt: siteVisits.outAt }).from(siteVisits).where(and(...conds));
  },
  async approvedManualDates(ex: Executor, countyId: string, instructorIds: string[] | null, month: string) {
    const conds = [eq(siteManualEntries.countyId, countyId), eq(siteManualEntries.status, 'approved'), sql`${siteManualEntries.date}::text like ${`${month}-%`}`];
    if (instructorIds) {
      if (instructorIds.length === 0) return [];
      conds.push(inArray(siteManualEntries.instructorId, instructorIds));
    }
    return ex.select({ instructorId: siteManualEntries.instructorId, date: siteManualEntries.date }).from(siteManualEntries).where(and(...conds));
  },
  async approvedManualDatesBetween(ex: Executor, countyId: string, from: string, to: string) {
    return ex
      .select({ instructorId: siteManualEntries.instructorId, date: siteManualEntries.date })
      .from(siteManualEntries)
      .where(and(eq(siteManualEntries.countyId, countyId), eq(siteManualEntries.status, 'approved'), gte(siteManualEntries.date, from), lte(siteManualEntries.date, to)));
  },
  async insertManual(ex: Executor, values: typeof siteManualEntries.$inferInsert) {
    const [row] = await ex.insert(siteManualEntries).values(values).onConflictDoNothing().returning();
    return row ?? null;
  },
  async findManual(ex: Executor, countyId: string, id: string): Promise<ManualEntryRow | null> {
    const [row] = await ex.select().from(siteManualEntries).where(and(eq(siteManualEntries.countyId, countyId), eq(siteManualEntries.id, id)));
    return row ?? null;
  },
  async decideManual(ex: Executor, id: string, version: number, values: Partial<typeof siteManualEntries.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(siteManualEntries).set({ ...values, version: version + 1 }).where(and(eq(siteManualEntries.id, id), eq(siteManualEntries.version, version), eq(siteManualEntries.status, 'pending'))).returning({ id: siteManualEntries.id });
    return rows.length === 1;
  },
  async listManual(ex: Executor, countyId: string, f: { pathPattern: string; status?: string; instructorId?: string }, page: Page) {
    const conds: SQL[] = [eq(siteManualEntries.countyId, countyId), like(siteManualEntries.orgPath, f.pathPattern)];
    if (f.status) conds.push(eq(siteManualEntries.status, f.status));
    if (f.instructorId) conds.push(eq(siteManualEntries.instructorId, f.instructorId));
    const where = and(...conds);
    const rows = await ex
      .select({ m: siteManualEntries, instructorName: instructors.name, enterpriseName: enterprises.name })
      .from(siteManualEntries)
      .innerJoin(instructors, and(eq(instructors.countyId, siteManualEntries.countyId), eq(instructors.id, siteManualEntries.instructorId)))
      .innerJoin(enterprises, and(eq(enterprises.countyId, siteManualEntries.countyId), eq(enterprises.id, siteManualEntries.enterpriseId)))
      .where(where)
      .orderBy(desc(siteManualEntries.date), asc(siteManualEntries.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(siteManualEntries).where(where);
    return { rows: rows.map((r) => ({ ...r.m, instructorName: r.instructorName, enterpriseName: r.enterpriseName })), total: Number(n) };
  },

  // ---- month figures ----
  async monthsOf(ex: Executor, countyId: string, instructorIds: string[], months: string[]) {
    if (instructorIds.length === 0 || months.length === 0) return [];
    return ex.select().from(instructorMonths).where(and(eq(instructorMonths.countyId, countyId), inArray(instructorMonths.instructorId, instructorIds), inArray(instructorMonths.month, months)));
  },
  async recentMonths(ex: Executor, countyId: string, instructorId: string, limit: number) {
    return ex.select().from(instructorMonths).where(and(eq(instructorMonths.countyId, countyId), eq(instructorMonths.instructorId, instructorId))).orderBy(desc(instructorMonths.month)).limit(limit);
  },
  async allInstructors(ex: Executor, countyId: string) {
    return ex.select({ id: instructors.id, orgPath: instructors.orgPath }).from(instructors).where(eq(instructors.countyId, countyId));
  },
  /** Upserts month figures with one array parameter per column (unnest): thousands of rows in one cheap statement. */
  async upsertMonths(ex: Executor, rows: (typeof instructorMonths.$inferInsert)[]) {
    for (let i = 0; i < rows.length; i += 5000) {
      const part = rows.slice(i, i + 5000);
      const col = <T extends Scalar>(f: (r: (typeof part)[number]) => T) => pgArrayLiteral(part.map(f));
      await ex.execute(sql`
        insert into instructor_months (county_id, instructor_id, month, org_path, working_days, onsite_days, ratio_permille, below, warning, closed_at)
        select * from unnest(${col((r) => r.countyId)}::uuid[], ${col((r) => r.instructorId)}::uuid[], ${col((r) => r.month)}::text[], ${col((r) => r.orgPath)}::text[],
                             ${col((r) => r.workingDays)}::int[], ${col((r) => r.onsiteDays)}::int[], ${col((r) => r.ratioPermille ?? null)}::int[], ${col((r) => r.below)}::boolean[],
                             ${col((r) => r.warning ?? null)}::text[], ${col((r) => r.closedAt.toISOString())}::timestamptz[])
        on conflict (county_id, instructor_id, month) do update set working_days = excluded.working_days, onsite_days = excluded.onsite_days,
          ratio_permille = excluded.ratio_permille, below = excluded.below, warning = excluded.warning, closed_at = excluded.closed_at, org_path = excluded.org_path`);
    }
  },

  // ---- callbacks ----
  async insertCallback(ex: Executor, values: typeof instructorCallbacks.$inferInsert) {
    const [row] = await ex.insert(instructorCallbacks).values(values).onConflictDoNothing().returning();
    return row ?? null;
  },
  async listCallbacks(ex: Executor, countyId: string, f: { pathPattern: string; quarter?: string }, page: Page) {
    const conds: SQL[] = [eq(instructorCallbacks.countyId, countyId), like(instructorCallbacks.orgPath, f.pathPattern)];
    if (f.quarter) conds.push(eq(instructorCallbacks.quarter, f.quarter));
    const where = and(...conds);
    const rows = await ex
      .select({ c: instructorCallbacks, enterpriseName: enterprises.name, instructorName: instructors.name })
      .from(instructorCallbacks)
      .innerJoin(enterprises, and(eq(enterprises.countyId, instructorCallbacks.countyId), eq(enterprises.id, instructorCallbacks.enterpriseId)))
      .innerJoin(instructors, and(eq(instructors.countyId, instructorCallbacks.countyId), eq(instructors.id, instructorCallbacks.instructorId)))
      .where(where)
      .orderBy(desc(instructorCallbacks.calledOn), asc(instructorCallbacks.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructorCallbacks).where(where);
    return { rows: rows.map((r) => ({ ...r.c, enterpriseName: r.enterpriseName, instructorName: r.instructorName })), total: Number(n) };
  },

  // ---- the year-end assessment ----
  async findAssessment(ex: Executor, countyId: string, instructorId: string, year: number) {
    const [row] = await ex.select().from(instructorAssessments).where(and(eq(instructorAssessments.countyId, countyId), eq(instructorAssessments.instructorId, instructorId), eq(instructorAssessments.year, year)));
    return row ?? null;
  },
  async insertAssessment(ex: Executor, values: typeof instructorAssessments.$inferInsert) {
    await ex.insert(instructorAssessments).values(values);
  },
  async updateAssessment(ex: Executor, key: { countyId: string; instructorId: string; year: number }, version: number, values: Partial<typeof instructorAssessments.$inferInsert>): Promise<boolean> {
    const rows = await ex
      .update(instructorAssessments)
      .set({ ...values, version: version + 1 })
      .where(and(eq(instructorAssessments.countyId, key.countyId), eq(instructorAssessments.instructorId, key.instructorId), eq(instructorAssessments.year, key.year), eq(instructorAssessments.version, version)))
      .returning({ v: instructorAssessments.version });
    return rows.length === 1;
  },
  async listAssessments(ex: Executor, countyId: string, f: { pathPattern: string; year: number; grade?: string }, page: Page) {
    const conds: SQL[] = [eq(instructorAssessments.countyId, countyId), eq(instructorAssessments.year, f.year), like(instructorAssessments.orgPath, f.pathPattern)];
    if (f.grade) conds.push(eq(instructorAssessments.grade, f.grade));
    const where = and(...conds);
    const rows = await ex
      .select({ a: instructorAssessments, name: instructors.name })
      .from(instructorAssessments)
      .innerJoin(instructors, and(eq(instructors.countyId, instructorAssessments.countyId), eq(instructors.id, instructorAssessments.instructorId)))
      .where(where)
      .orderBy(desc(instructorAssessments.scoreTenths), asc(instructors.name), asc(instructors.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructorAssessments).where(where);
    return { rows: rows.map((r) => ({ ...r.a, name: r.name })), total: Number(n) };
  },

  // ---- work log and problems ----
  async insertLog(ex: Executor, values: typeof instructorWorkLogs.$inferInsert) {
    const [row] = await ex.insert(instructorWorkLogs).values(values).returning();
    return row;
  },
  async listLogs(ex: Executor, countyId: string, instructorId: string, month: string | undefined, page: Page) {
    const conds: SQL[] = [eq(instructorWorkLogs.countyId, countyId), eq(instructorWorkLogs.instructorId, instructorId)];
    if (month) conds.push(sql`${instructorWorkLogs.date}::text like ${`${month}-%`}`);
    const where = and(...conds);
    const rows = await ex
      .select({ l: instructorWorkLogs, enterpriseName: enterprises.name, problemId: sql<string | null>`(select p.id from ${instructorProblems} p where p.county_id = ${instructorWorkLogs.countyId} and p.work_log_id = ${instructorWorkLogs.id} limit 1)` })
      .from(instructorWorkLogs)
      .innerJoin(enterprises, and(eq(enterprises.countyId, instructorWorkLogs.countyId), eq(enterprises.id, instructorWorkLogs.enterpriseId)))
      .where(where)
      .orderBy(desc(instructorWorkLogs.date), desc(instructorWorkLogs.createdAt), asc(instructorWorkLogs.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructorWorkLogs).where(where);
    return { rows: rows.map((r) => ({ ...r.l, enterpriseName: r.enterpriseName, problemId: r.problemId })), total: Number(n) };
  },
  async insertProblem(ex: Executor, values: typeof instructorProblems.$inferInsert) {
    const [row] = await ex.insert(instructorProblems).values(values).returning();
    return row;
  },
  async findProblem(ex: Executor, countyId: string, id: string): Promise<ProblemRow | null> {
    const [row] = await ex.select().from(instructorProblems).where(and(eq(instructorProblems.countyId, countyId), eq(instructorProblems.id, id)));
    return row ?? null;
  },
  async solveProblem(ex: Executor, id: string, version: number, values: Partial<typeof instructorProblems.$inferInsert>): Promise<boolean> {
    const rows = await ex.update(instructorProblems).set({ ...values, version: version + 1 }).where(and(eq(instructorProblems.id, id), eq(instructorProblems.version, version), eq(instructorProblems.status, 'open'))).returning({ id: instructorProblems.id });
    return rows.length === 1;
  },
  async listProblems(ex: Executor, countyId: string, instructorId: string, status: string | undefined, page: Page) {
    const conds: SQL[] = [eq(instructorProblems.countyId, countyId), eq(instructorProblems.instructorId, instructorId)];
    if (status) conds.push(eq(instructorProblems.status, status));
    const where = and(...conds);
    const rows = await ex
      .select({ p: instructorProblems, enterpriseName: enterprises.name })
      .from(instructorProblems)
      .innerJoin(enterprises, and(eq(enterprises.countyId, instructorProblems.countyId), eq(enterprises.id, instructorProblems.enterpriseId)))
      .where(where)
      .orderBy(asc(instructorProblems.status), desc(instructorProblems.raisedOn), asc(instructorProblems.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructorProblems).where(where);
    return { rows: rows.map((r) => ({ ...r.p, enterpriseName: r.enterpriseName })), total: Number(n) };
  },
  async openProblemCount(ex: Executor, countyId: string, instructorId: string): Promise<number> {
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(instructorProblems).where(and(eq(instructorProblems.countyId, countyId), eq(instructorProblems.instructorId, instructorId), eq(instructorProblems.status, 'open')));
    return Number(n);
  },

  // ---- 两书一册 (the two letters of an assignment) ----
  async findAssignmentWithNames(ex: Executor, countyId: string, id: string) {
    const [row] = await ex
      .select({ a: instructorAssignments, enterpriseName: enterprises.name, townOrgId: enterprises.townOrgId, instructorName: instructors.name })
      .from(instructorAssignments)
      .innerJoin(enterprises, and(eq(enterprises.countyId, instructorAssignments.countyId), eq(enterprises.id, instructorAssignments.enterpriseId)))
      .innerJoin(instructors, and(eq(instructors.countyId, instructorAssignments.countyId), eq(instructors.id, instructorAssignments.instructorId)))
      .where(and(eq(instructorAssignments.countyId, countyId), eq(instructorAssignments.id, id)));
    return row ?? null;
  },
  /** Assignments with their letters: the county's (active, in scope; `missing` = a letter unsigned) or one instructor's (all). */
  async listLetters(ex: Executor, countyId: string, f: { pathPattern?: string; instructorId?: string; activeOnly: boolean; missing?: boolean; townOrgId?: string }, page: Page) {
    const a = instructorAssignments;
    const conds: SQL[] = [eq(a.countyId, countyId)];
    if (f.pathPattern) conds.push(like(a.orgPath, f.pathPattern));
    if (f.instructorId) conds.push(eq(a.instructorId, f.instructorId));
    if (f.activeOnly) conds.push(eq(a.active, true));
    if (f.townOrgId) conds.push(eq(enterprises.townOrgId, f.townOrgId));
    if (f.missing !== undefined) {
      const missing = sql`(${a.targetLetterFileId} is null or ${a.commitmentLetterFileId} is null)`;
      conds.push(f.missing ? missing : sql`not ${missing}`);
    }
    const where = and(...conds);
    const from = () =>
      ex
        .select({ a, enterpriseName: enterprises.name, townOrgId: enterprises.townOrgId, instructorName: instructors.name })
        .from(a)
        .innerJoin(enterprises, and(eq(enterprises.countyId, a.countyId), eq(enterprises.id, a.enterpriseId)))
        .innerJoin(instructors, and(eq(instructors.countyId, a.countyId), eq(instructors.id, a.instructorId)));
    const rows = await from().where(where).orderBy(desc(a.active), asc(a.orgPath), asc(enterprises.name), asc(a.id)).limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex
      .select({ n: sql<number>`count(*)::int` })
      .from(a)
      .innerJoin(enterprises, and(eq(enterprises.countyId, a.countyId), eq(enterprises.id, a.enterpriseId)))
      .where(where);
    return { rows, total: Number(n) };
  },
  async setLetter(ex: Executor, id: string, kind: 'target' | 'commitment', fileId: string, now: Date) {
    const set = kind === 'target' ? { targetLetterFileId: fileId, targetLetterSignedAt: now, updatedAt: now } : { commitmentLetterFileId: fileId, commitmentLetterSignedAt: now, updatedAt: now };
    await ex.update(instructorAssignments).set(set).where(eq(instructorAssignments.id, id));
  },
};
