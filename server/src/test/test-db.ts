// One database per test worker (PGlite in memory, or a database of its own on the PostgreSQL server of DATABASE_URL),
// migrated once and emptied between tests.
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, queryRows, type Database } from '../core/db';

let shared: Promise<Database> | null = null;

// Unique per run (the parent vitest process) and worker, so parallel runs on one server never collide.
export const testDatabaseName = (): string => `yanzhen_test_${process.ppid}_w${process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? '0'}`;

async function createServerDatabase(url: string): Promise<string> {
  const name = testDatabaseName();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function getTestDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL;
    const database = await openDatabase({ databaseUrl: url ? await createServerDatabase(url) : null, dataDir: null });
    await database.migrate();
    return database;
  })();
  return shared;
}

/**
 * Empties every table. The audit tables refuse TRUNCATE by trigger; the test database passes them with
 * `session_replication_role = replica` (triggers off for this transaction only). Setting it needs a superuser: the
 * application never does it and, run as a non-superuser role in production, cannot (see README, 操作日志的完整性).
 */
export async function resetDatabase(database: Database): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(database.db, sql`select tablename from pg_tables where schemaname = 'public'`);
  if (tables.length === 0) return;
  // A deadlock here means a previous test left work running into this one (a write after its response, say): the
  // emptying is retried so one such leftover does not fail an unrelated test, and the warning names it to be fixed.
  for (let attempt = 1; ; attempt++) {
    try {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql.raw(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`));
      });
      return;
    } catch (err) {
      const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
      if (code !== '40P01' || attempt >= 3) throw err;
      console.warn(`resetDatabase: deadlock with work left running by an earlier test (attempt ${attempt}); retrying`);
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}
