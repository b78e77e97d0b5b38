import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, auditLog } from '../../db/schema/index';
import { createTestEnv, TEST_PASSWORD, type TestEnv } from '../../test/test-app';
import { getTestDatabase } from '../../test/test-db';

let env: TestEnv;
afterEach(async () => env?.close());
beforeAll(async () => {
  await getTestDatabase();
}, 180_000);

describe('auth', () => {
  it('health answers ok without login', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('ok');
  });

  it('logs in, sets an HttpOnly SameSite cookie, returns me with permissions, and audits it', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'town1', password: 'Test@2026pass' } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.json()).toMatchObject({ username: 'town1', role: 'committeeAdmin', orgName: '城关镇党委' });
    expect(res.json().permissions).toContain('members.write');
    const logs = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(logs).toHaveLength(1);
    expect(logs[0].outcome).toBe('success');
  });

  it('refuses a source address after 5 wrong passwords for 15 minutes, with the wait in Chinese; other addresses still log in', async () => {
    env = await createTestEnv();
    const attempt = (password: string, remoteAddress = '10.0.0.66') =>
      env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'town1', password } });
    for (let i = 1; i <= 4; i++) {
      const r = await attempt('wrong-Pass1');
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toContain(`本地址再错${5 - i}次须等待15分钟`);
    }
    const fifth = await attempt('wrong-Pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.message).toMatch(/15分钟后（约 \d\d:\d\d 后）再试/);
    // Even the right password is refused from that address while it waits …
    const locked = await attempt(TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/请15分钟后再试.*其他地址登录不受影响/);
    // … while the owner, from another address, logs in (no lock of the account for everyone).
    expect((await attempt(TEST_PASSWORD, '10.0.0.7')).statusCode).toBe(200);
    env.clock.advance(15 * 60_000 + 1000);
    expect((await attempt(TEST_PASSWORD)).statusCode).toBe(200);
    const failures = await env.ctx.db.select().from(auditLog).where(eq(auditLog.outcome, 'failure'));
    expect(failures.length).toBe(6);
    // Failed logins name the account tried, not “系统”.
    expect(new Set(failures.map((f) => f.actorName))).toEqual(new Set(['town1（town1）']));
  });

  it('lets no more than 5 of a parallel burst of 40 wrong guesses be checked; then the right password from that address is refused, from another accepted', async () => {
    env = await createTestEnv();
    const attempt = (password: string, remoteAddress: string) =>
      env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username: 'county', password } });
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(`Wrong#guess${i}`, '203.0.113.9')));
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401).length).toBe(4);
    expect(codes.filter((c) => c === 423).length).toBe(36);
    expect(codes.filter((c) => c === 200).length).toBe(0);
    const refused = await attempt(TEST_PASSWORD, '203.0.113.9');
    expect(refused.statusCode).toBe(423);
    expect(refused.json().error.code).toBe('LOGIN_THROTTLED');
    const owner = await attempt(TEST_PASSWORD, '198.51.100.20');
    expect(owner.statusCode).toBe(200);
  });

  it('closing the app waits for the failure records still being written after their responses went', async () => {
    env = await createTestEnv();
    const before = (await env.ctx.db.select().from(auditLog).where(eq(auditLog.outcome, 'failure'))).length;
    // 401s of writes without a session: each is recorded after its response has been sent.
    const refused = await Promise.all(Array.from({ length: 20 }, () => env.app.inject({ method: 'POST', url: '/api/members', payload: {} })));
    expect(refused.every((r) => r.statusCode === 401)).toBe(true);
    await env.close();
    const after = await env.ctx.db.select().from(auditLog).where(eq(auditLog.outcome, 'failure'));
    expect(after.length - before).toBe(20);
    expect(new Set(after.map((a) => a.action))).toEqual(new Set(['POST /api/members']));
  });

  it('refuses an address that tries many accounts (password spraying) after 20 failures', async () => {
    env = await createTestEnv();
    const names = ['county', 'town1', 'town2', 'secretary1', 'instructor1'];
    for (let i = 0; i < 20; i++) {
      const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.1', payload: { username: names[i % 5], password: `Spray#${i}x` } });
      expect([401, 423]).toContain(r.statusCode);
    }
    const next = await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.1', payload: { username: 'member1', password: TEST_PASSWORD } });
    expect(next.statusCode).toBe(423);
    expect(next.json().error.message).toContain('本网络地址登录失败次数过多，请15分钟后再试');
    const elsewhere = await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '192.0.2.2', payload: { username: 'member1', password: TEST_PASSWORD } });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('records a login under the account that logged in, and ignores X-Forwarded-For unless a proxy is trusted', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-for': '6.6.6.6' }, payload: { username: 'town1', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const [log] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'));
    expect(log).toMatchObject({ actorId: env.base.accountIds.town1, actorName: 'town1（town1）', ip: '10.1.1.1' });
    await env.close();
    env = await createTestEnv({ config: { trustProxy: ['10.1.1.1'] } });
    await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.1.1.1', headers: { 'x-forwarded-for': '172.16.5.5' }, payload: { username: 'town1', password: TEST_PASSWORD } });
    await env.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: '10.9.9.9', headers: { 'x-forwarded-for': '6.6.6.6' }, payload: { username: 'town1', password: TEST_PASSWORD } });
    const ips = (await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.login'))).map((l) => l.ip).sort();
    expect(ips).toEqual(['10.9.9.9', '172.16.5.5']);
  });

  it('logs out after 30 idle minutes', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(29 * 60_000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    const res = await env.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie: s.cookie }, payload: { currentPassword: 'Test@2026pass', newPassword: 'New@2026pass' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('changes my password under the policy and clears the must-change flag', async () => {
    env = await createTestEnv();
    await env.ctx.db.update(accounts).set({ mustChangePassword: true }).where(eq(accounts.username, 'town1'));
    const s = await env.as('committeeAdmin');
    expect((await s.get('/api/orgs/tree')).statusCode).toBe(403);
    const weak = await s.post('/api/auth/password', { currentPassword: 'Test@2026pass', newPassword: 'abcdefgh' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain('至少3种');
    const ok = await s.post('/api/auth/password', { currentPassword: 'Test@2026pass', newPassword: 'Better#2026' });
    expect(ok.statusCode).toBe(200);
    expect((await s.get('/api/orgs/tree')).statusCode).toBe(200);
    expect((await env.login('town1', 'Better#2026')).cookie).toBeTruthy();
  });

  it('ends a session 12 hours after login however active', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    for (let i = 0; i < 24; i++) {
      env.clock.advance(29 * 60_000);
      expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    }
    // 11 h 36 min so far; 25 more minutes: not idle for 30, but past the 12 hours.
    env.clock.advance(25 * 60_000);
    expect((await s.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('keeps at most 5 sessions per account (the oldest ends), lists mine and revokes one', async () => {
    env = await createTestEnv();
    const sessions = [];
    for (let i = 0; i < 6; i++) {
      env.clock.advance(60_000);
      sessions.push(await env.login('town1'));
    }
    expect((await sessions[0].get('/api/auth/me')).statusCode).toBe(401);
    const list = await sessions[5].get('/api/auth/sessions');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; createdAt: string }[];
    expect(items).toHaveLength(5);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    expect(items[0].current).toBe(true);
    const oldest = items[4];
    expect((await sessions[5].del(`/api/auth/sessions/${oldest.id}`)).statusCode).toBe(200);
    expect((await sessions[1].get('/api/auth/me')).statusCode).toBe(401);
    expect((await sessions[2].get('/api/auth/me')).statusCode).toBe(200);
    expect((await sessions[5].get('/api/auth/sessions')).json().items).toHaveLength(4);
    // Another account's session is not mine to end.
    const other = await env.login('town2');
    const otherId = ((await other.get('/api/auth/sessions')).json().items as { id: string }[])[0].id;
    expect((await sessions[5].del(`/api/auth/sessions/${otherId}`)).statusCode).toBe(404);
    expect((await other.get('/api/auth/me')).statusCode).toBe(200);
    const revokes = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'auth.session.revoke'));
    expect(revokes).toHaveLength(1);
  });

  it('refuses the commonest passwords and the last 5 passwords', async () => {
    env = await createTestEnv();
    const s = await env.as('committeeAdmin');
    for (const common of ['Password1', 'Qwerty123', 'P@ssw0rd', 'pASSWORD1']) {
      const r = await s.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: common });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain('过于常见');
    }
    const history = ['First#2026a', 'Second#2026b', 'Third#2026c', 'Fourth#2026d', 'Fifth#2026e'];
    let current = TEST_PASSWORD;
    for (const next of history) {
      expect((await s.post('/api/auth/password', { currentPassword: current, newPassword: next })).statusCode).toBe(200);
      current = next;
    }
    // Current and the 4 before it are refused; the sixth back (the original) is allowed again.
    for (const reused of ['Second#2026b', 'Fourth#2026d']) {
      const r = await s.post('/api/auth/password', { currentPassword: current, newPassword: reused });
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'PASSWORD_REUSED', message: '新密码不能与最近5次使用过的密码相同' });
    }
    expect((await s.post('/api/auth/password', { currentPassword: current, newPassword: TEST_PASSWORD })).statusCode).toBe(200);
    const [row] = await env.ctx.db.select().from(accounts).where(eq(accounts.username, 'town1'));
    expect(row.passwordHistory).toHaveLength(4);
  });

  it('makes a password older than the county setting (90 days by default) be changed before anything else', async () => {
    env = await createTestEnv();
    await env.ctx.db.update(accounts).set({ passwordChangedAt: new Date(env.clock.now.getTime() - 91 * 86_400_000) }).where(eq(accounts.username, 'town1'));
    const s = await env.as('committeeAdmin');
    const me = (await s.get('/api/auth/me')).json();
    expect(me).toMatchObject({ mustChangePassword: true, mustChangePasswordReason: 'expired', passwordMaxAgeDays: 90 });
    expect((await s.get('/api/orgs/tree')).statusCode).toBe(403);
    expect((await s.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Renewed#2026' })).statusCode).toBe(200);
    expect((await s.get('/api/orgs/tree')).statusCode).toBe(200);
    // The county administrator sets the period; 0 turns expiry off; others may not.
    const admin = await env.as('countyAdmin');
    expect((await s.put('/api/accounts/password-settings', { passwordMaxAgeDays: 30 })).statusCode).toBe(403);
    expect((await admin.put('/api/accounts/password-settings', { passwordMaxAgeDays: -1 })).statusCode).toBe(400);
    expect((await admin.put('/api/accounts/password-settings', { passwordMaxAgeDays: 0 })).json()).toEqual({ passwordMaxAgeDays: 0 });
    await env.ctx.db.update(accounts).set({ passwordChangedAt: new Date(env.clock.now.getTime() - 400 * 86_400_000) }).where(eq(accounts.username, 'town2'));
    expect((await (await env.login('town2')).get('/api/auth/me')).json().mustChangePassword).toBe(false);
  });

  it('sends security headers', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
