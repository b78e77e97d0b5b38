// 组织生活会 over HTTP: the record with its preparation steps, the meeting (kind lifeMeeting) refused until every step is
// done, then linked; the 整改清单 and the 通报 after it; the duty-list item 召开一次组织生活会 accepted by the meeting;
// the yearly compliance with the county's due month; the 民主评议 round attached; scope (404) and the audit log.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dutyItems, dutyTemplateItems, orgLifeLifeMeetings, orgLifeMeetings, orgLifeWarnings } from '../../db/schema/index';
import { runJob } from '../../core/jobs';
import { generateYear, uploadFile } from '../duties/duties.fixtures';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { orgLifeDailyJob } from './org-life.jobs';

let env: TestEnv;
let secretary: Session;
let town2: Session;
let county: Session;
let ids: string[];

const step = (doneOn: string, note: string | null = null) => ({ doneOn, note });
const held = (id: string | null, over: Record<string, unknown> = {}) => ({
  orgId: env.base.branch1.id,
  kind: 'lifeMeeting',
  date: '2026-06-12',
  place: '党员活动室',
  chair: '生活会党员1',
  recorder: '生活会党员2',
  topic: '2026年度组织生活会',
  minutes: '支部书记代表支委班子作对照检查，党员逐一开展批评和自我批评。',
  attendance: ids.map((memberId) => ({ memberId, status: 'present', reason: null })),
  lifeMeetingId: id,
  ...over,
});

beforeAll(async () => {
  env = await createTestEnv();
  ids = [];
  for (let i = 0; i < 4; i++) ids.push(await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: `生活会党员${i + 1}` }));
  secretary = await env.as('branchSecretary');
  town2 = await env.as('otherTownAdmin');
  county = await env.as('countyAdmin');
  await generateYear(env.ctx, env.base.countyId, 2026, '2026-01-01');
});
afterAll(async () => env?.close());

describe('组织生活会', () => {
  let id: string;

  it('creates the yearly record with the steps done so far; a second yearly one for the branch is refused', async () => {
    const res = await secretary.post('/api/org-life/life-meetings', { orgId: env.base.branch1.id, year: 2026, type: 'annual', title: '2026年度组织生活会', steps: { study: step('2026-06-01', '集中学习党章') } });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    id = r.id;
    expect(r).toMatchObject({ state: 'preparing', version: 1, meeting: null });
    expect(r.missing).toEqual(['征求意见', '谈心谈话', '撰写对照检查材料（查摆问题）']);
    expect(r.steps[0]).toMatchObject({ key: 'study', label: '学习研讨', doneOn: '2026-06-01', note: '集中学习党章' });
    const again = await secretary.post('/api/org-life/life-meetings', { orgId: env.base.branch1.id, year: 2026, type: 'annual', title: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已有2026年度组织生活会记录');
    const future = await secretary.post('/api/org-life/life-meetings', { orgId: env.base.branch1.id, year: 2026, type: 'special', title: '专题', steps: { study: step('2026-06-16') } });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toBe('“学习研讨”的完成日期 2026-06-16 晚于今天');
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.lifeMeeting.create'));
    expect(audit).toHaveLength(1);
  });

  it('refuses to record the meeting before the steps are done, naming the missing ones; nothing written', async () => {
    const none = await secretary.post('/api/org-life/meetings', held(null));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('LIFE_MEETING_REQUIRED');
    const res = await secretary.post('/api/org-life/meetings', held(id));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('LIFE_MEETING_NOT_READY');
    expect(res.json().error.message).toBe('组织生活会不能记录为已召开：尚未完成“征求意见”、“谈心谈话”、“撰写对照检查材料（查摆问题）”（须在会议召开前完成准备步骤）');
    expect(await env.ctx.db.select().from(orgLifeMeetings).where(eq(orgLifeMeetings.kind, 'lifeMeeting'))).toHaveLength(0);
    // Steps done, but one after the meeting's date: still refused for that step.
    const steps = { study: step('2026-06-01'), solicit: step('2026-06-05', '发放征求意见表30份'), talks: step('2026-06-08'), materials: step('2026-06-13') };
    const upd = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: '2026年度组织生活会', steps, version: 1 });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().state).toBe('ready');
    const late = await secretary.post('/api/org-life/meetings', held(id));
    expect(late.json().error.message).toContain('尚未完成“撰写对照检查材料（查摆问题）”');
    const stale = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: '2026年度组织生活会', steps, version: 1 });
    expect(stale.statusCode).toBe(409);
    const rect = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: '2026年度组织生活会', steps, rectifications: [{ problem: '学习不深', measure: '每月集中学习', owner: '王书记', dueOn: '2026-09-30' }], version: 2 });
    expect(rect.json().error.message).toBe('组织生活会召开后才能制定整改清单');
  });

  it('records the meeting once ready: linked, the duty item accepted, refused a second time', async () => {
    const lifeDuty = async () =>
      (await env.ctx.db.select({ status: dutyItems.status, id: dutyItems.id }).from(dutyItems).innerJoin(dutyTemplateItems, eq(dutyTemplateItems.id, dutyItems.templateItemId)).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyTemplateItems.key, 'lifeMeeting'))))[0];
    expect((await lifeDuty()).status).toBe('pending');
    const r = (await secretary.get(`/api/org-life/life-meetings/${id}`)).json();
    const steps = Object.fromEntries(r.steps.map((s: { key: string; doneOn: string; note: string | null }) => [s.key, { doneOn: s.key === 'materials' ? '2026-06-10' : s.doneOn, note: s.note }]));
    expect((await secretary.put(`/api/org-life/life-meetings/${id}`, { title: r.title, steps, version: r.version })).statusCode).toBe(200);
    const wrongYear = await secretary.post('/api/org-life/meetings', held(id, { date: '2025-12-30' }));
    expect(wrongYear.json().error.message).toContain('会议日期须在2026年内');
    const res = await secretary.post('/api/org-life/meetings', held(id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'lifeMeeting', present: 4, quorum: { required: false } });
    const detail = (await secretary.get(`/api/org-life/life-meetings/${id}`)).json();
    expect(detail).toMatchObject({ state: 'held', missing: [], meeting: { id: res.json().id, date: '2026-06-12', present: 4 } });
    expect(detail.appraisal).toMatchObject({ appraised: 0 });
    expect((await lifeDuty()).status).toBe('accepted');
    const audit = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'duty.accept'), eq(auditLog.entityId, (await lifeDuty()).id)));
    expect(audit[0].note).toContain('组织生活会会议记录');
    const twice = await secretary.post('/api/org-life/meetings', held(id, { date: '2026-06-13' }));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('LIFE_MEETING_HELD');
    // Moving the meeting before a step is refused; the record follows a valid date change.
    const m = res.json();
    const body = { date: '2026-06-09', place: m.place, chair: m.chair, recorder: m.recorder, topic: m.topic, attendance: held(id).attendance, version: m.version };
    const early = await secretary.put(`/api/org-life/meetings/${m.id}`, body);
    expect(early.statusCode).toBe(422);
    expect((await secretary.put(`/api/org-life/meetings/${m.id}`, { ...body, date: '2026-06-11' })).statusCode).toBe(200);
    const [row] = await env.ctx.db.select().from(orgLifeLifeMeetings).where(eq(orgLifeLifeMeetings.id, id));
    expect(row.heldOn).toBe('2026-06-11');
  });

  it('after the meeting: the 整改清单 with owners and deadlines, the 通报; steps can no longer be undone', async () => {
    const r = (await secretary.get(`/api/org-life/life-meetings/${id}`)).json();
    const steps = Object.fromEntries(r.steps.map((s: { key: string; doneOn: string; note: string | null }) => [s.key, { doneOn: s.doneOn, note: s.note }]));
    const undo = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: r.title, steps: { ...steps, talks: null }, version: r.version });
    expect(undo.json().error.message).toBe('组织生活会已召开，不能撤销“谈心谈话”');
    const early = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: r.title, steps, rectifications: [{ problem: '学习不深', measure: '每月集中学习', owner: '王书记', dueOn: '2026-06-01' }], version: r.version });
    expect(early.json().error.message).toBe('第1项整改（学习不深）的整改期限不能早于会议日期 2026-06-11');
    const rectifications = [
      { problem: '理论学习不够深入', measure: '每月开展一次集中学习', owner: '王书记', dueOn: '2026-06-14', doneOn: null },
      { problem: '联系群众不够紧密', measure: '党员联系户每月走访', owner: '赵委员', dueOn: '2026-09-30', doneOn: '2026-06-15' },
    ];
    const res = await secretary.put(`/api/org-life/life-meetings/${id}`, { title: r.title, steps, rectifications, notice: { notifiedOn: '2026-06-13', text: '在村务公开栏通报组织生活会情况和整改清单' }, version: r.version });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rectifications: { total: 2, done: 1, overdue: 1 }, notifiedOn: '2026-06-13' });
    expect(res.json().rectificationItems[0]).toMatchObject({ owner: '王书记', dueOn: '2026-06-14' });
    const list = (await secretary.get('/api/org-life/life-meetings?year=2026&pageSize=1')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ id, state: 'held', meeting: { date: '2026-06-11' } });
  });

  it('answers 404 outside the scope and 403 for a member account', async () => {
    expect((await town2.get(`/api/org-life/life-meetings/${id}`)).statusCode).toBe(404);
    expect((await town2.put(`/api/org-life/life-meetings/${id}`, { title: 'x', version: 1 })).statusCode).toBe(404);
    expect((await town2.get('/api/org-life/life-meetings?year=2026')).json().total).toBe(0);
    expect((await town2.post('/api/org-life/life-meetings', { orgId: env.base.branch1.id, year: 2026, type: 'special', title: '专题' })).statusCode).toBe(404);
    expect((await (await env.as('member')).get('/api/org-life/life-meetings')).statusCode).toBe(403);
  });

  it('is a yearly kind of compliance: held here, overdue elsewhere after the due month; the job raises it', async () => {
    const r = (await county.get('/api/org-life/compliance?year=2026')).json();
    const kindOf = (orgId: string) => r.items.find((i: { orgId: string }) => i.orgId === orgId).kinds.find((k: { kind: string }) => k.kind === 'lifeMeeting');
    expect(kindOf(env.base.branch1.id).periods).toEqual([expect.objectContaining({ period: '2026', state: 'held' })]);
    expect(kindOf(env.base.branch2.id).periods[0].state).toBe('open');
    // The county sets May as the due month: branch2 is overdue from June.
    const s = (await county.get('/api/org-life/settings')).json();
    expect(s.lifeMeeting.dueMonth).toBe(12);
    expect((await county.put('/api/org-life/settings', { ...s, lifeMeeting: { dueMonth: 5 } })).statusCode).toBe(200);
    const after = (await county.get('/api/org-life/compliance?year=2026')).json();
    const b2 = after.items.find((i: { orgId: string }) => i.orgId === env.base.branch2.id).kinds.find((k: { kind: string }) => k.kind === 'lifeMeeting');
    expect(b2.periods[0]).toMatchObject({ state: 'overdue' });
    const run = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2026-06-15' });
    expect(run.status).toBe('done');
    const warned = await env.ctx.db.select().from(orgLifeWarnings).where(eq(orgLifeWarnings.kind, 'lifeMeeting'));
    expect(warned.map((w) => [w.orgId, w.period])).toEqual([[env.base.branch2.id, '2026']]);
    expect((await county.put('/api/org-life/settings', { ...s, lifeMeeting: { dueMonth: 12 } })).statusCode).toBe(200);
  });

  it('in the new year the job raises the last year\'s 组织生活会 (and December) not held', async () => {
    const run = await runJob(env.ctx, orgLifeDailyJob, { countyId: env.base.countyId, period: '2027-01-02' });
    expect(run.status, JSON.stringify(run)).toBe('done');
    const rows = await env.ctx.db.select().from(orgLifeWarnings).where(eq(orgLifeWarnings.orgId, env.base.branch2.id));
    expect(rows.map((w) => `${w.kind}:${w.period}`)).toEqual(expect.arrayContaining(['lifeMeeting:2026', 'branchCommittee:2026-12', 'branchAssembly:2026-Q4']));
    expect(rows.filter((w) => w.orgId === env.base.branch1.id && w.kind === 'lifeMeeting')).toHaveLength(0);
  });
});

describe('meeting photos and the sign-in sheet', () => {
  it('attaches files uploaded through /api/files; another account\'s file elsewhere is refused; the detail names them', async () => {
    const photo = (await uploadFile(secretary, '会议照片.jpg')).body;
    const sheet = (await uploadFile(secretary, '签到表.jpg')).body;
    const base = { orgId: env.base.branch1.id, kind: 'groupMeeting', date: '2026-06-05', place: '党员活动室', chair: '生活会党员1', recorder: '生活会党员2', topic: '学习党章', attendance: [] };
    const foreign = (await uploadFile(town2, '外镇.jpg')).body;
    const bad = await secretary.post('/api/org-life/meetings', { ...base, photoFileIds: [foreign.id] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('FILE_NOT_ATTACHABLE');
    const res = await secretary.post('/api/org-life/meetings', { ...base, photoFileIds: [photo.id], signInFileId: sheet.id });
    expect(res.statusCode, res.body).toBe(200);
    const d = (await secretary.get(`/api/org-life/meetings/${res.json().id}`)).json();
    expect(d.photos.map((f: { id: string; name: string }) => [f.id, f.name])).toEqual([[photo.id, '会议照片.jpg']]);
    expect(d.signInFile).toMatchObject({ id: sheet.id, url: `/api/files/${sheet.id}` });
  });
});
