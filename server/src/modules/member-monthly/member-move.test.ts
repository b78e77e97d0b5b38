// A member moved to another branch: the running month's rollup row and the dues bases follow; months that are over
// stay with the old branch (its wall chart and collection rates), even when a record of such a month is written later.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../core/jobs';
import { duesBases, memberMonthly, orgs } from '../../db/schema/index';
import { buildMember, buildOrg } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { starsMonthCloseJob } from '../stars/stars.jobs';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

describe('member moved to another branch', () => {
  it('past months stay with the old branch, the running month and the dues bases follow the member', async () => {
    const { countyId, branch1, branch2 } = env.base;
    const county = await env.as('countyAdmin');
    const m = await buildMember(env.ctx, countyId, branch1, { name: '周转出', birthDate: '1985-01-01' });
    expect((await county.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    expect((await county.post('/api/dues/payments', { memberId: m, months: ['2026-01', '2026-02', '2026-03'], amountFen: 12000, method: 'cash', collector: '王书记', paidOn: '2026-03-10' })).statusCode).toBe(200);
    const pathOf = async (month: string) => (await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, m), eq(memberMonthly.month, month))))[0]?.orgPath;
    expect(await pathOf('2026-05')).toBe(branch1.path);

    const { version } = (await county.get(`/api/members/${m}`)).json();
    const moved = await county.post(`/api/members/${m}/move`, { orgId: branch2.id, groupId: null, version, reason: '工作调动' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await pathOf('2026-05')).toBe(branch1.path);
    expect(await pathOf('2026-06')).toBe(branch2.path);
    expect((await env.ctx.db.select().from(duesBases).where(eq(duesBases.memberId, m))).map((b) => b.orgPath)).toEqual([branch2.path]);

    // A payment for May recorded after the move re-rates May, which stays with the old branch.
    expect((await county.post('/api/dues/payments', { memberId: m, months: ['2026-04', '2026-05'], amountFen: 8000, method: 'cash', collector: '张书记', paidOn: '2026-06-15' })).statusCode).toBe(200);
    const [may] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, m), eq(memberMonthly.month, '2026-05')));
    expect(may).toMatchObject({ orgPath: branch1.path, paid: true });

    // Wall charts: the old branch keeps January–May, the new one has June.
    const wall = async (orgId: string) => ((await county.get(`/api/stars/wall?orgId=${orgId}&year=2026`)).json().inService as { name: string; months: { month: string }[] }[]).find((r) => r.name === '周转出');
    expect((await wall(branch1.id))?.months.map((c) => c.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
    expect((await wall(branch2.id))?.months.map((c) => c.month)).toEqual(['2026-06']);
    // Collection rates: May counts in the old branch's town, June in the new one's.
    const rates = async (month: string) => Object.fromEntries(((await county.get(`/api/dues/collection?month=${month}`)).json().items as { orgName: string; due: number }[]).map((i) => [i.orgName, i.due]));
    expect(await rates('2026-05')).toMatchObject({ [env.base.town1.name]: 1, [env.base.town2.name]: 0 });
    expect(await rates('2026-06')).toMatchObject({ [env.base.town1.name]: 0, [env.base.town2.name]: 1 });

    // The monthly close of June (run in July) keeps June with the branch the member was in at the month's end.
    env.clock.advance(17 * 86_400_000);
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-06' })).status).toBe('done');
    expect(await pathOf('2026-05')).toBe(branch1.path);
    expect(await pathOf('2026-06')).toBe(branch2.path);
    expect(await pathOf('2026-07')).toBe(branch2.path);
  });

  it('a branch re-parented under another town takes all its monthly records along (paths rewritten, history included)', async () => {
    const { countyId, branch1, town2 } = env.base;
    const county = await env.as('countyAdmin');
    const m = await buildMember(env.ctx, countyId, branch1, { name: '吴随迁', birthDate: '1986-01-01' });
    expect((await county.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    expect((await county.post('/api/notices', { orgId: branch1.id, title: '支部通知', body: '随支部迁移' })).statusCode).toBe(200);
    const moved = await county.post(`/api/orgs/${branch1.id}/move`, { newParentId: town2.id, version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    const [{ path: newPath }] = await env.ctx.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, branch1.id));
    expect(newPath.startsWith(town2.path)).toBe(true);
    const rows = await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.memberId, m));
    expect(rows.length).toBeGreaterThan(5);
    expect(new Set(rows.map((r) => r.orgPath))).toEqual(new Set([newPath]));
    expect((await env.ctx.db.select().from(duesBases).where(eq(duesBases.memberId, m))).map((b) => b.orgPath)).toEqual([newPath]);
    const rates = Object.fromEntries(((await county.get('/api/dues/collection?month=2026-03')).json().items as { orgName: string; due: number }[]).map((i) => [i.orgName, i.due]));
    expect(rates[town2.name]).toBeGreaterThanOrEqual(1);
    expect((await county.get(`/api/stars/wall?orgId=${branch1.id}&year=2026`)).json().inService.find((r: { name: string }) => r.name === '吴随迁').months).toHaveLength(6);
  });

  it('a branch merged into another: its members\' running month and dues bases go to the target, closed months stay', async () => {
    const { countyId, town1, branch1 } = env.base;
    const county = await env.as('countyAdmin');
    const small = await buildOrg(env.ctx, countyId, town1, { name: '东官村党支部', type: 'branch', sector: 'rural' });
    const m = await buildMember(env.ctx, countyId, small, { name: '郑合并', birthDate: '1987-01-01' });
    expect((await county.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-04', category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    const merged = await county.post(`/api/orgs/${small.id}/merge`, { intoId: branch1.id, version: 1 });
    expect(merged.statusCode, merged.body).toBe(200);
    const rows = await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.memberId, m));
    expect(Object.fromEntries(rows.map((r) => [r.month, r.orgPath]))).toEqual({ '2026-04': small.path, '2026-05': small.path, '2026-06': branch1.path });
    expect((await env.ctx.db.select().from(duesBases).where(eq(duesBases.memberId, m))).map((b) => b.orgPath)).toEqual([branch1.path]);
  });
});
