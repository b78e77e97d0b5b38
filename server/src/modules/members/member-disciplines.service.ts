// Discipline records on the roster (党纪处分): committee and county administrators record and revoke them, within
// their scope, audited; anyone who may read the member sees them. The development rules ask `underProbation`.
import { checkDisciplineInput, conflict, disciplineActive, invalid, notFound, toChinaDate, underDisciplineProbation, type Discipline, type DisciplineInput, type DisciplineKind } from '@yanzhen/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { memberDisciplines } from '../../db/schema/index';
import { memberInScope } from './members.policy';
import { membersRepository } from './members.repository';

type Row = typeof memberDisciplines.$inferSelect;

const asRecord = (r: Row) => ({ kind: r.kind as DisciplineKind, startDate: r.startDate, endDate: r.endDate, revoked: r.revokedAt !== null });

export const disciplinesRepository = {
  async ofMembers(ex: Executor, countyId: string, memberIds: string[]): Promise<Row[]> {
    if (memberIds.length === 0) return [];
    return ex.select().from(memberDisciplines).where(and(eq(memberDisciplines.countyId, countyId), inArray(memberDisciplines.memberId, memberIds))).orderBy(asc(memberDisciplines.startDate), asc(memberDisciplines.recordedAt));
  },
};

/** The members among `memberIds` under 留党察看 on `on` (their rights not yet restored). */
export async function membersUnderDisciplineProbation(ex: Executor, countyId: string, memberIds: string[], on: string): Promise<Set<string>> {
  const rows = await disciplinesRepository.ofMembers(ex, countyId, memberIds);
  const out = new Set<string>();
  for (const id of memberIds) if (underDisciplineProbation(rows.filter((r) => r.memberId === id).map(asRecord), on)) out.add(id);
  return out;
}

export function createMemberDisciplinesService(ctx: AppContext) {
  const today = () => toChinaDate(ctx.clock());

  const present = (r: Row, on: string): Discipline => ({
    id: r.id,
    memberId: r.memberId,
    kind: r.kind as DisciplineKind,
    startDate: r.startDate,
    endDate: r.endDate,
    reason: r.reason,
    decidedBy: r.decidedBy,
    active: disciplineActive(asRecord(r), on),
    recordedBy: r.recordedByName,
    recordedAt: r.recordedAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: r.revokeReason,
  });

  async function loadMember(ex: Executor, actor: Actor, memberId: string) {
    const found = await membersRepository.findById(ex, actor.countyId, memberId);
    if (!found || !memberInScope(actor, found.member)) throw notFound('党员');
    return found;
  }

  async function list(actor: Actor, memberId: string) {
    requirePermission(actor, 'members.read');
    await loadMember(ctx.db, actor, memberId);
    const on = today();
    const rows = await disciplinesRepository.ofMembers(ctx.db, actor.countyId, [memberId]);
    return { items: rows.map((r) => present(r, on)), underProbation: underDisciplineProbation(rows.map(asRecord), on) };
  }

  async function create(actor: Actor, memberId: string, input: DisciplineInput) {
    requirePermission(actor, 'members.discipline');
    const on = today();
    const issues = checkDisciplineInput(input, on);
    if (issues.length > 0) throw invalid(issues[0].message, issues);
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const m = await loadMember(tx, actor, memberId);
      const [row] = await tx
        .insert(memberDisciplines)
        .values({ countyId: actor.countyId, memberId, ...input, recordedBy: actor.accountId, recordedByName: actor.displayName, recordedAt: now })
        .returning();
      await writeAudit(tx, actor, now, { action: 'member.discipline.create', entityType: 'member', entityId: memberId, before: null, after: { ...input, disciplineId: row.id }, note: `${m.member.name}：${input.decidedBy}作出处分` });
    });
    return list(actor, memberId);
  }

  async function revoke(actor: Actor, memberId: string, disciplineId: string, reason: string) {
    requirePermission(actor, 'members.discipline');
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      await loadMember(tx, actor, memberId);
      const [row] = await tx.select().from(memberDisciplines).where(and(eq(memberDisciplines.countyId, actor.countyId), eq(memberDisciplines.id, disciplineId), eq(memberDisciplines.memberId, memberId)));
      if (!row) throw notFound('处分记录');
      if (row.revokedAt) throw conflict('该处分记录已撤销', 'DISCIPLINE_REVOKED');
      await tx.update(memberDisciplines).set({ revokedAt: now, revokeReason: reason }).where(eq(memberDisciplines.id, row.id));
      await writeAudit(tx, actor, now, { action: 'member.discipline.revoke', entityType: 'member', entityId: memberId, changes: { revokedAt: { before: null, after: now.toISOString() } }, note: reason });
    });
    return list(actor, memberId);
  }

  return { list, create, revoke };
}
