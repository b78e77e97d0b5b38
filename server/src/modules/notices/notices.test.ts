// Branch notices through HTTP: the secretary posts to their branch; its members see them (unread first) and mark them
// read; other branches' members and other towns see nothing of them.
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../core/crypto';
import { accounts, auditLog, branchNoticeReads, sessions } from '../../db/schema/index';
import { buildMember, type OrgFixture } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

async function memberSession(org: OrgFixture, memberId: string, username: string): Promise<Session> {
  const [a] = await env.ctx.db.insert(accounts).values({ countyId: env.base.countyId, username, displayName: username, passwordHash: 'unused', role: 'member', orgId: org.id, memberId }).returning();
  const token = randomBytes(24).toString('base64url');
  const csrf = randomBytes(12).toString('base64url');
  await env.ctx.db.insert(sessions).values({ tokenHash: sha256(token), accountId: a.id, csrfToken: csrf, createdAt: env.clock.now, lastSeenAt: env.clock.now });
  const cookie = `yz_sid=${token}`;
  const inject = (o: InjectOptions) => env.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return { cookie, csrf, inject, get: (url) => inject({ method: 'GET', url }), post: (url, payload) => inject({ method: 'POST', url, payload: payload as InjectOptions['payload'] }), put: (url, payload) => inject({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }), del: (url) => inject({ method: 'DELETE', url }) };
}

describe('branch notices', () => {
  it('the secretary posts, the branch\'s members read them on the phone, the branch sees read counts', async () => {
    const { countyId, branch1, branch2 } = env.base;
    const secretary = await env.as('branchSecretary');
    const member = await env.as('member');
    const other = await buildMember(env.ctx, countyId, branch2, { name: '外支部党员', birthDate: '1988-01-01' });
    const otherPhone = await memberSession(branch2, other, 'other');

    expect((await member.post('/api/notices', { orgId: branch1.id, title: '越权通知', body: '党员不能发' })).statusCode).toBe(403);
    expect((await secretary.post('/api/notices', { orgId: branch2.id, title: '外支部通知', body: '不在管辖范围' })).statusCode).toBe(404);
    expect((await (await env.as('townAdmin')).post('/api/notices', { orgId: env.base.town1.id, title: '发给党委', body: '须选党支部' })).json().error.code).toBe('ORG_NOT_BRANCH');
    const bad = await secretary.post('/api/notices', { orgId: branch1.id, title: '通', body: '内容' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('通知标题至少2个字');

    const first = (await secretary.post('/api/notices', { orgId: branch1.id, title: '7月1日主题党日', body: '请于7月1日上午9点到村党群服务中心参加主题党日。' })).json();
    env.clock.advance(60_000);
    const second = (await secretary.post('/api/notices', { orgId: branch1.id, title: '交纳党费提醒', body: '请于本月底前交纳6月党费。' })).json();
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'notice.post'))).toHaveLength(2);

    let mine = (await member.get('/api/me/notices')).json();
    expect(mine).toMatchObject({ unread: 2, items: [{ id: second.id, read: false }, { id: first.id, read: false }] });
    expect((await member.post(`/api/me/notices/${first.id}/read`)).statusCode).toBe(200);
    expect((await member.post(`/api/me/notices/${first.id}/read`)).statusCode).toBe(200);
    expect(await env.ctx.db.select().from(branchNoticeReads)).toHaveLength(1);
    mine = (await member.get('/api/me/notices')).json();
    expect(mine).toMatchObject({ unread: 1, items: [{ id: second.id, read: false }, { id: first.id, read: true }] });

    // Another branch's member sees none of them and cannot mark them.
    expect((await otherPhone.get('/api/me/notices')).json()).toEqual({ items: [], total: 0, page: 1, pageSize: 20, unread: 0 });
    expect((await otherPhone.post(`/api/me/notices/${first.id}/read`)).statusCode).toBe(404);

    const list = (await secretary.get(`/api/notices?orgId=${branch1.id}`)).json();
    expect(list.items.map((n: { title: string; readCount: number; memberCount: number }) => [n.title, n.readCount, n.memberCount])).toEqual([['交纳党费提醒', 0, 1], ['7月1日主题党日', 1, 1]]);
    expect(list).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    expect((await (await env.as('otherTownAdmin')).get(`/api/notices?orgId=${branch1.id}`)).statusCode).toBe(404);
  });
});
