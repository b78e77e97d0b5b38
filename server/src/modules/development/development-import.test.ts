import { composeIdNumber } from '@yanzhen/domain';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { developmentEvents, developmentFiles, formNumbers, importJobRows } from '../../db/schema/index';
import { buildMember } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

const HEADER = ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号', '学历', '职业', '所在党支部', '递交入党申请书日期', '谈话日期', '确定入党积极分子日期', '确定发展对象日期', '入党志愿书编号', '支部大会讨论日期', '上级党委审批日期'];

async function workbook(rows: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('发展党员');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(session: Session, data: Buffer) {
  const boundary = `----yanzhen${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="dev.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`);
  const res = await session.inject({ method: 'POST', url: '/api/development/import', payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().jobId as string;
}

async function settle(session: Session, jobId: string) {
  for (let i = 0; i < 600; i++) {
    const job = (await session.get(`/api/development/import/${jobId}`)).json();
    if (job.status !== 'validating' && job.status !== 'importing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not settle');
}

const id = (birth: string, n: number) => composeIdNumber('610102', birth, n, 'male');
const row = (name: string, birth: string, n: number, dates: (string | null)[], branch = '西官村党支部', formNumber: string | null = null) => {
  const d = [...dates, null, null, null, null, null, null].slice(0, 6);
  return [name, '男', '汉族', birth, id(birth, n), null, '大学本科', '农牧渔民', branch, d[0], d[1], d[2], d[3], formNumber, d[4], d[5]];
};

describe('import of in-progress development files', () => {
  it('refuses the whole file when one row breaks a rule, naming the row, column and rule; imports a clean file', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const secretary = await env.as('branchSecretary');
    const bad = await workbook([
      row('甲', '1995-01-01', 11, ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10']),
      row('乙', '1995-02-01', 12, ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-09']),
      row('丙', '1995-03-01', 13, ['2024-01-10', null, '2024-07-10'], '鑫园村党支部'),
    ]);
    const job = await settle(secretary, await upload(secretary, bad));
    expect(job.status).toBe('validated');
    expect(job.errorCount).toBe(3);
    expect(job.errors).toEqual(expect.arrayContaining([
      { row: 3, column: '确定发展对象日期', message: '列为入党积极分子满一年后方可确定为发展对象，最早 2025-07-10' },
      { row: 4, column: '确定入党积极分子日期', message: '前面的步骤日期未填写，步骤须按顺序办理' },
      { row: 4, column: '所在党支部', message: '党支部“鑫园村党支部”不存在或不在您的管辖范围内' },
    ]));
    const confirmBad = await secretary.post(`/api/development/import/${(job as { id: string }).id}/confirm`);
    expect(confirmBad.statusCode).toBeGreaterThanOrEqual(400);
    expect(await env.ctx.db.select().from(developmentFiles)).toHaveLength(0);

    const member = await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '丁', birthDate: '1995-04-01', idNumber: id('1995-04-01', 14), status: 'probationary', joinDate: '2025-09-01', fullMembershipDate: null });
    const good = await workbook([
      row('甲', '1995-01-01', 11, ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10']),
      row('丁', '1995-04-01', 14, ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10', '2025-09-01', '2025-10-01'], '西官村党支部', '610102202500007'),
    ]);
    const jobId = await upload(secretary, good);
    expect(await settle(secretary, jobId)).toMatchObject({ status: 'validated', summary: { toInsert: 2 } });
    const confirmed = await secretary.post(`/api/development/import/${jobId}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await settle(secretary, jobId)).toMatchObject({ status: 'done', result: { inserted: 2 } });
    const files = await env.ctx.db.select().from(developmentFiles);
    const jia = files.find((f) => f.name === '甲')!;
    expect(jia).toMatchObject({ currentStep: 7, stage: 3, activistDate: '2024-07-10', candidateDate: '2025-07-10', memberId: null });
    const ding = files.find((f) => f.name === '丁')!;
    expect(ding).toMatchObject({ currentStep: 17, memberId: member, probationEnd: '2026-09-01', nextDeadline: '2026-09-01', formNumber: '610102202500007' });
    const register = await env.ctx.db.select().from(formNumbers).where(eq(formNumbers.number, '610102202500007'));
    expect(register).toMatchObject([{ fileId: ding.id, year: 2025, seq: 7, status: 'issued', issuedBy: 'secretary1（导入）' }]);
    // The imported file continues with the next step.
    const detail = (await secretary.get(`/api/development/files/${jia.id}`)).json();
    expect(detail.nextSteps).toEqual([8]);
    expect(detail.events.map((e: { step: number }) => e.step)).toEqual([1, 2, 3, 7]);
    expect((await env.ctx.db.select().from(developmentFiles).where(eq(developmentFiles.name, '甲')))).toHaveLength(1);
  });

  it('writes in chunks yet all or nothing: a failure in the middle leaves no file, event or staging row', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const secretary = await env.as('branchSecretary');
    const rows = Array.from({ length: 250 }, (_, i) => row(`批量${i}`, `${1990 + Math.floor(i / 50)}-01-01`, 10 + (i % 50), ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10']));
    const file = await workbook(rows);
    const jobId = await upload(secretary, file);
    expect(await settle(secretary, jobId)).toMatchObject({ status: 'validated', errorCount: 0, summary: { toInsert: 250 } });
    // The 221st file fails (after the first chunks were written — and on PGlite committed).
    await env.ctx.db.execute(sql.raw(`create function test_fail_file() returns trigger language plpgsql as $$
      begin
        if (select count(*) from development_files) >= 220 then raise exception 'simulated failure mid-import'; end if;
        return new;
      end $$`));
    await env.ctx.db.execute(sql`create trigger test_fail_file before insert on development_files for each row execute function test_fail_file()`);
    try {
      expect((await secretary.post(`/api/development/import/${jobId}/confirm`)).statusCode).toBe(200);
      const failed = await settle(secretary, jobId);
      expect(failed.status).toBe('failed');
      expect(failed.message).toContain('导入未完成，没有写入任何数据');
    } finally {
      await env.ctx.db.execute(sql`drop trigger if exists test_fail_file on development_files`);
      await env.ctx.db.execute(sql`drop function if exists test_fail_file()`);
    }
    expect(await env.ctx.db.select().from(developmentFiles)).toHaveLength(0);
    expect(await env.ctx.db.select().from(developmentEvents)).toHaveLength(0);
    expect(await env.ctx.db.select().from(importJobRows)).toHaveLength(0);

    const again = await upload(secretary, file);
    await settle(secretary, again);
    expect((await secretary.post(`/api/development/import/${again}/confirm`)).statusCode).toBe(200);
    expect(await settle(secretary, again)).toMatchObject({ status: 'done', result: { inserted: 250 } });
    expect(await env.ctx.db.select().from(developmentFiles)).toHaveLength(250);
    expect(await env.ctx.db.select().from(developmentEvents)).toHaveLength(1000);
    expect(await env.ctx.db.select().from(importJobRows)).toHaveLength(0);
  }, 180_000);

  it('validates form numbers: the county format, one per person in the sheet and the register, required once voted on', async () => {
    env = await createTestEnv({ now: '2026-06-15T02:00:00Z' });
    const secretary = await env.as('branchSecretary');
    const m1 = { birthDate: '1995-05-01', idNumber: id('1995-05-01', 21), status: 'probationary' as const, joinDate: '2025-09-01', fullMembershipDate: null };
    await buildMember(env.ctx, env.base.countyId, env.base.branch1, { name: '戊', ...m1 });
    const admitted = ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10', '2025-09-01', '2025-10-01'];
    const candidate = ['2024-01-10', '2024-01-20', '2024-07-10', '2025-07-10'];
    // One number already in the register (issued by the platform earlier).
    const first = await upload(secretary, await workbook([row('己', '1995-06-01', 22, candidate, '西官村党支部', '610102202600001')]));
    expect(await settle(secretary, first)).toMatchObject({ status: 'validated', errorCount: 0 });
    await secretary.post(`/api/development/import/${first}/confirm`);
    expect(await settle(secretary, first)).toMatchObject({ status: 'done' });
    const bad = await workbook([
      row('戊', '1995-05-01', 21, admitted),
      row('庚', '1995-07-01', 23, candidate, '西官村党支部', '61010220260001'),
      row('辛', '1995-08-01', 24, candidate, '西官村党支部', '610199202600002'),
      row('壬', '1995-09-01', 25, candidate, '西官村党支部', '610102202600001'),
      row('癸', '1995-10-01', 26, candidate, '西官村党支部', '610102202600003'),
      row('子', '1995-11-01', 27, candidate, '西官村党支部', '610102202600003'),
      row('丑', '1995-12-01', 28, ['2024-01-10', '2024-01-20', '2024-07-10'], '西官村党支部', '610102202600004'),
    ]);
    const job = await settle(secretary, await upload(secretary, bad));
    expect(job.errors).toEqual([
      { row: 2, column: '入党志愿书编号', message: '已召开支部大会讨论的须填写入党志愿书编号（一人一号）' },
      { row: 3, column: '入党志愿书编号', message: '入党志愿书编号应为15位数字（县代码6位 + 年份4位 + 序号5位），填写的是“61010220260001”' },
      { row: 4, column: '入党志愿书编号', message: '入党志愿书编号应以本县代码 610102 开头' },
      { row: 5, column: '入党志愿书编号', message: '入党志愿书编号 610102202600001 已在本县编号登记簿中（已发放或已作废的编号不能再用）' },
      { row: 7, column: '入党志愿书编号', message: '入党志愿书编号与第 6 行重复（一人一号）' },
      { row: 8, column: '入党志愿书编号', message: '确定为发展对象并经预审后才发放入党志愿书编号，请填写确定发展对象日期或删除编号' },
    ]);
    expect(await env.ctx.db.select().from(formNumbers)).toHaveLength(1);
  });
});
