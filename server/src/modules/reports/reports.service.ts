// Situation reports (汇报情况) of mobile members: submitted monthly from the phone, accepted or returned by the branch;
// the missing ones listed. An accepted report is what the mobile module's stars count.
import {
  ZReportReview,
  ZReportSubmit,
  conflict,
  invalid,
  nthBirthday,
  sniffFileType,
  notFound,
  starSchemeFor,
  yearsBetween,
  type MissingReports,
  type MissingReportsQuery,
  type MyOverview,
  type Report,
  type ReportStatus,
  type StoredFile,
} from '@yanzhen/domain';
import { createFilesService } from '../files/files.service';
import { and, arrayContains, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { members, orgs, situationReports } from '../../db/schema/index';
import { loadOrgInScope, loadSelf, thisMonth, todayOf } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';
import { refreshMembers } from '../stars/stars.service';
import { createThemeDaysService } from '../theme-days/theme-days.service';

type ReportRow = typeof situationReports.$inferSelect & { memberName: string; orgName: string };

const present = (r: ReportRow, files: Map<string, StoredFile> = new Map()): Report => ({
  id: r.id,
  memberId: r.memberId,
  memberName: r.memberName,
  orgName: r.orgName,
  month: r.month,
  content: r.content,
  location: r.location,
  status: r.status as ReportStatus,
  reviewNote: r.reviewNote,
  submittedAt: r.createdAt.toISOString(),
  photos: r.photoFileIds.map((id) => files.get(id)).filter((f): f is StoredFile => !!f),
  version: r.version,
});

// The same month submitted twice at once: the unique index decides, the error edge answers 409.
registerUniqueConflicts({ situation_reports_member_month_uq: { code: 'REPORT_EXISTS', message: '该月的汇报已提交，请刷新后修改' } });

export function createReportsService(ctx: AppContext) {
  const files = createFilesService(ctx);
  /** The photos of some reports, described in one query (the caller was allowed to read the reports). */
  const photosOf = (ex: Executor, countyId: string, rows: { photoFileIds: string[] }[]) => files.describe(ex, countyId, [...new Set(rows.flatMap((r) => r.photoFileIds))]);
  const select = (ex: Executor = ctx.db) =>
    ex
      .select({ r: situationReports, memberName: members.name, orgName: orgs.name })
      .from(situationReports)
      .innerJoin(members, eq(members.id, situationReports.memberId))
      .innerJoin(orgs, eq(orgs.id, members.orgId));
  const flat = (x: { r: typeof situationReports.$inferSelect; memberName: string; orgName: string }): ReportRow => ({ ...x.r, memberName: x.memberName, orgName: x.orgName });

  async function submit(actor: Actor, body: unknown): Promise<Report> {
    requirePermission(actor, 'self.write');
    const input = validate(ZReportSubmit, body);
    if (input.month > thisMonth(ctx)) throw invalid('不能提交以后月份的汇报', [{ path: 'month', message: '月份不能晚于本月' }]);
    return await ctx.db.transaction(async (tx) => {
      const me = await loadSelf(tx, actor);
      const [existing] = await tx.select().from(situationReports).where(and(eq(situationReports.countyId, actor.countyId), eq(situationReports.memberId, me.id), eq(situationReports.month, input.month)));
      const now = ctx.clock();
      // Photos must be the member's own uploads (or their branch's files): all or nothing.
      const attached = await files.requireAttachable(tx, actor, input.photoFileIds, me.orgPath);
      // Stricter than the branch: a report carries only photos its author uploaded.
      if (attached.some((f) => f.createdBy !== actor.accountId)) throw invalid('只能附上本人上传的照片，请重新上传', [{ path: 'photoFileIds', message: '照片不是本人上传的' }], 'FILE_NOT_ATTACHABLE');
      let row: typeof situationReports.$inferSelect;
      if (existing) {
        // A returned report may be resubmitted; a pending one edited; an accepted one stays.
        if (existing.status === 'accepted') throw conflict(`${input.month} 的汇报已被支部认可，不能再修改`, 'REPORT_ACCEPTED');
        [row] = await tx.update(situationReports).set({ content: input.content, location: input.location, photoFileIds: input.photoFileIds, status: 'submitted', reviewNote: null, version: existing.version + 1, updatedAt: now }).where(eq(situationReports.id, existing.id)).returning();
      } else {
        [row] = await tx.insert(situationReports).values({ countyId: actor.countyId, memberId: me.id, orgPath: me.orgPath, month: input.month, content: input.content, location: input.location, photoFileIds: input.photoFileIds, createdAt: now, updatedAt: now }).returning();
      }
      await writeAudit(tx, actor, now, { action: 'report.submit', entityType: 'situationReport', entityId: row.id, before: existing ? { content: existing.content, location: existing.location, status: existing.status } : null, after: { month: input.month, content: input.content, location: input.location, photos: input.photoFileIds.length } });
      return present({ ...row, memberName: me.name, orgName: me.orgName }, await photosOf(tx, actor.countyId, [row]));
    });
  }

  /** A photo for the member's own report, from the phone: images only, stored under the member's branch. */
  async function uploadPhoto(actor: Actor, input: { fileName: string; data: Buffer }): Promise<StoredFile> {
    requirePermission(actor, 'self.write');
    const me = await loadSelf(ctx.db, actor);
    // Checked before storing: a document sent by mistake is refused, not kept.
    if (input.data.length > 0 && !sniffFileType(input.data.subarray(0, 16), input.fileName)?.startsWith('image/')) throw invalid(`“${input.fileName}”不是图片：汇报只能附照片（JPG、PNG、HEIC 等）`, undefined, 'REPORT_PHOTO_NOT_IMAGE');
    return files.upload(actor, { ...input, orgId: me.orgId });
  }

  async function mine(actor: Actor) {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const rows = await select().where(and(eq(situationReports.countyId, actor.countyId), eq(situationReports.memberId, me.id))).orderBy(desc(situationReports.month)).limit(24);
    const photos = await photosOf(ctx.db, actor.countyId, rows.map((r) => r.r));
    return { items: rows.map((r) => present(flat(r), photos)) };
  }

  async function list(actor: Actor, q: { orgId?: string; month?: string; status?: ReportStatus; page: number; pageSize: number }) {
    requirePermission(actor, 'reports.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const conds = [eq(situationReports.countyId, actor.countyId), like(members.orgPath, subtreePattern(org.path))];
    if (q.month) conds.push(eq(situationReports.month, q.month));
    if (q.status) conds.push(eq(situationReports.status, q.status));
    const where = and(...conds);
    const rows = await select().where(where).orderBy(desc(situationReports.month), asc(situationReports.status), desc(situationReports.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(situationReports).innerJoin(members, eq(members.id, situationReports.memberId)).where(where);
    const photos = await photosOf(ctx.db, actor.countyId, rows.map((r) => r.r));
    return { items: rows.map((r) => present(flat(r), photos)), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** A member's latest situation reports, for the care module's mobile ledger (the caller has checked the member's scope). */
  async function ofMember(ex: Executor, countyId: string, memberId: string, limit = 24) {
    const rows = await ex.select().from(situationReports).where(and(eq(situationReports.countyId, countyId), eq(situationReports.memberId, memberId))).orderBy(desc(situationReports.month)).limit(limit);
    return rows.map((r) => ({ id: r.id, month: r.month, location: r.location, content: r.content, status: r.status }));
  }

  async function review(actor: Actor, id: string, body: unknown): Promise<Report> {
    requirePermission(actor, 'reports.review');
    const input = validate(ZReportReview, body);
    if (!input.accept && !input.note) throw invalid('退回汇报须说明原因', [{ path: 'note', message: '请填写退回原因' }]);
    return ctx.db.transaction(async (tx) => {
      const [found] = await select(tx).where(and(eq(situationReports.countyId, actor.countyId), eq(situationReports.id, id)));
      // Scope by the branch the report was submitted to.
      if (!found || actor.role === 'member' || !orgInScope(actor, found.r.orgPath)) throw notFound('汇报');
      const status = input.accept ? 'accepted' : 'returned';
      const now = ctx.clock();
      const [row] = await tx
        .update(situationReports)
        .set({ status, reviewNote: input.note, reviewedBy: actor.accountId, reviewedAt: now, version: input.version + 1, updatedAt: now })
        .where(and(eq(situationReports.id, id), eq(situationReports.version, input.version)))
        .returning();
      if (!row) throw conflict('该汇报已被他人处理或已修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'report.review', entityType: 'situationReport', entityId: id, before: { status: found.r.status }, after: { status, note: input.note } });
      await refreshMembers(ctx, tx, actor.countyId, [row.memberId], [row.month]);
      return present({ ...row, memberName: found.memberName, orgName: found.orgName }, await photosOf(tx, actor.countyId, [row]));
    });
  }

  /** Mobile members of the subtree without a submitted (or accepted) report for the month. */
  async function missing(actor: Actor, q: MissingReportsQuery): Promise<MissingReports> {
    requirePermission(actor, 'reports.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const month = q.month ?? thisMonth(ctx);
    const reported = and(eq(situationReports.countyId, members.countyId), eq(situationReports.memberId, members.id), eq(situationReports.month, month), sql`${situationReports.status} <> 'returned'`);
    const where = and(eq(members.countyId, actor.countyId), like(members.orgPath, subtreePattern(org.path)), isNull(members.leftAt), arrayContains(members.categories, ['mobile']), isNull(situationReports.id));
    const [rows, [{ n }]] = await Promise.all([
      ctx.db
        .select({ memberId: members.id, name: members.name, orgName: orgs.name, mobileDestination: members.mobileDestination })
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .leftJoin(situationReports, reported)
        .where(where)
        .orderBy(asc(members.orgPath), asc(members.namePinyin), asc(members.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: sql<number>`count(*)::int` }).from(members).leftJoin(situationReports, reported).where(where),
    ]);
    return { month, items: rows, total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** The member's home page: party birthday (入党纪念日), and the branch's notices for this month. */
  async function overview(actor: Actor): Promise<MyOverview> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const today = todayOf(ctx);
    const years = yearsBetween(me.joinDate, today);
    let next = nthBirthday(me.joinDate, years + 1);
    if (nthBirthday(me.joinDate, years) === today) next = today;
    const days = Math.round((Date.parse(next) - Date.parse(today)) / 86_400_000);
    const scheme = starSchemeFor(me.categories);
    const td = await createThemeDaysService(ctx).mine(actor);
    const notices: MyOverview['notices'] = [];
    if (td.themeDay) notices.push({ kind: 'themeDay', text: `${td.themeDay.date} ${td.themeDay.topic}（${td.themeDay.place}）${td.checkedInAt ? '，您已签到' : ''}` });
    else notices.push({ kind: 'themeDay', text: `${me.orgName}本月主题党日尚未安排` });
    if (scheme === 'mobile') {
      const month = thisMonth(ctx);
      const [r] = await ctx.db.select({ status: situationReports.status }).from(situationReports).where(and(eq(situationReports.countyId, actor.countyId), eq(situationReports.memberId, me.id), eq(situationReports.month, month)));
      notices.push({ kind: 'report', text: r ? `本月汇报${r.status === 'accepted' ? '已被支部认可' : r.status === 'returned' ? '被退回，请修改后重新提交' : '已提交，等待支部审阅'}` : '请提交本月的思想和工作情况汇报' });
    }
    if (days <= 30) notices.push({ kind: 'birthday', text: days === 0 ? `今天是您的政治生日（入党${years}周年）` : `${days}天后是您的政治生日（${next}）` });
    return { name: me.name, orgName: me.orgName, scheme, joinDate: me.joinDate, partyYears: years, nextPartyBirthday: next, daysToPartyBirthday: days, notices };
  }

  return { submit, uploadPhoto, mine, list, review, missing, overview, ofMember };
}
