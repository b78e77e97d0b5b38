// One schema, two drivers: embedded PGlite (a folder on disk) by default, a PostgreSQL server with DATABASE_URL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from '../db/schema/index';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: repositories accept both. */
export type Executor = Db | Tx;

export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  migrate: () => Promise<void>;
  close: () => Promise<void>;
  /**
   * Takes the named lock for as long as the holder lives, or answers null when a live holder has it. PostgreSQL: a
   * session-level advisory lock on a connection of its own (the server frees it the moment the holding process or
   * connection is gone); PGlite: one process owns the database folder, so a process-local lock is the whole truth.
   */
  tryLock: (key: string) => Promise<HeldLock | null>;
};
export type HeldLock = { release: () => Promise<void> };

/** Where lost connections are reported (one line each, never a crash). */
let connectionLog: (line: string) => void = (line) => console.error(line);
export function setConnectionLog(log: (line: string) => void): void {
  connectionLog = log;
}

const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../db/migrations');

export async function openDatabase(opts: { databaseUrl: string | null; dataDir?: string | null }): Promise<Database> {
  if (opts.databaseUrl) {
    // A request that gets no connection within 20 s fails (503) instead of queueing indefinitely. pg-pool counts the
    // wait in its queue too, so this is also the longest burst wait: 400 check-ins at one theme day on a loaded 2-core
    // machine waited over 5 s for one of the 10 connections and were answered 503. A server that is down refuses the
    // connection at once (ECONNREFUSED), so this does not delay the 503 of a lost database.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 20_000 });
    // A connection ended by the server (restart, pg_terminate_backend, network) emits 'error' on the idle pool or on a
    // checked-out client: without listeners Node ends the process. The pool drops the broken client by itself (it is no
    // longer queryable) and opens a new one on the next request, so logging is all there is to do here.
    const onLost = (err: Error) => connectionLog(`[数据库] 连接中断：${err.message}（将在下一次请求时重新连接）`);
    pool.on('error', onLost);
    pool.on('connect', (client) => client.on('error', onLost));
    // Dates stay 'YYYY-MM-DD' strings (the pg default would turn them into local-time Date objects).
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      kind: 'postgres',
      db,
      migrate: () => migratePg(db as never, { migrationsFolder }),
      close: () => pool.end(),
      tryLock: async (key) => {
        const local = localLocks.take(key);
        if (!local) return null;
        let client: pg.PoolClient;
        try {
          client = await pool.connect();
        } catch (err) {
          local.release();
          throw err;
        }
        let got = false;
        try {
          const res = await client.query<{ got: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as got', [key]);
          got = res.rows[0]?.got === true;
        } finally {
          if (!got) {
            client.release();
            local.release();
          }
        }
        if (!got) return null;
        return {
          release: async () => {
            try {
              await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
              client.release();
            } catch (err) {
              // A lost connection has freed the lock with it; the broken client is discarded.
              client.release(err instanceof Error ? err : true);
            } finally {
              local.release();
            }
          },
        };
      },
    };
  }
  // pg_trgm (the member name-fragment index, migration 0027) must be loaded at open for CREATE EXTENSION to find it.
  const options = { extensions: { pg_trgm } };
  const client = opts.dataDir ? new PGlite(opts.dataDir, options) : new PGlite(options);
  await client.waitReady;
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
    tryLock: async (key) => {
      const local = localLocks.take(key);
      return local ? { release: async () => local.release() } : null;
    },
  };
}

/** Locks held by this process (a second claim from the same process never needs a round trip). */
const localLocks = {
  held: new Set<string>(),
  take(key: string): { release: () => void } | null {
    if (this.held.has(key)) return null;
    this.held.add(key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held.delete(key);
      },
    };
  },
};

const LOST_CODES = new Set([
  // PostgreSQL: admin_shutdown (pg_terminate_backend), crash_shutdown, cannot_connect_now, connection exceptions.
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
  // Node sockets.
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
]);
const LOST_MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Connection ended/i;

/**
 * Whether an error means the database is out of reach (not that a statement was wrong): the error edge answers 503,
 * and the caller may retry later. Drizzle wraps driver errors (DrizzleQueryError), so the cause chain is walked.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && LOST_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && LOST_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** Rows of a raw SQL statement, the same shape on both drivers. */
export async function queryRows<T>(ex: Executor, query: Parameters<Db['execute']>[0]): Promise<T[]> {
  const res = (await ex.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
