// Care pairings, visits and the quarter close; relationship transfers with letter, receipt and reissue — through HTTP.
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, careVisits, careWarnings, members, transfers } from '../../db/schema/index';
import { buildAccount, buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

const visit = { visitedOn: '2026-06-10', kind: 'mustVisit', occasion: '重大疾病探望', content: '住院探望，送去慰问金和营养品', assistance: '协助申请大病救助' };

describe('hardship pairings and visits', () => {
  it('pairs a hardship member with a helper, who records a visit on the phone; the rhythm and the dashboard follow', async () => {
    const secretary = await env.as('branchSecretary');
    const poor = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王秀兰', categories: ['hardship'] });
    const res = await secretary.post('/api/care/pairings', { kind: 'hardship', memberId: poor, helperMemberId: env.base.member1Id, needs: '慢性病，子女在外', startedOn: '2026-05-01' });
    expect(res.statusCode, res.body).toBe(200);
    const pairing = res.json();
    expect(pairing).toMatchObject({ memberName: '王秀兰', helperName: '李建国', nextDue: '2026-06-01', status: 'overdue' });

    const twice = await secretary.post('/api/care/pairings', { kind: 'hardship', memberId: poor, helperMemberId: env.base.member1Id, startedOn: '2026-05-01' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('PAIRING_EXISTS');

    const helper = await env.as('member');
    const mine = (await helper.get('/api/me/care/list')).json();
    expect(mine).toMatchObject({ total: 1, items: [{ id: pairing.id, status: 'overdue' }] });
    const v = await helper.post('/api/me/care/visits', { pairingId: pairing.id, ...visit });
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ lastVisitOn: '2026-06-10', nextDue: '2026-07-10', status: 'ok' });
    const rows = await env.ctx.db.select().from(careVisits).where(eq(careVisits.pairingId, pairing.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ occasion: '重大疾病探望', visitorAccountId: env.base.accountIds.member1, visitedOn: '2026-06-10' });
    expect((await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'care.visit'))).length).toBe(1);

    // The member sees their helper and the visit on their phone; the helper has no helper of their own.
    const poorAccount = await buildAccount(env.ctx, env.base.countyId, { username: 'poor1', role: 'member', org: env.base.branch1, memberId: poor });
    expect(poorAccount).toBeTruthy();
    const poorPhone = await env.login('poor1');
    expect((await poorPhone.get('/api/me/care/helpers')).json()).toMatchObject({ total: 1, items: [{ helperName: '李建国', visits: [{ occasion: '重大疾病探望' }] }] });
    expect((await helper.get('/api/me/care/helpers')).json().total).toBe(0);

    const dash = (await (await env.as('countyAdmin')).get('/api/care/dashboard')).json();
    expect(dash).toMatchObject({ quarter: '2026-Q2', hardship: { active: 1, visitedThisQuarter: 1, overdue: 0 }, visitsByMonth: [{ month: '2026-06', visits: 1 }] });
  });

  it('refuses a visit outside the helper\'s pairings or the secretary\'s scope, and bad input — nothing written', async () => {
    const county = await env.as('countyAdmin');
    const far = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '赵福生', categories: ['hardship'] });
    const farHelper = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '孙立新' });
    const p = (await county.post('/api/care/pairings', { kind: 'hardship', memberId: far, helperMemberId: farHelper, startedOn: '2026-05-01' })).json();

    const helper = await env.as('member');
    const notMine = await helper.post('/api/me/care/visits', { pairingId: p.id, ...visit });
    expect(notMine.statusCode).toBe(404);
    const secretary = await env.as('branchSecretary');
    expect((await secretary.post(`/api/care/pairings/${p.id}/visits`, visit)).statusCode).toBe(404);
    expect((await secretary.get(`/api/care/pairings/${p.id}`)).statusCode).toBe(404);
    // not a hardship member
    const plain = await secretary.post('/api/care/pairings', { kind: 'hardship', memberId: env.base.member1Id, helperMemberId: env.base.member1Id, startedOn: '2026-05-01' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.message).toContain('不在困难党员名单中');
    // future date, occasion not on the list, NUL byte
    expect((await county.post(`/api/care/pairings/${p.id}/visits`, { ...visit, visitedOn: '2026-06-16' })).json().error.message).toContain('晚于今天');
    const badOccasion = await county.post(`/api/care/pairings/${p.id}/visits`, { ...visit, occasion: '随便看看' });
    expect(badOccasion.statusCode).toBe(400);
    expect(badOccasion.json().error.message).toContain('清单');
    expect((await county.post(`/api/care/pairings/${p.id}/visits`, { ...visit, content: 'a\u0000b' })).statusCode).toBe(400);
    expect(await env.ctx.db.select().from(careVisits)).toHaveLength(0);

    // leaving the list: reason kept; no visit afterwards
    const ended = await county.post(`/api/care/pairings/${p.id}/end`, { endedOn: '2026-06-12', reason: '子女就业，已脱困', version: p.version });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: 'ended', endReason: '子女就业，已脱困' });
    expect((await county.post(`/api/care/pairings/${p.id}/visits`, visit)).statusCode).toBe(409);
    const list = (await county.get('/api/care/pairings?active=false')).json();
    expect(list.total).toBe(1);
  });

  it('the quarter close warns for an elderly member without a visit in the quarter, once', async () => {
    let county = await env.as('countyAdmin');
    const old1 = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '刘德厚', categories: ['elderly'] });
    const old2 = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '陈桂芳', categories: ['frail'] });
    const late = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '周长顺', categories: ['elderly'] });
    const p1 = (await county.post('/api/care/pairings', { kind: 'elderly', memberId: old1, helperMemberId: env.base.member1Id, startedOn: '2026-01-05' })).json();
    const p2 = (await county.post('/api/care/pairings', { kind: 'elderly', memberId: old2, helperMemberId: env.base.member1Id, startedOn: '2026-01-05' })).json();
    await county.post('/api/care/pairings', { kind: 'elderly', memberId: late, helperMemberId: env.base.member1Id, startedOn: '2026-04-10' });
    expect(p1.id && p2.id).toBeTruthy();
    const r = await county.post(`/api/care/pairings/${p2.id}/visits`, { ...visit, kind: 'delivery', occasion: '送学上门', visitedOn: '2026-04-01' });
    expect(r.statusCode, r.body).toBe(200);
    env.clock.set('2026-07-02T02:00:00Z');
    county = await env.as('countyAdmin'); // the idle session ended with the clock jump
    const run = await county.post('/api/jobs/care.quarterClose/run', { period: '2026-06' });
    expect(run.statusCode, run.body).toBe(200);
    const warned = await env.ctx.db.select().from(careWarnings);
    expect(warned.map((w) => [w.memberName, w.period])).toEqual([['刘德厚', '2026-Q2']]);
    await county.post('/api/jobs/care.quarterClose/run', { period: '2026-06' });
    expect(await env.ctx.db.select().from(careWarnings)).toHaveLength(1);
    const list = (await county.get('/api/care/warnings?period=2026-Q2')).json();
    expect(list).toMatchObject({ total: 1, items: [{ memberName: '刘德厚' }] });
    expect((await (await env.as('committeeAdmin')).get('/api/care/warnings')).json().total).toBe(1);
  });
});

describe('political birthdays', () => {
  it('lists the month\'s party anniversaries of the scope by day; 29 February joiners on 28 February in a common year', async () => {
    await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '闰日党员', joinDate: '2004-02-29', fullMembershipDate: '2005-02-28' });
    await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '二月党员', joinDate: '1999-02-03', fullMembershipDate: '2000-02-03' });
    await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '外镇党员', joinDate: '1999-02-05', fullMembershipDate: '2000-02-05' });
    const secretary = await env.as('branchSecretary');
    const res = await secretary.get('/api/care/political-birthdays?month=2026-02');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, items: [{ name: '二月党员', date: '2026-02-03', years: 27 }, { name: '闰日党员', date: '2026-02-28', years: 22 }] });
    expect((await (await env.as('countyAdmin')).get('/api/care/political-birthdays?month=2026-02')).json().total).toBe(3);
    expect((await secretary.get(`/api/care/political-birthdays?month=2026-02&orgId=${env.base.branch2.id}`)).statusCode).toBe(404);
    expect((await secretary.get('/api/care/political-birthdays?month=2026-13')).statusCode).toBe(400);
  });
});

describe('relationship transfers out of and into the county', () => {
  it('issues a numbered letter, refuses a second open one, reissues (old voided, new number), prints, and the receipt takes the member off the roster', async () => {
    let secretary = await env.as('branchSecretary');
    const who = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '马晓东' });
    const body = { memberId: who, counterpart: '中共西安市雁塔区委组织部', reason: '工作调动', duesPaidTo: '2026-06', issuedOn: '2026-06-15', validityMonths: 3 };
    const res = await secretary.post('/api/transfers/out', body);
    expect(res.statusCode, res.body).toBe(200);
    const t = res.json();
    expect(t).toMatchObject({ status: 'open', letterNo: '组转〔2026〕0001号', validUntil: '2026-09-15', receiptDueBy: '2026-07-15', receiptOverdue: false });

    const second = await secretary.post('/api/transfers/out', body);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('TRANSFER_OPEN');
    expect((await secretary.post('/api/transfers/out', { ...body, validityMonths: 4 })).statusCode).toBe(400);
    expect((await secretary.post('/api/transfers/out', { ...body, duesPaidTo: '2026-07' })).json().error.message).toContain('党费交至');

    const letter = await secretary.get(`/api/transfers/${t.id}/letter`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toContain('wordprocessingml');
    expect(letter.rawPayload.subarray(0, 2).toString()).toBe('PK');

    env.clock.set('2026-07-16T02:00:00Z');
    secretary = await env.as('branchSecretary');
    expect((await secretary.get(`/api/transfers/${t.id}`)).json().receiptOverdue).toBe(true);
    expect((await secretary.get('/api/transfers?overdue=true')).json().total).toBe(1);

    const re = await secretary.post(`/api/transfers/${t.id}/reissue`, { reason: '介绍信邮寄遗失', issuedOn: '2026-07-16', version: t.version });
    expect(re.statusCode, re.body).toBe(200);
    const t2 = re.json();
    expect(t2).toMatchObject({ letterNo: '组转〔2026〕0002号', reissueOf: t.id, status: 'open', validUntil: '2026-10-16' });
    expect((await secretary.get(`/api/transfers/${t.id}`)).json()).toMatchObject({ status: 'voided', voidReason: '介绍信邮寄遗失' });
    expect((await secretary.post(`/api/transfers/${t.id}/receipt`, { receiptOn: '2026-07-16', version: t.version + 1 })).statusCode).toBe(409);

    const rec = await secretary.post(`/api/transfers/${t2.id}/receipt`, { receiptOn: '2026-07-16', note: '已报到', version: t2.version });
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({ status: 'received', receiptOn: '2026-07-16' });
    const [m] = await env.ctx.db.select().from(members).where(eq(members.id, who));
    expect(m.leftAt).not.toBeNull();
    expect(m.leftReason).toContain('组转〔2026〕0002号');
    // the next letter of the year never reuses a number
    const other = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '高雅琴' });
    expect((await secretary.post('/api/transfers/out', { ...body, memberId: other, issuedOn: '2026-07-16', duesPaidTo: '2026-07' })).json().letterNo).toBe('组转〔2026〕0003号');
  });

  it('out of scope → 404; an incoming letter is registered and closed when the member arrives on the roster', async () => {
    const secretary = await env.as('branchSecretary');
    const far = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '钱海波' });
    const body = { memberId: far, counterpart: '外县', reason: '工作调动', duesPaidTo: '2026-06', issuedOn: '2026-06-15' };
    expect((await secretary.post('/api/transfers/out', body)).statusCode).toBe(404);
    expect(await env.ctx.db.select().from(transfers)).toHaveLength(0);

    const inc = await secretary.post('/api/transfers/in', { orgId: env.base.branch1.id, memberName: '吴建军', counterpart: '中共宝鸡市渭滨区某街道工委', letterNo: '渭组转〔2026〕118号', issuedOn: '2026-06-01', validUntil: '2026-09-01', duesPaidTo: '2026-05', reason: '返乡创业' });
    expect(inc.statusCode, inc.body).toBe(200);
    const t = inc.json();
    expect(t).toMatchObject({ direction: 'in', status: 'open', memberId: null });
    const newcomer = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '吴建军', joinDate: '2012-07-01' });
    const arrived = await secretary.post(`/api/transfers/${t.id}/arrive`, { arrivedOn: '2026-06-12', memberId: newcomer, version: t.version });
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json()).toMatchObject({ status: 'arrived', memberId: newcomer });
    const [audit] = await env.ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'transfer.arrive'), eq(auditLog.entityId, t.id)));
    expect(audit).toBeTruthy();
    const town1 = await env.as("committeeAdmin");
    expect((await town1.get(`/api/transfers/${t.id}`)).statusCode).toBe(200);
  });
});
