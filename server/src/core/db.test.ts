// Losing the PostgreSQL connections: the process lives, requests meanwhile get 503 with a Chinese message, and the
// pool reconnects by itself on the next request. (PGlite runs in the process: there is no connection to lose.)
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { testDatabaseName } from '../test/test-db';
import { isDatabaseUnavailable, setConnectionLog } from './db';
import { DATABASE_UNAVAILABLE_MESSAGE } from './errors';

const serverUrl = process.env.DATABASE_URL;
let env: TestEnv | undefined;
afterEach(async () => {
  setConnectionLog((line) => console.error(line));
  await env?.close();
  env = undefined;
});

function testDatabaseUrl(): string {
  const u = new URL(serverUrl!);
  u.pathname = `/${testDatabaseName()}`;
  return u.toString();
}

describe('isDatabaseUnavailable', () => {
  it('recognises lost connections through the driver wrapper, and nothing else', () => {
    const terminated = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(isDatabaseUnavailable(new Error('Failed query: select 1', { cause: terminated }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('syntax error'), { code: '42601' }) }))).toBe(false);
  });
});

describe.skipIf(!serverUrl)('a lost PostgreSQL connection (skipped on PGlite: the database runs in the process, there is no connection to lose)', () => {
  it('answers 503 with a Chinese message while the backends are terminated mid-request, survives, and recovers on the next request', async () => {
    env = await createTestEnv();
    const lost: string[] = [];
    setConnectionLog((line) => lost.push(line));
    const s = await env.as('countyAdmin');
    // Several requests at once leave several idle connections in the pool: ending those must not end the process.
    expect((await Promise.all([1, 2, 3, 4].map(() => s.get('/api/orgs/tree')))).map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);

    const admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    try {
      // The request blocks on a lock held here, so its backend is busy in the middle of a statement when it is ended.
      await admin.query('begin');
      await admin.query('lock table orgs in access exclusive mode');
      const pending = s.get('/api/orgs/tree');
      for (let i = 0; i < 200; i++) {
        const waiting = await admin.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'`);
        if (waiting.rows[0].n > 0) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      const ended = await admin.query(`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) t`);
      expect(ended.rows[0].n).toBeGreaterThan(0);
      await admin.query('rollback');

      const res = await pending;
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toEqual({ code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE });
      expect(res.headers['retry-after']).toBe('5');
    } finally {
      await admin.end();
    }
    // Idle pool connections were ended too: their 'error' events were logged, not thrown (this process is still here).
    await new Promise((r) => setTimeout(r, 50));
    expect(lost.some((l) => l.includes('连接中断'))).toBe(true);

    const again = await s.get('/api/orgs/tree');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toBeTruthy();
    expect((await s.get('/api/health')).json()).toEqual({ status: 'ok', database: 'postgres' });
  });
});
