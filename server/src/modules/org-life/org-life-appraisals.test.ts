// 民主评议党员 over HTTP: the branch's round with the star tier as the starting point, grades checked against the votes,
// the county's cap on 优秀, the 不合格 follow-up tracked to closure, scope (404 for another town) and the audit log.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, dutyItems, dutyTemplateItems, memberMonthly, orgLifeAppraisals } from '../../db/schema/index';
import { generateYear } from '../duties/duties.fixtures';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
let secretary: Session;
let town2: Session;
let county: Session;
let ids: string[];

const votes = (excellent: number, qualified: number, basic = 0, unqualified = 0) => ({ excellent, qualified, basic, unqualified });
const body = (memberId: string, over: Record<string, unknown> = {}) => ({ memberId, year: 2026, selfAssessment: '认真学习，按时参加组织生活', grade: 'qualified', votes: votes(1, 8), ...over });

beforeAll(async () => {
  env = await createTestEnv();
  const { countyId, branch1 } = env.base;
  ids = [];
  for (let i = 0; i < 9; i++) ids.push(await buildMember(env.ctx, countyId, branch1, { name: `评议党员${i + 1}` }));
  // A year of high points for the first member: the stars module's yearly tier 优秀 is the starting point.
  await env.ctx.db.insert(memberMonthly).values(['2026-01', '2026-02', '2026-03'].map((month) => ({ countyId, memberId: ids[0], month, orgId: branch1.id, orgPath: branch1.path, scheme: 'inService', points: 95, stars: 5, settingsVersion: 1, computedAt: new Date() })));
  secretary = await env.as('branchSecretary');
  town2 = await env.as('otherTownAdmin');
  county = await env.as('countyAdmin');
});
afterAll(async () => env?.close());

describe('democratic appraisal of members', () => {
  it('lists the round: every member of the branch, pending, with the star tier and the cap of 优秀', async () => {
    const res = await secretary.get('/api/org-life/appraisals?year=2026&pageSize=200');
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.total).toBe(r.members);
    expect(r.members).toBeGreaterThanOrEqual(10);
    expect(r.maxExcellentPercent).toBe(30);
    expect(r.maxExcellent).toBe(Math.floor(r.members * 0.3));
    expect(r.counts.pending).toBe(r.members);
    expect(r.items.find((i: { memberId: string }) => i.memberId === ids[0]).starTier).toBe('excellent');
    const paged = (await secretary.get('/api/org-life/appraisals?year=2026&page=2&pageSize=3')).json();
    expect(paged.items).toHaveLength(3);
    expect(paged.total).toBe(r.members);
  });

  it('refuses a grade the votes do not support, naming the member and the counts; nothing written', async () => {
    const res = await secretary.put('/api/org-life/appraisals', body(ids[1], { grade: 'excellent', votes: votes(3, 6) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('评议党员2：评议等次“优秀”与得票不一致：“优秀”3票，“合格”6票');
    const tie = await secretary.put('/api/org-life/appraisals', body(ids[1], { votes: votes(4, 4) }));
    expect(tie.json().error.message).toContain('同为4票，须重新表决');
    const over = await secretary.put('/api/org-life/appraisals', body(ids[1], { votes: votes(0, 500) }));
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('超过参加表决的党员人数');
    const nul = await secretary.put('/api/org-life/appraisals', body(ids[1], { selfAssessment: 'a\u0000b' }));
    expect(nul.statusCode).toBe(400);
    expect(await env.ctx.db.select().from(orgLifeAppraisals)).toHaveLength(0);
  });

  it('saves grades with an audit entry, and refuses 优秀 above the county cap with the numbers', async () => {
    const round = (await secretary.get('/api/org-life/appraisals?year=2026')).json();
    const max = round.maxExcellent as number;
    for (let i = 0; i < max; i++) {
      const ok = await secretary.put('/api/org-life/appraisals', body(ids[i], { grade: 'excellent', votes: votes(7, 2) }));
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().appraisal).toMatchObject({ grade: 'excellent', version: 1 });
    }
    const refused = await secretary.put('/api/org-life/appraisals', body(ids[max], { grade: 'excellent', votes: votes(7, 2) }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('EXCELLENT_SHARE_EXCEEDED');
    expect(refused.json().error.message).toBe(`评议党员${max + 1}不能评为优秀：评为优秀的党员不能超过参评党员的30%：本支部参评党员${round.members}人，最多评${max}名优秀，已评${max}名`);
    const audit = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'orgLife.appraisal.save'));
    expect(audit).toHaveLength(max);
    expect(audit[0].note).toContain('2026年民主评议：优秀');
    // Two saves at once for the last place under a raised cap: the lock lets exactly one through.
    const s = (await county.get('/api/org-life/settings')).json();
    const raised = Math.floor(((max + 1) * 100) / round.members) + 1;
    expect((await county.put('/api/org-life/settings', { ...s, appraisal: { maxExcellentPercent: raised } })).statusCode).toBe(200);
    const cap = Math.floor((round.members * raised) / 100);
    for (let i = max; i < cap - 1; i++) expect((await secretary.put('/api/org-life/appraisals', body(ids[i], { grade: 'excellent', votes: votes(7, 2) }))).statusCode).toBe(200);
    const both = await Promise.all([cap - 1, cap].map((i) => secretary.put('/api/org-life/appraisals', body(ids[i], { grade: 'excellent', votes: votes(7, 2) }))));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 422]);
    expect((await secretary.get('/api/org-life/appraisals?year=2026')).json().counts.excellent).toBe(cap);
    // The county raises the cap: the same save now passes.
    expect((await county.put('/api/org-life/settings', { ...s, appraisal: { maxExcellentPercent: 100 } })).statusCode).toBe(200);
    expect((await secretary.put('/api/org-life/appraisals', body(ids[cap + 1], { grade: 'excellent', votes: votes(7, 2) }))).statusCode).toBe(200);
  });

  it('requires a follow-up for 不合格 and tracks it to closure; a stale version is refused', async () => {
    const none = await secretary.put('/api/org-life/appraisals', body(ids[8], { grade: 'unqualified', votes: votes(0, 1, 0, 8) }));
    expect(none.statusCode).toBe(400);
    expect(none.json().error.message).toContain('须确定处置方式');
    const followUp = { action: 'correct', dueOn: '2026-09-30', closedOn: null, outcome: null };
    const open = await secretary.put('/api/org-life/appraisals', body(ids[8], { grade: 'unqualified', votes: votes(0, 1, 0, 8), followUp }));
    expect(open.statusCode, open.body).toBe(200);
    expect((await secretary.get('/api/org-life/appraisals?year=2026')).json().counts).toMatchObject({ unqualified: 1, openFollowUps: 1 });
    const future = await secretary.put('/api/org-life/appraisals', body(ids[8], { grade: 'unqualified', votes: votes(0, 1, 0, 8), followUp: { ...followUp, closedOn: '2026-06-16', outcome: '已改正' }, version: 1 }));
    expect(future.json().error.message).toContain('办结日期不能晚于今天');
    const stale = await secretary.put('/api/org-life/appraisals', body(ids[8], { grade: 'unqualified', votes: votes(0, 1, 0, 8), followUp: { ...followUp, closedOn: '2026-06-15', outcome: '已改正' } }));
    expect(stale.statusCode).toBe(409);
    const closed = await secretary.put('/api/org-life/appraisals', body(ids[8], { grade: 'unqualified', votes: votes(0, 1, 0, 8), followUp: { ...followUp, closedOn: '2026-06-15', outcome: '已按期改正' }, version: 1 }));
    expect(closed.statusCode, closed.body).toBe(200);
    const [row] = await env.ctx.db.select().from(orgLifeAppraisals).where(and(eq(orgLifeAppraisals.memberId, ids[8]), eq(orgLifeAppraisals.year, 2026)));
    expect(row).toMatchObject({ followUpAction: 'correct', followUpClosedOn: '2026-06-15', followUpOutcome: '已按期改正', version: 2 });
    expect((await secretary.get('/api/org-life/appraisals?year=2026')).json().counts.openFollowUps).toBe(0);
  });

  it('answers 404 outside the scope (read and write) and 403 for a member account', async () => {
    expect((await town2.get(`/api/org-life/appraisals?orgId=${env.base.branch1.id}`)).statusCode).toBe(404);
    const res = await town2.put('/api/org-life/appraisals', body(ids[2]));
    expect(res.statusCode).toBe(404);
    const member = await env.as('member');
    expect((await member.get('/api/org-life/appraisals')).statusCode).toBe(403);
  });
});

describe('a recorded meeting is the evidence of its duty-list item', () => {
  const dutyOf = async (key: string) =>
    (await env.ctx.db.select({ id: dutyItems.id, status: dutyItems.status, month: dutyItems.month }).from(dutyItems).innerJoin(dutyTemplateItems, eq(dutyTemplateItems.id, dutyItems.templateItemId)).where(and(eq(dutyItems.orgId, env.base.branch1.id), eq(dutyTemplateItems.key, key))));
  it('accepts the quarter\'s 专题党课 item when a party lecture is recorded, and the month\'s 例会 by the committee meeting', async () => {
    await generateYear(env.ctx, env.base.countyId, 2026, '2026-01-01');
    const lectureQ2 = (await dutyOf('partyLecture')).find((d) => d.month >= '2026-04' && d.month <= '2026-06')!;
    expect(lectureQ2.status).toBe('pending');
    const base = { orgId: env.base.branch1.id, place: '党员活动室', chair: '评议党员1', recorder: '评议党员2', topic: '专题党课：发扬优良作风', attendance: ids.slice(0, 3).map((memberId) => ({ memberId, status: 'present', reason: null })) };
    const res = await secretary.post('/api/org-life/meetings', { ...base, kind: 'partyLecture', date: '2026-05-20' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await dutyOf('partyLecture')).find((d) => d.id === lectureQ2.id)!.status).toBe('accepted');
    expect((await dutyOf('partyLecture')).filter((d) => d.status === 'accepted')).toHaveLength(1);
    const audit = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'duty.accept'), eq(auditLog.entityId, lectureQ2.id)));
    expect(audit[0].note).toContain('三会一课会议记录（党课）');
    const june = (await dutyOf('monthlyMeeting')).find((d) => d.month === '2026-06');
    expect(june?.status).toBe('pending');
    expect((await secretary.post('/api/org-life/meetings', { ...base, kind: 'branchCommittee', topic: '研究本月党建工作', date: '2026-06-10' })).statusCode).toBe(200);
    expect((await dutyOf('monthlyMeeting')).find((d) => d.month === '2026-06')!.status).toBe('accepted');
  });
});
