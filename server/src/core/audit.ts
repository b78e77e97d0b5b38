// The append-only audit log: services write it in the same transaction as the change they record.
import { diffForAudit, redactAuditChanges } from '@yanzhen/domain';
import type { Actor } from './actor';
import type { Executor } from './db';
import { auditLog } from '../db/schema/index';

export type AuditInput = {
  action: string;
  entityType?: string | null;
  entityId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changes?: Record<string, { before: unknown; after: unknown }> | null;
  outcome?: 'success' | 'failure';
  note?: string | null;
};

/** `actorName`: who the entry names when there is no signed-in actor (a login attempt names the account tried). */
export async function writeAudit(
  ex: Executor,
  actor: Actor | null,
  at: Date,
  input: AuditInput & { countyId?: string | null; ip?: string | null; actorName?: string | null },
): Promise<void> {
  // Changes given as such go through the same redaction list as a diff (SECRET_FIELDS, birth dates to the month).
  const changes = input.changes ? redactAuditChanges(input.changes) : (input.before !== undefined || input.after !== undefined ? diffForAudit(input.before ?? null, input.after ?? null) : null);
  await ex.insert(auditLog).values({
    countyId: input.countyId ?? actor?.countyId ?? null,
    at,
    actorId: actor?.accountId ?? null,
    actorName: actor ? `${actor.displayName}（${actor.username}）` : (input.actorName ?? null),
    action: input.action,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    outcome: input.outcome ?? 'success',
    ip: input.ip ?? actor?.ip ?? null,
    changes: changes && Object.keys(changes).length > 0 ? changes : null,
    note: input.note ?? null,
  });
}
