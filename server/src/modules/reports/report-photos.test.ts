// Photos on situation reports: uploaded from the phone (images only), attached on submit (own uploads only), listed
// with the report in the branch's inbox and readable there by the secretary; other members cannot use them.
import { randomBytes } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../core/crypto';
import { accounts, sessions, storedFiles } from '../../db/schema/index';
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

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function upload(s: Session, data: Buffer, name: string) {
  const boundary = `----yanzhen${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  return s.inject({ method: 'POST', url: '/api/me/reports/photos', payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

describe('situation report photos', () => {
  it('a mobile member attaches photos; the secretary sees and opens them; a foreign photo or a PDF is refused', async () => {
    const { countyId, branch1 } = env.base;
    const a = await buildMember(env.ctx, countyId, branch1, { name: '赵外出', categories: ['mobile'], mobileDestination: '西安市', mobileSince: '2025-01-01', birthDate: '1990-01-01' });
    const b = await buildMember(env.ctx, countyId, branch1, { name: '钱外出', categories: ['mobile'], mobileDestination: '咸阳市', mobileSince: '2025-01-01', birthDate: '1991-01-01' });
    const phoneA = await memberSession(branch1, a, 'mobileA');
    const phoneB = await memberSession(branch1, b, 'mobileB');

    const pdf = await upload(phoneA, Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n'), '说明.pdf');
    expect(pdf.statusCode).toBe(400);
    expect(pdf.json().error.code).toBe('REPORT_PHOTO_NOT_IMAGE');
    expect(await env.ctx.db.select().from(storedFiles)).toHaveLength(0);

    const up = await upload(phoneA, PNG, '工地.png');
    expect(up.statusCode, up.body).toBe(200);
    const photo = up.json();
    expect(photo).toMatchObject({ mime: 'image/png', name: '工地.png' });
    // The member may not read files through the console route.
    expect((await phoneA.get(`/api/files/${photo.id}`)).statusCode).toBe(403);

    const stolen = await phoneB.post('/api/me/reports', { month: '2026-06', content: '在咸阳务工，按时参加学习。', location: '咸阳市', photoFileIds: [photo.id] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error.code).toBe('FILE_NOT_ATTACHABLE');

    const sub = await phoneA.post('/api/me/reports', { month: '2026-06', content: '在西安务工，参加了当地流动党员党支部的学习。', location: '西安市雁塔区', photoFileIds: [photo.id] });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json().photos).toEqual([expect.objectContaining({ id: photo.id, url: `/api/files/${photo.id}` })]);
    expect((await phoneA.get('/api/me/reports')).json().items[0].photos).toHaveLength(1);

    const secretary = await env.as('branchSecretary');
    const inbox = (await secretary.get('/api/reports?month=2026-06')).json();
    expect(inbox.items[0]).toMatchObject({ memberName: '赵外出', photos: [expect.objectContaining({ id: photo.id, mime: 'image/png' })] });
    const file = await secretary.get(`/api/files/${photo.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await (await env.as('otherTownAdmin')).get(`/api/files/${photo.id}`)).statusCode).toBe(404);
    const accepted = await secretary.post(`/api/reports/${inbox.items[0].id}/review`, { accept: true, version: inbox.items[0].version });
    expect(accepted.json().photos).toHaveLength(1);

    const tooMany = await phoneB.post('/api/me/reports', { month: '2026-06', content: '在咸阳务工，按时参加学习。', location: '咸阳市', photoFileIds: Array.from({ length: 7 }, () => photo.id) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('照片最多6张');
  });
});
