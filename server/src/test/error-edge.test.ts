// The error edge maps what the database refuses, once: a unique violation (23505) is a 409 with the constraint's
// registered code (or DUPLICATE), a data exception (class 22) a 400 — with the real errors of the driver in use.
import { and, eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { DEVELOPMENT_RULE_SET_NAME } from '@yanzhen/domain';
import { DB_REJECTED_INPUT, isUniqueViolation, registerErrorHandler } from '../core/errors';
import { duesBases, ruleSets, settings } from '../db/schema/index';
import { createTestEnv, type TestEnv } from './test-app';

let env: TestEnv;
let edge: FastifyInstance | null = null;
afterEach(async () => {
  await edge?.close();
  edge = null;
  await env?.close();
});

/** A bare app with only the error edge and one route that runs `work` against the test database. */
async function edgeApp(work: () => Promise<unknown>): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  app.post('/work', async () => {
    await work();
    return { ok: true };
  });
  await app.ready();
  return app;
}

describe('the error edge', () => {
  it('answers a unique violation 409 with the code its module registered, and an unregistered one 409 DUPLICATE', async () => {
    env = await createTestEnv();
    const row = { countyId: env.base.countyId, name: DEVELOPMENT_RULE_SET_NAME, version: 2, effectiveFrom: '2026-01-01', source: '测试', params: {} };
    await env.ctx.db.insert(ruleSets).values(row);
    edge = await edgeApp(() => env.ctx.db.insert(ruleSets).values(row));
    const dup = await edge.inject({ method: 'POST', url: '/work' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'RULE_SET_VERSION_TAKEN', message: expect.stringContaining('规则版本') });
    await edge.close();

    await env.ctx.db.insert(settings).values({ countyId: env.base.countyId, key: 'test.key', value: 1 });
    edge = await edgeApp(() => env.ctx.db.insert(settings).values({ countyId: env.base.countyId, key: 'test.key', value: 2 }));
    const generic = await edge.inject({ method: 'POST', url: '/work' });
    expect(generic.statusCode).toBe(409);
    expect(generic.json().error).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('已存在') });
    expect(await env.ctx.db.select().from(settings).where(eq(settings.key, 'test.key'))).toEqual([expect.objectContaining({ value: 1 })]);
  });

  it('recognizes the unique-index refusal of either driver, and nothing else', async () => {
    env = await createTestEnv();
    await env.ctx.db.insert(settings).values({ countyId: env.base.countyId, key: 'k', value: 1 });
    const err = await env.ctx.db.insert(settings).values({ countyId: env.base.countyId, key: 'k', value: 1 }).then(() => null, (e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, 'settings_county_key_uq')).toBe(true);
    expect(isUniqueViolation(err, 'rule_sets_uq')).toBe(false);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
    expect(isUniqueViolation({ code: '23505' })).toBe(false); // a code without a server error's severity is not the database's
  });

  it('answers a value the database cannot hold 400 DB_REJECTED_INPUT, not 500', async () => {
    env = await createTestEnv();
    edge = await edgeApp(() => env.ctx.db.execute(sql`select ${'2026-02-30'}::date`));
    const res = await edge.inject({ method: 'POST', url: '/work' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(DB_REJECTED_INPUT);
  });

  it('answers concurrent duplicates of a dues base with one row and no 5xx (dues_bases_member_from_uq)', async () => {
    env = await createTestEnv();
    const secretary = await env.as('branchSecretary');
    const body = { memberId: env.base.member1Id, year: 2026, fromMonth: '2026-03', category: 'employee', baseFen: 300000 };
    const answers = await Promise.all(Array.from({ length: 4 }, () => secretary.post('/api/dues/bases', body)));
    for (const a of answers) expect([200, 409], a.body).toContain(a.statusCode);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json().error.code).toMatch(/^(DUES_BASE_EXISTS|STALE_VERSION)$/);
    const rows = await env.ctx.db.select().from(duesBases).where(and(eq(duesBases.memberId, env.base.member1Id), eq(duesBases.fromMonth, '2026-03')));
    expect(rows).toHaveLength(1);
  });
});
