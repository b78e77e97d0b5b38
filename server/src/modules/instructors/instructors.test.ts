// Instructors through HTTP on the test database: the pool refuses a member under 留党察看, assignments keep history,
// an instructor sees only assigned enterprises (404), scans of the signed enterprise code (another enterprise's code,
// an expired or tampered code refused), manual entries approved, the month close's yellow and red warnings, the work
// log with a problem followed to solved, and the registry's coverage and 应建未建 list.
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../core/jobs';
import { writeSetting } from '../../core/settings';
import { auditLog, instructorAssignments, instructorMonths, memberDisciplines, siteVisits } from '../../db/schema/index';
import { buildAccount, buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';
import { buildEnterprise } from './instructors.fixtures';
import { instructorsMonthCloseJob } from './instructors.jobs';
import { ONSITE_SETTINGS_KEY } from './instructors.service';

let env: TestEnv;
beforeEach(async () => {
  // 2026-06-15 10:00 China time, a Monday.
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

/** China time instant. */
const cst = (date: string, hm: string) => `${date}T${hm}:00+08:00`;

async function setup() {
  const county = await env.as('countyAdmin');
  const { countyId, town1, town2, branch1 } = env.base;
  const e1 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关精密机械有限公司', membersEmployed: 4, orgForm: 'none', employeeCount: 120 });
  const e2 = await buildEnterprise(env.ctx, countyId, town1, { name: '城关物流有限公司', membersEmployed: 2, orgForm: 'joint', industry: '交通运输业' });
  const e3 = await buildEnterprise(env.ctx, countyId, town2, { name: '代字营食品有限公司', membersEmployed: 5, orgForm: 'own', industry: '食品加工' });
  const memberId = await buildMember(env.ctx, countyId, branch1, { name: '赵指导' });
  const res = await county.post('/api/instructors', { memberId, source: 'townCadre', skills: '组织建设、企业管理', industry: '制造业', accountId: env.base.accountIds.instructor1 });
  expect(res.statusCode, res.body).toBe(200);
  const instructorId = res.json().id as string;
  const a = await county.post(`/api/instructors/${instructorId}/assignments`, { enterpriseId: e1, startDate: '2026-01-01', endDate: '2027-12-31', consent: true, consentNote: '企业负责人同意（2025-12-20 座谈）' });
  expect(a.statusCode, a.body).toBe(200);
  return { county, e1, e2, e3, memberId, instructorId };
}

async function codeOf(s: Session, enterpriseId: string): Promise<string> {
  const res = await s.get(`/api/enterprises/${enterpriseId}/site-code`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

describe('the instructor pool', () => {
  it('refuses a member under 留党察看 and one with another 处分 in force, naming why; accepts after it ends', async () => {
    const county = await env.as('countyAdmin');
    const { countyId, branch1 } = env.base;
    const m = await buildMember(env.ctx, countyId, branch1, { name: '钱察看' });
    await env.ctx.db.insert(memberDisciplines).values({ countyId, memberId: m, kind: 'probation', startDate: '2026-01-10', endDate: '2027-01-10', reason: '测试', decidedBy: '县纪委', recordedBy: env.base.accountIds.county, recordedByName: 'county', recordedAt: env.clock.now });
    const res = await county.post('/api/instructors', { memberId: m, source: 'reserveCadre', skills: '财务' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('留党察看');
    const w = await buildMember(env.ctx, countyId, branch1, { name: '孙警告' });
    await env.ctx.db.insert(memberDisciplines).values({ countyId, memberId: w, kind: 'warning', startDate: '2026-03-01', endDate: null, reason: '测试', decidedBy: '镇纪委', recordedBy: env.base.accountIds.county, recordedByName: 'county', recordedAt: env.clock.now });
    const r2 = await county.post('/api/instructors', { memberId: w, source: 'townCadre', skills: '宣传' });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().error.message).toContain('警告');
    // Nothing half-written.
    const list = await county.get('/api/instructors');
    expect(list.json().total).toBe(0);
  });

  it('a town admin cannot pick a member of another town (404); a member twice is 409; bad input is 400 in Chinese', async () => {
    const { countyId, branch2 } = env.base;
    const town1 = await env.as('committeeAdmin');
    const other = await buildMember(env.ctx, countyId, branch2, { name: '外镇党员' });
    expect((await town1.post('/api/instructors', { memberId: other, source: 'townCadre', skills: '党务' })).statusCode).toBe(404);
    const county = await env.as('countyAdmin');
    expect((await county.post('/api/instructors', { memberId: other, source: 'townCadre', skills: '党务' })).statusCode).toBe(200);
    const again = await county.post('/api/instructors', { memberId: other, source: 'townCadre', skills: '党务' });
    expect(again.statusCode).toBe(409);
    const bad = await county.post('/api/instructors', { memberId: other, source: 'nobody', skills: 'a\u0000b' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/来源|控制字符/);
  });

  it('reassignment ends the current instructor with the reason and keeps the history', async () => {
    const { county, e1, instructorId } = await setup();
    const m2 = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '周接任' });
    const second = (await county.post('/api/instructors', { memberId: m2, source: 'retiredLeader', skills: '企业管理' })).json().id as string;
    const early = await county.post(`/api/instructors/${second}/assignments`, { enterpriseId: e1, startDate: '2025-12-01', consent: true, consentNote: '同意' });
    expect(early.statusCode).toBe(400);
    const noConsent = await county.post(`/api/instructors/${second}/assignments`, { enterpriseId: e1, startDate: '2026-07-01', consent: false, consentNote: '同意' });
    expect(noConsent.statusCode).toBe(400);
    const res = await county.post(`/api/instructors/${second}/assignments`, { enterpriseId: e1, startDate: '2026-07-01', consent: true, consentNote: '企业同意改派' });
    expect(res.statusCode, res.body).toBe(200);
    const rows = await env.ctx.db.select().from(instructorAssignments).where(eq(instructorAssignments.enterpriseId, e1));
    expect(rows).toHaveLength(2);
    const old = rows.find((r) => r.instructorId === instructorId)!;
    expect(old).toMatchObject({ active: false, endDate: '2026-06-30', endedReason: '改派给周接任' });
    const detail = (await county.get(`/api/instructors/${instructorId}`)).json();
    expect(detail.assignments[0]).toMatchObject({ enterpriseName: '城关精密机械有限公司', active: false, endedReason: '改派给周接任' });
    expect(detail.enterprises).toEqual([]);
  });
});

describe('verified time on site', () => {
  it('scan in and out at an assigned enterprise; other enterprise, unassigned, expired and tampered codes refused', async () => {
    const { county, e1, e2, e3 } = await setup();
    let me = await env.as('instructor');
    const code1 = await codeOf(county, e1);
    const code2 = await codeOf(county, e2);
    // An enterprise not assigned to me: 404, as if it did not exist.
    expect((await me.post('/api/me/instructor/scan', { enterpriseId: e2, token: code2 })).statusCode).toBe(404);
    expect((await me.get('/api/me/instructor')).json().enterprises.map((e: { id: string }) => e.id)).toEqual([e1]);
    // Another enterprise's code at mine: refused, naming both.
    const other = await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code2 });
    expect(other.statusCode).toBe(422);
    expect(other.json().error.message).toContain('城关物流有限公司');
    expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code1.slice(0, -2) + 'xx' })).statusCode).toBe(422);
    // A theme-day style code of another purpose signed with another key is refused too.
    expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: 'abc.def' })).json().error.code).toBe('SITE_CODE_INVALID');

    env.clock.set(cst('2026-06-15', '08:30'));
    const arrive = await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code1 });
    expect(arrive.statusCode, arrive.body).toBe(200);
    expect(arrive.json().direction).toBe('in');
    env.clock.set(cst('2026-06-15', '13:00'));
    // Four and a half hours later the phone signs in again (sessions end after 30 idle minutes).
    me = await env.as('instructor');
    const leave = await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code1 });
    expect(leave.json()).toMatchObject({ direction: 'out', minutes: 270 });
    const visits = await env.ctx.db.select().from(siteVisits);
    expect(visits).toHaveLength(1);
    expect(visits[0].outAt?.toISOString()).toBe(new Date(cst('2026-06-15', '13:00')).toISOString());
    const month = (await me.get('/api/me/instructor/month')).json();
    expect(month).toMatchObject({ month: '2026-06', workingDays: 21, onsiteDays: 1, requiredDays: 7 });
    expect(month.days.find((d: { date: string }) => d.date === '2026-06-15')).toMatchObject({ minutes: 270, counted: true });
    // The code expires after the county's validity (a setting, 366 days by default): here one day.
    await writeSetting(env.ctx.db, env.base.countyId, ONSITE_SETTINGS_KEY, { codeValidityDays: 1 }, null, env.clock.now);
    const shortCode = await codeOf(await env.as('countyAdmin'), e1);
    env.clock.set(cst('2026-06-16', '13:01'));
    me = await env.as('instructor');
    expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code1 })).json().direction).toBe('in');
    const expired = await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: shortCode });
    expect(expired.statusCode).toBe(422);
    expect(expired.json().error.code).toBe('SITE_CODE_EXPIRED');
    // Scope of the code itself: town1's admin cannot print town2's enterprise code.
    const town1 = await env.as('committeeAdmin');
    expect((await town1.get(`/api/enterprises/${e3}/site-code`)).statusCode).toBe(404);
    const audited = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'instructor.scanIn'));
    expect(audited).toHaveLength(2);
  });

  it('a visit open at one enterprise refuses the code of another assigned enterprise until departure', async () => {
    const { county, e1, e2, instructorId } = await setup();
    await county.post(`/api/instructors/${instructorId}/assignments`, { enterpriseId: e2, startDate: '2026-02-01', consent: true, consentNote: '同意' });
    const me = await env.as('instructor');
    const [c1, c2] = [await codeOf(county, e1), await codeOf(county, e2)];
    expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: c1 })).json().direction).toBe('in');
    const r = await me.post('/api/me/instructor/scan', { enterpriseId: e2, token: c2 });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('SITE_OPEN_ELSEWHERE');
  });

  it('manual entry needs approval by the town (not by the instructor), then counts; the month close raises yellow then red', async () => {
    const { e1 } = await setup();
    const me = await env.as('instructor');
    const bad = await me.post('/api/me/instructor/manual-entries', { enterpriseId: e1, date: '2026-06-20', hours: 30, reason: '' });
    expect(bad.statusCode).toBe(400);
    const future = await me.post('/api/me/instructor/manual-entries', { enterpriseId: e1, date: '2026-06-16', hours: 6, reason: '手机没电未能扫码' });
    expect(future.statusCode).toBe(400);
    const ok = await me.post('/api/me/instructor/manual-entries', { enterpriseId: e1, date: '2026-06-12', hours: 6, reason: '手机没电未能扫码' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await me.post('/api/me/instructor/manual-entries', { enterpriseId: e1, date: '2026-06-12', hours: 6, reason: '再补一次' })).statusCode).toBe(409);
    expect((await me.get('/api/me/instructor/month')).json().onsiteDays).toBe(0);
    const town2 = await env.as('committeeAdmin');
    const pendingRes = await town2.get('/api/instructors/manual-entries?status=pending');
    expect(pendingRes.statusCode, pendingRes.body).toBe(200);
    const pending = pendingRes.json();
    expect(pending.total).toBe(1);
    const dec = await town2.post(`/api/instructors/manual-entries/${ok.json().id}/decision`, { approve: true, note: '情况属实', version: 1 });
    expect(dec.statusCode, dec.body).toBe(200);
    expect((await town2.post(`/api/instructors/manual-entries/${ok.json().id}/decision`, { approve: true, note: null, version: 1 })).statusCode).toBe(409);
    expect((await me.get('/api/me/instructor/month')).json()).toMatchObject({ onsiteDays: 1, manualDays: 1 });

    // Month close of May (nothing on site: yellow), then of June (below again: red).
    env.clock.set('2026-07-02T02:00:00Z');
    const countyAgain = await env.as('countyAdmin');
    const meAgain = await env.as('instructor');
    const may = await runJob(env.ctx, instructorsMonthCloseJob, { countyId: env.base.countyId, period: '2026-05' });
    expect(may.status).toBe('done');
    const june = await runJob(env.ctx, instructorsMonthCloseJob, { countyId: env.base.countyId, period: '2026-06' });
    expect(june.result).toMatchObject({ instructors: 1, yellow: 0, red: 1 });
    const rows = await env.ctx.db.select().from(instructorMonths).where(eq(instructorMonths.countyId, env.base.countyId));
    expect(rows.map((r) => [r.month, r.onsiteDays, r.warning]).sort()).toEqual([['2026-05', 0, 'yellow'], ['2026-06', 1, 'red']]);
    const list = (await countyAgain.get('/api/instructors?month=2026-06&warning=red')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ name: '赵指导', onsiteDays: 1, workingDays: 21, closed: true, warning: 'red' });
    // A closed month takes no more manual entries.
    const late = await meAgain.post('/api/me/instructor/manual-entries', { enterpriseId: e1, date: '2026-06-19', hours: 6, reason: '补录' });
    expect(late.json().error.code).toBe('MONTH_CLOSED');
  });

  it('a month with 7 of 21 working days on site is exactly 1/3: no warning', async () => {
    const { county, e1 } = await setup();
    const me = await env.as('instructor');
    const code = await codeOf(county, e1);
    for (const d of ['01', '02', '03', '04', '05', '08', '09']) {
      env.clock.set(cst(`2026-06-${d}`, '09:00'));
      expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code })).json().direction).toBe('in');
      env.clock.set(cst(`2026-06-${d}`, '13:00'));
      expect((await me.post('/api/me/instructor/scan', { enterpriseId: e1, token: code })).json().direction).toBe('out');
    }
    env.clock.set('2026-07-01T02:00:00Z');
    const r = await runJob(env.ctx, instructorsMonthCloseJob, { countyId: env.base.countyId, period: '2026-06' });
    expect(r.result).toMatchObject({ yellow: 0, red: 0 });
    const [row] = await env.ctx.db.select().from(instructorMonths).where(and(eq(instructorMonths.countyId, env.base.countyId), eq(instructorMonths.month, '2026-06')));
    expect(row).toMatchObject({ onsiteDays: 7, workingDays: 21, ratioPermille: 333, below: false, warning: null });
  });
});

describe('work log and problems', () => {
  it('logs the six duties at an assigned enterprise, raises a problem and follows it to solved; others are 404', async () => {
    const { e1, e2 } = await setup();
    const me = await env.as('instructor');
    const res = await me.post('/api/me/instructor/logs', { enterpriseId: e1, date: '2026-06-15', hours: 5, duties: ['survey', 'urgentProblems'], content: '走访企业，了解用工困难', problem: '企业招工难，需对接人社部门' });
    expect(res.statusCode, res.body).toBe(200);
    const problemId = res.json().problemId as string;
    expect((await me.post('/api/me/instructor/logs', { enterpriseId: e2, date: '2026-06-15', hours: 5, duties: ['survey'], content: '走访企业' })).statusCode).toBe(404);
    expect((await me.post('/api/me/instructor/logs', { enterpriseId: e1, date: '2026-06-15', hours: 5, duties: [], content: '走访企业' })).statusCode).toBe(400);
    expect((await me.post('/api/me/instructor/logs', { enterpriseId: e1, date: '2026-06-15', hours: 5, duties: ['cooking'], content: '走访企业' })).statusCode).toBe(400);
    const logs = (await me.get('/api/me/instructor/logs?month=2026-06')).json();
    expect(logs.total).toBe(1);
    expect(logs.items[0]).toMatchObject({ enterpriseName: '城关精密机械有限公司', duties: ['survey', 'urgentProblems'], problemId });
    expect((await me.get('/api/me/instructor')).json().openProblems).toBe(1);
    const early = await me.post(`/api/me/instructor/problems/${problemId}/solve`, { solvedOn: '2026-06-01', solution: '已对接', version: 1 });
    expect(early.statusCode).toBe(400);
    const solved = await me.post(`/api/me/instructor/problems/${problemId}/solve`, { solvedOn: '2026-06-15', solution: '已对接县人社局招聘会', version: 1 });
    expect(solved.statusCode, solved.body).toBe(200);
    const problems = (await me.get('/api/me/instructor/problems')).json();
    expect(problems.items[0]).toMatchObject({ status: 'solved', solution: '已对接县人社局招聘会' });
    // Another instructor account sees nothing of this one's.
    await buildAccount(env.ctx, env.base.countyId, { username: 'instructor9', role: 'instructor', org: env.base.town1 });
    const stranger = await env.login('instructor9');
    expect((await stranger.get('/api/me/instructor')).statusCode).toBe(404);
    expect((await stranger.post(`/api/me/instructor/problems/${problemId}/solve`, { solvedOn: '2026-06-15', solution: '冒名', version: 2 })).statusCode).toBe(404);
  });
});

describe('two-new registry and coverage', () => {
  it('coverage rates by town and the 应建未建 list, within the scope', async () => {
    await setup();
    const county = await env.as('countyAdmin');
    const cov = (await county.get('/api/enterprises/coverage?by=town')).json();
    expect(cov.overall).toMatchObject({ total: 3, orgCovered: 2, workCovered: 3, shouldBuild: 1, orgRatePermille: 667 });
    const should = (await county.get('/api/enterprises?shouldBuild=true')).json();
    expect(should.total).toBe(1);
    expect(should.items[0]).toMatchObject({ name: '城关精密机械有限公司', shouldBuild: true, instructorName: '赵指导', townName: '城关镇党委' });
    const town1 = await env.as('committeeAdmin');
    expect((await town1.get('/api/enterprises')).json().total).toBe(2);
    expect((await town1.get('/api/enterprises/coverage?by=industry')).json().items.map((r: { label: string }) => r.label).sort()).toEqual(['交通运输业', '制造业']);
    expect((await county.get('/api/enterprises/coverage?by=nope')).statusCode).toBe(400);
  });
});

describe('year-end assessment', () => {
  it('scores → grade by the thresholds (a setting) → subsidy; corrections keep one row; the payment list exports; bad scores 400', async () => {
    const { county, instructorId } = await setup();
    const bad = await county.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 101, report: 90, records: 90, talk: 90, staffRating: 90 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('日常考核得分');
    expect((await county.post(`/api/instructors/${instructorId}/assessments`, { year: 2027, scores: { daily: 90, report: 90, records: 90, talk: 90, staffRating: 90 } })).statusCode).toBe(400);
    // Exactly 90 is 优秀.
    const a = await county.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 90, report: 90, records: 90, talk: 90, staffRating: 90 }, note: '表现突出' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ score: 90, grade: 'excellent', subsidyYuan: 6000 });
    // Corrected: 84.5 is 称职.
    const b = await county.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 90, report: 80, records: 70, talk: 60, staffRating: 100 } });
    expect(b.json()).toMatchObject({ score: 84.5, grade: 'competent', subsidyYuan: 4800, version: 2 });
    // The county raises the 称职 line: the next assessment reads the new table.
    await writeSetting(env.ctx.db, env.base.countyId, 'instructors.assessment', { thresholds: { excellent: 95, competent: 85, basic: 60 } }, null, env.clock.now);
    const c = await county.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 90, report: 80, records: 70, talk: 60, staffRating: 100 } });
    expect(c.json()).toMatchObject({ grade: 'basic', subsidyYuan: 2400 });
    const list = (await county.get('/api/instructors/assessments?year=2025')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ name: '赵指导', grade: 'basic' });
    const xlsx = await county.get('/api/instructors/assessments/export?year=2025');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheet');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect([1, 2, 3, 4, 5, 6].map((c) => sheet.getRow(2).getCell(c).value)).toEqual([1, '赵指导', '镇街干部（选）', 84.5, '基本称职', 2400]);
    expect(sheet.getRow(3).getCell(6).value).toBe(2400);
    const town2 = await env.login('town2');
    expect((await town2.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 90, report: 90, records: 90, talk: 90, staffRating: 90 } })).statusCode).toBe(404);
    expect((await town2.get('/api/instructors/assessments?year=2025')).json().total).toBe(0);
    const me = await env.as('instructor');
    expect((await me.post(`/api/instructors/${instructorId}/assessments`, { year: 2025, scores: { daily: 100, report: 100, records: 100, talk: 100, staffRating: 100 } })).statusCode).toBe(403);
  });
});

describe('quarterly phone callbacks', () => {
  it('records one callback per enterprise and quarter about its current instructor; scope and bad input refused', async () => {
    const { county, e1, e2, e3 } = await setup();
    const body = { calledOn: '2026-06-10', contactName: '企业负责人王某', visitsOften: true, satisfaction: 'satisfied', notes: '指导员每周都来' };
    const ok = await county.post(`/api/enterprises/${e1}/callbacks`, body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await county.post(`/api/enterprises/${e1}/callbacks`, { ...body, calledOn: '2026-05-02' })).statusCode).toBe(409);
    expect((await county.post(`/api/enterprises/${e2}/callbacks`, body)).json().error.code).toBe('NO_INSTRUCTOR');
    expect((await county.post(`/api/enterprises/${e1}/callbacks`, { ...body, calledOn: '2026-07-01' })).statusCode).toBe(400);
    expect((await county.post(`/api/enterprises/${e1}/callbacks`, { ...body, satisfaction: 'great' })).statusCode).toBe(400);
    const town2 = await env.login('town2');
    expect((await town2.post(`/api/enterprises/${e1}/callbacks`, body)).statusCode).toBe(404);
    void e3;
    const list = (await county.get('/api/instructors/callbacks?quarter=2026-Q2')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ enterpriseName: '城关精密机械有限公司', instructorName: '赵指导', quarter: '2026-Q2', satisfaction: 'satisfied' });
    expect((await county.get('/api/instructors/callbacks?quarter=2026-5')).statusCode).toBe(400);
    expect((await town2.get('/api/instructors/callbacks')).json().total).toBe(0);
  });
});
