// Duty items: lists (my items, items to review), reporting with evidence, accept / return, rectifications, the
// secretary's home. Every write: scope check, one transaction, rollup refreshed, audited; the board hears after commit.
import {
  ZEvidenceSpec,
  conflict,
  describeDueRule,
  evidenceProblems,
  forbidden,
  invalid,
  isOnTime,
  notFound,
  toChinaDate,
  addDays,
  ZDueRule,
  type DutyFrequency,
  type DutyHome,
  type DutyItemDetail,
  type DutyItemListQuery,
  type DutyReview,
  type DutySubmit,
  type DutySubmission,
  type DutyNotice,
} from '@yanzhen/domain';
import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, like, lt, lte, sql, type SQL } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { dutyItems, dutyMonthly, dutyNotices, dutyRectifications, dutySubmissions, dutyTemplateItems, dutyWarnings, orgs } from '../../db/schema/index';
import { createFilesService } from '../files/files.service';
import { presentItem, presentRectification, presentWarning } from './duties.mapper';
import { canReadOrg, canReviewOrg, canSubmitFor, dutyScope, readCondition, reviewCondition, type DutyScope } from './duties.policy';
import { dutiesRepository, type DutyItemRow } from './duties.repository';

export const DUTY_CHANGED = 'duty.changed';
export type DutyChangedPayload = { kind: 'submitted' | 'accepted' | 'returned'; itemId: string; orgId: string; orgName: string; secretaryName: string | null; title: string; month: string; at: string };

export function createDutiesService(ctx: AppContext) {
  const files = createFilesService(ctx);
  const today = () => toChinaDate(ctx.clock());

  async function orgOf(ex: Executor, item: DutyItemRow) {
    const [o] = await ex.select({ id: orgs.id, name: orgs.name, path: orgs.path }).from(orgs).where(eq(orgs.id, item.orgId));
    return o;
  }

  /** An item the actor may read, with its org; 404 otherwise. */
  async function loadReadable(ex: Executor, actor: Actor, id: string): Promise<{ item: DutyItemRow; org: { id: string; name: string; path: string }; scope: DutyScope }> {
    const item = await dutiesRepository.findItem(ex, actor.countyId, id);
    const scope = await dutyScope(ex, actor);
    if (!item) throw notFound('履职事项');
    const org = await orgOf(ex, item);
    if (!org || !canReadOrg(scope, org)) throw notFound('履职事项');
    return { item, org, scope };
  }

  function viewCondition(view: DutyItemListQuery['view'], day: string): SQL | undefined {
    switch (view) {
      case undefined:
        return undefined;
      case 'open':
        return inArray(dutyItems.status, ['pending', 'returned']);
      case 'late':
        return and(eq(dutyItems.status, 'pending'), lt(dutyItems.dueDate, day));
      case 'due':
        return and(eq(dutyItems.status, 'pending'), gte(dutyItems.dueDate, day), lte(dutyItems.dueDate, addDays(day, 14)));
      case 'upcoming':
        return and(eq(dutyItems.status, 'pending'), sql`${dutyItems.dueDate} > ${addDays(day, 14)}`);
      default:
        return eq(dutyItems.status, view);
    }
  }

  async function list(actor: Actor, q: DutyItemListQuery) {
    requirePermission(actor, 'duties.read');
    const scope = await dutyScope(ctx.db, actor);
    const day = today();
    const conds: (SQL | undefined)[] = [eq(dutyItems.countyId, actor.countyId), readCondition(scope, { orgId: dutyItems.orgId, orgPath: dutyItems.orgPath })];
    if (q.scope === 'mine') conds.push(eq(dutyItems.orgId, actor.orgId));
    if (q.scope === 'review') conds.push(reviewCondition(scope, { orgId: dutyItems.orgId, orgPath: dutyItems.orgPath }), eq(dutyItems.status, 'submitted'));
    conds.push(viewCondition(q.view, day));
    if (q.orgId) conds.push(eq(dutyItems.orgId, q.orgId));
    if (q.month) conds.push(eq(dutyItems.month, q.month));
    const where = and(...conds);
    const order = q.scope === 'review' ? [asc(dutyItems.lastSubmittedAt)] : q.view === 'accepted' ? [desc(dutyItems.dueDate)] : [asc(dutyItems.dueDate), asc(dutyItems.title)];
    const [rows, [{ n }]] = await Promise.all([
      ctx.db
        .select({ item: dutyItems, orgName: orgs.name })
        .from(dutyItems)
        .innerJoin(orgs, eq(orgs.id, dutyItems.orgId))
        .where(where)
        .orderBy(...order, asc(dutyItems.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: count() }).from(dutyItems).where(where),
    ]);
    return { items: rows.map((r) => presentItem(r.item, r.orgName, day)), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async function submissionsOf(ex: Executor, countyId: string, itemId: string): Promise<DutySubmission[]> {
    const rows = await ex.select().from(dutySubmissions).where(and(eq(dutySubmissions.countyId, countyId), eq(dutySubmissions.itemId, itemId))).orderBy(desc(dutySubmissions.submittedAt));
    const fileMap = await files.describe(ex, countyId, rows.flatMap((r) => r.fileIds));
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      count: r.count,
      participants: r.participants,
      files: r.fileIds.flatMap((id) => fileMap.get(id) ?? []),
      submittedBy: r.submittedByName,
      submittedAt: r.submittedAt.toISOString(),
      status: r.status as DutySubmission['status'],
      reviewedBy: r.reviewedByName,
      reviewedAt: r.reviewedAt?.toISOString() ?? null,
      feedback: r.feedback,
    }));
  }

  async function get(actor: Actor, id: string): Promise<DutyItemDetail> {
    requirePermission(actor, 'duties.read');
    const { item, org, scope } = await loadReadable(ctx.db, actor, id);
    const [tpl] = await ctx.db.select().from(dutyTemplateItems).where(eq(dutyTemplateItems.id, item.templateItemId));
    const rects = await ctx.db.select().from(dutyRectifications).where(and(eq(dutyRectifications.countyId, actor.countyId), eq(dutyRectifications.itemId, item.id))).orderBy(desc(dutyRectifications.createdAt));
    const day = today();
    const review = canReviewOrg(actor, scope, org);
    return {
      ...presentItem(item, org.name, day),
      description: tpl?.description ?? '',
      dueLabel: tpl ? describeDueRule(tpl.frequency as DutyFrequency, ZDueRule.parse(tpl.dueRule)) : '',
      evidence: tpl ? ZEvidenceSpec.parse(tpl.evidence) : { kinds: ['text'], countLabel: null, minPhotos: 0 },
      submissions: await submissionsOf(ctx.db, actor.countyId, item.id),
      rectifications: rects.map((r) => presentRectification(r, org.name, item.title, day)),
      can: { submit: canSubmitFor(actor, org) && (item.status === 'pending' || item.status === 'returned'), review: review && item.status === 'submitted', rectify: review },
    };
  }

  function publish(actor: Actor, item: DutyItemRow, org: { name: string; path: string }, kind: DutyChangedPayload['kind'], at: Date) {
    const payload: DutyChangedPayload = { kind, itemId: item.id, orgId: item.orgId, orgName: org.name, secretaryName: item.secretaryName, title: item.title, month: item.month, at: at.toISOString() };
    ctx.events.publish({ type: DUTY_CHANGED, countyId: actor.countyId, orgPath: org.path, payload });
  }

  async function submit(actor: Actor, id: string, input: DutySubmit): Promise<DutyItemDetail> {
    requirePermission(actor, 'duties.submit');
    const now = ctx.clock();
    const day = toChinaDate(now);
    const { item, org } = await ctx.db.transaction(async (tx) => {
      const { item, org } = await loadReadable(tx, actor, id);
      if (!canSubmitFor(actor, org)) throw forbidden('只能填报本组织的履职事项');
      if (item.status === 'submitted') throw conflict(`“${item.title}”已提交，正在等待审核`, 'DUTY_ALREADY_SUBMITTED');
      if (item.status === 'accepted') throw conflict(`“${item.title}”已审核通过，无需再次提交`, 'DUTY_ALREADY_ACCEPTED');
      if (item.status === 'cancelled') throw conflict(`“${item.title}”已取消（组织撤销或书记空缺期间到期），无需填报`, 'DUTY_CANCELLED');
      if (item.version !== input.version) throw conflict('该事项已有新的变化，请刷新后重试', 'STALE_VERSION');
      const [tpl] = await tx.select({ evidence: dutyTemplateItems.evidence }).from(dutyTemplateItems).where(eq(dutyTemplateItems.id, item.templateItemId));
      const attached = await files.requireAttachable(tx, actor, input.fileIds, org.path);
      const spec = ZEvidenceSpec.parse(tpl?.evidence ?? { kinds: ['text'] });
      const problems = evidenceProblems(spec, { text: input.text, count: input.count, participants: input.participants, files: attached });
      if (problems.length > 0) throw invalid(`“${item.title}”的佐证材料不完整：${problems.join('；')}`, problems.map((message) => ({ path: 'evidence', message })), 'DUTY_EVIDENCE_MISSING');
      const [sub] = await tx
        .insert(dutySubmissions)
        .values({ countyId: actor.countyId, itemId: item.id, orgPath: org.path, text: input.text, count: input.count, participants: input.participants, fileIds: input.fileIds, submittedBy: actor.accountId, submittedByName: actor.displayName, submittedAt: now, status: 'submitted' })
        .returning();
      const [updated] = await tx
        .update(dutyItems)
        .set({ status: 'submitted', firstSubmittedOn: item.firstSubmittedOn ?? day, lastSubmittedAt: now, version: item.version + 1, updatedAt: now })
        .where(eq(dutyItems.id, item.id))
        .returning();
      await dutiesRepository.refreshMonthly(tx, actor.countyId, day, now, { orgId: item.orgId, month: item.month });
      await writeAudit(tx, actor, now, {
        action: 'duty.submit',
        entityType: 'dutyItem',
        entityId: item.id,
        changes: { status: { before: item.status, after: 'submitted' } },
        note: `${org.name}：${item.title}（${item.periodKey}）提交佐证，附件 ${input.fileIds.length} 个，报告编号 ${sub.id}`,
      });
      return { item: updated, org };
    });
    publish(actor, item, org, 'submitted', now);
    return get(actor, id);
  }

  async function review(actor: Actor, id: string, input: DutyReview): Promise<DutyItemDetail> {
    requirePermission(actor, 'duties.review');
    const now = ctx.clock();
    const day = toChinaDate(now);
    const { item, org } = await ctx.db.transaction(async (tx) => {
      const { item, org, scope } = await loadReadable(tx, actor, id);
      if (!canReviewOrg(actor, scope, org)) throw forbidden('只能审核包联组织或下级组织的履职事项，不能审核本组织的事项');
      if (item.status !== 'submitted') throw conflict(`“${item.title}”当前不是待审核状态`, 'DUTY_NOT_SUBMITTED');
      if (item.version !== input.version) throw conflict('该事项已有新的变化，请刷新后重试', 'STALE_VERSION');
      const [sub] = await tx
        .select()
        .from(dutySubmissions)
        .where(and(eq(dutySubmissions.itemId, item.id), eq(dutySubmissions.status, 'submitted')))
        .orderBy(desc(dutySubmissions.submittedAt))
        .limit(1);
      if (!sub) throw conflict('没有待审核的报告', 'DUTY_NOT_SUBMITTED');
      const accept = input.decision === 'accept';
      await tx
        .update(dutySubmissions)
        .set({ status: accept ? 'accepted' : 'returned', reviewedBy: actor.accountId, reviewedByName: actor.displayName, reviewedAt: now, feedback: input.feedback || null })
        .where(eq(dutySubmissions.id, sub.id));
      const settings = await dutiesRepository.settings(tx, actor.countyId);
      const values = accept
        ? {
            status: 'accepted',
            acceptedAt: now,
            onTime: isOnTime({ dueDate: item.dueDate, firstSubmittedOn: item.firstSubmittedOn, acceptedSubmittedOn: toChinaDate(sub.submittedAt), lastReturnedOn: item.lastReturnedOn }, settings),
          }
        : { status: 'returned', lastReturnedOn: day };
      const [updated] = await tx.update(dutyItems).set({ ...values, version: item.version + 1, updatedAt: now }).where(eq(dutyItems.id, item.id)).returning();
      await dutiesRepository.refreshMonthly(tx, actor.countyId, day, now, { orgId: item.orgId, month: item.month });
      await writeAudit(tx, actor, now, {
        action: accept ? 'duty.accept' : 'duty.return',
        entityType: 'dutyItem',
        entityId: item.id,
        changes: { status: { before: 'submitted', after: updated.status }, ...(accept ? { onTime: { before: null, after: updated.onTime } } : {}) },
        note: `${org.name}：${item.title}（${item.periodKey}）${accept ? '审核通过' : `退回：${input.feedback}`}`,
      });
      return { item: updated, org };
    });
    publish(actor, item, org, input.decision === 'accept' ? 'accepted' : 'returned', now);
    return get(actor, id);
  }

  async function createRectification(actor: Actor, itemId: string, input: { problem: string; deadline: string }) {
    requirePermission(actor, 'duties.review');
    const now = ctx.clock();
    const day = toChinaDate(now);
    return ctx.db.transaction(async (tx) => {
      const { item, org, scope } = await loadReadable(tx, actor, itemId);
      if (!canReviewOrg(actor, scope, org)) throw forbidden('只能对包联组织或下级组织反馈问题');
      if (input.deadline < day) throw invalid(`整改期限不能早于今天（${day}）`, [{ path: 'deadline', message: '整改期限不能早于今天' }], 'RECTIFICATION_DEADLINE');
      const [row] = await tx
        .insert(dutyRectifications)
        .values({ countyId: actor.countyId, orgId: org.id, orgPath: org.path, itemId: item.id, problem: input.problem, deadline: input.deadline, createdBy: actor.accountId, createdByName: actor.displayName, createdAt: now, updatedAt: now })
        .returning();
      await writeAudit(tx, actor, now, { action: 'duty.rectification.create', entityType: 'dutyRectification', entityId: row.id, before: null, after: { org: org.name, item: item.title, problem: input.problem, deadline: input.deadline } });
      return presentRectification(row, org.name, item.title, day);
    });
  }

  async function listRectifications(actor: Actor, q: { status?: 'open' | 'closed'; page: number; pageSize: number }) {
    requirePermission(actor, 'duties.read');
    const scope = await dutyScope(ctx.db, actor);
    const where = and(eq(dutyRectifications.countyId, actor.countyId), readCondition(scope, { orgId: dutyRectifications.orgId, orgPath: dutyRectifications.orgPath }), q.status ? eq(dutyRectifications.status, q.status) : undefined);
    const [rows, [{ n }]] = await Promise.all([
      ctx.db
        .select({ r: dutyRectifications, orgName: orgs.name, itemTitle: dutyItems.title })
        .from(dutyRectifications)
        .innerJoin(orgs, eq(orgs.id, dutyRectifications.orgId))
        .leftJoin(dutyItems, eq(dutyItems.id, dutyRectifications.itemId))
        .where(where)
        .orderBy(asc(dutyRectifications.status), asc(dutyRectifications.deadline), asc(dutyRectifications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: count() }).from(dutyRectifications).where(where),
    ]);
    const day = today();
    return { items: rows.map((r) => presentRectification(r.r, r.orgName, r.itemTitle, day)), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  /** The secretary reports what was done; the supervisor who follows it checks and closes it (销号). May be reported again. */
  async function reportRectification(actor: Actor, id: string, input: { note: string; version: number }) {
    requirePermission(actor, 'duties.submit');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const scope = await dutyScope(tx, actor);
      const [r] = await tx.select().from(dutyRectifications).where(and(eq(dutyRectifications.countyId, actor.countyId), eq(dutyRectifications.id, id)));
      if (!r || !canReadOrg(scope, { id: r.orgId, path: r.orgPath })) throw notFound('整改事项');
      if (r.orgId !== actor.orgId) throw forbidden('整改情况由本组织书记报告');
      if (r.status === 'closed') throw conflict('该整改事项已销号，不能再报告', 'RECTIFICATION_CLOSED');
      if (r.version !== input.version) throw conflict('该整改事项已有新的变化，请刷新后重试', 'STALE_VERSION');
      const [row] = await tx
        .update(dutyRectifications)
        .set({ reportedAt: now, reportedByName: actor.displayName, reportNote: input.note, version: r.version + 1, updatedAt: now })
        .where(eq(dutyRectifications.id, id))
        .returning();
      await writeAudit(tx, actor, now, { action: 'duty.rectification.report', entityType: 'dutyRectification', entityId: id, changes: { reportNote: { before: r.reportNote, after: input.note } } });
      const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, r.orgId));
      const [it] = r.itemId ? await tx.select({ title: dutyItems.title }).from(dutyItems).where(eq(dutyItems.id, r.itemId)) : [];
      return presentRectification(row, o?.name ?? '', it?.title ?? null, toChinaDate(now));
    });
  }

  async function closeRectification(actor: Actor, id: string, input: { note: string; version: number }) {
    requirePermission(actor, 'duties.review');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const scope = await dutyScope(tx, actor);
      const [r] = await tx.select().from(dutyRectifications).where(and(eq(dutyRectifications.countyId, actor.countyId), eq(dutyRectifications.id, id)));
      if (!r || !canReadOrg(scope, { id: r.orgId, path: r.orgPath })) throw notFound('整改事项');
      if (!canReviewOrg(actor, scope, { id: r.orgId, path: r.orgPath })) throw forbidden('整改事项由提出问题的督导人员确认销号');
      if (r.status === 'closed') throw conflict('该整改事项已销号', 'RECTIFICATION_CLOSED');
      if (r.version !== input.version) throw conflict('该整改事项已有新的变化，请刷新后重试', 'STALE_VERSION');
      const [row] = await tx
        .update(dutyRectifications)
        .set({ status: 'closed', closedAt: now, closedBy: actor.accountId, closingNote: input.note, version: r.version + 1, updatedAt: now })
        .where(eq(dutyRectifications.id, id))
        .returning();
      await writeAudit(tx, actor, now, { action: 'duty.rectification.close', entityType: 'dutyRectification', entityId: id, changes: { status: { before: 'open', after: 'closed' } }, note: input.note });
      const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, r.orgId));
      const [it] = r.itemId ? await tx.select({ title: dutyItems.title }).from(dutyItems).where(eq(dutyItems.id, r.itemId)) : [];
      return presentRectification(row, o?.name ?? '', it?.title ?? null, toChinaDate(now));
    });
  }

  async function home(actor: Actor): Promise<DutyHome> {
    requirePermission(actor, 'duties.read');
    const day = today();
    const year = day.slice(0, 4);
    const own = and(eq(dutyItems.countyId, actor.countyId), eq(dutyItems.orgId, actor.orgId));
    const n = (cond: SQL | undefined) => sql<number>`(count(*) filter (where ${cond}))::int`;
    const [[c], months, warnings, [{ open }], [org], notices, [{ unread }]] = await Promise.all([
      ctx.db
        .select({
          due: n(viewCondition('due', day)),
          late: n(viewCondition('late', day)),
          returned: n(eq(dutyItems.status, 'returned')),
          submitted: n(eq(dutyItems.status, 'submitted')),
          upcoming: n(viewCondition('upcoming', day)),
        })
        .from(dutyItems)
        .where(own),
      ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.countyId, actor.countyId), eq(dutyMonthly.orgId, actor.orgId), like(dutyMonthly.month, `${year}-%`))).orderBy(asc(dutyMonthly.month)),
      ctx.db.select().from(dutyWarnings).where(and(eq(dutyWarnings.countyId, actor.countyId), eq(dutyWarnings.orgId, actor.orgId), isNull(dutyWarnings.clearedAt))),
      ctx.db.select({ open: count() }).from(dutyRectifications).where(and(eq(dutyRectifications.countyId, actor.countyId), eq(dutyRectifications.orgId, actor.orgId), eq(dutyRectifications.status, 'open'))),
      ctx.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, actor.orgId)),
      ctx.db.select().from(dutyNotices).where(and(eq(dutyNotices.countyId, actor.countyId), eq(dutyNotices.accountId, actor.accountId))).orderBy(desc(dutyNotices.createdAt)).limit(10),
      ctx.db.select({ unread: count() }).from(dutyNotices).where(unreadOf(actor)),
    ]);
    return {
      orgName: org?.name ?? null,
      counts: c,
      months: months.map((m) => ({ month: m.month, rate: m.rate, stars: m.stars, closed: m.closedAt !== null })),
      warnings: warnings.map((w) => presentWarning(w, org?.name ?? '', null)),
      openRectifications: Number(open),
      notices: notices.map(presentNotice),
      unreadNotices: Number(unread),
    };
  }

  const unreadOf = (actor: Actor) => and(eq(dutyNotices.countyId, actor.countyId), eq(dutyNotices.accountId, actor.accountId), isNull(dutyNotices.readAt));
  const presentNotice = (n: typeof dutyNotices.$inferSelect): DutyNotice => ({ id: n.id, text: n.text, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null });

  /** The warning notices addressed to the caller (each account sees only its own), latest first. */
  async function listNotices(actor: Actor, q: { unread?: 'true' | 'false'; page: number; pageSize: number }) {
    requirePermission(actor, 'duties.read');
    const mine = and(eq(dutyNotices.countyId, actor.countyId), eq(dutyNotices.accountId, actor.accountId));
    const where = and(mine, q.unread === 'true' ? isNull(dutyNotices.readAt) : q.unread === 'false' ? isNotNull(dutyNotices.readAt) : undefined);
    const [rows, [{ n }], [{ unread }]] = await Promise.all([
      ctx.db.select().from(dutyNotices).where(where).orderBy(desc(dutyNotices.createdAt), asc(dutyNotices.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: count() }).from(dutyNotices).where(where),
      ctx.db.select({ unread: count() }).from(dutyNotices).where(unreadOf(actor)),
    ]);
    return { items: rows.map(presentNotice), total: Number(n), page: q.page, pageSize: q.pageSize, unread: Number(unread) };
  }

  /** Marks the caller's own notices read: one (`id`) or all of them; another account's notice answers 404. */
  async function markNoticesRead(actor: Actor, id: string | null) {
    requirePermission(actor, 'duties.read');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      if (id) {
        const [row] = await tx.select().from(dutyNotices).where(and(eq(dutyNotices.countyId, actor.countyId), eq(dutyNotices.id, id), eq(dutyNotices.accountId, actor.accountId)));
        if (!row) throw notFound('预警通知');
      }
      const marked = await tx
        .update(dutyNotices)
        .set({ readAt: now })
        .where(and(unreadOf(actor), id ? eq(dutyNotices.id, id) : undefined))
        .returning({ id: dutyNotices.id });
      if (marked.length > 0) await writeAudit(tx, actor, now, { action: 'duty.notice.read', entityType: 'dutyNotice', entityId: id ?? actor.accountId, note: id ? '预警通知已读' : `全部预警通知已读（${marked.length} 条）` });
      const [{ unread }] = await tx.select({ unread: count() }).from(dutyNotices).where(unreadOf(actor));
      return { marked: marked.length, unread: Number(unread) };
    });
  }

  return { list, get, submit, review, createRectification, listRectifications, reportRectification, closeRectification, home, listNotices, markNoticesRead };
}
export type DutiesService = ReturnType<typeof createDutiesService>;

// ---- rectifications opened by another module for its own record (an instructor check's finding) ----
// The calling module has checked its permission and the record's scope; the rectification belongs to the org given
// (so the org's duty screens list it as well) and names its source, by which the caller reads and closes it.
export type SourcedRectification = { id: string; status: 'open' | 'closed'; deadline: string; reportNote: string | null; reportedAt: Date | null; closedAt: Date | null; closingNote: string | null; version: number };
const sourced = (r: typeof dutyRectifications.$inferSelect): SourcedRectification => ({ id: r.id, status: r.status as 'open' | 'closed', deadline: r.deadline, reportNote: r.reportNote, reportedAt: r.reportedAt, closedAt: r.closedAt, closingNote: r.closingNote, version: r.version });

export async function openSourcedRectification(tx: Executor, actor: Actor, now: Date, input: { orgId: string; orgPath: string; problem: string; deadline: string; sourceType: string; sourceId: string }): Promise<SourcedRectification> {
  const [row] = await tx
    .insert(dutyRectifications)
    .values({ countyId: actor.countyId, orgId: input.orgId, orgPath: input.orgPath, itemId: null, sourceType: input.sourceType, sourceId: input.sourceId, problem: input.problem, deadline: input.deadline, createdBy: actor.accountId, createdByName: actor.displayName, createdAt: now, updatedAt: now })
    .returning();
  await writeAudit(tx, actor, now, { action: 'duty.rectification.create', entityType: 'dutyRectification', entityId: row.id, after: { source: input.sourceType, sourceId: input.sourceId, problem: input.problem, deadline: input.deadline } });
  return sourced(row);
}

/** The rectifications of some source records, by source id. */
export async function sourcedRectifications(ex: Executor, countyId: string, sourceType: string, sourceIds: string[]): Promise<Map<string, SourcedRectification>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await ex.select().from(dutyRectifications).where(and(eq(dutyRectifications.countyId, countyId), eq(dutyRectifications.sourceType, sourceType), inArray(dutyRectifications.sourceId, sourceIds)));
  return new Map(rows.map((r) => [r.sourceId!, sourced(r)]));
}

/** Reports (整改情况) or closes (销号) the rectification of a source record, with the same version check as the duty screens. */
export async function updateSourcedRectification(tx: Executor, actor: Actor, now: Date, sourceType: string, sourceId: string, change: { report?: string; close?: string }, version: number): Promise<SourcedRectification> {
  const [r] = await tx.select().from(dutyRectifications).where(and(eq(dutyRectifications.countyId, actor.countyId), eq(dutyRectifications.sourceType, sourceType), eq(dutyRectifications.sourceId, sourceId)));
  if (!r) throw notFound('整改事项');
  if (r.status === 'closed') throw conflict('该整改事项已销号', 'RECTIFICATION_CLOSED');
  if (r.version !== version) throw conflict('该整改事项已有新的变化，请刷新后重试', 'STALE_VERSION');
  const set = change.close !== undefined
    ? { status: 'closed', closedAt: now, closedBy: actor.accountId, closingNote: change.close }
    : { reportedAt: now, reportedByName: actor.displayName, reportNote: change.report ?? '' };
  const [row] = await tx.update(dutyRectifications).set({ ...set, version: r.version + 1, updatedAt: now }).where(and(eq(dutyRectifications.id, r.id), eq(dutyRectifications.version, version))).returning();
  if (!row) throw conflict('该整改事项已有新的变化，请刷新后重试', 'STALE_VERSION');
  if (change.close !== undefined) await writeAudit(tx, actor, now, { action: 'duty.rectification.close', entityType: 'dutyRectification', entityId: r.id, changes: { status: { before: 'open', after: 'closed' } }, note: change.close });
  else await writeAudit(tx, actor, now, { action: 'duty.rectification.report', entityType: 'dutyRectification', entityId: r.id, changes: { reportNote: { before: r.reportNote, after: change.report ?? '' } } });
  return sourced(row);
}
