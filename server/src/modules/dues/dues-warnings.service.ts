// Dues arrears warnings (raised by the monthly close, stars.monthClose): the branch's list and the handling of a red flag.
import { ZArrearsHandle, conflict, notFound, type ArrearsWarning } from '@yanzhen/domain';
import { and, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import { duesArrearsWarnings, members, orgs } from '../../db/schema/index';
import { loadOrgInScope } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';

export function createDuesWarningsService(ctx: AppContext) {
  async function list(actor: Actor, q: { orgId?: string; month?: string; open?: 'true' | 'false'; page: number; pageSize: number }): Promise<{ items: ArrearsWarning[]; total: number; page: number; pageSize: number }> {
    requirePermission(actor, 'dues.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const conds = [eq(duesArrearsWarnings.countyId, actor.countyId), like(duesArrearsWarnings.orgPath, subtreePattern(org.path))];
    if (q.month) conds.push(eq(duesArrearsWarnings.month, q.month));
    if (q.open === 'true') conds.push(isNull(duesArrearsWarnings.handledAt));
    const [rows, [{ n }]] = await Promise.all([
      ctx.db
        .select({ w: duesArrearsWarnings, name: members.name, orgName: orgs.name })
        .from(duesArrearsWarnings)
        .innerJoin(members, eq(members.id, duesArrearsWarnings.memberId))
        .innerJoin(orgs, eq(orgs.id, duesArrearsWarnings.orgId))
        .where(and(...conds))
        .orderBy(desc(duesArrearsWarnings.month), desc(sql`${duesArrearsWarnings.level} = 'red'`), asc(duesArrearsWarnings.orgPath), asc(members.namePinyin), asc(duesArrearsWarnings.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      ctx.db.select({ n: sql<number>`count(*)::int` }).from(duesArrearsWarnings).where(and(...conds)),
    ]);
    const items = rows.map(({ w, name, orgName }) => ({
      id: w.id, memberId: w.memberId, name, orgName, month: w.month, level: w.level as 'yellow' | 'red', streak: w.streak,
      raisedAt: w.raisedAt.toISOString(), handledAt: w.handledAt?.toISOString() ?? null, handlingNote: w.handlingNote, version: w.version,
    }));
    return { items, total: Number(n), page: q.page, pageSize: q.pageSize };
  }

  async function handle(actor: Actor, id: string, body: unknown) {
    requirePermission(actor, 'dues.write');
    const input = validate(ZArrearsHandle, body);
    return ctx.db.transaction(async (tx) => {
      const [w] = await tx.select().from(duesArrearsWarnings).where(and(eq(duesArrearsWarnings.countyId, actor.countyId), eq(duesArrearsWarnings.id, id)));
      if (!w || !orgInScope(actor, w.orgPath)) throw notFound('欠缴预警');
      const now = ctx.clock();
      const [row] = await tx
        .update(duesArrearsWarnings)
        .set({ handledAt: now, handledBy: actor.accountId, handlingNote: input.note, version: input.version + 1 })
        .where(and(eq(duesArrearsWarnings.id, id), eq(duesArrearsWarnings.version, input.version)))
        .returning();
      if (!row) throw conflict('该预警已被他人处置或已更新，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'dues.handleArrears', entityType: 'duesArrearsWarning', entityId: id, before: { handledAt: w.handledAt, handlingNote: w.handlingNote }, after: { handlingNote: input.note }, note: `${w.month} ${w.level === 'red' ? '连续6个月未交党费' : '欠缴党费'}预警处置` });
      return { ok: true as const };
    });
  }

  return { list, handle };
}
