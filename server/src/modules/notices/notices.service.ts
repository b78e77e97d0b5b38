// Branch notices (支部通知): the secretary posts to a branch in scope; the branch's members see them on /m with read
// state; the branch sees how many have read each.
import { ZNoticeInput, invalid, notFound, type BranchNoticePage, type BranchNoticeQuery, type Notice, type NoticeList, type PageQuery } from '@yanzhen/domain';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { branchNoticeReads, branchNotices, members, orgs } from '../../db/schema/index';
import { loadOrgInScope, loadSelf } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';

type Row = typeof branchNotices.$inferSelect;
const present = (n: Row, orgName: string, extra: Pick<Notice, 'readCount' | 'memberCount' | 'read'>): Notice => ({
  id: n.id, orgId: n.orgId, orgName, title: n.title, body: n.body, postedByName: n.postedByName, postedAt: n.postedAt.toISOString(), ...extra,
});

export function createNoticesService(ctx: AppContext) {
  async function post(actor: Actor, body: unknown): Promise<Notice> {
    requirePermission(actor, 'notices.write');
    const input = validate(ZNoticeInput, body);
    return ctx.db.transaction(async (tx) => {
      const org = await loadOrgInScope(tx, actor, input.orgId);
      if (org.type !== 'branch') throw invalid('通知发给一个党支部的党员，请选择党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
      const now = ctx.clock();
      const [row] = await tx.insert(branchNotices).values({ countyId: actor.countyId, orgId: org.id, orgPath: org.path, title: input.title, body: input.body, postedBy: actor.accountId, postedByName: actor.displayName, postedAt: now }).returning();
      await writeAudit(tx, actor, now, { action: 'notice.post', entityType: 'branchNotice', entityId: row.id, after: { title: input.title }, note: `${org.name}：${input.title}` });
      return present(row, org.name, { readCount: 0, memberCount: null, read: null });
    });
  }

  /** A branch's notices with how many of its live members have read each. */
  async function list(actor: Actor, q: BranchNoticeQuery): Promise<BranchNoticePage> {
    requirePermission(actor, 'notices.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const ofBranch = and(eq(branchNotices.countyId, actor.countyId), eq(branchNotices.orgId, org.id));
    const rows = await ctx.db.select().from(branchNotices).where(ofBranch).orderBy(desc(branchNotices.postedAt), desc(branchNotices.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const [{ total }] = await ctx.db.select({ total: sql<number>`count(*)::int` }).from(branchNotices).where(ofBranch);
    const [{ n }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(members).where(and(eq(members.countyId, actor.countyId), eq(members.orgId, org.id), isNull(members.leftAt)));
    const reads = rows.length
      ? await ctx.db
          .select({ noticeId: branchNoticeReads.noticeId, n: sql<number>`count(*)::int` })
          .from(branchNoticeReads)
          .innerJoin(members, and(eq(members.id, branchNoticeReads.memberId), eq(members.orgId, org.id), isNull(members.leftAt)))
          .where(and(eq(branchNoticeReads.countyId, actor.countyId), inArray(branchNoticeReads.noticeId, rows.map((r) => r.id))))
          .groupBy(branchNoticeReads.noticeId)
      : [];
    const readBy = new Map(reads.map((r) => [r.noticeId, Number(r.n)]));
    return { items: rows.map((r) => present(r, org.name, { readCount: readBy.get(r.id) ?? 0, memberCount: Number(n), read: null })), total: Number(total), page: q.page, pageSize: q.pageSize };
  }

  /** My branch's notices, a page: unread first, then newest first; the true total and how many are unread. */
  async function mine(actor: Actor, q: PageQuery): Promise<NoticeList> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const joined = () =>
      ctx.db
        .select({ n: branchNotices, readAt: branchNoticeReads.readAt })
        .from(branchNotices)
        .leftJoin(branchNoticeReads, and(eq(branchNoticeReads.countyId, branchNotices.countyId), eq(branchNoticeReads.noticeId, branchNotices.id), eq(branchNoticeReads.memberId, me.id)));
    const ofBranch = and(eq(branchNotices.countyId, actor.countyId), eq(branchNotices.orgId, me.orgId));
    const [rows, [{ total, unread }]] = await Promise.all([
      joined().where(ofBranch).orderBy(sql`${branchNoticeReads.readAt} is not null`, desc(branchNotices.postedAt), desc(branchNotices.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      ctx.db
        .select({ total: sql<number>`count(*)::int`, unread: sql<number>`count(*) filter (where ${branchNoticeReads.readAt} is null)::int` })
        .from(branchNotices)
        .leftJoin(branchNoticeReads, and(eq(branchNoticeReads.countyId, branchNotices.countyId), eq(branchNoticeReads.noticeId, branchNotices.id), eq(branchNoticeReads.memberId, me.id)))
        .where(ofBranch),
    ]);
    const items = rows.map((r) => present(r.n, me.orgName, { readCount: null, memberCount: null, read: r.readAt !== null }));
    return { items, total: Number(total), page: q.page, pageSize: q.pageSize, unread: Number(unread) };
  }

  async function markRead(actor: Actor, id: string) {
    requirePermission(actor, 'self.write');
    const me = await loadSelf(ctx.db, actor);
    const [n] = await ctx.db.select({ id: branchNotices.id }).from(branchNotices).innerJoin(orgs, eq(orgs.id, branchNotices.orgId)).where(and(eq(branchNotices.countyId, actor.countyId), eq(branchNotices.id, id), eq(branchNotices.orgId, me.orgId)));
    if (!n) throw notFound('通知');
    // Reading is idempotent: the first read time is kept.
    await ctx.db.insert(branchNoticeReads).values({ countyId: actor.countyId, noticeId: id, memberId: me.id, readAt: ctx.clock() }).onConflictDoNothing();
    return { ok: true as const };
  }

  return { post, list, mine, markRead };
}
