// 流动党员联络台账 through HTTP: the list with its warnings (N months → 未按期联系, 6 → 失联), contacts, the contact person,
// the steps taken for a lost member, the situation reports shown in the ledger, scope (404) and bad input (nothing written).
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, mobileContacts, mobileLedgers, situationReports } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

const mobile = (name: string, mobileSince: string) => ({ name, categories: ['mobile'] as never, mobileDestination: '广东省深圳市', mobileSince });

describe('mobile members contact ledger', () => {
  it('lists the warnings, records a contact, the contact person and the steps for a lost member; the dashboard counts them', async () => {
    const a = await buildMember(env.ctx, env.base.countyId, env.base.branch1, mobile('陈志强', '2026-01-10'));
    const b = await buildMember(env.ctx, env.base.countyId, env.base.branch1, mobile('刘海燕', '2025-11-01'));
    await buildMember(env.ctx, env.base.countyId, env.base.branch1, mobile('周小龙', '2026-05-01'));
    await buildMember(env.ctx, env.base.countyId, env.base.branch2, mobile('吴国平', '2026-01-10'));
    const secretary = await env.as('branchSecretary');

    const all = (await secretary.get('/api/care/mobile?pageSize=2')).json();
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    const overdue = (await secretary.get('/api/care/mobile?overdue=true')).json();
    expect(overdue.total).toBe(2);
    expect(Object.fromEntries(overdue.items.map((r: { name: string; status: string }) => [r.name, r.status]))).toEqual({ 陈志强: 'notContacted', 刘海燕: 'lost' });

    const c = await secretary.post(`/api/care/mobile/${a}/contacts`, { contactedOn: '2026-06-01', channel: 'wechat', learned: '在深圳电子厂务工，已参加当地流动党员党支部学习' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'ok', lastContactOn: '2026-06-01', warnFrom: '2026-09-01', contacts: [{ channel: 'wechat', contactedByName: expect.any(String) }] });
    expect(await env.ctx.db.select().from(mobileContacts).where(eq(mobileContacts.memberId, a))).toHaveLength(1);
    expect((await secretary.get('/api/care/mobile?overdue=true')).json().total).toBe(1);
    // An older contact entered late does not move the last contact back.
    await secretary.post(`/api/care/mobile/${a}/contacts`, { contactedOn: '2026-02-01', channel: 'phone', learned: '电话询问近况' });
    expect((await secretary.get(`/api/care/mobile/${a}`)).json()).toMatchObject({ lastContactOn: '2026-06-01', contacts: [{ contactedOn: '2026-06-01' }, { contactedOn: '2026-02-01' }] });

    const person = await secretary.put(`/api/care/mobile/${a}/contact-person`, { contactPersonMemberId: env.base.member1Id });
    expect(person.statusCode, person.body).toBe(200);
    expect(person.json().contactPersonName).toBe('李建国');

    const notLost = await secretary.put(`/api/care/mobile/${a}/lost-steps`, { steps: '电话联系家属，托老乡寻找' });
    expect(notLost.statusCode).toBe(400);
    expect(notLost.json().error.code).toBe('MOBILE_NOT_LOST');
    const steps = await secretary.put(`/api/care/mobile/${b}/lost-steps`, { steps: '多次电话未接通，走访家属，函询务工地党组织' });
    expect(steps.statusCode, steps.body).toBe(200);
    expect(steps.json()).toMatchObject({ status: 'lost', lostFrom: '2026-05-01', lostSteps: '多次电话未接通，走访家属，函询务工地党组织' });
    const audits = await env.ctx.db.select().from(auditLog);
    expect(audits.filter((r) => r.action.startsWith('care.mobile')).map((r) => r.action).sort()).toEqual(['care.mobileContact', 'care.mobileContact', 'care.mobileContactPerson', 'care.mobileLostSteps']);

    // The member's situation reports (reports module) appear in the ledger.
    await env.ctx.db.insert(situationReports).values({ countyId: env.base.countyId, memberId: a, orgPath: env.base.branch1.path, month: '2026-05', content: '五月参加务工地支部主题党日', location: '深圳' });
    expect((await secretary.get(`/api/care/mobile/${a}`)).json().reports).toMatchObject([{ month: '2026-05', location: '深圳', status: 'submitted' }]);

    const dash = (await (await env.as('countyAdmin')).get('/api/care/dashboard')).json();
    expect(dash.mobile).toEqual({ total: 4, contactedThisQuarter: 1, notContacted: 1, lost: 1 });
    expect((await secretary.get('/api/care/dashboard')).json().mobile).toEqual({ total: 3, contactedThisQuarter: 1, notContacted: 0, lost: 1 });
  });

  it('answers 404 for another branch\'s member and refuses bad input, writing nothing', async () => {
    const far = await buildMember(env.ctx, env.base.countyId, env.base.branch2, mobile('吴国平', '2026-01-10'));
    const near = await buildMember(env.ctx, env.base.countyId, env.base.branch1, mobile('陈志强', '2026-01-10'));
    const secretary = await env.as('branchSecretary');
    const ok = { contactedOn: '2026-06-01', channel: 'phone', learned: '电话联系' };
    expect((await secretary.get(`/api/care/mobile/${far}`)).statusCode).toBe(404);
    expect((await secretary.post(`/api/care/mobile/${far}/contacts`, ok)).statusCode).toBe(404);
    expect((await secretary.put(`/api/care/mobile/${far}/contact-person`, { contactPersonMemberId: env.base.member1Id })).statusCode).toBe(404);
    // A contact person from another branch is out of scope too.
    expect((await secretary.put(`/api/care/mobile/${near}/contact-person`, { contactPersonMemberId: far })).statusCode).toBe(404);

    const future = await secretary.post(`/api/care/mobile/${near}/contacts`, { ...ok, contactedOn: '2026-06-16' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('联系日期 2026-06-16 晚于今天');
    expect((await secretary.post(`/api/care/mobile/${near}/contacts`, { ...ok, contactedOn: '2025-12-31' })).json().error.message).toContain('早于外出日期');
    const channel = await secretary.post(`/api/care/mobile/${near}/contacts`, { ...ok, channel: 'fax' });
    expect(channel.statusCode).toBe(400);
    expect(channel.json().error.message).toContain('联系方式');
    expect((await secretary.post(`/api/care/mobile/${near}/contacts`, { ...ok, learned: '电话\u0000联系' })).statusCode).toBe(400);
    const notMobile = await secretary.post(`/api/care/mobile/${env.base.member1Id}/contacts`, ok);
    expect(notMobile.statusCode).toBe(400);
    expect(notMobile.json().error.message).toContain('不是流动党员');
    expect(await env.ctx.db.select().from(mobileContacts)).toHaveLength(0);
    expect(await env.ctx.db.select().from(mobileLedgers)).toHaveLength(0);
    // A member account has no care.read.
    expect((await (await env.as('member')).get('/api/care/mobile')).statusCode).toBe(403);
  });
});
