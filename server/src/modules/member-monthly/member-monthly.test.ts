// Theme days, dues, stars and situation reports through HTTP: permissions and scope (a member sees only themselves),
// the signed check-in code, 200 concurrent check-ins, dues brackets, arrears and rates, reports and the wall chart.
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../core/crypto';
import { queryRows } from '../../core/db';
import { accounts, auditLog, memberMonthly, sessions, themeDayAttendances } from '../../db/schema/index';
import { buildMember, type OrgFixture } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

/** An account with a session row for a member, without a login (argon2 would cost ~50 ms each for 200 members). */
async function memberSession(org: OrgFixture, memberId: string, username: string): Promise<Session> {
  const [a] = await env.ctx.db.insert(accounts).values({ countyId: env.base.countyId, username, displayName: username, passwordHash: 'unused', role: 'member', orgId: org.id, memberId }).returning();
  const token = randomBytes(24).toString('base64url');
  const csrf = randomBytes(12).toString('base64url');
  await env.ctx.db.insert(sessions).values({ tokenHash: sha256(token), accountId: a.id, csrfToken: csrf, createdAt: env.clock.now, lastSeenAt: env.clock.now });
  const cookie = `yz_sid=${token}`;
  const inject = (o: InjectOptions) => env.app.inject({ ...o, headers: { cookie, 'x-csrf-token': csrf, ...(o.headers ?? {}) } });
  return { cookie, csrf, inject, get: (url) => inject({ method: 'GET', url }), post: (url, payload) => inject({ method: 'POST', url, payload: payload as InjectOptions['payload'] }), put: (url, payload) => inject({ method: 'PUT', url, payload: payload as InjectOptions['payload'] }), del: (url) => inject({ method: 'DELETE', url }) };
}

async function planThemeDay(s: Session, orgId: string, month = '2026-06') {
  const res = await s.post('/api/theme-days', { orgId, month, topic: '学习党章党规', place: '村党群服务中心', content: '集中学习、交纳党费、志愿服务' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; date: string; version: number };
}

describe('theme day check-in', () => {
  it('a member checks in with the secretary\'s code once; the code expires and refuses tampering and other branches', async () => {
    const secretary = await env.as('branchSecretary');
    const member = await env.as('member');
    const td = await planThemeDay(secretary, env.base.branch1.id);
    expect(td.date).toBe('2026-06-01');
    const { token } = (await secretary.get(`/api/theme-days/${td.id}/check-in-code`)).json();

    const first = await member.post('/api/me/theme-day/check-in', { token });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ themeDayId: td.id, alreadyCheckedIn: false });
    expect((await member.post('/api/me/theme-day/check-in', { token })).json()).toMatchObject({ alreadyCheckedIn: true });
    expect((await member.get('/api/me/theme-day')).json()).toMatchObject({ themeDay: { id: td.id }, method: 'qr' });

    const [body, sig] = token.split('.');
    const tampered = await member.post('/api/me/theme-day/check-in', { token: `${body}x.${sig}` });
    expect(tampered.statusCode).toBe(422);
    expect(tampered.json().error.code).toBe('CHECKIN_CODE_INVALID');

    env.clock.advance(91_000);
    const late = await member.post('/api/me/theme-day/check-in', { token });
    expect(late.statusCode).toBe(422);
    expect(late.json().error).toMatchObject({ code: 'CHECKIN_CODE_EXPIRED', message: expect.stringContaining('已过期') });

    const county = await env.as('countyAdmin');
    const other = await planThemeDay(county, env.base.branch2.id);
    const otherCode = (await county.get(`/api/theme-days/${other.id}/check-in-code`)).json().token;
    const wrong = await member.post('/api/me/theme-day/check-in', { token: otherCode });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.message).toContain('鑫园村党支部');

    const detail = (await secretary.get(`/api/theme-days/${td.id}`)).json();
    expect(detail.roster).toEqual([expect.objectContaining({ name: '李建国', attended: true, method: 'qr' })]);
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'themeDay.checkIn'));
    expect(audits).toHaveLength(1);
  });

  it('200 members checking in at once (each twice): exactly one record each, none lost', async () => {
    const secretary = await env.as('branchSecretary');
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 1) ids.push(await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王志强', birthDate: `1980-01-${String((i % 28) + 1).padStart(2, '0')}` }));
    const phones = await Promise.all(ids.map((id, i) => memberSession(env.base.branch1, id, `m${i}`)));
    const td = await planThemeDay(secretary, env.base.branch1.id);
    const { token } = (await secretary.get(`/api/theme-days/${td.id}/check-in-code`)).json();
    const results = await Promise.all([...phones, ...phones].map((p) => p.post('/api/me/theme-day/check-in', { token })));
    expect(results.map((r) => r.statusCode).filter((s) => s !== 200)).toEqual([]);
    expect(results.filter((r) => r.json().alreadyCheckedIn === false)).toHaveLength(200);
    const [{ n, distinct }] = await queryRows<{ n: number; distinct: number }>(env.ctx.db, sql`select count(*)::int as n, count(distinct member_id)::int as distinct from theme_day_attendances where theme_day_id = ${td.id}`);
    expect({ n, distinct }).toEqual({ n: 200, distinct: 200 });
    const rates = (await secretary.get('/api/theme-days/rates?month=2026-06')).json();
    expect(rates.total).toMatchObject({ expected: 201, attended: 200, ratePermille: 995 });
    const rolled = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.month, '2026-06'), eq(memberMonthly.attended, true)));
    expect(rolled).toHaveLength(200);
  }, 60_000);

  it('the secretary marks attendance, approves leave and records make-up study; all audited', async () => {
    const secretary = await env.as('branchSecretary');
    const member = await env.as('member');
    const td = await planThemeDay(secretary, env.base.branch1.id);
    const leave = await member.post('/api/me/theme-day/leave', { themeDayId: td.id, reason: '外出务工' });
    expect(leave.statusCode, leave.body).toBe(200);
    const row = (await secretary.get(`/api/theme-days/${td.id}`)).json().roster[0];
    expect(row.leave).toMatchObject({ status: 'pending', reason: '外出务工' });
    expect((await secretary.post(`/api/leave-requests/${row.leave.id}/decision`, { approve: true, version: row.leave.version })).statusCode).toBe(200);
    const mk = await secretary.post(`/api/theme-days/${td.id}/makeup`, { memberId: env.base.member1Id, studiedOn: '2026-06-05', content: '自学党章第一章' });
    expect(mk.json().roster[0]).toMatchObject({ attended: false, makeup: { studiedOn: '2026-06-05' } });
    const [mm] = await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.memberId, env.base.member1Id));
    expect(mm).toMatchObject({ themeDayHeld: true, attended: false, leaveWithMakeup: true });
    const marked = await secretary.post(`/api/theme-days/${td.id}/attendance`, { memberId: env.base.member1Id, attended: true });
    expect(marked.json().roster[0]).toMatchObject({ attended: true, method: 'manual' });
    const actions = (await env.ctx.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(['themeDay.create', 'themeDay.requestLeave', 'themeDay.decideLeave', 'themeDay.makeup', 'themeDay.markAttended']));
  });

  it('refuses a second theme day for the same branch and month, and plans only for branches in scope', async () => {
    const secretary = await env.as('branchSecretary');
    await planThemeDay(secretary, env.base.branch1.id);
    const again = await secretary.post('/api/theme-days', { orgId: env.base.branch1.id, month: '2026-06', topic: '再次安排', place: '会议室', content: '内容' });
    expect(again.statusCode).toBe(409);
    const foreign = await secretary.post('/api/theme-days', { orgId: env.base.branch2.id, month: '2026-06', topic: '越权安排', place: '会议室', content: '内容' });
    expect(foreign.statusCode).toBe(404);
  });
});

describe('scope: a member sees only themselves', () => {
  it('refuses the console lists to a member and answers /me with their own figures', async () => {
    const member = await env.as('member');
    for (const url of ['/api/dues/ledger', '/api/stars/wall', '/api/theme-days', '/api/reports', '/api/dues/collection']) expect((await member.get(url)).statusCode, url).toBe(403);
    expect((await member.post('/api/dues/payments', { memberId: env.base.member1Id, months: ['2026-06'], amountFen: 100, method: 'cash', collector: '张三', paidOn: '2026-06-15' })).statusCode).toBe(403);
    for (const url of ['/api/me/dues', '/api/me/stars', '/api/me/theme-day', '/api/me/overview', '/api/me/reports']) expect((await member.get(url)).statusCode, url).toBe(200);
  });

  it('a town administrator cannot record dues for another town\'s member (404)', async () => {
    const other = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '外镇党员' });
    const town1 = await env.as('townAdmin');
    const res = await town1.post('/api/dues/bases', { memberId: other, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 });
    expect(res.statusCode).toBe(404);
  });
});

describe('dues', () => {
  it('computes dues from the base, records payments with arrears and advance, and warns at 3 and 6 months', async () => {
    let secretary = await env.as('branchSecretary');
    // Moving the clock by weeks ends idle sessions: sign in again at the new time.
    const at = async (iso: string) => {
      env.clock.set(iso);
      secretary = await env.as('branchSecretary');
    };
    const m = env.base.member1Id;
    expect((await secretary.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 300001 })).statusCode).toBe(200);
    // 15 June: January to May unpaid (June is still open) → yellow; on 2 July, June is over too → red.
    let ledger = (await secretary.get('/api/dues/ledger?month=2026-06')).json();
    expect(ledger.items[0]).toMatchObject({ name: '李建国', baseFen: 300001, dueFen: 3000, paid: false, streak: 5, level: 'yellow', unpaidFen: 15000 });
    await at('2026-07-02T02:00:00Z');
    expect((await secretary.get('/api/dues/ledger?month=2026-06')).json().items[0]).toMatchObject({ streak: 6, level: 'red', unpaidFen: 18000 });
    await at('2026-06-15T02:00:00Z');

    const short = await secretary.post('/api/dues/payments', { memberId: m, months: ['2026-01', '2026-02'], amountFen: 5999, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('少于所选月份应交 60.00 元');
    const pay = await secretary.post('/api/dues/payments', { memberId: m, months: ['2026-01', '2026-02', '2026-03'], amountFen: 9000, method: 'wechat', collector: '王书记', paidOn: '2026-06-15' });
    expect(pay.statusCode, pay.body).toBe(200);
    expect(pay.json().receiptNo).toMatch(/^DF20260615-0001-/);
    ledger = (await secretary.get('/api/dues/ledger?month=2026-06')).json();
    expect(ledger.items[0]).toMatchObject({ streak: 2, level: 'none' });
    await at('2026-07-02T02:00:00Z');
    expect((await secretary.get('/api/dues/ledger?month=2026-06')).json().items[0]).toMatchObject({ streak: 3, level: 'yellow' });
    expect((await secretary.get('/api/dues/ledger?month=2026-06&level=yellow')).json().total).toBe(1);
    expect((await secretary.get('/api/dues/ledger?month=2026-06&level=red')).json().total).toBe(0);
    await at('2026-06-15T02:00:00Z');

    const twice = await secretary.post('/api/dues/payments', { memberId: m, months: ['2026-03'], amountFen: 3000, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(twice.json().error.code).toBe('DUES_ALREADY_PAID');
    const tooFar = await secretary.post('/api/dues/payments', { memberId: m, months: ['2027-01'], amountFen: 3000, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(tooFar.json().error.code).toBe('DUES_TOO_FAR_AHEAD');
    const ahead = await secretary.post('/api/dues/payments', { memberId: m, months: ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'], amountFen: 27000, method: 'bank', collector: '王书记', paidOn: '2026-06-15' });
    expect(ahead.statusCode, ahead.body).toBe(200);

    const member = await env.as('member');
    const mine = (await member.get('/api/me/dues')).json();
    expect(mine).toMatchObject({ monthlyFen: 3000, level: 'none', unpaidFen: 0 });
    expect(mine.months.every((x: { paid: boolean }) => x.paid)).toBe(true);

    const xlsx = await secretary.get('/api/dues/ledger/export?month=2026-06');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(['李建国', '西官村党支部', 3000.01, 30, '是']));
    expect(sheet.getRow(3).getCell(1).value).toBe('合计');
    const rates = (await (await env.as('townAdmin')).get('/api/dues/collection?month=2026-06')).json();
    expect(rates.items).toEqual([expect.objectContaining({ orgName: '西官村党支部', due: 1, paid: 1, ratePermille: 1000 })]);
  });

  it('a mid-year pay change applies from its month; a hardship reduction counts only once the next level approves', async () => {
    const secretary = await env.as('branchSecretary');
    const m = env.base.member1Id;
    await secretary.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 480000 });
    await secretary.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-06', category: 'employee', baseFen: 520000 });
    expect((await secretary.get('/api/dues/ledger?month=2026-05')).json().items[0].dueFen).toBe(4800);
    expect((await secretary.get('/api/dues/ledger?month=2026-06')).json().items[0].dueFen).toBe(7800);

    await secretary.post('/api/dues/bases', { memberId: m, year: 2026, fromMonth: '2026-06', category: 'employee', baseFen: 520000, reducedFen: 100, reductionReason: '家庭成员重病' });
    const row = (await secretary.get('/api/dues/ledger?month=2026-06')).json().items[0];
    expect(row).toMatchObject({ dueFen: 7800, reduction: { status: 'pending', reducedFen: 100 } });
    expect((await secretary.post(`/api/dues/bases/${row.reduction.baseId}/reduction-decision`, { approve: true, version: row.reduction.version })).statusCode).toBe(403);
    const town = await env.as('townAdmin');
    expect((await town.post(`/api/dues/bases/${row.reduction.baseId}/reduction-decision`, { approve: true, version: row.reduction.version })).statusCode).toBe(200);
    expect((await secretary.get('/api/dues/ledger?month=2026-06')).json().items[0].dueFen).toBe(100);
  });
});

describe('situation reports and stars', () => {
  it('a mobile member reports, the branch accepts, the month\'s stars and the wall chart change', async () => {
    const secretary = await env.as('branchSecretary');
    const mobileId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '赵外出', categories: ['mobile'], mobileDestination: '西安市', mobileSince: '2025-01-01' });
    const phone = await memberSession(env.base.branch1, mobileId, 'mobile1');
    await secretary.post('/api/dues/bases', { memberId: mobileId, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 });
    await secretary.post('/api/dues/payments', { memberId: mobileId, months: ['2026-06'], amountFen: 4000, method: 'wechat', collector: '王书记', paidOn: '2026-06-15' });
    expect((await secretary.get('/api/reports/missing?month=2026-06')).json().items.map((i: { name: string }) => i.name)).toEqual(['赵外出']);

    const sub = await phone.post('/api/me/reports', { month: '2026-06', content: '在西安务工，参加了当地流动党员党支部的学习。', location: '西安市雁塔区' });
    expect(sub.statusCode, sub.body).toBe(200);
    expect((await secretary.get('/api/reports/missing?month=2026-06')).json().items).toEqual([]);
    let wall = (await secretary.get('/api/stars/wall?year=2026')).json();
    const before = wall.mobile.find((r: { name: string }) => r.name === '赵外出').months.find((c: { month: string }) => c.month === '2026-06');
    expect(before).toMatchObject({ points: 80, stars: 3, paid: true, reportAccepted: false });

    const inbox = (await secretary.get('/api/reports?month=2026-06')).json();
    const ok = await secretary.post(`/api/reports/${inbox.items[0].id}/review`, { accept: true, version: inbox.items[0].version });
    expect(ok.json()).toMatchObject({ status: 'accepted' });
    wall = (await secretary.get('/api/stars/wall?year=2026')).json();
    expect(wall.mobile[0].months.find((c: { month: string }) => c.month === '2026-06')).toMatchObject({ points: 100, stars: 5, reportAccepted: true });
    const mine = (await phone.get('/api/me/stars')).json();
    // January to May: dues unpaid and no report → 60 points, 1 star each; June: 5 stars.
    expect(mine).toMatchObject({ scheme: 'mobile', totalStars: 10 });
    expect(mine.months.find((m: { month: string }) => m.month === '2026-06')).toMatchObject({ points: 100, stars: 5 });
    expect((await phone.post('/api/me/reports', { month: '2026-06', content: '再改一次汇报内容，补充说明。', location: '西安' })).statusCode).toBe(409);
  });

  it('recomputes a month explicitly (audited), and adjustments need a reason and change the points', async () => {
    const secretary = await env.as('branchSecretary');
    const res = await secretary.post('/api/stars/compute', { month: '2026-05' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ month: '2026-05', members: 1, settingsVersion: 1 });
    let wall = (await secretary.get('/api/stars/wall')).json();
    expect(wall.inService[0].months).toEqual([expect.objectContaining({ month: '2026-05', points: 90, stars: 4 })]);
    const noReason = await secretary.post('/api/stars/adjustments', { memberId: env.base.member1Id, month: '2026-05', kind: 'deduction', points: 5, reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect((await secretary.post('/api/stars/adjustments', { memberId: env.base.member1Id, month: '2026-05', kind: 'deduction', points: 5, reason: '无故缺席支部党员大会' })).statusCode).toBe(200);
    expect((await secretary.post('/api/stars/adjustments', { memberId: env.base.member1Id, month: '2026-05', kind: 'excellence', points: 0, reason: '获评党员示范岗' })).statusCode).toBe(200);
    wall = (await secretary.get('/api/stars/wall')).json();
    expect(wall.inService[0].months[0]).toMatchObject({ points: 91, stars: 4 });
    const audits = (await env.ctx.db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    expect(audits.filter((a) => a === 'stars.adjust')).toHaveLength(2);
    expect(audits).toContain('stars.compute');
    expect((await secretary.post('/api/stars/compute', { month: '2026-07' })).statusCode).toBe(400);
    expect((await (await env.as('countyAdmin')).get('/api/stars/wall')).statusCode).toBe(400);
  });

  it('community check-in: the member registers and records service, the community confirms, the month gains the points', async () => {
    const member = await env.as('member');
    const noReg = await member.post('/api/me/community/services', { servedOn: '2026-06-10', content: '社区垃圾分类宣传', hoursTenths: 20 });
    expect(noReg.json().error.code).toBe('COMMUNITY_NOT_REGISTERED');
    // The residential community's party org is in the other town: town1 cannot confirm, town2 can.
    expect((await member.put('/api/me/community/registration', { communityOrgId: env.base.branch2.id, communityName: '鑫园社区' })).statusCode).toBe(200);
    const mine = (await member.post('/api/me/community/services', { servedOn: '2026-06-10', content: '社区垃圾分类宣传', hoursTenths: 20 })).json();
    expect(mine.services).toEqual([expect.objectContaining({ status: 'submitted', hoursTenths: 20, communityName: '鑫园社区' })]);
    const s = mine.services[0];
    expect((await (await env.as('townAdmin')).post(`/api/community/services/${s.id}/confirm`, { confirm: true, version: s.version })).statusCode).toBe(404);
    const town2 = await env.as('otherTownAdmin');
    expect((await town2.get('/api/community/services?status=submitted')).json().total).toBe(1);
    const ok = await town2.post(`/api/community/services/${s.id}/confirm`, { confirm: true, version: s.version });
    expect(ok.json()).toMatchObject({ status: 'confirmed' });
    const [mm] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, env.base.member1Id), eq(memberMonthly.month, '2026-06')));
    expect(mm).toMatchObject({ checkIn: true });
  });

  it('county settings: only the county administrator changes them; a new star scheme gets a new version and rates from next month', async () => {
    const county = await env.as('countyAdmin');
    const s = (await county.get('/api/stars/settings')).json();
    expect(s).toMatchObject({ themeDayOfMonth: 1, duesRounding: 'fen', stars: { version: 1, basePoints: 60 } });
    const changed = { ...s, themeDayOfMonth: 5, stars: { ...s.stars, inService: { ...s.stars.inService, themeDay: 20, excellence: 0, communityCheckIn: 0 } } };
    expect((await (await env.as('townAdmin')).put('/api/stars/settings', changed)).statusCode).toBe(403);
    const bad = await county.put('/api/stars/settings', { ...s, stars: { ...s.stars, starThresholds: [60, 70, 70, 90, 96] } });
    expect(bad.statusCode).toBe(400);
    // Five stars must stay reachable and the total within 100.
    const over = await county.put('/api/stars/settings', { ...s, stars: { ...s.stars, inService: { ...s.stars.inService, themeDay: 30 } } });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('超过100分');
    const saved = (await county.put('/api/stars/settings', changed)).json();
    expect(saved).toMatchObject({ themeDayOfMonth: 5, stars: { version: 2, inService: { themeDay: 20 } } });
    const secretary = await env.as('branchSecretary');
    expect((await planThemeDay(secretary, env.base.branch1.id, '2026-05')).date).toBe('2026-05-05');
    // May and June (already running when the change was made) keep scheme 1.
    const may = (await secretary.post('/api/stars/compute', { month: '2026-05' })).json();
    expect(may.settingsVersion).toBe(1);
    expect((await secretary.get('/api/stars/wall')).json().inService[0].months[0]).toMatchObject({ month: '2026-05', points: 80, stars: 3 });
    // July: scheme 2. Absent from the theme day: base 60 + dues (nothing due) 10 + discipline 10 = 80 of 100.
    env.clock.advance(20 * 86_400_000);
    const later = await env.as('branchSecretary');
    await planThemeDay(later, env.base.branch1.id, '2026-07');
    const july = (await later.post('/api/stars/compute', { month: '2026-07' })).json();
    expect(july.settingsVersion).toBe(2);
    const [mm] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, env.base.member1Id), eq(memberMonthly.month, '2026-07')));
    expect(mm).toMatchObject({ settingsVersion: 2, points: 80, stars: 3, attended: false });
  });

  it('the member\'s home page shows the party birthday', async () => {
    const member = await env.as('member');
    const o = (await member.get('/api/me/overview')).json();
    expect(o).toMatchObject({ name: '李建国', joinDate: '2010-07-01', partyYears: 15, nextPartyBirthday: '2026-07-01', daysToPartyBirthday: 16 });
    expect(o.notices.map((n: { kind: string }) => n.kind)).toEqual(['themeDay', 'birthday']);
  });
});

void themeDayAttendances;
