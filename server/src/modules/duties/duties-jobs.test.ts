// The duty lists' scheduled jobs (daily overdue warnings, monthly close), dissolved orgs and vacant posts, template
// frequency changes, and the read state of warning notices — through the job runner and the HTTP API.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { describeJobResult } from '@yanzhen/domain';
import { runJob } from '../../core/jobs';
import { accounts, auditLog, dutyItems, dutyMonthly, dutyNotices, dutyWarnings, members, orgs } from '../../db/schema/index';
import { dutiesOnMembersLeft } from './duties-templates.service';
import { buildMember } from '../../test/factories';
import { getTestDatabase } from '../../test/test-db';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { generateYear, itemOf } from './duties.fixtures';
import { ALREADY_CLOSED, dutiesDailyJob, dutiesMonthCloseJob } from './duties.jobs';

let env: TestEnv;
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

const MEETING = '召开一次党建工作例会'; // monthly, due the 25th
const THEME_DAY = '开展一次主题党日活动'; // monthly, due the 10th

const snapshot = async (e: TestEnv) => ({
  warnings: await e.ctx.db.select().from(dutyWarnings).orderBy(asc(dutyWarnings.id)),
  notices: (await e.ctx.db.select().from(dutyNotices)).length,
  monthly: await e.ctx.db.select().from(dutyMonthly).orderBy(asc(dutyMonthly.orgId), asc(dutyMonthly.month)),
  audits: (await e.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'duty.daily'))).length,
});

describe('duties.daily and duties.monthClose', () => {
  it('raises yellow overdue warnings once a day with notices, updates them, then the month close takes them over or clears them; twice changes nothing', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const county = await env.as('countyAdmin');
    // branch2 will be late once but otherwise fine; the rate thresholds are off so that only overdue items warn.
    const settings = (await county.get('/api/duties/settings')).json();
    expect((await county.put('/api/duties/settings', { ...settings, yellowBelowRate: 0, redBelowRate: 0, redOnKeyMissed: false, redOnConsecutive: false })).statusCode).toBe(200);
    await county.post('/api/duties/supervisors', { accountId: env.base.accountIds.instructor1, orgId: env.base.branch1.id });

    env.clock.set('2026-06-10T02:00:00Z'); // the theme day falls due today: nothing overdue yet
    const day10 = await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-10' });
    expect(day10).toMatchObject({ status: 'done', result: { overdueItems: 0, warningsRaised: 0 } });

    env.clock.set('2026-06-11T02:00:00Z');
    const day11 = await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-11' });
    expect(day11.status).toBe('done');
    expect(day11.result).toMatchObject({ warningsRaised: 4, warningsUpdated: 0 }); // town1, branch1, town2, branch2
    // The 定时任务 page names the counters in Chinese, not by their English keys.
    expect(describeJobResult(day11.result, dutiesDailyJob.resultLabels)).toMatch(/^有逾期事项的组织：4；逾期事项：\d+；新增黄色预警：4；更新预警：0；发出提醒：\d+$/);
    const [w1] = await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.orgId, env.base.branch1.id));
    expect(w1).toMatchObject({ level: 'yellow', month: '2026-06', source: 'daily', clearedAt: null });
    expect(w1.reasons[0]).toContain(`6月有`);
    expect(w1.reasons[0]).toContain(`“${THEME_DAY}”`);
    const [june1] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(june1.overdueCount).toBeGreaterThanOrEqual(1);
    const secretary1 = (await env.ctx.db.select().from(accounts).where(eq(accounts.username, 'secretary1')))[0];
    const to = async (accountId: string) => (await env.ctx.db.select().from(dutyNotices).where(eq(dutyNotices.accountId, accountId))).map((n) => n.text);
    expect(await to(secretary1.id)).toEqual([`【西官村党支部】黄色预警（2026-06）：${w1.reasons[0]}`]);
    const supervisorNotices = await env.ctx.db.select().from(dutyNotices).where(and(eq(dutyNotices.accountId, env.base.accountIds.instructor1), eq(dutyNotices.warningId, w1.id)));
    expect(supervisorNotices).toHaveLength(1); // the supervisor assigned to branch1
    // A supervisor gets the notices of many orgs: each says which org it is about.
    expect(supervisorNotices[0].text.startsWith('【西官村党支部】黄色预警（2026-06）：')).toBe(true);
    const listed = (await (await env.as('townAdmin')).get('/api/duties/warnings?active=true')).json();
    expect(listed.items.find((x: { orgId: string }) => x.orgId === env.base.branch1.id)).toMatchObject({ level: 'yellow', source: 'daily', month: '2026-06' });

    // The same day again (a forced re-run, or a second process): nothing changes.
    const before = await snapshot(env);
    const again = await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-11' }, { force: true });
    expect(again).toMatchObject({ status: 'done', result: { warningsRaised: 0, warningsUpdated: 0, notices: 0 } });
    expect(await snapshot(env)).toEqual(before);
    expect(await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-11' })).toMatchObject({ status: 'skipped' });

    // branch2 reports the theme day late and it is accepted; branch1 lets the meeting (25th) fall overdue too.
    const late = await itemOf(env.ctx, env.base.branch2.id, THEME_DAY, '2026-06');
    await env.ctx.db.update(dutyItems).set({ status: 'accepted', onTime: false }).where(eq(dutyItems.id, late.id));
    await env.ctx.db.update(dutyItems).set({ status: 'accepted', onTime: true }).where(and(eq(dutyItems.orgId, env.base.branch2.id), eq(dutyItems.month, '2026-06'), eq(dutyItems.status, 'pending')));
    env.clock.set('2026-06-26T02:00:00Z');
    const day26 = await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-26' });
    expect(day26.result).toMatchObject({ warningsRaised: 0, warningsUpdated: 3 }); // branch2 has nothing overdue any more
    const [w1b] = await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.id, w1.id));
    expect(w1b.reasons[0]).toContain(`“${MEETING}”`);
    expect((await to(secretary1.id)).length).toBe(2);

    // 1 July: the June close takes the daily warning over (one row per org and month) and clears branch2's.
    env.clock.set('2026-07-01T02:00:00Z');
    const close = await runJob(env.ctx, dutiesMonthCloseJob, { countyId: env.base.countyId, period: '2026-06' });
    expect(close).toMatchObject({ status: 'done', result: { month: '2026-06', skipped: false, orgs: 4, warningsRaised: 3 } });
    expect(describeJobResult(close.result, dutiesMonthCloseJob.resultLabels)).toMatch(/^月份：2026-06；贴星组织：4；新增预警：3；解除预警：\d+$/);
    const june = await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.month, '2026-06'));
    expect(june).toHaveLength(4);
    const b1 = june.find((w) => w.orgId === env.base.branch1.id)!;
    expect(b1).toMatchObject({ id: w1.id, source: 'month', level: 'yellow', clearedAt: null });
    const b2 = june.find((w) => w.orgId === env.base.branch2.id)!;
    expect(b2.clearedReason).toBe('6月贴星时逾期事项已处理，逾期预警解除');
    const closed = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.month, '2026-06'), isNull(dutyMonthly.closedAt)));
    expect(closed).toHaveLength(0);
    const [b2June] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch2.id), eq(dutyMonthly.month, '2026-06')));
    expect(b2June.lateCount).toBe(1);
    expect(b2June.stars).not.toBeNull();

    // Twice: the month is already closed, the close is skipped and nothing changes.
    const beforeClose = await snapshot(env);
    const reclose = await runJob(env.ctx, dutiesMonthCloseJob, { countyId: env.base.countyId, period: '2026-06' }, { force: true });
    expect(reclose).toMatchObject({ status: 'done', result: { skipped: true, reason: ALREADY_CLOSED } });
    expect(describeJobResult(reclose.result, dutiesMonthCloseJob.resultLabels)).toBe(`月份：2026-06；说明：${ALREADY_CLOSED}；贴星组织：0；新增预警：0；解除预警：0`);
    expect(await snapshot(env)).toEqual(beforeClose);
    // The daily pass after the close leaves the closed month alone.
    env.clock.set('2026-07-02T02:00:00Z');
    const day2 = await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-07-02' });
    expect(day2.result).toMatchObject({ warningsRaised: 0, warningsUpdated: 0 });
    expect(await snapshot(env)).toMatchObject({ warnings: beforeClose.warnings, notices: beforeClose.notices });
  });
});

describe('the duty jobs in the admin job list', () => {
  it('lists both jobs and lets the county administrator re-run the month close, which finds the month closed', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    env.clock.set('2026-07-01T02:00:00Z');
    const county = await env.as('countyAdmin');
    const names = (await county.get('/api/jobs')).json().items.map((j: { name: string }) => j.name);
    expect(names).toEqual(expect.arrayContaining(['duties.daily', 'duties.monthClose']));
    const first = await county.post('/api/jobs/duties.monthClose/run', { period: '2026-06' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'done', run: { result: { month: '2026-06', skipped: false, orgs: 4 } } });
    const second = await county.post('/api/jobs/duties.monthClose/run', { period: '2026-06' });
    expect(second.json()).toMatchObject({ status: 'done', run: { result: { skipped: true, reason: ALREADY_CLOSED } } });
    expect((await (await env.as('branchSecretary')).post('/api/jobs/duties.daily/run', { period: '2026-07-01' })).statusCode).toBe(403);
  });
});

describe('dissolved orgs and vacant posts', () => {
  it('cancels the items of a dissolved org falling due after the dissolution and leaves them out of the month close', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    let town1 = await env.as('townAdmin');
    const created = await town1.post('/api/orgs', { parentId: env.base.town1.id, name: '百合社区党支部', type: 'branch', sector: 'community' });
    expect(created.statusCode).toBe(200);
    const orgId = created.json().id as string;
    env.clock.set('2026-06-16T02:00:00Z');
    town1 = await env.as('townAdmin');
    const dissolved = await town1.post(`/api/orgs/${orgId}/dissolve`, { version: created.json().version, reason: '社区合并' });
    expect(dissolved.statusCode).toBe(200);
    const items = await env.ctx.db.select().from(dutyItems).where(eq(dutyItems.orgId, orgId));
    const before = items.filter((i) => i.dueDate < '2026-06-16');
    const after = items.filter((i) => i.dueDate >= '2026-06-16');
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((i) => i.status === 'pending')).toBe(true);
    expect(after.length).toBeGreaterThan(10);
    expect(after.every((i) => i.status === 'cancelled' && i.cancelReason === 'dissolved' && i.statusBeforeCancel === 'pending')).toBe(true);
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'duty.items.cancel'), eq(auditLog.entityId, orgId)));
    expect(audit.note).toContain(`${after.length} 项履职事项取消`);

    env.clock.set('2026-07-02T02:00:00Z');
    const close = await runJob(env.ctx, dutiesMonthCloseJob, { countyId: env.base.countyId, period: '2026-06' });
    expect(close.status).toBe('done');
    const [june] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, orgId), eq(dutyMonthly.month, '2026-06')));
    expect(june.dueCount).toBe(before.filter((i) => i.month === '2026-06').length);
    expect(june.closedAt).not.toBeNull();
    // July onwards: nothing countable is left, the rollups stay empty and earn no stars or warnings.
    const [july] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, orgId), eq(dutyMonthly.month, '2026-07')));
    expect(july).toMatchObject({ dueCount: 0, rate: null });
    env.clock.set('2026-08-01T02:00:00Z');
    await runJob(env.ctx, dutiesMonthCloseJob, { countyId: env.base.countyId, period: '2026-07' });
    expect(await env.ctx.db.select().from(dutyWarnings).where(and(eq(dutyWarnings.orgId, orgId), eq(dutyWarnings.month, '2026-07')))).toEqual([]);
    const [julyClosed] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, orgId), eq(dutyMonthly.month, '2026-07')));
    expect(julyClosed).toMatchObject({ stars: null, rate: null });
  });

  it('cancels the items falling due while the secretary post is vacant and gives later ones to the next secretary', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const oldId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王老书记' });
    const newId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '李新书记' });
    let town1 = await env.as('townAdmin');
    const put = (version: number, secretaryMemberId: string | null) => town1.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党支部', sector: 'rural', version, secretaryMemberId });
    expect((await put(1, oldId)).statusCode).toBe(200);
    env.clock.set('2026-06-16T02:00:00Z');
    town1 = await env.as('townAdmin');
    expect((await put(2, null)).statusCode).toBe(200);
    const june = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.month, '2026-06')));
    expect(june.find((i) => i.title === THEME_DAY)).toMatchObject({ status: 'pending', secretaryName: '王老书记' }); // due 10 June
    expect(june.find((i) => i.title === MEETING)).toMatchObject({ status: 'cancelled', cancelReason: 'vacant', secretaryName: null }); // due 25 June
    env.clock.set('2026-07-05T02:00:00Z');
    town1 = await env.as('townAdmin');
    expect((await put(3, newId)).statusCode).toBe(200);
    const julyTheme = await itemOf(env.ctx, env.base.branch1.id, THEME_DAY, '2026-07'); // due 10 July: after the appointment
    expect(julyTheme).toMatchObject({ status: 'pending', secretaryName: '李新书记', cancelReason: null });
    expect((await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06')).status).toBe('cancelled'); // fell due while vacant
    const cancelledJuly = (await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.status, 'cancelled')))).filter((i) => i.dueDate >= '2026-07-05');
    expect(cancelledJuly).toEqual([]);
    const [june1] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(june1.dueCount).toBe(june.filter((i) => i.dueDate < '2026-06-16').length);
    // A cancelled item cannot be reported.
    const secretary = await env.as('branchSecretary');
    const cancelled = await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06');
    const refused = await secretary.post(`/api/duties/items/${cancelled.id}/submit`, { text: '补报例会情况说明', participants: ['张三'], count: null, fileIds: [], version: cancelled.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('已取消');
    const notes = (await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'duty.items.secretary'))).map((a) => a.note);
    expect(notes.some((n) => n?.includes('书记空缺'))).toBe(true);
    expect(notes.some((n) => n?.includes('配齐书记李新书记'))).toBe(true);
  });
});

describe('secretary leaving the org', () => {
  it('a secretary moved to another branch leaves the post vacant: secretary cleared, items falling due from that day cancelled, audited', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const secId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王老书记' });
    const town1 = await env.as('townAdmin');
    expect((await town1.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党支部', sector: 'rural', version: 1, secretaryMemberId: secId })).statusCode).toBe(200);
    // Another member moving changes nothing.
    env.clock.set('2026-06-12T02:00:00Z');
    let county = await env.as('countyAdmin');
    const other = (await county.get(`/api/members/${env.base.member1Id}`)).json();
    expect((await county.post(`/api/members/${env.base.member1Id}/move`, { orgId: env.base.branch2.id, version: other.version, reason: '工作调动' })).statusCode).toBe(200);
    expect(await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.status, 'cancelled')))).toEqual([]);
    env.clock.set('2026-06-16T02:00:00Z');
    county = await env.as('countyAdmin');
    const sec = (await county.get(`/api/members/${secId}`)).json();
    expect((await county.post(`/api/members/${secId}/move`, { orgId: env.base.branch2.id, version: sec.version, reason: '工作调动' })).statusCode).toBe(200);
    const [org] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    expect(org.secretaryMemberId).toBeNull();
    const june = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.month, '2026-06')));
    expect(june.find((i) => i.title === THEME_DAY)).toMatchObject({ status: 'pending', secretaryName: '王老书记' }); // due 10 June
    expect(june.find((i) => i.title === MEETING)).toMatchObject({ status: 'cancelled', cancelReason: 'vacant', secretaryName: null }); // due 25 June
    const [june1] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(june1.dueCount).toBe(june.filter((i) => i.dueDate < '2026-06-16').length);
    const notes = (await env.ctx.db.select().from(auditLog).where(eq(auditLog.entityId, env.base.branch1.id))).map((a) => a.note);
    expect(notes).toContain('书记王老书记转至鑫园村党支部，书记职务空缺');
    expect(notes.some((n) => n?.startsWith('西官村党支部书记空缺：2026-06-16 起到期'))).toBe(true);
  });

  it('a secretary leaving the roster leaves the post vacant', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const secId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王老书记' });
    const town1 = await env.as('townAdmin');
    expect((await town1.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党支部', sector: 'rural', version: 1, secretaryMemberId: secId })).statusCode).toBe(200);
    const now = new Date('2026-06-16T02:00:00Z');
    await env.ctx.db.update(members).set({ leftAt: now, leftReason: '取消预备党员资格' }).where(eq(members.id, secId));
    expect(await dutiesOnMembersLeft(env.ctx.db, env.base.countyId, [secId, env.base.member1Id], now, null, '被取消预备党员资格')).toBe(1);
    const meeting = await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06');
    expect(meeting).toMatchObject({ status: 'cancelled', cancelReason: 'vacant' });
    const [org] = await env.ctx.db.select().from(orgs).where(eq(orgs.id, env.base.branch1.id));
    expect(org.secretaryMemberId).toBeNull();
  });
});

describe('template frequency change', () => {
  it('regenerates the not-yet-due items of the year for the orgs following the template; done items stay; audited', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const doneJune = await itemOf(env.ctx, env.base.branch1.id, THEME_DAY, '2026-06');
    await env.ctx.db.update(dutyItems).set({ status: 'accepted', onTime: true }).where(eq(dutyItems.id, doneJune.id));
    const county = await env.as('countyAdmin');
    const templates = (await county.get('/api/duties/templates?year=2026')).json();
    const village = templates.items.find((t: { category: string }) => t.category === 'villageCommittee');
    const tItem = village.items.find((i: { title: string }) => i.title === MEETING);
    const otherCategory = templates.items.find((t: { category: string }) => t.category === 'townCommittee').items.find((i: { title: string }) => i.title === MEETING);
    const townBefore = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.town1.id), eq(dutyItems.templateItemId, otherCategory.id)));
    const { id, templateId: _t, dueLabel: _d, key: _k, ...fields } = tItem;
    const res = await county.put(`/api/duties/template-items/${id}`, { ...fields, frequency: 'quarterly', dueRule: { monthOfPeriod: null, day: 20 } });
    expect(res.statusCode).toBe(200);
    const mine = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.templateItemId, id))).orderBy(asc(dutyItems.dueDate));
    // 15 June: May's and earlier are not generated (from 1 June), June's meeting (due the 25th) is not yet due → replaced.
    expect(mine.map((i) => `${i.periodKey} ${i.dueDate} ${i.status}`)).toEqual(['2026-Q2 2026-06-20 pending', '2026-Q3 2026-09-20 pending', '2026-Q4 2026-12-20 pending']);
    expect(await itemOf(env.ctx, env.base.branch1.id, THEME_DAY, '2026-06')).toMatchObject({ id: doneJune.id, status: 'accepted' });
    // Another category's template is not touched.
    const townAfter = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.town1.id), eq(dutyItems.templateItemId, otherCategory.id)));
    expect(townAfter.map((i) => i.id).sort()).toEqual(townBefore.map((i) => i.id).sort());
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'duty.templateItem.update'), eq(auditLog.entityId, id)));
    expect(audit.note).toMatch(/^频次由月度改为季度：\d+ 个组织重新生成未到期事项，删除 \d+ 项、新增 \d+ 项/);
    // The monthly rollups follow: July has one item fewer for branch1.
    const [july] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-07')));
    expect(july.dueCount).toBe((await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.month, '2026-07')))).length);
  });

  it('keeps a reported not-yet-due item when the frequency changes', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    const june = await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06');
    await env.ctx.db.update(dutyItems).set({ status: 'submitted' }).where(eq(dutyItems.id, june.id));
    const county = await env.as('countyAdmin');
    const village = (await county.get('/api/duties/templates?year=2026')).json().items.find((t: { category: string }) => t.category === 'villageCommittee');
    const { id, templateId: _t, dueLabel: _d, key: _k, ...fields } = village.items.find((i: { title: string }) => i.title === MEETING);
    expect((await county.put(`/api/duties/template-items/${id}`, { ...fields, frequency: 'yearly', dueRule: { monthOfPeriod: 12, day: 20 } })).statusCode).toBe(200);
    const mine = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.templateItemId, id))).orderBy(asc(dutyItems.dueDate));
    expect(mine.map((i) => `${i.periodKey} ${i.status}`)).toEqual(['2026-06 submitted', '2026 pending']);
  });
});

describe('notice read state', () => {
  it('counts unread notices on the home page, marks one or all read, and lets nobody touch another account’s notices', async () => {
    env = await createTestEnv({ now: '2026-06-01T02:00:00Z' });
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    env.clock.set('2026-06-11T02:00:00Z');
    await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-11' });
    env.clock.set('2026-06-26T02:00:00Z');
    await runJob(env.ctx, dutiesDailyJob, { countyId: env.base.countyId, period: '2026-06-26' });
    const secretary = await env.as('branchSecretary');
    const home = (await secretary.get('/api/duties/home')).json();
    expect(home.unreadNotices).toBe(2);
    expect(home.notices.map((n: { readAt: string | null }) => n.readAt)).toEqual([null, null]);
    const list = (await secretary.get('/api/duties/notices?unread=true')).json();
    expect(list).toMatchObject({ total: 2, unread: 2 });
    const [newest, oldest] = list.items;
    expect(newest.text).toContain(MEETING);

    // Another account cannot see or mark it.
    const other = await env.as('otherTownAdmin');
    expect((await other.post(`/api/duties/notices/${newest.id}/read`)).statusCode).toBe(404);
    expect((await other.get('/api/duties/notices')).json().items.map((n: { id: string }) => n.id)).not.toContain(newest.id);
    expect((await env.app.inject({ method: 'POST', url: `/api/duties/notices/${newest.id}/read` })).statusCode).toBe(401);

    const one = await secretary.post(`/api/duties/notices/${newest.id}/read`);
    expect(one.json()).toEqual({ marked: 1, unread: 1 });
    expect((await secretary.post(`/api/duties/notices/${newest.id}/read`)).json()).toEqual({ marked: 0, unread: 1 });
    const [row] = await env.ctx.db.select().from(dutyNotices).where(eq(dutyNotices.id, newest.id));
    expect(row.readAt?.toISOString()).toBe('2026-06-26T02:00:00.000Z');
    expect((await secretary.get('/api/duties/home')).json().unreadNotices).toBe(1);
    expect((await secretary.get('/api/duties/notices?unread=false')).json().items.map((n: { id: string }) => n.id)).toEqual([newest.id]);
    const all = await secretary.post('/api/duties/notices/read-all');
    expect(all.json()).toEqual({ marked: 1, unread: 0 });
    expect((await env.ctx.db.select().from(dutyNotices).where(eq(dutyNotices.id, oldest.id)))[0].readAt).not.toBeNull();
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'duty.notice.read'));
    expect(audits).toHaveLength(2);
    // The town administrator's own notices (for town1's warning) are still unread.
    expect((await (await env.as('townAdmin')).get('/api/duties/home')).json().unreadNotices).toBeGreaterThan(0);
  });
});
