// 政治生日 through HTTP: the month's list (29 February, joined this year, members who left), the Excel list, the
// branch's celebration, and the county setting that makes it a required topic of the theme day.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { birthdayCelebrations, members } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2027-02-20T02:00:00Z' });
});
afterEach(async () => env.close());

describe('political birthdays', () => {
  it('lists the month (29 Feb on 28 Feb in a common year; not joined this year; not those who left), exports it', async () => {
    const { countyId, branch1, branch2 } = env.base;
    await buildMember(env.ctx, countyId, branch1, { name: '闰日生', joinDate: '2000-02-29' });
    await buildMember(env.ctx, countyId, branch1, { name: '二月老', joinDate: '1977-02-03' });
    await buildMember(env.ctx, countyId, branch1, { name: '今年新', joinDate: '2027-02-01' });
    const gone = await buildMember(env.ctx, countyId, branch1, { name: '已转出', joinDate: '1990-02-10' });
    await env.ctx.db.update(members).set({ leftAt: new Date('2026-12-01T00:00:00Z'), leftReason: '转出' }).where(eq(members.id, gone));
    await buildMember(env.ctx, countyId, branch2, { name: '外镇人', joinDate: '1999-02-11' });
    const secretary = await env.as('branchSecretary');
    const list = (await secretary.get('/api/care/political-birthdays?month=2027-02')).json();
    expect(list.total).toBe(2);
    expect(list.items.map((i: { name: string; date: string; years: number }) => `${i.name} ${i.date} ${i.years}`)).toEqual(['二月老 2027-02-03 50', '闰日生 2027-02-28 27']);

    const xlsx = await secretary.get('/api/care/political-birthdays/export?month=2027-02');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).values).toEqual([undefined, 2, '2027-02-28', '闰日生', '西官村党支部', '2000-02-29', 27]);
    expect((await secretary.get(`/api/care/political-birthdays/export?month=2027-02&orgId=${branch2.id}`)).statusCode).toBe(404);
  });

  it('makes the celebration a required topic of the theme day when the county says so; the day is complete only with it', async () => {
    const { countyId, branch1, branch2 } = env.base;
    await buildMember(env.ctx, countyId, branch1, { name: '二月老', joinDate: '1977-02-03' });
    const secretary = await env.as('branchSecretary');
    const td = await secretary.post('/api/theme-days', { orgId: branch1.id, month: '2027-02', date: '2027-02-05', topic: '学习党章', place: '村委会', content: '集中学习' });
    expect(td.statusCode, td.body).toBe(200);
    const mark = await secretary.post(`/api/theme-days/${td.json().id}/attendance`, { memberId: env.base.member1Id, attended: true });
    expect(mark.statusCode, mark.body).toBe(200);
    // setting off: complete without the topic
    expect((await secretary.get(`/api/theme-days/${td.json().id}`)).json()).toMatchObject({ birthdayTopic: { required: false, members: 1 }, complete: true });

    expect((await secretary.put('/api/care/settings/birthday-topic', { birthdayRequiredTopic: true })).statusCode).toBe(403);
    const county = await env.as('countyAdmin');
    const on = await county.put('/api/care/settings/birthday-topic', { birthdayRequiredTopic: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().birthdayRequiredTopic).toBe(true);
    expect((await secretary.get(`/api/theme-days/${td.json().id}`)).json()).toMatchObject({ birthdayTopic: { required: true, members: 1, done: false }, complete: false });
    expect((await secretary.get('/api/theme-days?month=2027-02')).json().items[0]).toMatchObject({ birthdayTopic: { required: true }, complete: false });

    // bad input and wrong scope: nothing written
    const body = { orgId: branch1.id, month: '2027-02', celebratedOn: '2027-02-05', content: '为二月过政治生日的党员赠送政治生日贺卡，重温入党誓词' };
    expect((await secretary.post('/api/care/political-birthdays/celebrations', { ...body, orgId: branch2.id })).statusCode).toBe(404);
    expect((await secretary.post('/api/care/political-birthdays/celebrations', { ...body, celebratedOn: '2027-03-01' })).json().error.message).toContain('不在 2027-02 内');
    expect((await secretary.post('/api/care/political-birthdays/celebrations', { ...body, month: '2027-01', celebratedOn: '2027-01-05' })).json().error.code).toBe('BIRTHDAY_NONE');
    expect((await county.post('/api/care/political-birthdays/celebrations', { ...body, orgId: env.base.town1.id })).json().error.code).toBe('ORG_NOT_BRANCH');
    expect(await env.ctx.db.select().from(birthdayCelebrations)).toHaveLength(0);

    const c = await secretary.post('/api/care/political-birthdays/celebrations', body);
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ orgName: '西官村党支部', members: 1, celebratedOn: '2027-02-05' });
    expect((await secretary.post('/api/care/political-birthdays/celebrations', body)).statusCode).toBe(409);
    expect((await secretary.get(`/api/theme-days/${td.json().id}`)).json()).toMatchObject({ birthdayTopic: { required: true, done: true, celebratedOn: '2027-02-05' }, complete: true });
    expect((await county.get('/api/care/political-birthdays/celebrations?month=2027-02')).json().total).toBe(1);
    expect((await (await env.as('otherTownAdmin')).get('/api/care/political-birthdays/celebrations?month=2027-02')).json().total).toBe(0);
  });
});
