import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members, orgs } from '../../db/schema/index';
import { buildMember, buildOrg } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

type Bucket = { key: string; label: string; count: number };
const counts = (bs: Bucket[]) => Object.fromEntries(bs.map((b) => [b.key, b.count]));

/**
 * town1 holds (clock 2026-06-15 China date): the seeded member1 (male, 1985-03-12, bachelor, full, inService, joined 2010)
 * and A–D below; E has left; F is in town2; a dissolved branch sits under town1.
 */
async function seed() {
  const { countyId, branch1, branch2, town1 } = env.base;
  const company = await buildOrg(env.ctx, countyId, town1, { name: '宏达公司党支部', type: 'branch', sector: 'nonPublic' });
  const gone = await buildOrg(env.ctx, countyId, town1, { name: '已撤销党支部', type: 'branch', sector: 'rural' });
  await env.ctx.db.update(orgs).set({ dissolvedAt: new Date('2026-01-01T00:00:00Z') }).where(eq(orgs.id, gone.id));
  await buildMember(env.ctx, countyId, branch1, { name: '甲', gender: 'female', birthDate: '1995-06-15', education: 'college', status: 'probationary', fullMembershipDate: null, categories: ['inService', 'mobile'], joinDate: '2025-09-01' });
  await buildMember(env.ctx, countyId, branch1, { name: '乙', gender: 'male', birthDate: '1995-06-16', education: 'highSchool', categories: ['hardship'], joinDate: '2020-05-01', fullMembershipDate: '2021-05-01' });
  await buildMember(env.ctx, countyId, branch1, { name: '丙', gender: 'female', birthDate: '1950-01-01', education: 'juniorOrBelow', categories: ['elderly', 'frail'], joinDate: '1975-07-01', fullMembershipDate: '1976-07-01' });
  await buildMember(env.ctx, countyId, company, { name: '丁', gender: 'male', birthDate: '1990-06-16', education: 'postgraduate', categories: ['inService'], joinDate: '2017-07-01', fullMembershipDate: '2018-07-01' });
  const left = await buildMember(env.ctx, countyId, branch1, { name: '戊', gender: 'female', birthDate: '2000-01-01', joinDate: '2022-07-01' });
  await env.ctx.db.update(members).set({ leftAt: new Date('2026-03-01T00:00:00Z'), leftReason: 'transferOut' }).where(eq(members.id, left));
  await buildMember(env.ctx, countyId, branch2, { name: '己', gender: 'female', birthDate: '1980-01-01', joinDate: '2024-07-01' });
  return { company };
}

describe('GET /api/dashboard/summary', () => {
  it('counts live members and live orgs of the actor org subtree', async () => {
    env = await createTestEnv();
    await seed();
    const res = await (await env.as('committeeAdmin')).get('/api/dashboard/summary');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ orgId: env.base.town1.id, orgName: '城关镇党委', asOf: '2026-06-15' });
    // Ages count from the birth month, the precision kept in clear (docs/DATA-MODEL.md): 甲 and 乙 (1995-06) are 31, 丁 (1990-06) 36.
    expect(d.totals).toEqual({ members: 5, full: 4, probationary: 1, orgs: 4, branches: 2, female: 2, under35: 2, collegeEducated: 3 });
    expect(d.byCategory).toEqual([
      { key: 'inService', label: '在职党员', count: 3 },
      { key: 'hardship', label: '困难党员', count: 1 },
      { key: 'mobile', label: '流动党员', count: 1 },
      { key: 'elderly', label: '老党员', count: 1 },
      { key: 'frail', label: '年老体弱党员', count: 1 },
    ]);
    expect(counts(d.byStatus)).toEqual({ probationary: 1, full: 4 });
    expect(counts(d.byGender)).toEqual({ male: 3, female: 2 });
    expect(counts(d.byEducation)).toEqual({ postgraduate: 1, bachelor: 1, college: 1, secondaryVocational: 0, highSchool: 1, juniorOrBelow: 1 });
    expect(d.byAgeBand).toEqual([
      { key: 'upTo30', label: '30岁及以下', count: 0 },
      { key: '31to40', label: '31至40岁', count: 3 },
      { key: '41to50', label: '41至50岁', count: 1 },
      { key: '51to60', label: '51至60岁', count: 0 },
      { key: '61to70', label: '61至70岁', count: 0 },
      { key: 'over70', label: '70岁以上', count: 1 },
    ]);
    expect(d.bySector).toEqual([
      { key: 'rural', label: '农村', count: 4 },
      { key: 'nonPublic', label: '非公企业', count: 1 },
    ]);
    expect(counts(d.orgsByType)).toEqual({ committee: 1, workingCommittee: 0, generalBranch: 0, branch: 2, group: 1 });
    expect(d.joinsByYear.map((j: { year: number }) => j.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(Object.fromEntries(d.joinsByYear.filter((j: { count: number }) => j.count > 0).map((j: { year: number; count: number }) => [j.year, j.count]))).toEqual({ 2017: 1, 2020: 1, 2025: 1 });
  });

  it('computes ages from the birth month at the China date of the injected clock', async () => {
    env = await createTestEnv();
    await seed();
    const s = await env.as('committeeAdmin');
    // 2026-05-31 23:59:59 in China: 甲 and 乙 (born 1995-06) are still 30.
    env.clock.set('2026-05-31T15:59:59Z');
    const before = (await s.get('/api/dashboard/summary')).json();
    expect(before.asOf).toBe('2026-05-31');
    expect(counts(before.byAgeBand)).toMatchObject({ upTo30: 2, '31to40': 1 });
    // Midnight in China (16:00 UTC): their birth month begins, both count 31.
    env.clock.set('2026-05-31T16:00:00Z');
    const after = (await s.get('/api/dashboard/summary')).json();
    expect(after.asOf).toBe('2026-06-01');
    expect(counts(after.byAgeBand)).toMatchObject({ upTo30: 0, '31to40': 3 });
  });

  it('takes an org inside the scope, and answers 404 for one outside', async () => {
    env = await createTestEnv();
    const { company } = await seed();
    const s = await env.as('committeeAdmin');
    const branch = (await s.get(`/api/dashboard/summary?orgId=${company.id}`)).json();
    expect(branch).toMatchObject({ orgName: '宏达公司党支部', totals: { members: 1, orgs: 1, branches: 1 } });
    expect((await s.get(`/api/dashboard/summary?orgId=${env.base.town2.id}`)).statusCode).toBe(404);
    expect((await s.get(`/api/dashboard/summary?orgId=${env.base.root.id}`)).statusCode).toBe(404);
    const group = await s.get(`/api/dashboard/summary?orgId=${env.base.group1.id}`);
    expect(group.statusCode).toBe(400);
    expect(group.json().error.message).toBe('党小组不单独统计，请查看所在党支部');
    const county = (await (await env.as('countyAdmin')).get('/api/dashboard/summary')).json();
    expect(county.totals).toMatchObject({ members: 6, orgs: 7, branches: 3 });
  });

  it('gives a branch secretary its branch, and refuses members and anonymous callers', async () => {
    env = await createTestEnv();
    await seed();
    const sec = (await (await env.as('branchSecretary')).get('/api/dashboard/summary')).json();
    expect(sec.orgName).toBe('西官村党支部');
    expect(sec.totals.members).toBe(4);
    expect((await (await env.as('member')).get('/api/dashboard/summary')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/dashboard/summary' })).statusCode).toBe(401);
  });
});
