// 党性（政治）体检 over HTTP: the county's item list as a versioned setting, a record against those items (kept encrypted,
// with the item names and version it was made with), the 亚健康/不健康 follow-ups with their deadlines, the daily
// job's confidential overdue warning (never in the general warnings list), counts by town, scope and the audit log.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, orgLifeCheckups, orgLifeWarnings } from '../../db/schema/index';
import { runJob } from '../../core/jobs';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { orgLifeDailyJob } from './org-life.jobs';

let env: TestEnv;
let town1: Session;
let town2: Session;
let county: Session;
let ids: string[];

const record = (memberId: string, over: Record<string, unknown> = {}) => ({
  memberId,
  year: 2026,
  result: 'subHealthy',
  selfTest: '理论学习不够深入',
  assessment: '需加强',
  interview: null,
  baseSessionOn: '2026-06-01',
  dueOn: '2026-06-10',
  items: [{ key: 'belief', result: 'good', note: null }, { key: 'theory', result: 'problem', note: '学习笔记缺失' }],
  ...over,
});

beforeAll(async () => {
  env = await createTestEnv();
  ids = [];
  for (let i = 0; i < 3; i++) ids.push(await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: `体检党员${i + 1}` }));
  town1 = await env.as('townAdmin');
  town2 = await env.as('otherTownAdmin');
  county = await env.as('countyAdmin');
});
afterAll(async () => env?.close());

describe('党性体检 items and follow-ups', () => {
  it('has the default items as version 0; the county saves a new version; a stale version is refused', async () => {
    const items = (await town1.get('/api/org-life/checkup-items')).json();
    expect(items.version).toBe(0);
    expect(items.items.map((i: { key: string }) => i.key)).toContain('theory');
    expect((await town1.put('/api/org-life/checkup-items', { items: items.items, version: 0 })).statusCode).toBe(403);
    const dup = await county.put('/api/org-life/checkup-items', { items: [{ key: 'a', label: '甲' }, { key: 'a', label: '乙' }], version: 0 });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toBe('体检项目代码不能重复');
    const next = [...items.items, { key: 'masses', label: '群众观念' }];
    const saved = await county.put('/api/org-life/checkup-items', { items: next, version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1 });
    expect((await county.put('/api/org-life/checkup-items', { items: next, version: 0 })).statusCode).toBe(409);
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.checkupItems.update'));
    expect(audit[0].note).toBe('党性体检项目第1版');
  });

  it('records a check-up against the current items (unknown ones refused), keeping the item names and version', async () => {
    const bad = await town1.put('/api/org-life/checkups', record(ids[0], { items: [{ key: 'nope', result: 'good', note: null }] }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('体检项目“nope”不在本县当前的体检项目中，请刷新后重试');
    const early = await town1.put('/api/org-life/checkups', record(ids[0], { dueOn: '2026-05-31' }));
    expect(early.json().error.message).toBe('完成期限不能早于锻炼开始日期');
    const healthyDue = await town1.put('/api/org-life/checkups', record(ids[0], { result: 'healthy', baseSessionOn: null, dueOn: '2026-07-01' }));
    expect(healthyDue.json().error.message).toBe('体检结果为健康，无需安排锻炼基地');
    expect((await town1.put('/api/org-life/checkups', record(ids[0]))).statusCode).toBe(200);
    expect((await town1.put('/api/org-life/checkups', record(ids[1], { result: 'unhealthy', dueOn: '2026-09-30' }))).statusCode).toBe(200);
    expect((await town1.put('/api/org-life/checkups', record(ids[2], { result: 'healthy', baseSessionOn: null, dueOn: null, items: [] }))).statusCode).toBe(200);
    const [row] = await env.ctx.db.select().from(orgLifeCheckups).where(eq(orgLifeCheckups.memberId, ids[0]));
    expect(row.dataEnc).not.toContain('学习笔记');
    const seen = (await town1.get(`/api/org-life/checkups?memberId=${ids[0]}&year=2026`)).json();
    expect(seen).toMatchObject({ itemsVersion: 1, dueOn: '2026-06-10' });
    expect(seen.items[1]).toEqual({ key: 'theory', label: '理论学习', result: 'problem', note: '学习笔记缺失' });
  });

  it('lists the follow-ups with deadlines and states (health excluded), audited; 404 outside the scope, 403 for a secretary', async () => {
    const res = await town1.get('/api/org-life/checkups/follow-ups?year=2026');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toBe(2);
    expect(r.items.map((i: { memberName: string; state: string; dueOn: string }) => [i.memberName, i.state, i.dueOn])).toEqual([
      ['体检党员1', 'overdue', '2026-06-10'],
      ['体检党员2', 'open', '2026-09-30'],
    ]);
    expect((await town1.get('/api/org-life/checkups/follow-ups?year=2026&state=overdue')).json().total).toBe(1);
    const paged = (await town1.get('/api/org-life/checkups/follow-ups?year=2026&page=2&pageSize=1')).json();
    expect(paged).toMatchObject({ total: 2, items: [{ memberName: '体检党员2' }] });
    expect((await town2.get(`/api/org-life/checkups/follow-ups?orgId=${env.base.branch1.id}`)).statusCode).toBe(404);
    expect((await town2.get('/api/org-life/checkups/follow-ups?year=2026')).json().total).toBe(0);
    expect((await (await env.as('branchSecretary')).get('/api/org-life/checkups/follow-ups')).statusCode).toBe(403);
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.checkup.followUps'));
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('the daily job warns of the overdue follow-up once; the warning stays out of the general list; completion clears it', async () => {
    const first = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2026-06-15' });
    expect(first.status, JSON.stringify(first)).toBe('done');
    expect(first.result).toMatchObject({ checkupOverdue: 1, checkupRaised: 1 });
    const again = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2026-06-15' }, { force: true });
    expect(again.result).toMatchObject({ checkupOverdue: 1, checkupRaised: 0 });
    const rows = await env.ctx.db.select().from(orgLifeWarnings).where(eq(orgLifeWarnings.kind, 'checkupFollowUp'));
    expect(rows.map((w) => w.period)).toEqual([`2026/${ids[0]}`]);
    const general = (await county.get('/api/org-life/warnings?pageSize=100')).json();
    expect(general.items.some((w: { kind: string }) => w.kind === 'checkupFollowUp')).toBe(false);
    const list = (await town1.get('/api/org-life/checkups/follow-ups?year=2026&state=overdue')).json();
    expect(list.items[0].warnedAt).not.toBeNull();
    const counts = (await county.get('/api/org-life/checkups/counts?year=2026')).json();
    expect(counts.towns).toEqual([{ townName: '城关镇党委', healthy: 1, subHealthy: 1, unhealthy: 1, assigned: 2, completed: 0, overdue: 1 }]);
    expect((await town1.put('/api/org-life/checkups', record(ids[0], { completedOn: '2026-06-14' }))).statusCode).toBe(200);
    expect((await town1.get('/api/org-life/checkups/follow-ups?year=2026&state=overdue')).json().total).toBe(0);
    expect((await town1.get('/api/org-life/checkups/follow-ups?year=2026&state=done')).json().total).toBe(1);
  });
});
