// The only code that touches the development tables (prospects, files, events, family, form numbers, rule sets).
import { and, asc, desc, eq, gte, inArray, like, lt, lte, max, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { counties, developmentApprovalAuthorities, developmentEvents, developmentWarnings, developmentFamily, developmentFiles, developmentProspects, developmentQuotas, formNumbers, orgs, ruleSets } from '../../db/schema/index';

export type FileRow = typeof developmentFiles.$inferSelect;
export type FileInsert = typeof developmentFiles.$inferInsert;
export type EventRow = typeof developmentEvents.$inferSelect;
export type EventInsert = typeof developmentEvents.$inferInsert;
export type ProspectRow = typeof developmentProspects.$inferSelect;
export type FormNumberRow = typeof formNumbers.$inferSelect;

export type FileFilter = {
  pathPattern: string;
  stage?: number;
  status?: string;
  overdueBefore?: string;
  deadlineFrom?: string;
  deadlineTo?: string;
  name?: string;
};

const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function fileConditions(countyId: string, f: FileFilter): SQL[] {
  const conds: SQL[] = [eq(developmentFiles.countyId, countyId), like(developmentFiles.orgPath, f.pathPattern)];
  if (f.stage) conds.push(eq(developmentFiles.stage, f.stage));
  if (f.status) conds.push(eq(developmentFiles.status, f.status));
  if (f.overdueBefore) conds.push(lt(developmentFiles.nextDeadline, f.overdueBefore), eq(developmentFiles.status, 'active'));
  if (f.deadlineFrom) conds.push(gte(developmentFiles.nextDeadline, f.deadlineFrom), eq(developmentFiles.status, 'active'));
  if (f.deadlineTo) conds.push(lte(developmentFiles.nextDeadline, f.deadlineTo));
  if (f.name) conds.push(like(developmentFiles.name, `%${likeEscape(f.name)}%`));
  return conds;
}

export const developmentRepository = {
  /** An org merged into another: the files and prospects on it (with their form numbers and warnings) move to the target. */
  async followOrgMerge(ex: Executor, countyId: string, fromOrgId: string, into: { id: string; path: string }): Promise<void> {
    const onFrom = sql`select id from ${developmentFiles} where county_id = ${countyId} and org_id = ${fromOrgId}`;
    await ex.execute(sql`update ${formNumbers} set org_path = ${into.path} where county_id = ${countyId} and file_id in (${onFrom})`);
    await ex.execute(sql`update ${developmentWarnings} set org_path = ${into.path} where county_id = ${countyId} and file_id in (${onFrom})`);
    await ex.execute(sql`update ${developmentFiles} set org_id = ${into.id}, org_path = ${into.path} where county_id = ${countyId} and org_id = ${fromOrgId}`);
    await ex.execute(sql`update ${developmentProspects} set org_id = ${into.id}, org_path = ${into.path} where county_id = ${countyId} and org_id = ${fromOrgId}`);
  },

  async countyCode(ex: Executor, countyId: string): Promise<string> {
    const [row] = await ex.select({ code: counties.code }).from(counties).where(eq(counties.id, countyId));
    return row?.code ?? '000000';
  },

  // Rule sets
  async ruleSetVersions(ex: Executor, countyId: string, name: string) {
    return ex.select().from(ruleSets).where(and(eq(ruleSets.countyId, countyId), eq(ruleSets.name, name))).orderBy(desc(ruleSets.version));
  },
  async insertRuleSet(ex: Executor, values: typeof ruleSets.$inferInsert) {
    const [row] = await ex.insert(ruleSets).values(values).returning();
    return row;
  },

  // Prospects
  async insertProspect(ex: Executor, values: typeof developmentProspects.$inferInsert): Promise<ProspectRow> {
    const [row] = await ex.insert(developmentProspects).values(values).returning();
    return row;
  },
  async findProspect(ex: Executor, countyId: string, id: string): Promise<ProspectRow | null> {
    const [row] = await ex.select().from(developmentProspects).where(and(eq(developmentProspects.countyId, countyId), eq(developmentProspects.id, id)));
    return row ?? null;
  },
  async linkProspect(ex: Executor, id: string, fileId: string): Promise<void> {
    await ex.update(developmentProspects).set({ fileId }).where(eq(developmentProspects.id, id));
  },
  async listProspects(ex: Executor, countyId: string, pathPattern: string, page: { page: number; pageSize: number }) {
    const where = and(eq(developmentProspects.countyId, countyId), like(developmentProspects.orgPath, pathPattern));
    const rows = await ex
      .select({ p: developmentProspects, orgName: orgs.name })
      .from(developmentProspects)
      .innerJoin(orgs, eq(orgs.id, developmentProspects.orgId))
      .where(where)
      .orderBy(desc(developmentProspects.createdAt), asc(developmentProspects.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(developmentProspects).where(where);
    return { rows, total: n };
  },

  // Files
  async insertFile(ex: Executor, values: FileInsert): Promise<FileRow> {
    const [row] = await ex.insert(developmentFiles).values(values).returning();
    return row;
  },
  async findFile(ex: Executor, countyId: string, id: string): Promise<{ file: FileRow; orgName: string } | null> {
    const [row] = await ex
      .select({ file: developmentFiles, orgName: orgs.name })
      .from(developmentFiles)
      .innerJoin(orgs, eq(orgs.id, developmentFiles.orgId))
      .where(and(eq(developmentFiles.countyId, countyId), eq(developmentFiles.id, id)));
    return row ?? null;
  },
  async findOpenFileByIdHash(ex: Executor, countyId: string, idNumberHash: string): Promise<FileRow | null> {
    const [row] = await ex
      .select()
      .from(developmentFiles)
      .where(and(eq(developmentFiles.countyId, countyId), eq(developmentFiles.idNumberHash, idNumberHash), eq(developmentFiles.status, 'active')));
    return row ?? null;
  },
  async updateFileVersioned(ex: Executor, id: string, version: number, values: Partial<FileInsert>): Promise<boolean> {
    const rows = await ex
      .update(developmentFiles)
      .set({ ...values, version: version + 1 })
      .where(and(eq(developmentFiles.id, id), eq(developmentFiles.version, version)))
      .returning({ id: developmentFiles.id });
    return rows.length === 1;
  },
  async listFiles(ex: Executor, countyId: string, f: FileFilter, page: { page: number; pageSize: number; byDeadline: boolean }) {
    const where = and(...fileConditions(countyId, f));
    const order = page.byDeadline
      ? [asc(developmentFiles.nextDeadline), asc(developmentFiles.id)]
      : [asc(developmentFiles.orgPath), desc(developmentFiles.updatedAt), asc(developmentFiles.id)];
    const rows = await ex
      .select({ file: developmentFiles, orgName: orgs.name })
      .from(developmentFiles)
      .innerJoin(orgs, eq(orgs.id, developmentFiles.orgId))
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(developmentFiles).where(where);
    return { rows, total: n };
  },

  /** Open files per stage and step in a subtree, and deadline counts — one grouped scan of the subtree's open files. */
  async pipelineCounts(ex: Executor, countyId: string, pathPattern: string, today: string, weekEnd: string, monthEnd: string, yearStart: string) {
    const steps = await queryRows<{ stage: number; current_step: number; n: number; overdue: number; week: number; month: number }>(
      ex,
      sql`select stage, current_step, count(*)::int as n,
            count(*) filter (where next_deadline < ${today})::int as overdue,
            count(*) filter (where next_deadline >= ${today} and next_deadline <= ${weekEnd})::int as week,
            count(*) filter (where next_deadline >= ${today} and next_deadline <= ${monthEnd})::int as month
          from ${developmentFiles}
          where county_id = ${countyId} and status = 'active' and org_path like ${pathPattern}
          group by stage, current_step`,
    );
    const [done] = await queryRows<{ n: number }>(
      ex,
      sql`select count(*)::int as n from ${developmentFiles}
          where county_id = ${countyId} and status = 'completed' and org_path like ${pathPattern} and completed_on >= ${yearStart}`,
    );
    return { steps, completedThisYear: done?.n ?? 0 };
  },

  /** Open warnings (from the daily job) per kind in a subtree. */
  async warningCounts(ex: Executor, countyId: string, pathPattern: string) {
    return queryRows<{ kind: string; n: number }>(
      ex,
      sql`select kind, count(*)::int as n from ${developmentWarnings}
          where county_id = ${countyId} and resolved_on is null and org_path like ${pathPattern} group by kind`,
    );
  },
  async listWarnings(ex: Executor, countyId: string, pathPattern: string, q: { kind?: string; page: number; pageSize: number }) {
    const conds = [eq(developmentWarnings.countyId, countyId), sql`${developmentWarnings.resolvedOn} is null`, like(developmentWarnings.orgPath, pathPattern)];
    if (q.kind) conds.push(eq(developmentWarnings.kind, q.kind));
    const where = and(...conds);
    const rows = await ex
      .select({ w: developmentWarnings, name: developmentFiles.name, orgName: orgs.name })
      .from(developmentWarnings)
      .innerJoin(developmentFiles, eq(developmentFiles.id, developmentWarnings.fileId))
      .innerJoin(orgs, eq(orgs.id, developmentFiles.orgId))
      .where(where)
      .orderBy(asc(developmentWarnings.due), asc(developmentWarnings.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(developmentWarnings).where(where);
    return { rows, total: n };
  },
  /** Paths of open files voted in by their branch and awaiting the committee's approval (steps 15–16). */
  async awaitingApprovalPaths(ex: Executor, countyId: string, pathPattern: string): Promise<string[]> {
    const rows = await queryRows<{ org_path: string }>(
      ex,
      sql`select org_path from ${developmentFiles}
          where county_id = ${countyId} and status = 'active' and stage = 4 and current_step in (15, 16) and org_path like ${pathPattern}`,
    );
    return rows.map((r) => r.org_path);
  },

  // Events and family
  async insertEvent(ex: Executor, values: EventInsert): Promise<EventRow> {
    const [row] = await ex.insert(developmentEvents).values(values).returning();
    return row;
  },
  /**
   * A file's events in the order they happened: by date (a step is never dated before the previous one), then by when
   * they were recorded, then by step (an import records many at once). Step alone is not an order: 23 (extension) →
   * 24 (its approval) → 23 (conversion) → 24.
   */
  async events(ex: Executor, fileId: string): Promise<EventRow[]> {
    return ex.select().from(developmentEvents).where(eq(developmentEvents.fileId, fileId)).orderBy(asc(developmentEvents.date), asc(developmentEvents.recordedAt), asc(developmentEvents.step));
  },
  async insertFamily(ex: Executor, rows: (typeof developmentFamily.$inferInsert)[]): Promise<void> {
    if (rows.length > 0) await ex.insert(developmentFamily).values(rows);
  },
  async family(ex: Executor, fileId: string) {
    return ex.select().from(developmentFamily).where(eq(developmentFamily.fileId, fileId)).orderBy(asc(developmentFamily.name));
  },

  // Form numbers (一人一号)
  async nextFormSeq(ex: Executor, countyId: string, year: number): Promise<number> {
    const [row] = await ex.select({ m: max(formNumbers.seq) }).from(formNumbers).where(and(eq(formNumbers.countyId, countyId), eq(formNumbers.year, year)));
    return (row?.m ?? 0) + 1;
  },
  /** The form numbers issued to these files, with the person's name (the import's audit entries). */
  async formNumbersOfFiles(ex: Executor, countyId: string, fileIds: readonly string[]) {
    if (fileIds.length === 0) return [];
    return ex
      .select({ id: formNumbers.id, number: formNumbers.number, fileId: developmentFiles.id, name: developmentFiles.name })
      .from(formNumbers)
      .innerJoin(developmentFiles, eq(developmentFiles.id, formNumbers.fileId))
      .where(and(eq(formNumbers.countyId, countyId), inArray(formNumbers.fileId, [...fileIds])))
      .orderBy(asc(formNumbers.number));
  },
  /** Deletes files an unfinished import wrote, with their form numbers, events and any warning a job raised meanwhile. */
  async deleteImportedFiles(ex: Executor, fileIds: string[]): Promise<void> {
    await ex.delete(developmentWarnings).where(inArray(developmentWarnings.fileId, fileIds));
    await ex.delete(developmentFamily).where(inArray(developmentFamily.fileId, fileIds));
    await ex.delete(developmentEvents).where(inArray(developmentEvents.fileId, fileIds));
    await ex.delete(formNumbers).where(inArray(formNumbers.fileId, fileIds));
    await ex.delete(developmentFiles).where(inArray(developmentFiles.id, fileIds));
  },
  async insertFormNumber(ex: Executor, values: typeof formNumbers.$inferInsert): Promise<FormNumberRow> {
    const [row] = await ex.insert(formNumbers).values(values).returning();
    return row;
  },
  async findFormNumber(ex: Executor, countyId: string, id: string): Promise<FormNumberRow | null> {
    const [row] = await ex.select().from(formNumbers).where(and(eq(formNumbers.countyId, countyId), eq(formNumbers.id, id)));
    return row ?? null;
  },
  async findFormNumberByNumber(ex: Executor, countyId: string, number: string): Promise<FormNumberRow | null> {
    const [row] = await ex.select().from(formNumbers).where(and(eq(formNumbers.countyId, countyId), eq(formNumbers.number, number)));
    return row ?? null;
  },
  async voidFormNumber(ex: Executor, id: string, at: Date, reason: string): Promise<boolean> {
    const rows = await ex
      .update(formNumbers)
      .set({ status: 'voided', voidedAt: at, voidReason: reason })
      .where(and(eq(formNumbers.id, id), eq(formNumbers.status, 'issued')))
      .returning({ id: formNumbers.id });
    return rows.length === 1;
  },
  async listFormNumbers(ex: Executor, countyId: string, pathPattern: string, page: { page: number; pageSize: number }) {
    const where = and(eq(formNumbers.countyId, countyId), like(formNumbers.orgPath, pathPattern));
    const rows = await ex
      .select({ n: formNumbers, personName: developmentFiles.name, orgName: orgs.name, file: { status: developmentFiles.status, currentStep: developmentFiles.currentStep, formNumber: developmentFiles.formNumber } })
      .from(formNumbers)
      .innerJoin(developmentFiles, eq(developmentFiles.id, formNumbers.fileId))
      .innerJoin(orgs, eq(orgs.id, developmentFiles.orgId))
      .where(where)
      .orderBy(desc(formNumbers.year), desc(formNumbers.seq))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize);
    const [{ n }] = await ex.select({ n: sql<number>`count(*)::int` }).from(formNumbers).where(where);
    return { rows, total: n };
  },
  async fileIdsWithOrgs(ex: Executor, countyId: string, ids: string[]) {
    if (ids.length === 0) return [];
    return ex.select({ id: developmentFiles.id }).from(developmentFiles).where(and(eq(developmentFiles.countyId, countyId), inArray(developmentFiles.id, ids)));
  },

  // Approval authority (审批权): the county's decision per committee, if any
  async approvalGrant(ex: Executor, countyId: string, orgId: string): Promise<boolean | null> {
    const [row] = await ex.select({ entitled: developmentApprovalAuthorities.entitled }).from(developmentApprovalAuthorities).where(and(eq(developmentApprovalAuthorities.countyId, countyId), eq(developmentApprovalAuthorities.orgId, orgId)));
    return row ? row.entitled : null;
  },
  async approvalGrants(ex: Executor, countyId: string) {
    return ex.select().from(developmentApprovalAuthorities).where(eq(developmentApprovalAuthorities.countyId, countyId));
  },
  async setApprovalGrant(ex: Executor, values: { countyId: string; orgId: string; entitled: boolean | null; reason: string; decidedBy: string; decidedAt: Date }) {
    if (values.entitled === null) {
      await ex.delete(developmentApprovalAuthorities).where(and(eq(developmentApprovalAuthorities.countyId, values.countyId), eq(developmentApprovalAuthorities.orgId, values.orgId)));
      return;
    }
    await ex
      .insert(developmentApprovalAuthorities)
      .values({ ...values, entitled: values.entitled })
      .onConflictDoUpdate({ target: [developmentApprovalAuthorities.countyId, developmentApprovalAuthorities.orgId], set: { entitled: values.entitled, reason: values.reason, decidedBy: values.decidedBy, decidedAt: values.decidedAt } });
  },

  // Quotas and admissions (control totals, structure)
  async quotas(ex: Executor, countyId: string, year: number) {
    return ex.select().from(developmentQuotas).where(and(eq(developmentQuotas.countyId, countyId), eq(developmentQuotas.year, year)));
  },
  async upsertQuota(ex: Executor, values: { countyId: string; orgId: string; year: number; quota: number; now: Date }) {
    const [row] = await ex
      .insert(developmentQuotas)
      .values({ countyId: values.countyId, orgId: values.orgId, year: values.year, quota: values.quota, createdAt: values.now, updatedAt: values.now })
      .onConflictDoUpdate({ target: [developmentQuotas.countyId, developmentQuotas.orgId, developmentQuotas.year], set: { quota: values.quota, updatedAt: values.now, version: sql`${developmentQuotas.version} + 1` } })
      .returning();
    return row;
  },
  /** People approved for admission (step 17) in a date range under a subtree, with what the structure needs. */
  async admissions(ex: Executor, countyId: string, pathPattern: string, from: string, to: string) {
    return ex
      .select({ date: developmentEvents.date, birthDate: developmentFiles.birthMonth, gender: developmentFiles.gender, education: developmentFiles.education, occupation: developmentFiles.occupation, orgPath: developmentFiles.orgPath })
      .from(developmentEvents)
      .innerJoin(developmentFiles, eq(developmentFiles.id, developmentEvents.fileId))
      .where(and(eq(developmentEvents.countyId, countyId), eq(developmentEvents.step, 17), gte(developmentEvents.date, from), lte(developmentEvents.date, to), like(developmentFiles.orgPath, pathPattern)));
  },
};
