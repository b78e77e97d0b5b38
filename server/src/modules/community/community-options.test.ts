// 双报到 from the phone: the member finds their residential community among the county's community party orgs
// (a free-text name could never be confirmed by anyone), registers with it, and that community confirms the service.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberMonthly } from '../../db/schema/index';
import { buildOrg } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

describe('community options on the phone', () => {
  it('lists the county\'s community party orgs by name; the picked community confirms the service', async () => {
    const { countyId, town1 } = env.base;
    const community = await buildOrg(env.ctx, countyId, town1, { name: '小寨社区党委', type: 'committee', sector: 'community' });
    await buildOrg(env.ctx, countyId, community, { name: '小寨社区第一党支部', type: 'branch', sector: 'community' });
    await buildOrg(env.ctx, countyId, town1, { name: '小寨村党支部', type: 'branch', sector: 'rural' });
    const member = await env.as('member');

    const found = await member.get('/api/me/community/options?q=小寨');
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items.map((o: { name: string }) => o.name)).toEqual(['小寨社区党委', '小寨社区第一党支部']);
    expect((await member.get('/api/me/community/options?q=没有这个')).json().items).toEqual([]);
    expect((await env.app.inject({ method: 'GET', url: '/api/me/community/options' })).statusCode).toBe(401);

    expect((await member.put('/api/me/community/registration', { communityOrgId: community.id, communityName: community.name })).statusCode).toBe(200);
    const s = (await member.post('/api/me/community/services', { servedOn: '2026-06-10', content: '垃圾分类宣传', hoursTenths: 20 })).json().services[0];
    const town = await env.as('townAdmin');
    const ok = await town.post(`/api/community/services/${s.id}/confirm`, { confirm: true, version: s.version });
    expect(ok.statusCode, ok.body).toBe(200);
    const [mm] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, env.base.member1Id), eq(memberMonthly.month, '2026-06')));
    expect(mm).toMatchObject({ checkIn: true });
  });
});
