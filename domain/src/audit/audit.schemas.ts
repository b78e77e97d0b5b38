// Audit log (操作日志) entries and search.
import { z } from 'zod';
import { ZId, ZInstant, ZPageQuery, zList, zStr } from '../core/schemas';
import { SECRET_FIELDS, birthMonthOf, isBirthDateField } from '../members/sensitive-fields';

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;

export const ZAuditQuery = ZPageQuery.extend({
  actorId: ZId.optional(),
  entityType: zStr().max(40).optional(),
  entityId: ZId.optional(),
  action: zStr().max(60).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
export type AuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: ZId.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  ip: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  note: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;
export const ZAuditList = zList(ZAuditEntry);

/** Fields whose values never go into the audit log as clear text: the ID numbers and phones (SECRET_FIELDS), passwords. */
export const AUDIT_REDACTED_FIELDS: ReadonlySet<string> = new Set([...SECRET_FIELDS, 'password', 'passwordHash']);

/** One field's before/after as the audit log keeps it: secrets as “changed”, birth dates to the month. */
function redactChange(key: string, b: unknown, a: unknown): { before: unknown; after: unknown } {
  if (AUDIT_REDACTED_FIELDS.has(key)) return { before: b === null ? null : '（已加密）', after: a === null ? null : '（已修改）' };
  if (isBirthDateField(key)) {
    const month = (v: unknown) => (typeof v === 'string' ? birthMonthOf(v) : v);
    const [mb, ma] = [month(b), month(a)];
    return { before: mb, after: mb === ma && b !== a ? `${String(ma)}（日期已修改）` : ma };
  }
  return { before: b, after: a };
}

/** The before/after of the fields that changed; sensitive fields are recorded as changed, not by value. */
export function diffForAudit(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): Record<string, { before: unknown; after: unknown }> {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const k of keys) {
    const b = before?.[k] ?? null;
    const a = after?.[k] ?? null;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out[k] = redactChange(k, b, a);
  }
  return out;
}

/** Redacts changes given as such (not through diffForAudit), so no caller can write a secret into the log. */
export function redactAuditChanges(changes: Record<string, { before: unknown; after: unknown }>): Record<string, { before: unknown; after: unknown }> {
  return Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, redactChange(k, c.before ?? null, c.after ?? null)]));
}
