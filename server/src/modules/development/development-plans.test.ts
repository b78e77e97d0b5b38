import { afterEach, describe, expect, it } from 'vitest';
import { buildMember, buildOrg } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { fileBody, walk, type Sessions } from './development.fixtures';

let env: TestEnv;
afterEach(async () => env?.close());

describe('plans, structure and branches without new members', () => {
  it('warns when an approval exceeds the committee annual quota, and counts the structure of those admitted', async () => {
    env = await createTestEnv({ now: '2026-11-02T02:00:00Z' });
    const { ctx, base } = env;
    const a = await buildMember(ctx, base.countyId, base.branch1, { name: '刘红' });
    const b = await buildMember(ctx, base.countyId, base.branch1, { name: '孙强' });
    const c = await buildMember(ctx, base.countyId, base.branch1, { name: '周敏' });
    const s: Sessions = { branch: await env.as('branchSecretary'), committee: await env.as('committeeAdmin'), county: await env.as('countyAdmin') };
    expect((await s.committee.put('/api/development/quotas', { orgId: base.town1.id, year: 2025, quota: 1 })).statusCode).toBe(403);
    expect((await s.county.put('/api/development/quotas', { orgId: base.town1.id, year: 2025, quota: 1 })).statusCode).toBe(200);
    const people = { mentors: [a], sponsors: [b, c] };
    const f1 = (await s.branch.post('/api/development/files', fileBody(base.branch1.id, 1, { gender: 'female', name: '甲' }))).json();
    const f2 = (await s.branch.post('/api/development/files', fileBody(base.branch1.id, 2, { name: '乙', occupation: 'civilServant', education: 'highSchool' }))).json();
    await walk(s, f1.id, 16, people);
    await walk(s, f2.id, 16, people);
    const first = await s.committee.post(`/api/development/files/${f1.id}/steps`, { step: 17, date: '2025-10-01', fields: { decision: '同意' }, version: (await s.branch.get(`/api/development/files/${f1.id}`)).json().version });
    expect(first.json().warnings).toEqual([]);
    const second = await s.committee.post(`/api/development/files/${f2.id}/steps`, { step: 17, date: '2025-10-01', fields: { decision: '同意' }, version: (await s.branch.get(`/api/development/files/${f2.id}`)).json().version });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().warnings).toEqual(['城关镇党委2025年发展党员计划1名，本次审批后为2名，已超出计划（控制总量）']);
    const quotas = (await s.county.get('/api/development/quotas?year=2025')).json();
    expect(quotas.items.find((q: { orgId: string }) => q.orgId === base.town1.id)).toMatchObject({ quota: 1, admitted: 2, exceeded: true });
    expect(quotas.items.find((q: { orgId: string }) => q.orgId === base.root.id)).toMatchObject({ quota: null, admitted: 2, exceeded: false });
    const structure = (await s.county.get('/api/development/structure?year=2025')).json();
    expect(structure).toMatchObject({ admitted: 2, under35: 2, women: 1, frontline: 1, college: 1, shares: { women: 50 } });
  });

  it('lists branches whose last new member joined more than three years ago', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const { ctx, base } = env;
    const fresh = await buildOrg(ctx, base.countyId, base.town1, { name: '新建村党支部', type: 'branch', sector: 'rural' });
    await buildMember(ctx, base.countyId, fresh, { name: '新人', joinDate: '2023-06-15', status: 'full' });
    const empty = await buildOrg(ctx, base.countyId, base.town1, { name: '空支部', type: 'branch', sector: 'rural' });
    const res = (await (await env.as('committeeAdmin')).get('/api/development/stale-orgs')).json();
    expect(res.since).toBe('2023-06-15');
    expect(res.items.map((i: { orgName: string }) => i.orgName).sort()).toEqual(['空支部', '西官村党支部'].sort());
    expect(res.items.find((i: { orgId: string }) => i.orgId === empty.id).lastJoinDate).toBeNull();
  });
});
