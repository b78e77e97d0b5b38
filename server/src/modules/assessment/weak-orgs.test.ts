// Weak organizations over the API: the criteria the records show found automatically (the vacancy boundary of exactly
// 3 months), identification with the town's own criteria, 四个一, monthly progress, the county's acceptance and removal,
// counts by town, scope (404), refusals in Chinese, the closed year, and the weakOrg component of the annual score.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dutyItems } from '../../db/schema/index';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
let county: Session, town1: Session, town2: Session;
let weakId = '';

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
  const { countyId, branch2 } = env.base;
  // branch2's secretary post fell vacant on 15 March (its items from then cancelled for the vacancy).
  await env.ctx.db.insert(dutyItems).values({
    countyId, orgId: branch2.id, orgPath: branch2.path, templateItemId: randomUUID(), year: 2026, periodKey: '2026-03', frequency: 'monthly', title: '召开支委会',
    dueDate: '2026-03-25', month: '2026-03', weight: 1, isKey: false, status: 'cancelled', cancelReason: 'vacant', cancelledAt: new Date('2026-03-15T02:00:00Z'),
  });
  [county, town1, town2] = await Promise.all([env.as('countyAdmin'), env.as('committeeAdmin'), env.as('otherTownAdmin')]);
});
afterAll(async () => env?.close());

const criteriaOf = (page: { items: { orgName: string; criteria: { key: string }[] }[] }, name: string) => page.items.find((i) => i.orgName === name)?.criteria.map((c) => c.key);

describe('weak organizations', () => {
  it('finds what the records show; a vacancy of exactly 3 months is not yet, a day later it is', async () => {
    const res = await town2.get('/api/assessment/weak-orgs/candidates?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page).toMatchObject({ asOf: '2026-06-15', total: 1 });
    // No member ever admitted; meetings due and none held. The vacancy began exactly 3 months ago.
    expect(criteriaOf(page, '鑫园村党支部')).toEqual(['noNewMember', 'meetingsNotHeld']);
    env.clock.set('2026-06-16T02:00:00Z');
    // A day later the sessions have lapsed: sign in again.
    [county, town1, town2] = await Promise.all([env.as('countyAdmin'), env.as('committeeAdmin'), env.as('otherTownAdmin')]);
    const later = (await town2.get('/api/assessment/weak-orgs/candidates?year=2026')).json();
    expect(criteriaOf(later, '鑫园村党支部')).toEqual(['secretaryVacant', 'noNewMember', 'meetingsNotHeld']);
    expect(later.items[0].criteria[0].detail).toBe('书记自 2026-03-15 起空缺，超过3个月');
    // town1 sees its own branch only.
    const mine = (await town1.get('/api/assessment/weak-orgs/candidates?year=2026')).json();
    expect(mine.items.map((i: { orgName: string }) => i.orgName)).not.toContain('鑫园村党支部');
  });

  it('identifies with the town’s criteria added; another town’s org 404; a claim the records do not show refused', async () => {
    expect((await town1.post('/api/assessment/weak-orgs', { year: 2026, orgId: env.base.branch2.id, criteria: [] })).statusCode).toBe(404);
    const unsupported = await town1.post('/api/assessment/weak-orgs', { year: 2026, orgId: env.base.branch1.id, criteria: [{ key: 'secretaryVacant', detail: '书记外出务工' }] });
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error.message).toBe('“书记长期空缺（超过3个月）”由系统按记录认定，记录未显示该情况');
    const res = await town2.post('/api/assessment/weak-orgs', { year: 2026, orgId: env.base.branch2.id, criteria: [{ key: 'noVenue', detail: '村党组织活动场所被挪作他用' }] });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    weakId = d.id;
    expect(d).toMatchObject({ status: 'identified', townName: '代字营镇党委', can: { plan: true, progress: false, accept: false } });
    expect(d.criteria.map((c: { key: string; auto: boolean }) => [c.key, c.auto])).toEqual([['secretaryVacant', true], ['noNewMember', true], ['meetingsNotHeld', true], ['noVenue', false]]);
    const twice = await town2.post('/api/assessment/weak-orgs', { year: 2026, orgId: env.base.branch2.id, criteria: [] });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('鑫园村党支部已列入2026年度软弱涣散党组织');
    expect((await town1.get(`/api/assessment/weak-orgs/${weakId}`)).statusCode).toBe(404);
  });

  it('rectifies: 四个一 first, then monthly progress; acceptance and removal by the county only', async () => {
    const early = await town2.post(`/api/assessment/weak-orgs/${weakId}/progress`, { month: '2026-06', note: '召开支部党员大会，补选支部书记' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toContain('请先落实“四个一”');
    const plan = await town2.put(`/api/assessment/weak-orgs/${weakId}/plan`, { leaderName: '县委常委、组织部长 张明', workingGroup: '镇党委副书记王强、组织委员李娜、驻村第一书记赵磊', plan: '选优配强支部书记；腾退活动场所；每月开展主题党日。', deadline: '2026-11-30', version: 1 });
    expect(plan.statusCode, plan.body).toBe(200);
    expect(plan.json()).toMatchObject({ status: 'rectifying', leaderName: '县委常委、组织部长 张明', deadline: '2026-11-30', version: 2 });
    expect((await town2.post(`/api/assessment/weak-orgs/${weakId}/accept`, { note: '验收合格', version: 2 })).statusCode).toBe(403);
    const noProgress = await county.post(`/api/assessment/weak-orgs/${weakId}/accept`, { note: '验收合格', version: 2 });
    expect(noProgress.json().error.message).toBe('尚无整顿进展记录，不能验收');
    const future = await town2.post(`/api/assessment/weak-orgs/${weakId}/progress`, { month: '2026-08', note: '预先填报的进展' });
    expect(future.json().error.message).toBe('不能报告以后月份的整顿进展');
    for (const [month, note] of [['2026-05', '镇党委派出工作组进驻，摸清问题底数'], ['2026-06', '召开支部党员大会，补选支部书记']]) {
      expect((await town2.post(`/api/assessment/weak-orgs/${weakId}/progress`, { month, note })).statusCode).toBe(200);
    }
    const removeEarly = await county.post(`/api/assessment/weak-orgs/${weakId}/remove`, { version: 2 });
    expect(removeEarly.json().error.message).toBe('整顿验收合格后才能销号');
    const stale = await county.post(`/api/assessment/weak-orgs/${weakId}/accept`, { note: '验收合格', version: 1 });
    expect(stale.statusCode).toBe(409);
    const accepted = await county.post(`/api/assessment/weak-orgs/${weakId}/accept`, { note: '书记已配齐，活动场所已腾退，验收合格', version: 2 });
    expect(accepted.json()).toMatchObject({ status: 'accepted', progress: [{ month: '2026-06' }, { month: '2026-05' }], can: { remove: true } });
    const counts = (await county.get('/api/assessment/weak-orgs/counts?year=2026')).json();
    expect(counts.items).toEqual([{ townId: null, townName: '代字营镇党委', identified: 0, rectifying: 0, accepted: 1, removed: 0 }]);
  });

  it('the weak-org status is a component of the annual score', async () => {
    await county.post('/api/assessment/compute', { year: 2026 });
    const b2 = (await county.get(`/api/assessment/orgs/${env.base.branch2.id}?year=2026`)).json();
    const weak = b2.components.find((c: { key: string }) => c.key === 'weakOrg');
    expect(weak).toMatchObject({ permille: 0, centi: 0 });
    expect(weak.evidence.summary).toBe('整顿已验收，待销号');
    const removed = await county.post(`/api/assessment/weak-orgs/${weakId}/remove`, { version: 3 });
    expect(removed.json()).toMatchObject({ status: 'removed' });
    await county.post('/api/assessment/compute', { year: 2026 });
    const after = (await county.get(`/api/assessment/orgs/${env.base.branch2.id}?year=2026`)).json();
    expect(after.components.find((c: { key: string }) => c.key === 'weakOrg')).toMatchObject({ permille: 500, centi: 500 });
    const town = (await county.get(`/api/assessment/orgs/${env.base.town2.id}?year=2026`)).json();
    expect(town.components.find((c: { key: string }) => c.key === 'weakOrg').evidence.summary).toBe('1 个党支部中 0 个在软弱涣散名单上');
    const list = (await town2.get('/api/assessment/weak-orgs?year=2026&status=removed')).json();
    expect(list).toMatchObject({ total: 1, items: [{ orgName: '鑫园村党支部', progressMonths: 2 }] });
    const actions = (await env.ctx.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, weakId))).map((r) => r.a);
    expect(actions).toEqual(['weakOrg.identify', 'weakOrg.plan', 'weakOrg.progress', 'weakOrg.progress', 'weakOrg.accept', 'weakOrg.remove']);
  });

  it('a closed year refuses identification and rectification steps in Chinese', async () => {
    await county.post('/api/assessment/close', { year: 2026 });
    const res = await town1.post('/api/assessment/weak-orgs', { year: 2026, orgId: env.base.branch1.id, criteria: [{ key: 'noVenue', detail: '无固定活动场所' }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('2026年度考核已关闭，得分已冻结，不能再修改');
  });
});
