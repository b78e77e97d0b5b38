// The yearly dues base import (row/column errors, all or nothing, scope) and the printable receipt, through HTTP.
import { composeIdNumber } from '@yanzhen/domain';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, duesBases, importJobRows, memberMonthly } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { refreshMembers } from '../stars/stars.service';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
beforeEach(async () => {
  env = await createTestEnv({ now: '2026-03-15T02:00:00Z' });
});
afterEach(async () => env.close());

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党费基数');
  ws.addRow(['姓名', '身份证号', '党费类别', '月交纳基数（元）', '起始月份']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(session: Session, data: Buffer, year = 2026) {
  const boundary = `----yanzhen${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bases.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  return session.inject({ method: 'POST', url: `/api/dues/bases/import?year=${year}`, payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function settle(session: Session, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const job = (await session.get(`/api/dues/bases/import/${jobId}`)).json();
    if (job.status !== 'validating' && job.status !== 'importing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not settle');
}

const idOf = (birth: string, n: number) => composeIdNumber('610102', birth, n, 'male');

describe('dues base import', () => {
  it('reports every bad row by row and column and writes nothing; a clean file fixes the year\'s bases and re-rates the months', async () => {
    const secretary = await env.as('branchSecretary');
    const a = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '张明', birthDate: '1980-01-01', idNumber: idOf('1980-01-01', 11) });
    const b = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '赵丽', birthDate: '1950-01-01', idNumber: idOf('1950-01-01', 12) });
    await buildMember(env.ctx, env.base.countyId, env.base.branch2, { name: '外镇党员', birthDate: '1981-01-01', idNumber: idOf('1981-01-01', 13) });

    const bad = await workbook([
      ['张明', idOf('1980-01-01', 11), '在职职工', '4500', null],
      ['赵丽', idOf('1950-01-01', 12), '退休', null, null],
      ['张明', idOf('1980-01-01', 11), '在职', '4600', '2026-01'],
      ['外镇党员', idOf('1981-01-01', 13), '在职', '3000', null],
      ['王五', idOf('1950-01-01', 12), '干部', '3000', '2025-12'],
    ]);
    const res = await upload(secretary, bad);
    expect(res.statusCode, res.body).toBe(200);
    const job = await settle(secretary, res.json().jobId);
    expect(job.status).toBe('validated');
    expect(job.errors).toEqual([
      { row: 3, column: '月交纳基数（元）', message: '离退休人员须填写月交纳基数（基本退休费）' },
      { row: 4, column: '身份证号', message: '与第 2 行重复（同一党员同一起始月份只能有一行）' },
      { row: 5, column: '身份证号', message: '党员名册中没有该身份证号的党员，或不在您的管辖范围内' },
      { row: 6, column: '党费类别', message: expect.stringContaining('“干部”无法识别') },
      { row: 6, column: '起始月份', message: '起始月份 2025-12 不在核定年度 2026 年内' },
    ]);
    const refused = await secretary.post(`/api/dues/bases/import/${job.id}/confirm`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('IMPORT_HAS_ERRORS');
    expect(await env.ctx.db.select().from(duesBases)).toHaveLength(0);

    const good = await workbook([
      ['（示例）张三', '（填写18位身份证号）', '在职职工', '4500.00', '2026-01'],
      ['张明', idOf('1980-01-01', 11), '在职职工', '5000.00', null],
      ['赵丽', idOf('1950-01-01', 12), '离退休人员', '5000.01', '2026-01'],
      ['赵丽', idOf('1950-01-01', 12), '离退休人员', '6000', '2026年7月'],
    ]);
    const ok = await settle(secretary, (await upload(secretary, good)).json().jobId);
    expect(ok).toMatchObject({ status: 'validated', errorCount: 0, summary: { toInsert: 3, toUpdate: 0 } });
    const confirmed = await secretary.post(`/api/dues/bases/import/${ok.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await settle(secretary, ok.id)).toMatchObject({ status: 'done', result: { inserted: 3, updated: 0 } });
    const bases = await env.ctx.db.select().from(duesBases).orderBy(duesBases.memberId, duesBases.fromMonth);
    expect(bases.map((x) => [x.memberId, x.fromMonth, x.category, x.baseFen])).toEqual(expect.arrayContaining([[a, '2026-01', 'employee', 500000], [b, '2026-01', 'retiree', 500001], [b, '2026-07', 'retiree', 600000]]));
    // Months already started are rated with the new bases: 5000 × 1% = 50 元 due for 张明 in March.
    const [march] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, a), eq(memberMonthly.month, '2026-03')));
    expect(march).toMatchObject({ duesDue: true, paid: false });
    const ledger = (await secretary.get('/api/dues/ledger?month=2026-03')).json();
    expect(ledger.items.find((r: { memberId: string }) => r.memberId === a)).toMatchObject({ dueFen: 5000 });
    expect(ledger.items.find((r: { memberId: string }) => r.memberId === b)).toMatchObject({ dueFen: 5000 });
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'dues.importBases'))).toHaveLength(1);

    // Re-importing the same file updates in place (no duplicates).
    const again = await settle(secretary, (await upload(secretary, good)).json().jobId);
    expect(again.summary).toEqual({ toInsert: 0, toUpdate: 3 });
    await secretary.post(`/api/dues/bases/import/${again.id}/confirm`);
    expect(await settle(secretary, again.id)).toMatchObject({ status: 'done', result: { inserted: 0, updated: 3 } });
    expect(await env.ctx.db.select().from(duesBases)).toHaveLength(3);
  });

  it('writes in chunks yet all or nothing: a failure in the middle leaves no base, the months as they were, no staging row', async () => {
    const secretary = await env.as('branchSecretary');
    const people: { id: string; name: string; idNumber: string }[] = [];
    for (let i = 0; i < 260; i++) {
      const birthDate = `${1960 + Math.floor(i / 50)}-01-01`;
      const idNumber = composeIdNumber('610102', birthDate, 10 + (i % 50), 'male');
      people.push({ id: await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: `党员${i}`, birthDate, idNumber }), name: `党员${i}`, idNumber });
    }
    const file = await workbook(people.map((p) => [p.name, p.idNumber, '在职', '4000', '2026-01']));
    const job = await settle(secretary, (await upload(secretary, file)).json().jobId);
    expect(job).toMatchObject({ status: 'validated', errorCount: 0, summary: { toInsert: 260, toUpdate: 0 } });
    // The months as the system rates them without bases (the factory writes no rollup rows).
    await refreshMembers(env.ctx, env.ctx.db, env.base.countyId, people.map((p) => p.id), ['2026-01', '2026-02', '2026-03']);
    const monthsBefore = await env.ctx.db.select().from(memberMonthly).orderBy(memberMonthly.memberId, memberMonthly.month);
    // The 231st base fails (after the first chunks were written — and on PGlite committed).
    await env.ctx.db.execute(sql.raw(`create function test_fail_base() returns trigger language plpgsql as $$
      begin
        if (select count(*) from dues_bases) >= 230 then raise exception 'simulated failure mid-import'; end if;
        return new;
      end $$`));
    await env.ctx.db.execute(sql`create trigger test_fail_base before insert on dues_bases for each row execute function test_fail_base()`);
    try {
      expect((await secretary.post(`/api/dues/bases/import/${job.id}/confirm`)).statusCode).toBe(200);
      const failed = await settle(secretary, job.id);
      expect(failed.status).toBe('failed');
      expect(failed.message).toContain('导入未完成，没有写入任何数据');
    } finally {
      await env.ctx.db.execute(sql`drop trigger if exists test_fail_base on dues_bases`);
      await env.ctx.db.execute(sql`drop function if exists test_fail_base()`);
    }
    expect(await env.ctx.db.select().from(duesBases)).toHaveLength(0);
    expect(await env.ctx.db.select().from(importJobRows)).toHaveLength(0);
    const strip = (rows: (typeof memberMonthly.$inferSelect)[]) => rows.map(({ computedAt: _c, ...r }) => r);
    expect(strip(await env.ctx.db.select().from(memberMonthly).orderBy(memberMonthly.memberId, memberMonthly.month))).toEqual(strip(monthsBefore));
    expect(await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'dues.importBases'))).toHaveLength(0);

    // Without the failure the same file imports completely, the started months re-rated.
    const again = await settle(secretary, (await upload(secretary, file)).json().jobId);
    expect((await secretary.post(`/api/dues/bases/import/${again.id}/confirm`)).statusCode).toBe(200);
    expect(await settle(secretary, again.id)).toMatchObject({ status: 'done', result: { inserted: 260, updated: 0 } });
    expect(await env.ctx.db.select().from(duesBases)).toHaveLength(260);
    const [march] = await env.ctx.db.select().from(memberMonthly).where(and(eq(memberMonthly.memberId, people[259].id), eq(memberMonthly.month, '2026-03')));
    expect(march).toMatchObject({ duesDue: true, paid: false });
  }, 120_000);

  it('needs dues.write: members and instructors get 403; the template downloads', async () => {
    const data = await workbook([['李建国', idOf('1980-01-01', 1), '在职', '3000', null]]);
    expect((await upload(await env.as('member'), data)).statusCode).toBe(403);
    expect((await upload(await env.as('instructor'), data)).statusCode).toBe(403);
    const tpl = await (await env.as('branchSecretary')).get('/api/dues/bases/import/template');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, '姓名', '身份证号', '党费类别', '月交纳基数（元）', '起始月份']);
  });
});

describe('dues receipt', () => {
  it('prints a payment with the amount in capitals; members may not; other towns get 404', async () => {
    const secretary = await env.as('branchSecretary');
    await secretary.post('/api/dues/bases', { memberId: env.base.member1Id, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 });
    const pay = await secretary.post('/api/dues/payments', { memberId: env.base.member1Id, months: ['2026-02', '2026-03'], amountFen: 8000, method: 'wechat', collector: '王书记', paidOn: '2026-03-10' });
    expect(pay.statusCode, pay.body).toBe(200);
    const { id, receiptNo } = pay.json();
    const r = await secretary.get(`/api/dues/payments/${id}/receipt`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ receiptNo, memberName: '李建国', months: ['2026-02', '2026-03'], amountFen: 8000, amountInWords: '捌拾元整', orgName: env.base.branch1.name, collector: '王书记' });
    const member = await env.as('member');
    expect((await member.get(`/api/dues/payments/${id}/receipt`)).statusCode).toBe(403);
    expect((await (await env.as('otherTownAdmin')).get(`/api/dues/payments/${id}/receipt`)).statusCode).toBe(404);
  });

  it('a member opens the receipts of their own payments from 我的党费, and nobody else\'s (404)', async () => {
    const secretary = await env.as('branchSecretary');
    const otherId = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '赵同支', birthDate: '1981-05-05' });
    for (const memberId of [env.base.member1Id, otherId]) {
      expect((await secretary.post('/api/dues/bases', { memberId, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000 })).statusCode).toBe(200);
    }
    const mine = (await secretary.post('/api/dues/payments', { memberId: env.base.member1Id, months: ['2026-03'], amountFen: 4000, method: 'cash', collector: '王书记', paidOn: '2026-03-10' })).json();
    const theirs = (await secretary.post('/api/dues/payments', { memberId: otherId, months: ['2026-03'], amountFen: 4000, method: 'cash', collector: '王书记', paidOn: '2026-03-10' })).json();
    const member = await env.as('member');
    const listed = (await member.get('/api/me/dues')).json().payments.map((p: { id: string }) => p.id);
    expect(listed).toEqual([mine.id]);
    const r = await member.get(`/api/me/dues/payments/${mine.id}/receipt`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ receiptNo: mine.receiptNo, memberName: '李建国', months: ['2026-03'], amountFen: 4000, amountInWords: '肆拾元整' });
    const other = await member.get(`/api/me/dues/payments/${theirs.id}/receipt`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toContain('党费交纳记录');
    // An account with no member record (the secretary here is not bound to one) sees no receipt through /me either.
    expect((await (await env.as('otherTownAdmin')).get(`/api/me/dues/payments/${mine.id}/receipt`)).statusCode).toBe(404);
  });
});
