// Supervisor assignments (联镇包村: an account reviews an org's subtree) and the revocable links of the public board.
import { forbidden, invalid, notFound, type BoardLink } from '@yanzhen/domain';
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { randomToken, sha256 } from '../../core/crypto';
import { accounts, boardLinks, dutySupervisors, orgs } from '../../db/schema/index';
import { isCountyLevel } from './duties.policy';

export const BOARD_LINK_REVOKED = 'board.linkRevoked';

export function createDutyAdminService(ctx: AppContext) {
  const requireCounty = (actor: Actor) => {
    requirePermission(actor, 'duties.manage');
    if (!isCountyLevel(actor)) throw forbidden('督导分工和质量图链接由县委组织部管理');
  };

  async function listSupervisors(actor: Actor) {
    requireCounty(actor);
    const rows = await ctx.db
      .select({ s: dutySupervisors, accountName: accounts.displayName, username: accounts.username, orgName: orgs.name })
      .from(dutySupervisors)
      .innerJoin(accounts, eq(accounts.id, dutySupervisors.accountId))
      .innerJoin(orgs, eq(orgs.id, dutySupervisors.orgId))
      .where(eq(dutySupervisors.countyId, actor.countyId))
      .orderBy(asc(accounts.displayName), asc(orgs.path));
    const items = rows.map((r) => ({ id: r.s.id, accountId: r.s.accountId, accountName: `${r.accountName}（${r.username}）`, orgId: r.s.orgId, orgName: r.orgName, createdAt: r.s.createdAt.toISOString() }));
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  async function addSupervisor(actor: Actor, input: { accountId: string; orgId: string }) {
    requireCounty(actor);
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const [a] = await tx.select().from(accounts).where(and(eq(accounts.countyId, actor.countyId), eq(accounts.id, input.accountId)));
      if (!a || a.disabled) throw notFound('账号');
      if (!['countyAdmin', 'committeeAdmin', 'instructor'].includes(a.role)) throw invalid('督导人员须是组织部、党（工）委管理员或党建工作指导员账号', undefined, 'DUTY_SUPERVISOR_ROLE');
      const [o] = await tx.select().from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, input.orgId), isNull(orgs.dissolvedAt)));
      if (!o) throw notFound('组织');
      const [row] = await tx.insert(dutySupervisors).values({ countyId: actor.countyId, accountId: a.id, orgId: o.id, orgPath: o.path, createdBy: actor.accountId, createdAt: now }).onConflictDoNothing().returning();
      if (!row) throw invalid(`${a.displayName} 已负责督导 ${o.name}`, undefined, 'DUTY_SUPERVISOR_EXISTS');
      await writeAudit(tx, actor, now, { action: 'duty.supervisor.add', entityType: 'dutySupervisor', entityId: row.id, before: null, after: { account: a.username, org: o.name } });
      return { id: row.id, accountId: a.id, accountName: `${a.displayName}（${a.username}）`, orgId: o.id, orgName: o.name, createdAt: row.createdAt.toISOString() };
    });
  }

  async function removeSupervisor(actor: Actor, id: string) {
    requireCounty(actor);
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx.delete(dutySupervisors).where(and(eq(dutySupervisors.countyId, actor.countyId), eq(dutySupervisors.id, id))).returning();
      if (!row) throw notFound('督导分工');
      await writeAudit(tx, actor, now, { action: 'duty.supervisor.remove', entityType: 'dutySupervisor', entityId: id, before: { accountId: row.accountId, orgId: row.orgId }, after: null });
    });
  }

  const presentLink = (l: typeof boardLinks.$inferSelect, token: string | null): BoardLink => ({
    id: l.id,
    name: l.name,
    createdAt: l.createdAt.toISOString(),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    lastSeenAt: l.lastSeenAt?.toISOString() ?? null,
    url: token ? `/board/${token}` : null,
  });

  async function listLinks(actor: Actor) {
    requireCounty(actor);
    const rows = await ctx.db.select().from(boardLinks).where(eq(boardLinks.countyId, actor.countyId)).orderBy(desc(boardLinks.createdAt));
    return { items: rows.map((l) => presentLink(l, null)), total: rows.length, page: 1, pageSize: rows.length };
  }

  /** A new read-only link; its token is shown this once (only its hash is stored). */
  async function createLink(actor: Actor, name: string, token = randomToken(24)): Promise<BoardLink> {
    requireCounty(actor);
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.insert(boardLinks).values({ countyId: actor.countyId, name, tokenHash: sha256(token), createdBy: actor.accountId, createdAt: now }).returning();
      await writeAudit(tx, actor, now, { action: 'board.link.create', entityType: 'boardLink', entityId: row.id, before: null, after: { name } });
      return presentLink(row, token);
    });
  }

  async function revokeLink(actor: Actor, id: string): Promise<BoardLink> {
    requireCounty(actor);
    const now = ctx.clock();
    const row = await ctx.db.transaction(async (tx) => {
      const [l] = await tx.select().from(boardLinks).where(and(eq(boardLinks.countyId, actor.countyId), eq(boardLinks.id, id)));
      if (!l) throw notFound('质量图链接');
      if (l.revokedAt) return l;
      const [row] = await tx.update(boardLinks).set({ revokedAt: now }).where(eq(boardLinks.id, id)).returning();
      await writeAudit(tx, actor, now, { action: 'board.link.revoke', entityType: 'boardLink', entityId: id, changes: { revokedAt: { before: null, after: now.toISOString() } } });
      return row;
    });
    ctx.events.publish({ type: BOARD_LINK_REVOKED, countyId: actor.countyId, payload: { linkId: id } });
    return presentLink(row, null);
  }

  return { listSupervisors, addSupervisor, removeSupervisor, listLinks, createLink, revokeLink };
}
