import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getTestDatabase } from '../../test/test-db';
import { accounts, auditLog, dutyItems, dutyMonthly, dutyNotices, dutyWarnings } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { generateYear, itemOf, uploadFile } from './duties.fixtures';

let env: TestEnv;
// The worker's database starts (PGlite boots and migrates) in the hook, not inside the first test's time limit.
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

const MEETING = '召开一次党建工作例会';
const evidence = (fileIds: string[]) => ({ text: '研究部署6月党建工作，学习上级文件精神', participants: ['张三', '李四'], count: null, fileIds });

describe('duty lists', () => {
  it('generates the county timetable from today, per org category, and shows a secretary only their own org', async () => {
    env = await createTestEnv();
    const county = await env.as('countyAdmin');
    const gen = await county.post('/api/duties/timetables/generate', { year: 2026 });
    expect(gen.statusCode).toBe(200);
    expect(gen.json()).toMatchObject({ year: 2026, orgs: 4 });
    expect(gen.json().created).toBeGreaterThan(50);
    const again = await county.post('/api/duties/timetables/generate', { year: 2026 });
    expect(again.json().created).toBe(0);

    const templates = (await county.get('/api/duties/templates?year=2026')).json();
    expect(templates.items).toHaveLength(7);
    expect(templates.items.find((t: { category: string }) => t.category === 'twoNewBranch').items).toHaveLength(8);

    const secretary = await env.as('branchSecretary');
    const mine = (await secretary.get('/api/duties/items?scope=mine&pageSize=200')).json();
    expect(mine.total).toBeGreaterThan(20);
    expect(new Set(mine.items.map((i: { orgId: string }) => i.orgId))).toEqual(new Set([env.base.branch1.id]));
    // Nothing already past due on the day of generation; the June meeting (due the 25th) is there and due soon.
    expect(mine.items.every((i: { dueDate: string }) => i.dueDate >= '2026-06-15')).toBe(true);
    const june = mine.items.find((i: { title: string; periodKey: string }) => i.title === MEETING && i.periodKey === '2026-06');
    expect(june).toMatchObject({ dueDate: '2026-06-25', view: 'due', status: 'pending' });
    const all = (await secretary.get('/api/duties/items?scope=all&pageSize=200')).json();
    expect(all.total).toBe(mine.total);
    const home = (await secretary.get('/api/duties/home')).json();
    expect(home.counts.due).toBeGreaterThan(0);
    expect(home.counts.late).toBe(0);

    const town2 = await env.as('otherTownAdmin');
    expect((await town2.get(`/api/duties/items/${june.id}`)).statusCode).toBe(404);
    const town1 = await env.as('townAdmin');
    expect((await town1.get(`/api/duties/items/${june.id}`)).statusCode).toBe(200);
  });

  it('runs submit → return → resubmit → accept with evidence, rollup and audit; a supervisor sees only assigned orgs', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-15');
    const item = await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06');
    let secretary = await env.as('branchSecretary');
    const photo = await uploadFile(secretary, '例会.jpg');
    expect(photo.status).toBe(200);
    expect(photo.body.mime).toBe('image/jpeg');

    const incomplete = await secretary.post(`/api/duties/items/${item.id}/submit`, { text: '', participants: [], fileIds: [], version: 1 });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toBe('“召开一次党建工作例会”的佐证材料不完整：请上传至少1张现场照片；请填写不少于5个字的文字说明；请填写参加人员');

    const sent = await secretary.post(`/api/duties/items/${item.id}/submit`, { ...evidence([photo.body.id]), version: 1 });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ status: 'submitted', view: 'submitted', can: { submit: false, review: false } });
    expect(sent.json().submissions[0].files[0]).toMatchObject({ id: photo.body.id, mime: 'image/jpeg' });
    expect((await secretary.post(`/api/duties/items/${item.id}/submit`, { ...evidence([photo.body.id]), version: 2 })).statusCode).toBe(409);
    expect((await secretary.post(`/api/duties/items/${item.id}/review`, { decision: 'accept', version: 2 })).statusCode).toBe(403);

    // The instructor supervises nothing yet: the item is not theirs to see.
    let instructor = await env.as('instructor');
    expect((await instructor.get(`/api/duties/items/${item.id}`)).statusCode).toBe(404);
    const county = await env.as('countyAdmin');
    const assign = await county.post('/api/duties/supervisors', { accountId: env.base.accountIds.instructor1, orgId: env.base.branch1.id });
    expect(assign.statusCode).toBe(200);
    expect((await instructor.get(`/api/duties/items/${item.id}`)).json().can).toMatchObject({ review: true });
    expect((await instructor.get(`/api/files/${photo.body.id}`)).statusCode).toBe(200);
    expect((await instructor.get(`/api/duties/items/${(await itemOf(env.ctx, env.base.town1.id, MEETING, '2026-06')).id}`)).statusCode).toBe(404);
    const queue = (await instructor.get('/api/duties/items?scope=review')).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([item.id]);

    env.clock.set('2026-06-24T02:00:00Z');
    instructor = await env.as('instructor');
    const noFeedback = await instructor.post(`/api/duties/items/${item.id}/review`, { decision: 'return', version: 2 });
    expect(noFeedback.statusCode).toBe(400);
    expect(noFeedback.json().error.message).toBe('反馈意见：退回时请填写反馈意见');
    const returned = await instructor.post(`/api/duties/items/${item.id}/review`, { decision: 'return', feedback: '照片不清晰，请补充会议记录', version: 2 });
    expect(returned.json()).toMatchObject({ status: 'returned', view: 'returned' });
    secretary = await env.as('branchSecretary');
    const back = (await secretary.get('/api/duties/items?scope=mine&view=returned')).json();
    expect(back.items.map((i: { id: string }) => i.id)).toEqual([item.id]);
    expect((await secretary.get(`/api/duties/items/${item.id}`)).json().submissions[0]).toMatchObject({ status: 'returned', feedback: '照片不清晰，请补充会议记录' });

    env.clock.set('2026-06-27T02:00:00Z'); // resubmitted after the due date (25th), within the grace days of the return (24th)
    secretary = await env.as('branchSecretary');
    const photo2 = await uploadFile(secretary, 'record.jpg');
    const resent = await secretary.post(`/api/duties/items/${item.id}/submit`, { ...evidence([photo.body.id, photo2.body.id]), version: 3 });
    expect(resent.statusCode).toBe(200);
    const town1 = await env.as('townAdmin');
    const accepted = await town1.post(`/api/duties/items/${item.id}/review`, { decision: 'accept', feedback: '', version: 4 });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', onTime: true });
    expect(accepted.json().submissions.map((s: { status: string }) => s.status)).toEqual(['accepted', 'returned']);

    const [rollup] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(rollup).toMatchObject({ onTimeCount: 1, acceptedCount: 1, lateCount: 0 });
    const actions = (await env.ctx.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, item.id))).map((a) => a.action);
    expect(actions).toEqual(['duty.submit', 'duty.return', 'duty.submit', 'duty.accept']);
    // A committee administrator cannot review its own org's report.
    const townItem = await itemOf(env.ctx, env.base.town1.id, MEETING, '2026-06');
    const townPhoto = await uploadFile(town1, 'town.jpg');
    expect((await town1.post(`/api/duties/items/${townItem.id}/submit`, { ...evidence([townPhoto.body.id]), version: 1 })).statusCode).toBe(200);
    expect((await town1.post(`/api/duties/items/${townItem.id}/review`, { decision: 'accept', version: 2 })).statusCode).toBe(403);
    // Somebody else's file cannot be attached.
    const foreignPhoto = await uploadFile(await env.as('otherTownAdmin'), 'x.jpg');
    const stolen = await secretary.post(`/api/duties/items/${(await itemOf(env.ctx, env.base.branch1.id, '开展一次主题党日活动', '2026-07')).id}/submit`, { ...evidence([foreignPhoto.body.id]), version: 1 });
    expect(stolen.statusCode).toBe(400);
  });

  it('records problems as rectifications with a deadline, followed until closed', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-15');
    const item = await itemOf(env.ctx, env.base.branch1.id, MEETING, '2026-06');
    let town1 = await env.as('townAdmin');
    expect((await town1.post(`/api/duties/items/${item.id}/rectifications`, { problem: '会议记录不规范', deadline: '2026-06-01' })).statusCode).toBe(400);
    const r = await town1.post(`/api/duties/items/${item.id}/rectifications`, { problem: '会议记录不规范', deadline: '2026-06-30' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'open', overdue: false, itemTitle: MEETING });
    const secretary = await env.as('branchSecretary');
    expect((await secretary.get('/api/duties/rectifications?status=open')).json().total).toBe(1);
    expect((await secretary.get('/api/duties/home')).json().openRectifications).toBe(1);
    expect((await secretary.post(`/api/duties/rectifications/${r.json().id}/close`, { note: '已整改', version: 1 })).statusCode).toBe(403);
    // The secretary reports what was done; the supervisor sees it and closes the rectification.
    expect((await secretary.post(`/api/duties/rectifications/${r.json().id}/report`, { note: '', version: 1 })).statusCode).toBe(400);
    const reported = await secretary.post(`/api/duties/rectifications/${r.json().id}/report`, { note: '已补齐6月会议记录，附签到表', version: 1 });
    expect(reported.statusCode, reported.body).toBe(200);
    expect(reported.json()).toMatchObject({ status: 'open', reportNote: '已补齐6月会议记录，附签到表', version: 2 });
    expect((await (await env.as('instructor')).post(`/api/duties/rectifications/${r.json().id}/report`, { note: '越权报告', version: 2 })).statusCode).toBe(403);
    const [audit] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'duty.rectification.report'));
    expect(audit.entityId).toBe(r.json().id);
    env.clock.set('2026-07-02T02:00:00Z');
    town1 = await env.as('townAdmin');
    const followed = (await town1.get('/api/duties/rectifications')).json().items[0];
    expect(followed).toMatchObject({ overdue: true, reportNote: '已补齐6月会议记录，附签到表' });
    expect(followed.reportedAt).not.toBeNull();
    expect((await town1.post(`/api/duties/rectifications/${r.json().id}/close`, { note: '已补齐会议记录', version: 1 })).statusCode).toBe(409);
    const closed = await town1.post(`/api/duties/rectifications/${r.json().id}/close`, { note: '已补齐会议记录', version: 2 });
    expect(closed.json()).toMatchObject({ status: 'closed', closingNote: '已补齐会议记录' });
    expect((await (await env.as('branchSecretary')).post(`/api/duties/rectifications/${r.json().id}/report`, { note: '再次报告', version: 3 })).json().error.code).toBe('RECTIFICATION_CLOSED');
    expect((await (await env.as('otherTownAdmin')).post(`/api/duties/rectifications/${r.json().id}/close`, { note: '越权', version: 3 })).statusCode).toBe(404);
  });

  it('closes a month into stars and warnings with reasons and notices, keeps them when settings change, and recomputes on purpose', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    let county = await env.as('countyAdmin');
    expect((await county.post('/api/duties/months/close', { month: '2026-06' })).statusCode).toBe(400);
    // branch2 does all of June on time; branch1 nothing.
    const june2 = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch2.id), eq(dutyItems.month, '2026-06')));
    await env.ctx.db.update(dutyItems).set({ status: 'accepted', onTime: true }).where(and(eq(dutyItems.orgId, env.base.branch2.id), eq(dutyItems.month, '2026-06')));
    expect(june2.length).toBeGreaterThan(2);
    env.clock.set('2026-07-02T02:00:00Z');
    county = await env.as('countyAdmin');
    const closed = await county.post('/api/duties/months/close', { month: '2026-06' });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ month: '2026-06', orgs: 4, warningsRaised: 3 });
    const rows = await env.ctx.db.select().from(dutyMonthly).where(eq(dutyMonthly.month, '2026-06'));
    const byOrg = Object.fromEntries(rows.map((r) => [r.orgId, r]));
    expect(byOrg[env.base.branch2.id]).toMatchObject({ rate: 100, stars: 3 });
    expect(byOrg[env.base.branch1.id]).toMatchObject({ rate: 0, stars: 0 });
    expect(byOrg[env.base.branch1.id].closedAt).not.toBeNull();
    const [w] = await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.orgId, env.base.branch1.id));
    expect(w.level).toBe('red');
    expect(w.reasons[0]).toBe('6月按时完成率0%，低于60%');
    expect(w.reasons.some((r) => r.startsWith('6月重点事项未按时完成'))).toBe(true);
    const notices = await env.ctx.db.select({ accountId: dutyNotices.accountId }).from(dutyNotices).where(eq(dutyNotices.warningId, w.id));
    const secretaryAccount = (await env.ctx.db.select().from(accounts).where(eq(accounts.username, 'secretary1')))[0];
    expect(notices.map((n) => n.accountId)).toContain(secretaryAccount.id);
    const secretary = await env.as('branchSecretary');
    const secretaryHome = (await secretary.get('/api/duties/home')).json();
    expect(secretaryHome.warnings[0]).toMatchObject({ level: 'red', month: '2026-06' });
    expect(secretaryHome.notices[0].text).toContain('红色预警（2026-06）');
    const town1 = await env.as('townAdmin');
    const townList = (await town1.get('/api/duties/warnings?active=true')).json();
    expect(townList.items.map((x: { orgId: string }) => x.orgId).sort()).toEqual([env.base.town1.id, env.base.branch1.id].sort());
    expect(townList.items[0].townName).toBe('城关镇党委');
    expect((await county.post('/api/duties/months/close', { month: '2026-06' })).json().orgs).toBe(0);

    // Late work after the close does not change June; new settings do not either, until an audited recompute.
    await county.put('/api/duties/settings', { ...((await county.get('/api/duties/settings')).json() as object), starThresholds: [{ minRate: 0, stars: 1 }], keyMissedMaxStars: 5, redBelowRate: 0, yellowBelowRate: 0, yellowOnOverdue: false, redOnKeyMissed: false });
    const [still] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(still.stars).toBe(0);
    expect((await county.post('/api/duties/months/recompute', { month: '2026-06', reason: '' })).statusCode).toBe(400);
    const re = await county.post('/api/duties/months/recompute', { month: '2026-06', reason: '县委组织部调整贴星标准' });
    expect(re.statusCode).toBe(200);
    const [after] = await env.ctx.db.select().from(dutyMonthly).where(and(eq(dutyMonthly.orgId, env.base.branch1.id), eq(dutyMonthly.month, '2026-06')));
    expect(after.stars).toBe(1);
    expect(after.recomputedAt).not.toBeNull();
    const [cleared] = await env.ctx.db.select().from(dutyWarnings).where(eq(dutyWarnings.id, w.id));
    expect(cleared.clearedReason).toContain('重新计算后不再预警');
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'duty.month.recompute'));
    expect(audits[0].note).toContain('县委组织部调整贴星标准');
  });

  it('gives a new org its items at once and moves items falling due from today to a new secretary', async () => {
    env = await createTestEnv();
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-06-01');
    let town1 = await env.as('townAdmin');
    const created = await town1.post('/api/orgs', { parentId: env.base.town1.id, name: '百合社区党支部', type: 'branch', sector: 'community' });
    expect(created.statusCode).toBe(200);
    const its = await env.ctx.db.select().from(dutyItems).where(eq(dutyItems.orgId, created.json().id));
    expect(its.length).toBeGreaterThan(20);
    expect(its.every((i) => i.dueDate >= '2026-06-15')).toBe(true);

    const oldId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王老书记' });
    const newId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '李新书记' });
    env.clock.set('2026-06-01T02:00:00Z');
    town1 = await env.as('townAdmin');
    expect((await town1.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党支部', sector: 'rural', version: 1, secretaryMemberId: oldId })).statusCode).toBe(200);
    env.clock.set('2026-06-16T02:00:00Z');
    town1 = await env.as('townAdmin');
    expect((await town1.put(`/api/orgs/${env.base.branch1.id}`, { name: '西官村党支部', sector: 'rural', version: 2, secretaryMemberId: newId })).statusCode).toBe(200);
    const june = await env.ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyItems.month, '2026-06')));
    const byDue = Object.fromEntries(june.map((i) => [i.title, i.secretaryName]));
    expect(byDue['开展一次主题党日活动']).toBe('王老书记'); // due 10 June
    expect(byDue[MEETING]).toBe('李新书记'); // due 25 June
  });
});

describe('warnings list', () => {
  it('lists red warnings before yellow ones of the same month', async () => {
    env = await createTestEnv();
    const now = new Date('2026-06-01T02:00:00Z');
    const row = (org: typeof env.base.branch1, level: 'red' | 'yellow') => ({ countyId: env.base.countyId, orgId: org.id, orgPath: org.path, month: '2026-05', level, reasons: [`${level}测试`], raisedAt: now });
    // Alphabetically the yellow org (代字营镇) would come first as well as the level 'yellow' > 'red'.
    await env.ctx.db.insert(dutyWarnings).values([row(env.base.branch2, 'yellow'), row(env.base.branch1, 'red')]);
    const list = (await (await env.as('countyAdmin')).get('/api/duties/warnings?active=true')).json();
    expect(list.items.map((w: { level: string }) => w.level)).toEqual(['red', 'yellow']);
  });
});

describe('files', () => {
  it('checks type by content, stores bytes in the database, and serves them only within scope', async () => {
    env = await createTestEnv();
    const secretary = await env.as('branchSecretary');
    const bad = await uploadFile(secretary, 'virus.jpg', Buffer.from('MZ this is not an image'));
    expect(bad.status).toBe(400);
    expect(bad.body.error!.message).toContain('类型不支持');
    const pdf = await uploadFile(secretary, '任务清单.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(100, 1)]));
    expect(pdf.status).toBe(200);
    expect(pdf.body.mime).toBe('application/pdf');
    const res = await secretary.get(pdf.body.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('任务清单.pdf'));
    expect((await (await env.as('townAdmin')).get(pdf.body.url)).statusCode).toBe(200);
    expect((await (await env.as('otherTownAdmin')).get(pdf.body.url)).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: pdf.body.url })).statusCode).toBe(401);
    expect((await uploadFile(secretary, 'a.jpg', undefined, `?orgId=${env.base.branch2.id}`)).status).toBe(404);
  });
});
