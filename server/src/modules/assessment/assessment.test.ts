// The annual assessment over the API: the year computed from what the other modules recorded (duty stars, meetings,
// dues and member stars, development, publicity, a manual review score), ranks per level, the drill-down to the
// evidence, the scope (404 for another town's org), the scheme versions, the close that freezes the year and the
// explicit, audited recompute after it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assessmentScores, auditLog, dutyMonthly, memberMonthly, publicityMonthly } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
let county: Session, town1: Session, town2: Session, secretary: Session;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
  const { countyId, branch1, branch2, town1: t1 } = env.base;
  // branch1 took in a member last year (the 3-year rule is met); branch2 has none.
  await buildMember(env.ctx, countyId, branch1, { name: '王新党', joinDate: '2025-03-01', fullMembershipDate: null, status: 'probationary' });
  const closed = new Date('2026-06-01T00:00:00Z');
  const duty = (orgId: string, orgPath: string, month: string, stars: number) => ({ countyId, orgId, orgPath, month, stars, rate: 90, closedAt: closed });
  await env.ctx.db.insert(dutyMonthly).values([
    ...['01', '02', '03', '04', '05'].map((m, i) => duty(branch1.id, branch1.path, `2026-${m}`, [3, 3, 2, 3, 1][i])),
    duty(branch2.id, branch2.path, '2026-01', 0),
    duty(branch2.id, branch2.path, '2026-02', 1),
    // An open month does not count.
    { countyId, orgId: branch2.id, orgPath: branch2.path, month: '2026-06', stars: null, rate: null },
  ]);
  await env.ctx.db.insert(memberMonthly).values(
    ['01', '02', '03', '04', '05'].map((m, i) => ({
      countyId, memberId: env.base.member1Id, month: `2026-${m}`, orgId: branch1.id, orgPath: branch1.path, scheme: 'default', duesDue: true, paid: i < 4, points: 90, stars: 4, settingsVersion: 1, computedAt: closed,
    })),
  );
  await env.ctx.db.insert(publicityMonthly).values({ countyId, month: '2026-03', kind: 'unit', subjectId: t1.id, name: t1.name, orgName: t1.name, items: 2, centi: 500 });
  [county, town1, town2, secretary] = await Promise.all([env.as('countyAdmin'), env.as('committeeAdmin'), env.as('otherTownAdmin'), env.as('branchSecretary')]);
});
afterAll(async () => env?.close());

const branchRanking = async (s: Session, extra = '') => (await s.get(`/api/assessment/ranking?year=2026&level=branch${extra}`)).json();

describe('assessment', () => {
  it('only the county computes; a year not begun is refused', async () => {
    expect((await town1.post('/api/assessment/compute', { year: 2026 })).statusCode).toBe(403);
    expect((await secretary.get('/api/assessment/ranking?year=2026')).statusCode).toBe(403);
    const future = await county.post('/api/assessment/compute', { year: 2027 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('2027年尚未开始，不能计算考核得分');
  });

  it('computes every committee and branch from the records, with the points of each component', async () => {
    const res = await county.post('/api/assessment/compute', { year: 2026 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ year: 2026, status: 'open', asOf: '2026-06-15', schemeVersion: 0, orgs: 4 });
    const page = await branchRanking(county);
    expect(page).toMatchObject({ total: 2, status: 'open', level: 'branch' });
    const [b1, b2] = page.items;
    // branch1: duties 12 of 15 stars → 20; meetings due, none held → 0; dues 4 of 5 → 8; member stars 4 of 5 → 8;
    // a new member within 3 years → 10; no publicity → 0; not a weak org → 10; the review not entered → excluded, so
    // 56 of 90 scales to 62.22.
    expect(b1).toMatchObject({ orgName: '西官村党支部', rank: 1, centi: 6222, components: { duties: 2000, meetings: 0, dues: 800, memberStars: 800, development: 1000, publicity: 0, weakOrg: 1000, review: null } });
    // branch2: 1 of 6 stars → 4.18; no dues or star records → both excluded; no new member → 0: 14.18 of 70 → 20.26.
    expect(b2).toMatchObject({ orgName: '鑫园村党支部', rank: 2, centi: 2026, components: { duties: 418, dues: null, memberStars: null, development: 0 } });
    const committees = (await county.get('/api/assessment/ranking?year=2026&level=committee')).json();
    expect(committees.total).toBe(2);
    expect(committees.items.find((i: { orgName: string }) => i.orgName === '城关镇党委').components.publicity).toBe(250); // 5 of the 10 points target, of 5
  });

  it('drills down to the evidence of each component', async () => {
    const res = await county.get(`/api/assessment/orgs/${env.base.branch1.id}?year=2026`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d).toMatchObject({ rank: 1, rankOf: 2, level: 'branch', townName: '城关镇党委', status: 'open', can: { enter: true } });
    const byKey = Object.fromEntries(d.components.map((c: { key: string }) => [c.key, c]));
    expect(byKey.duties.evidence.summary).toBe('已贴星 5 个月，共 12 颗星（每月最多 3 颗），得星率 80%');
    expect(byKey.duties.evidence.link).toBe(`/duties?orgId=${env.base.branch1.id}`);
    expect(byKey.dues.evidence.summary).toBe('本支部应交 5 人次·月，已交 4 人次·月，交纳率 80%');
    expect(byKey.development.evidence.summary).toContain('3年内（2023-06-15 以后）发展了新党员（最近入党 2025-03-01）');
    expect(byKey.review).toMatchObject({ centi: null, permille: null });
    expect(byKey.review.evidence.summary).toBe('尚未评定（无数据，本项不计入，总分按其余各项折算）');
    const b2 = (await county.get(`/api/assessment/orgs/${env.base.branch2.id}?year=2026`)).json();
    expect(b2.components.find((c: { key: string }) => c.key === 'development').evidence.summary).toContain('未发展党员，扣除本项');
  });

  it('a town sees its own orgs only; another town’s org is 404, for reading and for a score', async () => {
    const mine = await branchRanking(town1);
    expect(mine).toMatchObject({ total: 1, items: [{ orgName: '西官村党支部', rank: 1 }] });
    expect((await town1.get(`/api/assessment/ranking?year=2026&orgId=${env.base.town2.id}`)).statusCode).toBe(404);
    expect((await town2.get(`/api/assessment/orgs/${env.base.branch1.id}?year=2026`)).statusCode).toBe(404);
    const foreign = await town2.put(`/api/assessment/orgs/${env.base.branch1.id}/manual`, { year: 2026, key: 'review', points: 9, note: '述职评议好' });
    expect(foreign.statusCode).toBe(404);
  });

  it('a town enters the review score of its org; too many points or an unknown item refused in Chinese', async () => {
    const over = await town1.put(`/api/assessment/orgs/${env.base.branch1.id}/manual`, { year: 2026, key: 'review', points: 11, note: '述职评议好' });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toBe('述职评议满分 10 分，得分不能超过满分');
    const unknown = await town1.put(`/api/assessment/orgs/${env.base.branch1.id}/manual`, { year: 2026, key: 'duties', points: 5, note: '越权评定' });
    expect(unknown.json().error.message).toBe('2026年度考核方案中没有可人工评定的“duties”项');
    const ok = await town1.put(`/api/assessment/orgs/${env.base.branch1.id}/manual`, { year: 2026, key: 'review', points: 8, note: '年终述职评议“较好”' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ centi: 800 });
    await county.post('/api/assessment/compute', { year: 2026 });
    // 56 + 8 of 100: no scaling any more.
    expect((await branchRanking(county)).items[0]).toMatchObject({ centi: 6400, components: { review: 800 } });
  });

  it('versions the scheme: a bad sum refused, a new version from a later year', async () => {
    const current = (await county.get('/api/assessment/schemes')).json().current;
    const bad = await county.post('/api/assessment/schemes', { fromYear: 2026, components: current.components.slice(1) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('各项分值合计应为 100 分，现为 75 分');
    expect((await town1.post('/api/assessment/schemes', { fromYear: 2027, components: current.components })).statusCode).toBe(403);
    const components = current.components.map((c: { key: string; weight: number }) => (c.key === 'duties' ? { ...c, weight: 30 } : c.key === 'publicity' ? { ...c, weight: 0 } : c)).filter((c: { weight: number }) => c.weight > 0);
    const saved = await county.post('/api/assessment/schemes', { fromYear: 2027, components });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items).toMatchObject([{ version: 1, fromYear: 2027 }]);
    // 2026 keeps the default scheme.
    expect(saved.json().current.version).toBe(0);
  });

  it('closes the year: scores frozen, writes refused in Chinese; a recompute needs a reason and is audited', async () => {
    expect((await town1.post('/api/assessment/close', { year: 2026 })).statusCode).toBe(403);
    const closed = await county.post('/api/assessment/close', { year: 2026 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', closedByName: expect.any(String) });
    const twice = await county.post('/api/assessment/close', { year: 2026 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('2026年度考核已关闭，得分已冻结，不能再修改');
    const manual = await town1.put(`/api/assessment/orgs/${env.base.branch1.id}/manual`, { year: 2026, key: 'review', points: 10, note: '改为“好”' });
    expect(manual.statusCode).toBe(409);
    expect(manual.json().error.message).toBe('2026年度考核已关闭，得分已冻结，不能再修改');
    const plain = await county.post('/api/assessment/compute', { year: 2026 });
    expect(plain.statusCode).toBe(409);
    expect(plain.json().error.message).toBe('2026年度考核已关闭，得分已冻结；确需重新计算，请写明理由');
    const scheme = await county.post('/api/assessment/schemes', { fromYear: 2026, components: (await county.get('/api/assessment/schemes')).json().current.components });
    expect(scheme.statusCode).toBe(409);
    // A record corrected after the close: the explicit recompute picks it up and stays closed.
    await env.ctx.db.update(dutyMonthly).set({ stars: 3 }).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-05')));
    const re = await county.post('/api/assessment/compute', { year: 2026, reason: '城关镇西官村5月履职星级复核更正' });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ status: 'closed', recomputeReason: '城关镇西官村5月履职星级复核更正', schemeVersion: 0 });
    const [row] = await env.ctx.db.select().from(assessmentScores).where(and(eq(assessmentScores.year, 2026), eq(assessmentScores.orgId, env.base.branch1.id)));
    expect(row.centi).toBe(6733); // duties 14 of 15 → 23.33
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'assessment.recompute'));
    expect(audit).toMatchObject([{ note: '城关镇西官村5月履职星级复核更正', entityType: 'assessmentYear' }]);
    const actions = (await env.ctx.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['assessment.compute', 'assessment.close', 'assessment.manual', 'assessment.scheme']));
    const years = (await town1.get('/api/assessment/years')).json();
    expect(years.items).toMatchObject([{ year: 2026, status: 'closed', orgs: 4 }]);
  });

  it('pages the ranking with the true total', async () => {
    const first = await branchRanking(county, '&page=1&pageSize=1');
    const second = await branchRanking(county, '&page=2&pageSize=1');
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect([first.items[0].orgName, second.items[0].orgName]).toEqual(['西官村党支部', '鑫园村党支部']);
  });
});
