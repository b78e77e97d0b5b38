// 职工评议 through HTTP on the test database: codes issued for an assignment and year (shown once, stored as keyed
// hashes), the public rating page without login (one vote per code, concurrent double use gives one vote, expired and
// wrong codes refused, the instructor refused, wrong codes limited per address), aggregates only from 3 votes, the
// assessment's component computed from the votes, the county's items versioned.
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../core/db';
import { auditLog, instructorAssessments, instructorAssignments, staffRatingCodes, staffRatingVotes } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';
import { buildEnterprise } from './instructors.fixtures';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-12-10T02:00:00Z' });
});
afterEach(async () => env.close());

async function setup() {
  const county = await env.as('countyAdmin');
  const { countyId, town1, branch1 } = env.base;
  const e1 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关精密机械有限公司', membersEmployed: 4 });
  const m1 = await buildMember(env.ctx, countyId, branch1, { name: '赵指导' });
  const i1 = (await county.post('/api/instructors', { memberId: m1, source: 'townCadre', skills: '组织建设', accountId: env.base.accountIds.instructor1 })).json().id as string;
  expect((await county.post(`/api/instructors/${i1}/assignments`, { enterpriseId: e1, startDate: '2026-03-01', consent: true, consentNote: '企业同意' })).statusCode).toBe(200);
  const [a] = await env.ctx.db.select().from(instructorAssignments).where(eq(instructorAssignments.instructorId, i1));
  return { county, i1, a1: a.id };
}

const anon = (url: string, payload: unknown, remoteAddress = '10.9.9.9') => env.app.inject({ method: 'POST', url, payload: payload as object, remoteAddress });
const ALL_SATISFIED = ['satisfied', 'satisfied', 'satisfied', 'satisfied'];

describe('职工评议码', () => {
  it('issues codes shown once and stored only as keyed hashes; audited without the codes; scope, login and year checked', async () => {
    const { county, a1 } = await setup();
    const res = await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 5 });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.codes).toHaveLength(5);
    expect(new Set(body.codes).size).toBe(5);
    for (const c of body.codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(body.items).toEqual(['工作态度', '业务能力', '服务成效', '廉洁自律']);
    expect(body.expiresAt).toBe('2027-01-08T16:00:00.000Z'); // 30 days counting today, to the end of the China-time day
    const stored = await env.ctx.db.select().from(staffRatingCodes);
    expect(stored).toHaveLength(5);
    const plain = body.codes.map((c: string) => c.replace('-', ''));
    for (const s of stored) expect(plain).not.toContain(s.codeHash);
    const [audit] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'instructor.ratingCodes'));
    expect(audit.note).toContain('发放 2026 年职工评议码 5 个');
    for (const c of body.codes) expect(JSON.stringify(audit)).not.toContain(c.replace('-', ''));
    // The list shows the batch with nothing used yet.
    const list = (await county.get('/api/instructors/rating-batches?year=2026')).json();
    expect(list).toMatchObject({ total: 1, items: [{ instructorName: '赵指导', enterpriseName: '城关精密机械有限公司', issued: 5, used: 0 }] });

    expect((await (await env.as('otherTownAdmin')).post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 5 })).statusCode).toBe(404);
    expect((await env.app.inject({ method: 'POST', url: `/api/instructors/assignments/${a1}/rating-codes`, payload: { year: 2026, count: 5 } })).statusCode).toBe(401);
    const future = await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2027, count: 5 });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('2027 年尚未到来');
    const before = await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2025, count: 5 });
    expect(before.statusCode).toBe(422);
    expect(before.json().error.message).toContain('不含 2025 年');
    expect((await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 0 })).statusCode).toBe(400);
  });

  it('an employee rates once per code without login; a used, wrong or expired code is refused in Chinese', async () => {
    const { county, a1 } = await setup();
    const { codes } = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 3, validityDays: 5 })).json();
    const form = await anon('/api/staff-rating/open', { code: codes[0].toLowerCase() });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.json()).toMatchObject({ instructorName: '赵指导', enterpriseName: '城关精密机械有限公司', year: 2026, items: ['工作态度', '业务能力', '服务成效', '廉洁自律'] });
    expect((await anon('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED })).statusCode).toBe(200);
    const again = await anon('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('已使用过');
    expect((await anon('/api/staff-rating/open', { code: codes[0] })).json().error.message).toContain('每个评议码只能评议一次');
    const wrong = await anon('/api/staff-rating/open', { code: 'ZZZZZ-ZZZZZ' });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.message).toContain('评议码不正确');
    const short = await anon('/api/staff-rating/vote', { code: codes[1], answers: ['satisfied'] });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('全部 4 个评议项目');
    // Expiry: the end of the fifth China-time day (2026-12-14).
    env.clock.set('2026-12-14T15:59:00Z');
    expect((await anon('/api/staff-rating/open', { code: codes[1] })).statusCode).toBe(200);
    env.clock.set('2026-12-14T16:00:00Z');
    const expired = await anon('/api/staff-rating/vote', { code: codes[1], answers: ALL_SATISFIED });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.message).toContain('已于 2026-12-14 过期');
    const votes = await env.ctx.db.select().from(staffRatingVotes);
    expect(votes).toHaveLength(1);
    // Anonymous: a vote holds no code, no time of day, no address; the log names the batch only.
    const columns = (await queryRows<{ column_name: string }>(env.ctx.db, sql`select column_name from information_schema.columns where table_name = 'staff_rating_votes'`)).map((r) => r.column_name);
    expect(columns.sort()).toEqual(['answers', 'batch_id', 'county_id', 'id', 'instructor_id', 'org_path', 'score_tenths', 'voted_on', 'year']);
    const [logged] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'instructor.staffRate'));
    expect(logged).toMatchObject({ actorId: null, actorName: '匿名职工', ip: null, changes: null });
  });

  it('two votes racing with one code give one vote', async () => {
    const { county, a1 } = await setup();
    const { codes } = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 1 })).json();
    const results = await Promise.all(Array.from({ length: 4 }, (_, k) => anon('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED }, `10.0.1.${k}`)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect(await env.ctx.db.select().from(staffRatingVotes)).toHaveLength(1);
    const [code] = await env.ctx.db.select().from(staffRatingCodes);
    expect(code.usedOn).toBe('2026-12-10');
  });

  it('the instructor signed in cannot open or use a code of their own rating', async () => {
    const { county, a1 } = await setup();
    const { codes } = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 1 })).json();
    const me = await env.as('instructor');
    const opened = await me.post('/api/staff-rating/open', { code: codes[0] });
    expect(opened.statusCode).toBe(403);
    expect(opened.json().error.message).toBe('党建工作指导员本人不能参加对自己的职工评议');
    expect((await me.post('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED })).statusCode).toBe(403);
    expect(await env.ctx.db.select().from(staffRatingVotes)).toHaveLength(0);
    // Another signed-in user (a town administrator) may rate.
    expect((await (await env.as('townAdmin')).post('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED })).statusCode).toBe(200);
  });

  it('limits wrong codes per address like login: the 21st attempt waits, another address does not', async () => {
    for (let k = 0; k < 20; k++) expect((await anon('/api/staff-rating/open', { code: `WRONG-CODE${k}` }, '198.51.100.7')).statusCode).toBe(404);
    const blocked = await anon('/api/staff-rating/open', { code: 'ZZZZZ-ZZZZZ' }, '198.51.100.7');
    expect(blocked.statusCode).toBe(423);
    expect(blocked.json().error.message).toContain('错误次数过多');
    expect((await anon('/api/staff-rating/open', { code: 'ZZZZZ-ZZZZZ' }, '198.51.100.8')).statusCode).toBe(404);
  });

  it('shows aggregates only from the third vote, to the county and the instructor; the votes then make the assessment component', async () => {
    const { county, i1, a1 } = await setup();
    const { codes } = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 4 })).json();
    // Assessed by hand before enough votes: the typed 职工评议 counts (and is required).
    const missing = await county.post(`/api/instructors/${i1}/assessments`, { year: 2026, scores: { daily: 90, report: 90, records: 90, talk: 90 }, note: null });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('职工评议只有 0 份');
    const hand = await county.post(`/api/instructors/${i1}/assessments`, { year: 2026, scores: { daily: 90, report: 90, records: 90, talk: 90, staffRating: 50 }, note: null });
    expect(hand.json()).toMatchObject({ score: 82, grade: 'competent', staffRatingVotes: 0, scores: { staffRating: 50 } });

    expect((await anon('/api/staff-rating/vote', { code: codes[0], answers: ALL_SATISFIED })).statusCode).toBe(200);
    expect((await anon('/api/staff-rating/vote', { code: codes[1], answers: ['satisfied', 'basic', 'satisfied', 'satisfied'] })).statusCode).toBe(200);
    const two = (await county.get(`/api/instructors/${i1}/staff-ratings?year=2026`)).json();
    expect(two).toMatchObject({ votes: 2, visible: false, score: null, componentScore: null, items: [] });
    const me = await env.as('instructor');
    expect((await me.get('/api/me/instructor/staff-ratings?year=2026')).json()).toMatchObject({ votes: 2, visible: false, score: null, items: [] });
    // The assessment is unchanged below the minimum.
    expect((await env.ctx.db.select().from(instructorAssessments))[0]).toMatchObject({ staffRating: 50, staffRatingVotes: 0 });

    expect((await anon('/api/staff-rating/vote', { code: codes[2], answers: ['basic', 'basic', 'unsatisfied', 'satisfied'] })).statusCode).toBe(200);
    // Votes 100, 90, 55 → 81.7 → component 82.
    const three = (await me.get('/api/me/instructor/staff-ratings?year=2026')).json();
    expect(three).toMatchObject({ votes: 3, visible: true, score: 81.7, componentScore: 82 });
    expect(three.items).toEqual([
      { item: '工作态度', satisfied: 2, basic: 1, unsatisfied: 0 },
      { item: '业务能力', satisfied: 1, basic: 2, unsatisfied: 0 },
      { item: '服务成效', satisfied: 2, basic: 0, unsatisfied: 1 },
      { item: '廉洁自律', satisfied: 3, basic: 0, unsatisfied: 0 },
    ]);
    // The recorded assessment took the votes' score: 0.8 × 90 + 0.2 × 82 = 88.4.
    const [a] = await env.ctx.db.select().from(instructorAssessments);
    expect(a).toMatchObject({ staffRating: 82, staffRatingVotes: 3, scoreTenths: 884, grade: 'competent' });
    // Re-assessed: a typed 职工评议 is replaced by the votes' score.
    const again = await county.post(`/api/instructors/${i1}/assessments`, { year: 2026, scores: { daily: 100, report: 100, records: 100, talk: 100, staffRating: 10 }, note: null });
    expect(again.json()).toMatchObject({ scores: { staffRating: 82 }, staffRatingVotes: 3, score: 96.4, grade: 'excellent' });
    expect((await county.get('/api/instructors/rating-batches?year=2026')).json().items[0]).toMatchObject({ issued: 4, used: 3 });
    // Out of scope: 404.
    expect((await (await env.as('otherTownAdmin')).get(`/api/instructors/${i1}/staff-ratings?year=2026`)).statusCode).toBe(404);
  });

  it('the county sets the items (a new version); codes issued before keep theirs', async () => {
    const { county, a1 } = await setup();
    const first = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 1 })).json();
    expect((await county.get('/api/instructors/staff-rating-settings')).json()).toMatchObject({ version: 0, custom: false, validityDays: 30 });
    const saved = await county.put('/api/instructors/staff-rating-settings', { items: ['工作作风', '指导成效', '群众口碑'], validityDays: 14 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 1, custom: true, items: ['工作作风', '指导成效', '群众口碑'], validityDays: 14 });
    const second = (await county.post(`/api/instructors/assignments/${a1}/rating-codes`, { year: 2026, count: 1 })).json();
    expect(second.items).toEqual(['工作作风', '指导成效', '群众口碑']);
    expect((await anon('/api/staff-rating/open', { code: first.codes[0] })).json().items).toHaveLength(4);
    expect((await anon('/api/staff-rating/vote', { code: second.codes[0], answers: ['satisfied', 'satisfied', 'basic'] })).statusCode).toBe(200);
    const dup = await county.put('/api/instructors/staff-rating-settings', { items: ['工作作风', '工作作风'], validityDays: 14 });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.message).toBe('评议项目“工作作风”重复');
    expect((await (await env.as('townAdmin')).put('/api/instructors/staff-rating-settings', { items: ['工作作风', '指导成效'], validityDays: 14 })).statusCode).toBe(403);
    const audits = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'instructor.ratingSettings')));
    expect(audits).toHaveLength(1);
  });
});
