import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, auditLog } from '../../db/schema/index';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

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

  it('answers 401 to a wrong password and locks the account for 15 minutes after 5 failures', async () => {
    env = await createTestEnv();
    const attempt = () => env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'town1', password: 'wrong-Pass1' } });
    for (let i = 1; i <= 4; i++) {
      const r = await attempt();
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toContain(`再错${5 - i}次`);
    }
    const fifth = await attempt();
    expect(fifth.statusCode).toBe(423);
    // Even the right password is refused while locked.
    const locked = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'town1', password: 'Test@2026pass' } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toMatch(/已锁定/);
    env.clock.advance(15 * 60_000 + 1000);
    const after = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'town1', password: 'Test@2026pass' } });
    expect(after.statusCode).toBe(200);
    const failures = await env.ctx.db.select().from(auditLog).where(eq(auditLog.outcome, 'failure'));
    expect(failures.length).toBeGreaterThanOrEqual(6);
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

  it('sends security headers', async () => {
    env = await createTestEnv();
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
