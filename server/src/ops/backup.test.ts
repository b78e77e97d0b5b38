import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../core/audit';
import { queryRows } from '../core/db';
import { auditLog } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { getTestDatabase, resetDatabase } from '../test/test-db';
import { verifyAuditChain } from './audit-integrity';
import { backupDatabase, readBackupHeader, restoreDatabase } from './backup';

let env: TestEnv;
afterEach(async () => env?.close());
beforeAll(async () => {
  await getTestDatabase();
}, 180_000);

/** Every table's rows as JSON text, sorted: two databases with equal snapshots hold the same rows. */
async function snapshot(): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ tablename: string }>(env.ctx.db, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  const out: Record<string, string[]> = {};
  for (const { tablename } of tables) {
    const rows = await queryRows<{ r: string }>(env.ctx.db, sql.raw(`select row_to_json(t)::text as r from "${tablename}" t`));
    out[tablename] = rows.map((r) => r.r).sort();
  }
  return out;
}

describe('backup and restore', () => {
  it('round-trips a county: every table row by row, the key, the audit chain, and the sequences', async () => {
    env = await createTestEnv();
    // A county with some history: sessions, audit entries (chained), a change, a member record with encrypted fields.
    const admin = await env.as('countyAdmin');
    await env.login('town1');
    const update = await admin.put(`/api/orgs/${env.base.branch2.id}`, { name: '鑫园村党支部（新）', shortName: null, sector: 'rural', gridKind: null, foundedOn: null, secretaryMemberId: null, committeeMemberIds: [], version: 1 });
    expect(update.statusCode).toBe(200);
    await writeAudit(env.ctx.db, null, new Date('2026-06-01T00:00:00Z'), { action: 'org.update', countyId: env.base.countyId, changes: { name: { before: '甲', after: '乙' } } });
    const before = await snapshot();
    const total = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    expect(before.members.length).toBeGreaterThan(0);
    expect(before.audit_chain.length).toBe(before.audit_log.length);

    const file = path.join(os.tmpdir(), `yz-backup-${process.pid}-${randomBytes(4).toString('hex')}.yzbak`);
    const key = randomBytes(32);
    try {
      const done = await backupDatabase(env.ctx.db, file, key);
      expect(done.rows).toBe(total);
      expect((fs.statSync(file).mode & 0o777).toString(8)).toBe('600');
      const header = await readBackupHeader(file);
      expect(Buffer.from(header.key!, 'base64').equals(key)).toBe(true);
      expect(header.tables).toEqual(Object.keys(before));

      await resetDatabase(env.ctx.database);
      expect((await snapshot()).members).toEqual([]);
      const restored = await restoreDatabase(env.ctx.db, file);
      expect(restored.rows).toBe(total);
      const after = await snapshot();
      for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
      expect(await verifyAuditChain(env.ctx.db)).toMatchObject({ ok: true, checked: before.audit_log.length });
      // The restored database goes on: a new entry gets a fresh id and joins the chain.
      await writeAudit(env.ctx.db, null, env.clock.now, { action: 'org.update', countyId: env.base.countyId });
      expect(await env.ctx.db.$count(auditLog)).toBe(before.audit_log.length + 1);
      expect((await verifyAuditChain(env.ctx.db)).ok).toBe(true);
      // The accounts work as before the backup.
      expect((await (await env.login('town1')).get('/api/auth/me')).statusCode).toBe(200);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('refuses a file that is not a backup', async () => {
    const file = path.join(os.tmpdir(), `yz-notbackup-${process.pid}.yzbak`);
    const { gzipSync } = await import('node:zlib');
    fs.writeFileSync(file, gzipSync('{"format":"other"}\n'));
    try {
      await expect(readBackupHeader(file)).rejects.toThrow('不是雁阵备份文件');
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
