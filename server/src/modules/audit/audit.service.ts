// Searching the audit log (操作日志): the county administrator sees the county, others the actions of their subtree's accounts.
import type { AuditEntry, AuditQuery } from '@yanzhen/domain';
import { requirePermission, type Actor } from '../../core/actor';
import type { AppContext } from '../../core/context';
import { auditRepository, type AuditRow, type AuditScope } from './audit.repository';

/** Whose entries an actor may read: all of the county for the county administrator, else the accounts of their subtree. */
export const auditScopeOf = (actor: Actor): AuditScope =>
  actor.role === 'countyAdmin' ? { countyId: actor.countyId, kind: 'county' } : { countyId: actor.countyId, kind: 'subtree', orgPath: actor.orgPath };

const present = (r: AuditRow): AuditEntry => ({
  id: String(r.id),
  at: r.at.toISOString(),
  actorId: r.actorId,
  actorName: r.actorName,
  action: r.action,
  entityType: r.entityType,
  entityId: r.entityId,
  outcome: r.outcome === 'failure' ? 'failure' : 'success',
  ip: r.ip,
  changes: r.changes ?? null,
  note: r.note,
});

export function createAuditService(ctx: AppContext) {
  async function search(actor: Actor, q: AuditQuery) {
    requirePermission(actor, 'audit.read');
    const { rows, total } = await auditRepository.search(
      ctx.db,
      auditScopeOf(actor),
      {
        actorId: q.actorId,
        entityType: q.entityType,
        entityId: q.entityId,
        action: q.action,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
  }

  async function actions(actor: Actor): Promise<string[]> {
    requirePermission(actor, 'audit.read');
    return auditRepository.distinctActions(ctx.db, auditScopeOf(actor));
  }

  return { search, actions };
}
