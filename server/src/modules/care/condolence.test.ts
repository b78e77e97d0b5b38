// Festival condolence rounds through HTTP: planning and allocation by the county within the budget, payments by the
// town in its subtree, reversals, reconciliation and the Excel ledger with masked ID numbers.
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, condolenceAllocations, condolencePayments } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-25T02:00:00Z' });
});
afterEach(async () => env.close());

const round = { festival: 'partyDay', year: 2026, name: '2026年七一走访慰问', plannedOn: '2026-06-20', budgetFen: 1_000_000, fundingSource: 'partyDues', fundingNote: '县委管理党费', standards: { hardship: 50_000, frail: 30_000, elderly: 30_000 } };

async function planned() {
  const county = await env.as('countyAdmin');
  const res = await county.post('/api/care/condolence/rounds', round);
  expect(res.statusCode, res.body).toBe(200);
  return { county, r: res.json() };
}

describe('festival condolence rounds', () => {
  it('plans, allocates within the budget, pays, reverses and pays anew; reconciliation and the ledger add up', async () => {
    const { county, r } = await planned();
    expect(r).toMatchObject({ status: 'open', totals: { budgetFen: 1_000_000, allocatedFen: 0 } });
    expect((await county.post('/api/care/condolence/rounds', round)).json().error.code).toBe('CONDOLENCE_ROUND_EXISTS');

    const a1 = await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town1.id, amountFen: 600_000 });
    expect(a1.statusCode, a1.body).toBe(200);
    const over = await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town2.id, amountFen: 400_001 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error).toMatchObject({ code: 'CONDOLENCE_OVER_BUDGET' });
    expect(over.json().error.message).toContain('最多还可分配 4000.00 元');
    expect((await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town2.id, amountFen: 400_000 })).statusCode).toBe(200);
    // a branch is not a town; a town does not allocate
    expect((await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.branch1.id, amountFen: 1 })).json().error.code).toBe('CONDOLENCE_NOT_TOWN');
    const town = await env.as('townAdmin');
    expect((await town.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town1.id, amountFen: 1 })).statusCode).toBe(403);
    expect((await town.post('/api/care/condolence/rounds', { ...round, year: 2027 })).statusCode).toBe(403);

    const poor = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王秀兰', categories: ['hardship'], idNumber: '610102195003150021' });
    const old = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '张德福', categories: ['elderly', 'frail'] });
    const pay = (memberId: string, amountFen: number, extra = {}) => town.post(`/api/care/condolence/rounds/${r.id}/payments`, { memberId, amountFen, paidOn: '2026-06-24', ...extra });

    const p1 = await pay(poor, 60_000);
    expect(p1.statusCode, p1.body).toBe(200);
    expect(p1.json()).toMatchObject({ kind: 'payment', category: 'hardship', amountFen: 60_000, townName: '城关镇党委', orgName: '西官村党支部', reversedById: null });
    const twice = await pay(poor, 50_000);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toContain('已于 2026-06-24 领取本次慰问金 600.00 元');

    // the mistaken 600 yuan is reversed with a reason, then 500 is paid anew
    env.clock.advance(60_000);
    const rev = await town.post(`/api/care/condolence/payments/${p1.json().id}/reverse`, { reason: '标准应为500元，多发100元' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json()).toMatchObject({ kind: 'reversal', amountFen: 60_000, reversesId: p1.json().id, note: '标准应为500元，多发100元' });
    expect((await town.post(`/api/care/condolence/payments/${p1.json().id}/reverse`, { reason: '再来一次' })).json().error.code).toBe('CONDOLENCE_ALREADY_REVERSED');
    expect((await town.post(`/api/care/condolence/payments/${rev.json().id}/reverse`, { reason: '冲正的冲正' })).json().error.code).toBe('CONDOLENCE_REVERSE_REVERSAL');
    env.clock.advance(60_000);
    expect((await pay(poor, 50_000)).statusCode).toBe(200);
    expect((await pay(old, 30_000)).json().category).toBe('frail');

    const towns = (await county.get(`/api/care/condolence/rounds/${r.id}/towns`)).json();
    expect(towns.total).toBe(2);
    expect(towns.items.find((t: { orgName: string }) => t.orgName === '城关镇党委')).toMatchObject({ allocatedFen: 600_000, paidFen: 140_000, reversedFen: 60_000, remainingFen: 520_000, covered: 2, eligible: 2 });
    expect((await county.get(`/api/care/condolence/rounds/${r.id}`)).json().totals).toMatchObject({ budgetFen: 1_000_000, allocatedFen: 1_000_000, paidFen: 140_000, reversedFen: 60_000, remainingFen: 920_000, covered: 2, eligible: 2 });
    // the town sees its own allocation only
    expect((await town.get(`/api/care/condolence/rounds/${r.id}`)).json().totals).toMatchObject({ budgetFen: 600_000, allocatedFen: 600_000, remainingFen: 520_000 });
    expect((await town.get(`/api/care/condolence/rounds/${r.id}/towns`)).json().total).toBe(1);

    const ledger = (await county.get(`/api/care/condolence/rounds/${r.id}/payments?pageSize=2`)).json();
    expect(ledger).toMatchObject({ total: 4, pageSize: 2 });
    expect(ledger.items).toHaveLength(2);
    // an allocation may not go below what the town paid (net 80,000)
    expect((await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town1.id, amountFen: 79_999 })).json().error.code).toBe('CONDOLENCE_BELOW_PAID');

    const xlsx = await county.get(`/api/care/condolence/rounds/${r.id}/ledger`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('发放台账')!;
    expect(sheet.rowCount).toBe(5);
    const rows = [2, 3, 4, 5].map((i) => sheet.getRow(i).values as unknown[]);
    const wang = rows.filter((v) => v[4] === '王秀兰');
    expect(wang.map((v) => v[8])).toEqual([600, -600, 500]);
    expect(String(wang[0][5])).not.toContain('195003150');
    expect(String(wang[0][5])).toBe('610102************');
    expect(wb.getWorksheet('对账')!.getRow(2).values).toEqual([undefined, '城关镇党委', 6000, 1400, 600, 5200, 2, 2]);

    expect((await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'condolence.reverse'))).length).toBe(1);
    expect((await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'condolence.pay'))).length).toBe(3);

    // closed: nothing more is paid
    const closed = await county.post(`/api/care/condolence/rounds/${r.id}/close`, { version: r.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const other = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '刘桂芳', categories: ['elderly'] });
    expect((await pay(other, 30_000)).json().error.code).toBe('CONDOLENCE_ROUND_CLOSED');
  });

  it('refuses members outside the town (404), not eligible, over the remaining allocation, bad amounts — nothing written', async () => {
    const { county, r } = await planned();
    await county.put(`/api/care/condolence/rounds/${r.id}/allocations`, { orgId: env.base.town1.id, amountFen: 80_000 });
    const town = await env.as('townAdmin');
    const far = await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '赵福生', categories: ['hardship'] });
    const poor = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '王秀兰', categories: ['hardship'] });
    const pay = (memberId: string, amountFen: unknown, extra = {}) => town.post(`/api/care/condolence/rounds/${r.id}/payments`, { memberId, amountFen, paidOn: '2026-06-24', ...extra });

    expect((await pay(far, 50_000)).statusCode).toBe(404);
    const plain = await pay(env.base.member1Id, 50_000);
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error).toMatchObject({ code: 'CONDOLENCE_NOT_ELIGIBLE' });
    expect(plain.json().error.message).toContain('李建国不是困难党员、老党员或年老体弱党员');
    const over = await pay(poor, 80_001);
    expect(over.json().error.message).toBe('给王秀兰发放 800.01 元超出城关镇党委的分配余额：余额 800.00 元');
    for (const bad of [0, -100, 12.5, '500']) expect((await pay(poor, bad)).statusCode).toBe(400);
    expect((await pay(poor, 500, { paidOn: '2026-06-26' })).json().error.message).toContain('晚于今天');
    expect((await pay(poor, 500, { note: 'a\u0000b' })).statusCode).toBe(400);
    // the other town has no allocation: it does not see the round at all
    const town2 = await env.as('otherTownAdmin');
    expect((await town2.post(`/api/care/condolence/rounds/${r.id}/payments`, { memberId: far, amountFen: 500, paidOn: '2026-06-24' })).statusCode).toBe(404);
    expect((await town2.get('/api/care/condolence/rounds')).json().total).toBe(0);
    expect((await town.get('/api/care/condolence/rounds')).json().total).toBe(1);
    // the county pays a member of a town without allocation: refused with the reason
    expect((await county.post(`/api/care/condolence/rounds/${r.id}/payments`, { memberId: far, amountFen: 500, paidOn: '2026-06-24' })).json().error.code).toBe('CONDOLENCE_NO_ALLOCATION');
    expect(await env.ctx.db.select().from(condolencePayments)).toHaveLength(0);

    // a payment of town 1 cannot be reversed by town 2 (404), nor read in its ledger
    const ok = await pay(poor, 80_000);
    expect(ok.statusCode).toBe(200);
    expect((await town2.post(`/api/care/condolence/payments/${ok.json().id}/reverse`, { reason: '不是我们的' })).statusCode).toBe(404);
    expect((await town2.get(`/api/care/condolence/rounds/${r.id}/payments`)).statusCode).toBe(404);
    expect((await town.get(`/api/care/condolence/rounds/${r.id}/payments?orgId=${env.base.town2.id}`)).statusCode).toBe(404);
    // the branch secretary pays in the branch from the town's allocation (now used up)
    const secretary = await env.as('branchSecretary');
    const another = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '张德福', categories: ['elderly'] });
    expect((await secretary.post(`/api/care/condolence/rounds/${r.id}/payments`, { memberId: another, amountFen: 1, paidOn: '2026-06-24' })).json().error.code).toBe('CONDOLENCE_OVER_ALLOCATION');
    expect((await secretary.get(`/api/care/condolence/rounds/${r.id}/towns`)).json().items).toMatchObject([{ orgName: '城关镇党委', remainingFen: 0 }]);
    expect(await env.ctx.db.select().from(condolenceAllocations)).toHaveLength(1);
    // others allowed: a round for everyone pays a plain member under 'other'
    const all = (await county.post('/api/care/condolence/rounds', { ...round, festival: 'springFestival', name: '2026年春节慰问', allowOthers: true, standards: { ...round.standards, other: 20_000 } })).json();
    await county.put(`/api/care/condolence/rounds/${all.id}/allocations`, { orgId: env.base.town1.id, amountFen: 20_000 });
    expect((await town.post(`/api/care/condolence/rounds/${all.id}/payments`, { memberId: env.base.member1Id, amountFen: 20_000, paidOn: '2026-06-24' })).json().category).toBe('other');
    expect((await county.post('/api/care/condolence/rounds', { ...round, festival: 'other', allowOthers: true })).json().error.message).toContain('其他党员的慰问标准');
  });
});
