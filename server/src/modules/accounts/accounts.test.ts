import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { accounts, auditLog, sessions } from '../../db/schema/index';
import { buildAccount, buildMember } from '../../test/factories';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../../test/test-app';
import { isUniqueViolation } from '../../core/errors';
import { getTestDatabase } from '../../test/test-db';
import { accountsRepository } from './accounts.repository';

let env: TestEnv;
afterEach(async () => env?.close());
beforeAll(async () => {
  await getTestDatabase(); // migrating can take half a minute on a loaded machine
}, 180_000);

const NEW_PASSWORD = 'Neu#Pass2026';
const accountRow = async (id: string) => (await env.ctx.db.select().from(accounts).where(eq(accounts.id, id)))[0];
const auditOf = async (action: string, entityId: string) =>
  env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)));
const tryLogin = (username: string, password: string) => env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

describe('GET /api/accounts', () => {
  it('lists only the accounts inside the actor subtree, with locked and what the actor may do', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    await env.ctx.db.update(accounts).set({ lockedUntil: new Date(env.clock.now.getTime() + 60_000) }).where(eq(accounts.id, env.base.accountIds.secretary1));
    const res = await s.get('/api/accounts?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.map((a: { username: string }) => a.username).sort()).toEqual(['instructor1', 'member1', 'secretary1', 'town1']);
    expect(body.total).toBe(4);
    const sec = body.items.find((a: { username: string }) => a.username === 'secretary1');
    expect(sec).toMatchObject({ locked: true, orgName: '西官村党支部', role: 'branchSecretary', can: { update: true, resetPassword: true, unlock: true, disable: true } });
    expect(sec).not.toHaveProperty('passwordHash');
    const self = body.items.find((a: { username: string }) => a.username === 'town1');
    expect(self.can).toEqual({ update: true, resetPassword: false, unlock: false, disable: false });
    // The lock expires by the clock, not by a job.
    env.clock.advance(61_000);
    const later = (await s.get('/api/accounts?q=secretary')).json();
    expect(later.items).toHaveLength(1);
    expect(later.items[0].locked).toBe(false);
  });

  it('filters by role and search text and pages', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    expect((await s.get('/api/accounts?role=committeeAdmin')).json().items.map((a: { username: string }) => a.username).sort()).toEqual(['town1', 'town2']);
    const page = (await s.get('/api/accounts?page=2&pageSize=4')).json();
    expect(page.total).toBe(6);
    expect(page.items).toHaveLength(2);
    expect((await s.get(`/api/accounts?orgId=${env.base.branch1.id}`)).json().items.map((a: { username: string }) => a.username).sort()).toEqual(['member1', 'secretary1']);
    expect((await (await env.as('committeeAdmin')).get(`/api/accounts?orgId=${env.base.town2.id}`)).statusCode).toBe(404);
    // LIKE wildcards typed by the user are literal.
    expect((await s.get('/api/accounts?q=%25')).json().total).toBe(0);
  });

  it('requires login and the accounts.read permission', async () => {
    env = await createTestEnv();
    expect((await env.app.inject({ method: 'GET', url: '/api/accounts' })).statusCode).toBe(401);
    expect((await (await env.as('branchSecretary')).get('/api/accounts')).statusCode).toBe(403);
    expect((await (await env.as('member')).get('/api/accounts')).statusCode).toBe(403);
  });

  it('answers 404 for an account outside the subtree', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    expect((await s.get(`/api/accounts/${env.base.accountIds.town2}`)).statusCode).toBe(404);
    expect((await s.get(`/api/accounts/${env.base.accountIds.county}`)).statusCode).toBe(404);
    expect((await s.get(`/api/accounts/${env.base.accountIds.secretary1}`)).json().username).toBe('secretary1');
  });
});

describe('POST /api/accounts', () => {
  const secretary = (env: TestEnv, overrides: Record<string, unknown> = {}) => ({
    username: 'wang.sec',
    displayName: '王书记',
    role: 'branchSecretary',
    orgId: env.base.branch1.id,
    password: 'Init#2026abc',
    ...overrides,
  });

  it('creates an account with an argon2id hash that must change its password, and audits it without the password', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const res = await s.post('/api/accounts', secretary(env));
    expect(res.statusCode).toBe(200);
    const created = res.json();
    expect(created).toMatchObject({ username: 'wang.sec', role: 'branchSecretary', orgName: '西官村党支部', mustChangePassword: true, locked: false, disabled: false, version: 1 });
    const row = await accountRow(created.id);
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.countyId).toBe(env.base.countyId);
    const [log] = await auditOf('account.create', created.id);
    expect(log.changes).toMatchObject({ username: { before: null, after: 'wang.sec' }, role: { after: 'branchSecretary' } });
    expect(JSON.stringify(log)).not.toContain('Init#2026abc');
    // The new user can log in but must change the password before anything else.
    const login = await tryLogin('wang.sec', 'Init#2026abc');
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('refuses a taken username (any case) with 409 and a Chinese message', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const res = await s.post('/api/accounts', secretary(env, { username: 'Secretary1' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'USERNAME_TAKEN', message: '用户名“Secretary1”已被使用，请换一个' });
    expect(await env.ctx.db.select().from(accounts)).toHaveLength(6);
  });

  it('refuses a role above the actor (403), an org outside the subtree (404) and an org that does not fit the role (400)', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const above = await s.post('/api/accounts', secretary(env, { role: 'countyAdmin', orgId: env.base.town1.id }));
    expect(above.statusCode).toBe(403);
    expect(above.json().error.message).toContain('县委组织部管理员');
    expect((await s.post('/api/accounts', secretary(env, { orgId: env.base.branch2.id }))).statusCode).toBe(404);
    const notBranch = await s.post('/api/accounts', secretary(env, { orgId: env.base.town1.id }));
    expect(notBranch.statusCode).toBe(400);
    expect(notBranch.json().error.message).toBe('支部书记账号须绑定到党支部');
    expect(await env.ctx.db.select().from(accounts)).toHaveLength(6);
  });

  it('recognizes the unique-index refusal of a username taken concurrently (the 409 of a lost race)', async () => {
    env = await createTestEnv();
    const err = await accountsRepository
      .insert(env.ctx.db, { countyId: env.base.countyId, username: 'town1', displayName: '重复', passwordHash: 'x', role: 'instructor', orgId: env.base.town1.id })
      .then(() => null, (e: unknown) => e);
    expect(err).not.toBeNull();
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(new Error('other'))).toBe(false);
  });

  it('enforces the password policy', async () => {
    env = await createTestEnv();
    const res = await (await env.as('countyAdmin')).post('/api/accounts', secretary(env, { password: 'short1' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('密码至少8位');
  });

  it('binds a member account to a live member in scope and puts it in the member branch', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    const memberId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '赵敏' });
    const missing = await s.post('/api/accounts', { username: 'zhaomin', displayName: '赵敏', role: 'member', orgId: env.base.town1.id, password: 'Init#2026abc' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('ACCOUNT_MEMBER_REQUIRED');
    const ok = await s.post('/api/accounts', { username: 'zhaomin', displayName: '赵敏', role: 'member', orgId: env.base.town1.id, memberId, password: 'Init#2026abc' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ memberId, orgId: env.base.branch1.id });
    // One account per member.
    const again = await s.post('/api/accounts', { username: 'zhaomin2', displayName: '赵敏', role: 'member', orgId: env.base.branch1.id, memberId, password: 'Init#2026abc' });
    expect(again.statusCode).toBe(409);
    // A member of another town is out of scope.
    const other = await buildMember(env.ctx, env.base.countyId, env.base.branch2);
    expect((await s.post('/api/accounts', { username: 'other.m', displayName: '外镇党员', role: 'member', orgId: env.base.branch1.id, memberId: other, password: 'Init#2026abc' })).statusCode).toBe(404);
  });

  it('is refused to roles without accounts.write and without login', async () => {
    env = await createTestEnv();
    expect((await (await env.as('branchSecretary')).post('/api/accounts', secretary(env))).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'POST', url: '/api/accounts', payload: secretary(env) })).statusCode).toBe(401);
  });
});

describe('PUT /api/accounts/:id', () => {
  it('updates name, role and org with the version, audits before/after, and signs the account out when its role changes', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    const target = await env.as('instructor');
    const id = env.base.accountIds.instructor1;
    const res = await admin.put(`/api/accounts/${id}`, { displayName: '刘指导', role: 'branchSecretary', orgId: env.base.branch1.id, disabled: false, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ displayName: '刘指导', role: 'branchSecretary', orgId: env.base.branch1.id, version: 2 });
    const [log] = await auditOf('account.update', id);
    expect(log.changes).toEqual({
      displayName: { before: 'instructor1', after: '刘指导' },
      role: { before: 'instructor', after: 'branchSecretary' },
      orgId: { before: env.base.town1.id, after: env.base.branch1.id },
    });
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    // The same version again is stale.
    const stale = await admin.put(`/api/accounts/${id}`, { displayName: '刘指导', role: 'instructor', orgId: env.base.town1.id, disabled: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
  });

  it('disabling kills the sessions and refuses login', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    const target = await env.as('branchSecretary');
    expect((await target.get('/api/auth/me')).statusCode).toBe(200);
    const id = env.base.accountIds.secretary1;
    const res = await admin.put(`/api/accounts/${id}`, { displayName: 'secretary1', role: 'branchSecretary', orgId: env.base.branch1.id, disabled: true, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect(await env.ctx.db.select().from(sessions).where(eq(sessions.accountId, id))).toHaveLength(0);
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('secretary1', TEST_PASSWORD)).statusCode).not.toBe(200);
  });

  it('refuses to disable or demote oneself', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    const id = env.base.accountIds.town1;
    const disable = await admin.put(`/api/accounts/${id}`, { displayName: 'town1', role: 'committeeAdmin', orgId: env.base.town1.id, disabled: true, version: 1 });
    expect(disable.statusCode).toBe(422);
    expect(disable.json().error.message).toBe('不能停用本人账号');
    const demote = await admin.put(`/api/accounts/${id}`, { displayName: 'town1', role: 'instructor', orgId: env.base.town1.id, disabled: false, version: 1 });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.code).toBe('ACCOUNT_SELF_DEMOTE');
    expect((await accountRow(id))).toMatchObject({ role: 'committeeAdmin', disabled: false, version: 1 });
    // The display name alone may change.
    expect((await admin.put(`/api/accounts/${id}`, { displayName: '城关镇组织委员', role: 'committeeAdmin', orgId: env.base.town1.id, disabled: false, version: 1 })).statusCode).toBe(200);
  });

  it('answers 404 outside the subtree and 403 for an account above the actor role', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    const body = { displayName: '外镇', role: 'committeeAdmin', orgId: env.base.town1.id, disabled: false, version: 1 };
    expect((await admin.put(`/api/accounts/${env.base.accountIds.town2}`, body)).statusCode).toBe(404);
    expect((await accountRow(env.base.accountIds.town2)).displayName).toBe('town2');
    // A county administrator bound below the root would be odd, but must still be untouchable by a town.
    const countyInTown = await buildAccount(env.ctx, env.base.countyId, { username: 'odd.county', role: 'countyAdmin', org: env.base.town1 });
    expect((await admin.put(`/api/accounts/${countyInTown}`, { ...body, role: 'countyAdmin' })).statusCode).toBe(403);
  });
});

describe('POST /api/accounts/:id/reset-password and /unlock', () => {
  it('resets the password: new hash, must change, unlocked, signed out, audited without the password', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    const target = await env.as('branchSecretary');
    const id = env.base.accountIds.secretary1;
    await env.ctx.db.update(accounts).set({ failedLogins: 5, lockedUntil: new Date(env.clock.now.getTime() + 600_000) }).where(eq(accounts.id, id));
    const res = await admin.post(`/api/accounts/${id}/reset-password`, { password: NEW_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mustChangePassword: true, locked: false });
    expect(await accountRow(id)).toMatchObject({ failedLogins: 0, lockedUntil: null, mustChangePassword: true });
    expect((await target.get('/api/auth/me')).statusCode).toBe(401);
    expect((await tryLogin('secretary1', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await tryLogin('secretary1', NEW_PASSWORD)).statusCode).toBe(200);
    const logs = await auditOf('account.resetPassword', id);
    expect(logs).toHaveLength(1);
    expect(JSON.stringify(logs[0])).not.toContain(NEW_PASSWORD);
  });

  it('refuses a weak password, one own password, and ids outside the subtree', async () => {
    env = await createTestEnv();
    const admin = await env.as('committeeAdmin');
    expect((await admin.post(`/api/accounts/${env.base.accountIds.secretary1}/reset-password`, { password: 'abcdefgh' })).statusCode).toBe(400);
    expect((await admin.post(`/api/accounts/${env.base.accountIds.town1}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(422);
    expect((await admin.post(`/api/accounts/${env.base.accountIds.town2}/reset-password`, { password: NEW_PASSWORD })).statusCode).toBe(404);
    expect((await admin.post(`/api/accounts/${env.base.accountIds.town2}/unlock`)).statusCode).toBe(404);
    expect((await tryLogin('town2', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('unlocks an account locked by failed logins', async () => {
    env = await createTestEnv();
    for (let i = 0; i < 5; i++) await tryLogin('secretary1', 'Wrong#pass1');
    expect((await tryLogin('secretary1', TEST_PASSWORD)).statusCode).toBe(423);
    const admin = await env.as('committeeAdmin');
    const id = env.base.accountIds.secretary1;
    expect((await admin.get(`/api/accounts/${id}`)).json().locked).toBe(true);
    const res = await admin.post(`/api/accounts/${id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json().locked).toBe(false);
    expect((await tryLogin('secretary1', TEST_PASSWORD)).statusCode).toBe(200);
    const [log] = await auditOf('account.unlock', id);
    expect(log.changes?.lockedUntil.before).toEqual(expect.any(String));
    expect(log.changes?.lockedUntil.after).toBeNull();
  });
});
