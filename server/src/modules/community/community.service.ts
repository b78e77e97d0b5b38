// 双报到 (community check-in): an in-service member registers with their residential community and records service
// there; the community's party org (or an org above it) confirms it, and only confirmed service counts for the stars.
import { ZCommunityConfirm, ZCommunityRegistrationInput, ZCommunityServiceInput, conflict, invalid, monthOf, notFound, type CommunityOptionQuery, type CommunityOptions, type CommunityService, type MyCommunity } from '@yanzhen/domain';
import { and, asc, desc, eq, isNull, like, ne, sql } from 'drizzle-orm';
import { requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { communityRegistrations, communityServices, members, orgs } from '../../db/schema/index';
import { loadSelf, todayOf } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';
import { refreshMembers } from '../stars/stars.service';

export function createCommunityService(ctx: AppContext) {
  const select = (ex: Executor) =>
    ex
      .select({ s: communityServices, memberName: members.name, communityName: communityRegistrations.communityName, communityPath: orgs.path })
      .from(communityServices)
      .innerJoin(members, eq(members.id, communityServices.memberId))
      .innerJoin(communityRegistrations, and(eq(communityRegistrations.countyId, communityServices.countyId), eq(communityRegistrations.memberId, communityServices.memberId)))
      .leftJoin(orgs, eq(orgs.id, communityRegistrations.communityOrgId));
  const present = (r: { s: typeof communityServices.$inferSelect; memberName: string; communityName: string }): CommunityService => ({
    id: r.s.id,
    memberId: r.s.memberId,
    memberName: r.memberName,
    communityName: r.communityName,
    month: r.s.month,
    servedOn: r.s.servedOn,
    content: r.s.content,
    hoursTenths: r.s.hours,
    status: r.s.status as CommunityService['status'],
    version: r.s.version,
  });

  async function mine(actor: Actor): Promise<MyCommunity> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const [reg] = await ctx.db.select().from(communityRegistrations).where(and(eq(communityRegistrations.countyId, actor.countyId), eq(communityRegistrations.memberId, me.id)));
    const rows = reg ? await select(ctx.db).where(and(eq(communityServices.countyId, actor.countyId), eq(communityServices.memberId, me.id))).orderBy(desc(communityServices.servedOn)).limit(50) : [];
    return { registration: reg ? { communityName: reg.communityName, communityOrgId: reg.communityOrgId, registeredOn: reg.registeredOn } : null, services: rows.map(present) };
  }

  /** The county's community party orgs (not party groups, not dissolved) a member may register with, by name. */
  async function options(actor: Actor, q: CommunityOptionQuery): Promise<CommunityOptions> {
    requirePermission(actor, 'self.read');
    const conds = [eq(orgs.countyId, actor.countyId), eq(orgs.sector, 'community'), ne(orgs.type, 'group'), isNull(orgs.dissolvedAt)];
    if (q.q) conds.push(like(orgs.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    const [items, [{ total }]] = await Promise.all([
      ctx.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(and(...conds)).orderBy(asc(orgs.path), asc(orgs.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      ctx.db.select({ total: sql<number>`count(*)::int` }).from(orgs).where(and(...conds)),
    ]);
    return { items, total: Number(total), page: q.page, pageSize: q.pageSize };
  }

  async function register(actor: Actor, body: unknown): Promise<MyCommunity> {
    requirePermission(actor, 'self.write');
    const input = validate(ZCommunityRegistrationInput, body);
    await ctx.db.transaction(async (tx) => {
      const me = await loadSelf(tx, actor);
      if (input.communityOrgId) {
        const [org] = await tx.select({ id: orgs.id }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, input.communityOrgId)));
        if (!org) throw notFound('社区党组织');
      }
      const now = ctx.clock();
      const [before] = await tx.select().from(communityRegistrations).where(and(eq(communityRegistrations.countyId, actor.countyId), eq(communityRegistrations.memberId, me.id)));
      await tx
        .insert(communityRegistrations)
        .values({ countyId: actor.countyId, memberId: me.id, orgPath: me.orgPath, communityName: input.communityName, communityOrgId: input.communityOrgId, registeredOn: todayOf(ctx), createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [communityRegistrations.countyId, communityRegistrations.memberId], set: { communityName: input.communityName, communityOrgId: input.communityOrgId, updatedAt: now } });
      await writeAudit(tx, actor, now, { action: 'community.register', entityType: 'member', entityId: me.id, before: before ? { communityName: before.communityName, communityOrgId: before.communityOrgId } : null, after: { communityName: input.communityName, communityOrgId: input.communityOrgId } });
    });
    return mine(actor);
  }

  async function recordService(actor: Actor, body: unknown): Promise<MyCommunity> {
    requirePermission(actor, 'self.write');
    const input = validate(ZCommunityServiceInput, body);
    if (input.servedOn > todayOf(ctx)) throw invalid('服务日期不能晚于今天', [{ path: 'servedOn', message: '服务日期不能晚于今天' }]);
    await ctx.db.transaction(async (tx) => {
      const me = await loadSelf(tx, actor);
      const [reg] = await tx.select().from(communityRegistrations).where(and(eq(communityRegistrations.countyId, actor.countyId), eq(communityRegistrations.memberId, me.id)));
      if (!reg) throw invalid('请先登记到居住地社区报到', undefined, 'COMMUNITY_NOT_REGISTERED');
      const now = ctx.clock();
      const [row] = await tx
        .insert(communityServices)
        .values({ countyId: actor.countyId, memberId: me.id, orgPath: me.orgPath, month: monthOf(input.servedOn), servedOn: input.servedOn, content: input.content, hours: input.hoursTenths, createdAt: now, updatedAt: now })
        .returning();
      await writeAudit(tx, actor, now, { action: 'community.recordService', entityType: 'communityService', entityId: row.id, after: { servedOn: input.servedOn, content: input.content, hoursTenths: input.hoursTenths } });
    });
    return mine(actor);
  }

  /** Service waiting for (or given) confirmation by a community inside the actor's scope. */
  async function list(actor: Actor, q: { status?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'community.confirm');
    const conds = [eq(communityServices.countyId, actor.countyId), like(orgs.path, subtreePattern(actor.orgPath))];
    if (q.status) conds.push(eq(communityServices.status, q.status));
    const where = and(...conds);
    const rows = await select(ctx.db).where(where).orderBy(desc(communityServices.servedOn)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const [{ n }] = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(communityServices)
      .innerJoin(communityRegistrations, and(eq(communityRegistrations.countyId, communityServices.countyId), eq(communityRegistrations.memberId, communityServices.memberId)))
      .leftJoin(orgs, eq(orgs.id, communityRegistrations.communityOrgId))
      .where(where);
    return { items: rows.map(present), total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async function confirm(actor: Actor, id: string, body: unknown): Promise<CommunityService> {
    requirePermission(actor, 'community.confirm');
    const input = validate(ZCommunityConfirm, body);
    return ctx.db.transaction(async (tx) => {
      const [found] = await select(tx).where(and(eq(communityServices.countyId, actor.countyId), eq(communityServices.id, id)));
      // The community's org (its path) must be inside the actor's scope: the member's own branch cannot confirm for the community.
      if (!found || !found.communityPath || !found.communityPath.startsWith(actor.orgPath) || actor.role === 'member') throw notFound('社区服务记录');
      const status = input.confirm ? 'confirmed' : 'rejected';
      const now = ctx.clock();
      const [row] = await tx
        .update(communityServices)
        .set({ status, confirmedBy: actor.accountId, confirmedAt: now, version: input.version + 1, updatedAt: now })
        .where(and(eq(communityServices.id, id), eq(communityServices.version, input.version)))
        .returning();
      if (!row) throw conflict('该记录已被他人处理，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'community.confirm', entityType: 'communityService', entityId: id, before: { status: found.s.status }, after: { status } });
      await refreshMembers(ctx, tx, actor.countyId, [row.memberId], [row.month]);
      return present({ s: row, memberName: found.memberName, communityName: found.communityName });
    });
  }

  return { mine, options, register, recordService, list, confirm };
}
