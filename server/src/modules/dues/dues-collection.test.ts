// The collection-rate view reads the member_monthly rollup (due, paid) and the warnings of the monthly close (3-month
// warnings, 6-month red flags); its figures agree with the ledger computed from the records.
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runJob } from '../../core/jobs';
import { duesArrearsWarnings } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { starsMonthCloseJob } from '../stars/stars.jobs';
import { createTestEnv, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
});
afterEach(async () => env.close());

describe('collection rate from the rollup', () => {
  it('counts due, paid, yellow (3–5 months) and red (6) like the ledger does from the records', async () => {
    const secretary = await env.as('branchSecretary');
    const { countyId, branch1 } = env.base;
    const yellow = await buildMember(env.ctx, countyId, branch1, { name: '黄一', birthDate: '1980-02-01' });
    const red = await buildMember(env.ctx, countyId, branch1, { name: '红二', birthDate: '1980-03-01' });
    const paidUp = await buildMember(env.ctx, countyId, branch1, { name: '全三', birthDate: '1980-04-01' });
    const exempt = await buildMember(env.ctx, countyId, branch1, { name: '免四', birthDate: '1980-05-01' });
    const base = (memberId: string, fromMonth: string, extra: object = {}) => secretary.post('/api/dues/bases', { memberId, year: Number(fromMonth.slice(0, 4)), fromMonth, category: 'employee', baseFen: 400000, ...extra });
    expect((await base(yellow, '2026-02')).statusCode).toBe(200); // Feb–May unpaid: 4 closed months → warning
    expect((await base(red, '2025-10')).statusCode).toBe(200); // Dec–May unpaid in the window: 6 → red flag
    expect((await base(paidUp, '2026-01')).statusCode).toBe(200);
    const pay = await secretary.post('/api/dues/payments', { memberId: paidUp, months: ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'], amountFen: 24000, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(pay.statusCode, pay.body).toBe(200);
    const farmer = await secretary.post('/api/dues/bases', { memberId: exempt, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000, reducedFen: 0, reductionReason: '重病' });
    expect(farmer.statusCode).toBe(200);
    const town = await env.as('townAdmin');
    const reduction = (await secretary.get('/api/dues/ledger?month=2026-06')).json().items.find((r: { memberId: string }) => r.memberId === exempt).reduction;
    expect((await town.post(`/api/dues/bases/${reduction.baseId}/reduction-decision`, { approve: true, version: reduction.version })).statusCode).toBe(200);

    // Warnings come from the monthly close of May (the last month that is over).
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-05' })).status).toBe('done');
    const rates = (await town.get('/api/dues/collection?month=2026-06')).json();
    expect(rates.items).toEqual([expect.objectContaining({ orgName: '西官村党支部', members: 5, due: 3, paid: 1, yellow: 1, red: 1, ratePermille: 333 })]);
    const ledger = (await secretary.get('/api/dues/ledger?month=2026-06')).json().items as { memberId: string; level: string }[];
    expect(Object.fromEntries(ledger.filter((r) => [yellow, red, paidUp, exempt].includes(r.memberId)).map((r) => [r.memberId, r.level]))).toEqual({ [yellow]: 'yellow', [red]: 'red', [paidUp]: 'none', [exempt]: 'none' });

    // A past month: its own month counts as over (May unpaid for 黄一: Feb–May = 4 → warning).
    const may = (await town.get('/api/dues/collection?month=2026-05')).json();
    expect(may.total).toMatchObject({ due: 3, paid: 1, yellow: 1, red: 1 });
    // The county view groups by town: every member of the county has a June row now (the close opened the month).
    const county = (await (await env.as('countyAdmin')).get('/api/dues/collection?month=2026-06')).json();
    expect(county.total).toMatchObject({ members: 5, due: 3, paid: 1, yellow: 1, red: 1 });
    // Paying the arrears withdraws a yellow warning at once; the red flag stays (see below).
    const arrears = await secretary.post('/api/dues/payments', { memberId: yellow, months: ['2026-02', '2026-03', '2026-04', '2026-05'], amountFen: 16000, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(arrears.statusCode, arrears.body).toBe(200);
    expect((await town.get('/api/dues/collection?month=2026-06')).json().total).toMatchObject({ due: 3, paid: 1, yellow: 0, red: 1 });
  });
});

describe('the red flag (6 consecutive unpaid months)', () => {
  it('stays after a later payment ends the streak, until the branch records how it was handled — and a re-run keeps it', async () => {
    const secretary = await env.as('branchSecretary');
    const town = await env.as('townAdmin');
    const { countyId, branch1 } = env.base;
    const red = await buildMember(env.ctx, countyId, branch1, { name: '红五', birthDate: '1980-06-01' });
    expect((await secretary.post('/api/dues/bases', { memberId: red, year: 2025, fromMonth: '2025-12', category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    // Dec–May unpaid: exactly 6 closed months → red flag for May.
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-05' })).status).toBe('done');
    const open = async () => (await secretary.get('/api/dues/arrears-warnings?open=true')).json().items as { id: string; memberId: string; month: string; level: string; streak: number; handledAt: string | null; version: number }[];
    expect((await open()).filter((w) => w.memberId === red)).toEqual([expect.objectContaining({ month: '2026-05', level: 'red', streak: 6, handledAt: null })]);

    // Paying March ends the streak (the ledger now counts Apr–May: 2 months) but not the fact of the six months.
    const pay = await secretary.post('/api/dues/payments', { memberId: red, months: ['2026-03'], amountFen: 4000, method: 'cash', collector: '王书记', paidOn: '2026-06-15' });
    expect(pay.statusCode, pay.body).toBe(200);
    const ledgerRow = (await secretary.get('/api/dues/ledger?month=2026-06')).json().items.find((r: { memberId: string }) => r.memberId === red);
    expect(ledgerRow).toMatchObject({ streak: 2, level: 'none' });
    const afterPay = (await open()).filter((w) => w.memberId === red);
    expect(afterPay).toEqual([expect.objectContaining({ month: '2026-05', level: 'red', streak: 6, handledAt: null })]);
    expect((await town.get('/api/dues/collection?month=2026-06')).json().total).toMatchObject({ red: 1 });
    // A forced re-run of the May close judges the streak anew (4 months now) and still leaves the flag red.
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-05' }, { force: true })).status).toBe('done');
    const rows = await env.ctx.db.select().from(duesArrearsWarnings).where(eq(duesArrearsWarnings.memberId, red));
    expect(rows.map((w) => [w.month, w.level, w.streak, w.handledAt])).toEqual([['2026-05', 'red', 6, null]]);

    // Only the branch's record of the handling closes it; it stays in the list as handled, still red.
    const handled = await secretary.post(`/api/dues/arrears-warnings/${afterPay[0].id}/handle`, { note: '支部大会讨论：本人已补交三月党费，予以批评教育', version: afterPay[0].version });
    expect(handled.statusCode, handled.body).toBe(200);
    expect((await open()).filter((w) => w.memberId === red)).toEqual([]);
    const all = (await secretary.get('/api/dues/arrears-warnings?month=2026-05')).json().items.filter((w: { memberId: string }) => w.memberId === red);
    expect(all).toEqual([expect.objectContaining({ level: 'red', streak: 6, handlingNote: '支部大会讨论：本人已补交三月党费，予以批评教育', handledAt: expect.any(String) })]);
    expect((await runJob(env.ctx, starsMonthCloseJob, { countyId, period: '2026-05' }, { force: true })).status).toBe('done');
    expect((await env.ctx.db.select().from(duesArrearsWarnings).where(eq(duesArrearsWarnings.memberId, red))).map((w) => [w.level, w.streak])).toEqual([['red', 6]]);
  });
});

describe('a farmer\'s or student\'s base', () => {
  it('is no base: the ledger and 我的党费 show none (not 0.00), the fixed amount is due', async () => {
    const secretary = await env.as('branchSecretary');
    const { countyId, branch1, member1Id } = env.base;
    const worker = await buildMember(env.ctx, countyId, branch1, { name: '职工甲', birthDate: '1982-05-01' });
    expect((await secretary.post('/api/dues/bases', { memberId: member1Id, year: 2026, fromMonth: '2026-01', category: 'farmer', baseFen: 0 })).statusCode).toBe(200);
    expect((await secretary.post('/api/dues/bases', { memberId: worker, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 450000 })).statusCode).toBe(200);
    const rows = (await secretary.get(`/api/dues/ledger?orgId=${branch1.id}&month=2026-06&pageSize=100`)).json().items as { memberId: string; baseFen: number | null; dueFen: number }[];
    expect(rows.find((r) => r.memberId === member1Id)).toMatchObject({ baseFen: null, dueFen: 50 });
    expect(rows.find((r) => r.memberId === worker)).toMatchObject({ baseFen: 450000, dueFen: 4500 });
    expect((await (await env.as('member')).get('/api/me/dues')).json()).toMatchObject({ category: 'farmer', baseFen: null, monthlyFen: 50 });
  });
});
