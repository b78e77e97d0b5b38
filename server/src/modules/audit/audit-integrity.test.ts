import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit';
import { auditChain, auditLog, auditLogArchive } from '../../db/schema/index';
import { archiveAudit, verifyAuditChain } from '../../ops/audit-integrity';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { getTestDatabase } from '../../test/test-db';

let env: TestEnv;
afterEach(async () => env?.close());
// Migrating the worker's database can take half a minute on a loaded machine: not inside the first test's time.
beforeAll(async () => {
  await getTestDatabase();
}, 180_000);

/** Entries a year old and recent ones, in the base county. */
async function seed() {
  const countyId = env.base.countyId;
  for (let i = 0; i < 6; i++) await writeAudit(env.ctx.db, null, new Date(`2025-0${i + 1}-10T00:00:00Z`), { action: 'org.update', countyId, entityType: 'org', entityId: `old-${i}`, changes: { name: { before: `旧${i}`, after: `新${i}` } } });
  for (let i = 0; i < 4; i++) await writeAudit(env.ctx.db, null, new Date(`2026-06-1${i}T00:00:00Z`), { action: 'member.update', countyId, entityType: 'member', entityId: `new-${i}` });
}

/** As a superuser with the triggers off: what an intruder would have to do. */
const tamper = (statement: string) =>
  env.ctx.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql.raw(statement));
  });

describe('audit hash chain', () => {
  it('links every entry of a county in order, and verifies', async () => {
    env = await createTestEnv();
    await seed();
    const chain = await env.ctx.db.select().from(auditChain).where(sql`${auditChain.countyId} = ${env.base.countyId}`).orderBy(auditChain.seq);
    expect(chain.map((c) => c.seq)).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0].prevHash).toBe('');
    for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
    const report = await verifyAuditChain(env.ctx.db);
    expect(report).toMatchObject({ ok: true, broken: null });
    expect(report.checked).toBe(await env.ctx.db.$count(auditLog));
  });

  it('keeps one gap-free chain under 30 concurrent writers', async () => {
    env = await createTestEnv();
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        env.ctx.db.transaction(async (tx) => {
          await writeAudit(tx, null, env.clock.now, { action: 'org.update', countyId: env.base.countyId, entityId: `a${i}` });
          await writeAudit(tx, null, env.clock.now, { action: 'org.update', countyId: env.base.countyId, entityId: `b${i}` });
        }),
      ),
    );
    const report = await verifyAuditChain(env.ctx.db, 7); // small batches: the keyset paging is walked too
    expect(report.ok).toBe(true);
    expect(report.checked).toBe(await env.ctx.db.$count(auditLog));
  });

  it('reports the first broken link: a changed entry, then a deleted one', async () => {
    env = await createTestEnv();
    await seed();
    const [third] = await env.ctx.db.select().from(auditChain).where(sql`${auditChain.countyId} = ${env.base.countyId} and ${auditChain.seq} = 3`);
    await tamper(`update audit_log set note = '篡改' where id = ${third.entryId}`);
    let report = await verifyAuditChain(env.ctx.db);
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ countyId: env.base.countyId, seq: 3, entryId: third.entryId });
    expect(report.broken!.reason).toContain('被修改');
    await tamper(`update audit_log set note = null where id = ${third.entryId}`);
    expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
    await tamper(`delete from audit_log where id = ${third.entryId + 2}`);
    report = await verifyAuditChain(env.ctx.db);
    expect(report.broken).toMatchObject({ seq: 5 });
    expect(report.broken!.reason).toContain('被删除');
  });

  it('refuses TRUNCATE of the log, the chain and the archive', async () => {
    env = await createTestEnv();
    await seed();
    for (const t of ['audit_log', 'audit_chain', 'audit_log_archive']) await expect(env.ctx.db.execute(sql.raw(`truncate ${t}`))).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`update audit_chain set hash = 'x'`)).rejects.toThrow();
    expect(await env.ctx.db.$count(auditLog)).toBe(10);
  });
});

describe('audit archiving', () => {
  it('moves entries past the retention into the archive unchanged; verification still passes; recent ones cannot be removed', async () => {
    env = await createTestEnv();
    await seed();
    const before = await env.ctx.db.$count(auditLog);
    await expect(archiveAudit(env.ctx.db, env.clock.now, 90)).rejects.toThrow('180');
    const { moved } = await archiveAudit(env.ctx.db, env.clock.now, 180, 4);
    expect(moved).toBe(6);
    expect(await env.ctx.db.$count(auditLogArchive)).toBe(6);
    expect(await env.ctx.db.$count(auditLog)).toBe(before - 6);
    const archived = await env.ctx.db.select().from(auditLogArchive).orderBy(auditLogArchive.id);
    expect(archived.map((a) => a.entityId)).toEqual(['old-0', 'old-1', 'old-2', 'old-3', 'old-4', 'old-5']);
    expect(archived[2].changes).toEqual({ name: { before: '旧2', after: '新2' } });
    expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: true, checked: before });
    // A second run moves nothing.
    expect((await archiveAudit(env.ctx.db, env.clock.now, 180)).moved).toBe(0);
    // A recent entry copied into the archive still cannot be deleted from the log; nor an old one without its copy.
    const [recent] = await env.ctx.db.select().from(auditLog).where(sql`${auditLog.entityId} = 'new-0'`);
    await env.ctx.db.execute(sql`insert into audit_log_archive select *, now() from audit_log where id = ${recent.id}`);
    await expect(env.ctx.db.execute(sql`delete from audit_log where id = ${recent.id}`)).rejects.toThrow();
    await writeAudit(env.ctx.db, null, new Date('2024-01-01T00:00:00Z'), { action: 'org.update', countyId: env.base.countyId });
    await expect(env.ctx.db.execute(sql`delete from audit_log where at < '2024-06-01'`)).rejects.toThrow();
  });
});
