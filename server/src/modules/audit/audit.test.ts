import { afterEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { writeAudit } from '../../core/audit';
import { auditLog, counties } from '../../db/schema/index';
import { recordRoutes } from '../../test/routes';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

type Entry = { id: string; at: string; action: string; actorName: string | null; entityId: string | null; outcome: string; note: string | null };
const items = async (res: Promise<{ statusCode: number; json: () => { items: Entry[]; total: number } }>) => {
  const r = await res;
  expect(r.statusCode).toBe(200);
  return r.json();
};

/** Audit entries at known days: each account logs in (recorded without actor, on the account) and out (with actor); plus another county. */
async function seedEntries() {
  const names = ['county', 'town1', 'town2', 'secretary1'];
  for (const [i, username] of names.entries()) {
    env.clock.set(`2026-06-1${i + 1}T02:00:00Z`);
    const s = await env.login(username);
    expect((await s.post('/api/auth/logout')).statusCode).toBe(200);
  }
  const [other] = await env.ctx.db.insert(counties).values({ name: '邻县', code: '610103' }).returning();
  await writeAudit(env.ctx.db, null, new Date('2026-06-20T00:00:00Z'), { action: 'auth.login', countyId: other.id, note: '他县' });
  env.clock.set('2026-06-21T02:00:00Z');
}

describe('GET /api/audit', () => {
  it('shows the county administrator the whole county, newest first, and never another county', async () => {
    env = await createTestEnv();
    await seedEntries();
    const s = await env.as('countyAdmin');
    const logouts = await items(s.get('/api/audit?action=auth.logout&pageSize=50'));
    expect(logouts.items.map((e) => e.actorName)).toEqual(['secretary1（secretary1）', 'town2（town2）', 'town1（town1）', 'county（county）']);
    const logins = await items(s.get('/api/audit?action=auth.login&pageSize=50'));
    // Four seeded logins plus this session's own; not the other county's.
    expect(logins.total).toBe(5);
    expect(logins.items.some((e) => e.note === '他县')).toBe(false);
    const all = await items(s.get('/api/audit?pageSize=200'));
    const ats = all.items.map((e) => e.at);
    expect(ats).toEqual([...ats].sort().reverse());
  });

  it('shows a committee administrator only the entries by, or logins into, accounts of its subtree', async () => {
    env = await createTestEnv();
    await seedEntries();
    const s = await env.as('committeeAdmin');
    const body = await items(s.get('/api/audit?pageSize=50'));
    const town1 = env.base.accountIds.town1;
    const secretary1 = env.base.accountIds.secretary1;
    expect(new Set(body.items.map((e) => e.entityId))).toEqual(new Set([town1, secretary1]));
    expect(new Set(body.items.filter((e) => e.actorName).map((e) => e.actorName))).toEqual(new Set(['town1（town1）', 'secretary1（secretary1）']));
    expect(body.total).toBe(5); // two logins and two logouts seeded, and this session's login
    expect((await items(s.get(`/api/audit?actorId=${env.base.accountIds.town2}`))).total).toBe(0);
  });

  it('filters by actor, entity, action and time range, and pages', async () => {
    env = await createTestEnv();
    await seedEntries();
    const s = await env.as('countyAdmin');
    const town1 = env.base.accountIds.town1;
    const town2 = env.base.accountIds.town2;
    // The operator filter finds the account's own login too (logins are recorded under the account, not “系统”).
    expect((await items(s.get(`/api/audit?actorId=${town1}`))).items.map((e) => e.action)).toEqual(['auth.logout', 'auth.login']);
    const range = await items(s.get(`/api/audit?from=${encodeURIComponent('2026-06-12T00:00:00Z')}&to=${encodeURIComponent('2026-06-13T23:59:59Z')}`));
    expect(range.items.map((e) => `${e.action} ${e.entityId === town2 ? 'town2' : e.entityId === town1 ? 'town1' : '?'}`)).toEqual([
      'auth.logout town2',
      'auth.login town2',
      'auth.logout town1',
      'auth.login town1',
    ]);
    const page2 = await items(s.get('/api/audit?action=auth.login&page=2&pageSize=2'));
    expect(page2.items).toHaveLength(2);
    expect(page2.total).toBe(5);
    // A change recorded by the orgs module is found by its entity.
    const update = await s.put(`/api/orgs/${env.base.branch2.id}`, { name: '鑫园村党支部（新）', shortName: null, sector: 'rural', gridKind: null, foundedOn: null, secretaryMemberId: null, committeeMemberIds: [], version: 1 });
    expect(update.statusCode).toBe(200);
    const byEntity = await items(s.get(`/api/audit?entityType=org&entityId=${env.base.branch2.id}`));
    expect(byEntity.items).toHaveLength(1);
    expect(byEntity.items[0]).toMatchObject({ action: 'org.update', outcome: 'success', actorName: 'county（county）' });
  });

  it('lists the distinct actions in scope for the filter', async () => {
    env = await createTestEnv();
    await seedEntries();
    await writeAudit(env.ctx.db, null, env.clock.now, { action: 'zz.other', countyId: env.base.countyId });
    const county = (await (await env.as('countyAdmin')).get('/api/audit/actions')).json();
    expect(county.items).toEqual(['auth.login', 'auth.logout', 'zz.other']);
    const town = (await (await env.as('committeeAdmin')).get('/api/audit/actions')).json();
    expect(town.items).toEqual(['auth.login', 'auth.logout']);
  });

  it('requires login and audit.read', async () => {
    env = await createTestEnv();
    expect((await env.app.inject({ method: 'GET', url: '/api/audit' })).statusCode).toBe(401);
    expect((await (await env.as('branchSecretary')).get('/api/audit')).statusCode).toBe(403);
    expect((await (await env.as('instructor')).get('/api/audit/actions')).statusCode).toBe(403);
  });
});

describe('the audit log is append-only', () => {
  it('refuses UPDATE and DELETE in the database itself', async () => {
    env = await createTestEnv();
    await env.login('county');
    const before = await env.ctx.db.select().from(auditLog);
    expect(before.length).toBeGreaterThan(0);
    await expect(env.ctx.db.execute(sql`update audit_log set note = 'tampered'`)).rejects.toThrow();
    await expect(env.ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(env.ctx.db.update(auditLog).set({ action: 'x' }).where(eq(auditLog.id, before[0].id))).rejects.toThrow();
    expect(await env.ctx.db.select().from(auditLog)).toEqual(before);
  });

  it('has no route that changes or deletes entries', async () => {
    const recorder = recordRoutes();
    try {
      env = await createTestEnv();
    } finally {
      recorder.stop();
    }
    const audit = recorder.routes.filter((r) => r.url === '/api/audit' || r.url.startsWith('/api/audit/'));
    expect(audit.map((r) => `${r.method} ${r.url}`).sort()).toEqual(['GET /api/audit', 'GET /api/audit/actions', 'HEAD /api/audit', 'HEAD /api/audit/actions']);
    const s = await env.as('countyAdmin');
    const [first] = await env.ctx.db.select().from(auditLog);
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      expect((await s.inject({ method, url: `/api/audit/${first.id}`, payload: {} })).statusCode).toBe(404);
    }
  });
});
