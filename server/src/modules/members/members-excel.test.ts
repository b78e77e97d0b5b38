import { MEMBER_SHEET_COLUMNS, addDays, composeIdNumber, idNumberBirthDate, memberSheetValues, type MemberFields } from '@yanzhen/domain';
import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../core/excel';
import { auditLog, importJobs, memberMonthly, members } from '../../db/schema/index';
import { buildMember, buildOrg, memberInput, type OrgFixture } from '../../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../../test/test-app';

let env: TestEnv;
afterEach(async () => env?.close());

type Cell = string | number | Date | null;
const TITLES = MEMBER_SHEET_COLUMNS.map((c) => c.title);

async function xlsxOf(rows: Cell[][], headers: string[] = TITLES): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sheetRow(fields: MemberFields, branch: OrgFixture | string, group: string | null = null): Cell[] {
  const values = memberSheetValues(fields, typeof branch === 'string' ? branch : branch.name, group);
  return MEMBER_SHEET_COLUMNS.map((c) => values[c.key]);
}

/** A member's fields with a fresh, valid ID number (unique by `n`). */
function person(orgId: string, n: number, overrides: Partial<MemberFields> = {}): MemberFields {
  const birthDate = addDays('1960-01-01', n % 9000);
  const gender = n % 2 ? 'male' : 'female';
  return memberInput(orgId, { name: '王秀兰', gender, birthDate, idNumber: composeIdNumber('610102', birthDate, Math.floor(n / 9000) + 10, gender), phone: null, ...overrides });
}

function upload(session: Session, data: Buffer, fileName = '党员名册.xlsx') {
  const boundary = `----yanzhen${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return session.inject({
    method: 'POST',
    url: '/api/members/import',
    payload: Buffer.concat([head, data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

type Job = {
  status: string;
  fileName: string;
  totalRows: number;
  processedRows: number;
  errors: { row: number; column: string; message: string }[];
  errorCount: number;
  warnings: string[];
  summary: { toInsert: number; unchanged: number } | null;
  result: { inserted: number; unchanged: number } | null;
  message: string | null;
};

async function settle(session: Session, jobId: string): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const res = await session.get(`/api/members/import/${jobId}`);
    expect(res.statusCode).toBe(200);
    const job = res.json() as Job;
    if (job.status !== 'validating' && job.status !== 'importing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not settle');
}

async function validate(session: Session, data: Buffer, fileName?: string): Promise<{ jobId: string; job: Job }> {
  const res = await upload(session, data, fileName);
  expect(res.statusCode, res.body).toBe(200);
  const { jobId } = res.json() as { jobId: string };
  return { jobId, job: await settle(session, jobId) };
}

async function importAll(session: Session, data: Buffer): Promise<Job> {
  const { jobId, job } = await validate(session, data);
  expect(job.errors).toEqual([]);
  const res = await session.post(`/api/members/import/${jobId}/confirm`);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('importing');
  return settle(session, jobId);
}

const memberCount = async () => (await env.ctx.db.select({ n: count() }).from(members))[0].n;
const auditCount = async (action: string) => (await env.ctx.db.select({ n: count() }).from(auditLog).where(eq(auditLog.action, action)))[0].n;

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    out.push(Object.fromEntries(TITLES.map((t, i) => [t, row.getCell(i + 1).value])));
  });
  return out;
};

describe('member import template', () => {
  it('has the headers, an ID column formatted as text, and drop-downs fed by a hidden options sheet', async () => {
    env = await createTestEnv();
    const res = await (await env.as('committeeAdmin')).get('/api/members/import/template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('党员名册导入模板.xlsx')}`);
    const wb = await readXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员名册', '填写说明', '选项']);
    const [main, guide, options] = wb.worksheets;
    expect((main.getRow(1).values as unknown[]).slice(1)).toEqual(TITLES);
    expect(main.getColumn(5).numFmt).toBe('@');
    expect(options.state).toBe('hidden');
    expect(guide.getCell('A2').value).toBe('姓名');

    const validations = (main as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const list = (col: string) => Object.entries(validations).find(([addr]) => addr.includes(`${col}2`))?.[1];
    for (const col of ['B', 'C', 'F', 'G', 'M', 'R']) expect(list(col)?.type, col).toBe('list');
    expect(list('B')?.formulae?.[0]).toBe("'选项'!$A$2:$A$3");
    expect(list('C')?.formulae?.[0]).toBe("'选项'!$B$2:$B$57");
    // Branches: only those of the account's scope (town1 sees 西官村, not town2's 鑫园村).
    expect(list('R')?.formulae?.[0]).toBe("'选项'!$F$2:$F$2");
    expect(options.getCell('F2').value).toBe('西官村党支部');
    expect(options.getCell('A2').value).toBe('男');
  });

  it('answers 403 to a member and 401 without login', async () => {
    env = await createTestEnv();
    expect((await (await env.as('member')).get('/api/members/import/template')).statusCode).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/api/members/import/template' })).statusCode).toBe(401);
  });
});

describe('member import', () => {
  it('reports exactly the bad rows with row numbers and columns, writes nothing, and refuses to confirm', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const good = person(branch1.id, 1);
    const badId = person(branch1.id, 2);
    const badRow = sheetRow(badId, branch1);
    badRow[4] = `${badId.idNumber.slice(0, 17)}${badId.idNumber[17] === '0' ? '1' : '0'}`;
    const file = await xlsxOf([sheetRow(good, branch1), badRow, sheetRow(person(branch1.id, 3), '不存在村党支部')]);
    const session = await env.as('committeeAdmin');
    const before = await memberCount();

    const { jobId, job } = await validate(session, file);
    expect(job.status).toBe('validated');
    expect(job.totalRows).toBe(3);
    expect(job.errorCount).toBe(2);
    expect(job.errors).toEqual([
      { row: 3, column: '身份证号', message: expect.stringContaining('身份证号校验码错误') },
      { row: 4, column: '所属支部', message: '所属支部“不存在村党支部”不存在或不在您的管辖范围内' },
    ]);
    const refused = await session.post(`/api/members/import/${jobId}/confirm`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('文件中有 2 处错误，不能导入；请按错误清单修改后重新上传');
    expect(await memberCount()).toBe(before);
  });

  it('imports a clean file in one go (encrypted ID, org path, one audit entry); the same file again changes nothing', async () => {
    env = await createTestEnv();
    const { branch1, group1 } = env.base;
    const mobile = person(branch1.id, 11, { categories: ['inService', 'mobile'], mobileDestination: '西安市雁塔区', mobileSince: '2024-03-01', mobileContact: '13900000000', groupId: group1.id, phone: '13800138000' });
    const probationary = person(branch1.id, 12, { status: 'probationary', fullMembershipDate: null, joinDate: '2025-12-01', categories: [] });
    const rows = [sheetRow(person(branch1.id, 10), branch1), sheetRow(mobile, branch1, group1.name), sheetRow(probationary, branch1)];
    const file = await xlsxOf(rows);
    const session = await env.as('committeeAdmin');
    const before = await memberCount();

    const { jobId, job } = await validate(session, file);
    expect(job.summary).toEqual({ toInsert: 3, unchanged: 0 });
    await session.post(`/api/members/import/${jobId}/confirm`);
    const done = await settle(session, jobId);
    expect(done.status).toBe('done');
    expect(done.result).toEqual({ inserted: 3, unchanged: 0 });
    expect(await memberCount()).toBe(before + 3);

    const [stored] = await env.ctx.db.select().from(members).where(eq(members.idNumberHash, env.ctx.crypto.hash(mobile.idNumber)));
    expect(stored.idNumberEnc).not.toContain(mobile.idNumber);
    expect(env.ctx.crypto.decrypt(stored.idNumberEnc)).toBe(mobile.idNumber);
    expect(stored).toMatchObject({ orgId: branch1.id, orgPath: branch1.path, groupId: group1.id, categories: ['inService', 'mobile'], mobileSince: '2024-03-01', countyId: env.base.countyId });
    // The imported members are on this month's wall chart and in the collection rate at once (their rollup rows).
    const [rollup] = await env.ctx.db.select().from(memberMonthly).where(eq(memberMonthly.memberId, stored.id));
    expect(rollup).toMatchObject({ orgPath: branch1.path, countyId: env.base.countyId });
    const audits = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.import'));
    expect(audits).toHaveLength(1);
    expect(audits[0].note).toBe('导入党员名册“党员名册.xlsx”：新增 3 人，未变化 0 人');
    expect(await auditCount('member.create')).toBe(0);

    // A confirmed job cannot be confirmed again.
    expect((await session.post(`/api/members/import/${jobId}/confirm`)).statusCode).toBe(422);

    const again = await importAll(session, file);
    expect(again.summary).toEqual({ toInsert: 0, unchanged: 3 });
    expect(again.result).toEqual({ inserted: 0, unchanged: 3 });
    expect(await memberCount()).toBe(before + 3);
  });

  it('names both rows of an ID number repeated in the file, and what differs from a member already on file', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const p = person(branch1.id, 20);
    const [member1] = await env.ctx.db.select().from(members).where(eq(members.id, env.base.member1Id));
    const existing = memberInput(branch1.id, { idNumber: env.ctx.crypto.decrypt(member1.idNumberEnc), gender: member1.gender as 'male', birthDate: idNumberBirthDate(env.ctx.crypto.decrypt(member1.idNumberEnc))!, name: '李建军', phone: '13911112222' });
    const file = await xlsxOf([sheetRow(p, branch1), sheetRow(person(branch1.id, 21), branch1), sheetRow(p, branch1), sheetRow(existing, branch1)]);
    const { job } = await validate(await env.as('committeeAdmin'), file);
    expect(job.errors).toEqual([
      { row: 2, column: '身份证号', message: '身份证号与第 4 行重复' },
      { row: 4, column: '身份证号', message: '身份证号与第 2 行重复' },
      { row: 5, column: '身份证号', message: expect.stringContaining('以下信息与档案不一致：姓名、联系电话') },
    ]);
  });

  it('reads Excel dates, trims cells, skips empty rows, maps categories, and ignores unknown columns with a warning', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const p = person(branch1.id, 30, { categories: ['inService', 'elderly'] });
    const row: Cell[] = sheetRow(p, branch1);
    row[3] = new Date(`${p.birthDate}T00:00:00Z`);
    row[0] = `  ${p.name} `;
    row[10] = p.joinDate.replaceAll('-', '/');
    row[13] = '在职党员；老党员';
    const file = await xlsxOf([[...row, '备注'], [], TITLES.map(() => null), [...row.slice(0, 4), 610102198001010000, ...row.slice(5)]], [...TITLES, '备注']);
    const { job } = await validate(await env.as('committeeAdmin'), file);
    expect(job.warnings).toEqual(['以下列无法识别，已忽略：备注']);
    expect(job.totalRows).toBe(2);
    expect(job.errors).toEqual([{ row: 5, column: '身份证号', message: '身份证号被 Excel 存成了数字，末几位已丢失，请将该列设为“文本”格式后重新填写' }]);
  });

  it('applies the form rules, with the form messages, to each row', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const full = person(branch1.id, 40);
    const r1 = sheetRow({ ...full, fullMembershipDate: null }, branch1);
    const r2 = sheetRow(person(branch1.id, 41), branch1, '不存在的小组');
    const r3 = sheetRow(person(branch1.id, 42), branch1);
    r3[5] = '本科';
    const { job } = await validate(await env.as('committeeAdmin'), await xlsxOf([r1, r2, r3]));
    expect(job.errors).toEqual([
      { row: 2, column: '转正日期', message: '正式党员须填写转正日期' },
      { row: 3, column: '党小组', message: '党小组“不存在的小组”不在“西官村党支部”下' },
      { row: 4, column: '学历', message: '学历“本科”不在可选范围内（可选：研究生、大学本科、大学专科、中专、高中、初中及以下）' },
    ]);
  });

  it('refuses a file that is not .xlsx, and fails the job of a corrupt file or one missing columns, in Chinese', async () => {
    env = await createTestEnv();
    const session = await env.as('committeeAdmin');
    const csv = await upload(session, Buffer.from('姓名,性别\n张三,男\n'), 'a.csv');
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.message).toBe('请上传 Excel（.xlsx）格式的文件（不支持 .xls、.csv、.et 等格式）');

    // A corrupt zip is refused at upload (its directory is read before a job starts).
    const corrupt = await upload(session, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]));
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json().error.message).toBe('文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开确认后重新保存再上传');

    const missing = await validate(session, await xlsxOf([['张三', '男']], ['姓名', '性别']));
    expect(missing.job.status).toBe('failed');
    expect(missing.job.message).toContain('缺少必需的列：民族、出生日期、身份证号');
    expect((await session.post(`/api/members/import/${missing.jobId}/confirm`)).statusCode).toBe(422);
  });

  it('shows a job only to the account that uploaded it (404), and refuses a member (403)', async () => {
    env = await createTestEnv();
    const { jobId } = await validate(await env.as('committeeAdmin'), await xlsxOf([sheetRow(person(env.base.branch1.id, 50), env.base.branch1)]));
    const other = await env.as('otherTownAdmin');
    expect((await other.get(`/api/members/import/${jobId}`)).statusCode).toBe(404);
    expect((await other.post(`/api/members/import/${jobId}/confirm`)).statusCode).toBe(404);
    expect((await (await env.as('countyAdmin')).get(`/api/members/import/${jobId}`)).statusCode).toBe(404);
    const member = await env.as('member');
    expect((await upload(member, await xlsxOf([]))).statusCode).toBe(403);
    expect((await member.get(`/api/members/import/${jobId}`)).statusCode).toBe(403);
    // Another town's branch is out of scope for the upload, too.
    const { job } = await validate(other, await xlsxOf([sheetRow(person(env.base.branch1.id, 51), env.base.branch1)]));
    expect(job.errors[0]).toMatchObject({ row: 2, column: '所属支部', message: '所属支部“西官村党支部”不存在或不在您的管辖范围内' });
  });

  it('re-checks at confirmation: an ID number entered since validation fails the job and writes nothing', async () => {
    env = await createTestEnv();
    const { countyId, branch1 } = env.base;
    const late = person(branch1.id, 70);
    const session = await env.as('committeeAdmin');
    const { jobId, job } = await validate(session, await xlsxOf([sheetRow(person(branch1.id, 71), branch1), sheetRow(late, branch1)]));
    expect(job.summary).toEqual({ toInsert: 2, unchanged: 0 });
    await buildMember(env.ctx, countyId, branch1, { ...late, name: '赵敏' });
    const before = await memberCount();
    expect((await session.post(`/api/members/import/${jobId}/confirm`)).statusCode).toBe(200);
    const failed = await settle(session, jobId);
    expect(failed.status).toBe('failed');
    expect(failed.message).toBe('导入未完成，没有写入任何数据：校验之后数据有变化（1 处），请重新上传文件');
    expect(failed.errors).toEqual([{ row: 3, column: '身份证号', message: expect.stringContaining('以下信息与档案不一致：姓名') }]);
    expect(await memberCount()).toBe(before);
    expect(await auditCount('member.import')).toBe(0);
  });

  it('refuses a branch name that is not unique in the scope', async () => {
    env = await createTestEnv();
    const { countyId, town1, branch1 } = env.base;
    await buildOrg(env.ctx, countyId, town1, { name: branch1.name, type: 'branch', sector: 'rural' });
    const { job } = await validate(await env.as('committeeAdmin'), await xlsxOf([sheetRow(person(branch1.id, 80), branch1)]));
    expect(job.errors).toEqual([{ row: 2, column: '所属支部', message: '支部名称不唯一：您的管辖范围内有 2 个“西官村党支部”，请联系管理员区分名称后再导入' }]);
  });

  it('takes one upload at a time per account, and reports a job interrupted by a restart as failed', async () => {
    env = await createTestEnv();
    const { branch1, countyId, accountIds } = env.base;
    const session = await env.as('committeeAdmin');
    const big = await xlsxOf(Array.from({ length: 1500 }, (_, i) => sheetRow(person(branch1.id, 7000 + i), branch1)));
    const first = await upload(session, big);
    const second = await upload(session, big);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toBe('您有一个导入任务正在处理，请等它完成后再上传或确认');
    expect((await settle(session, first.json().jobId)).status).toBe('validated');

    const [orphan] = await env.ctx.db
      .insert(importJobs)
      .values({ countyId, accountId: accountIds.town1, kind: 'members', status: 'importing', fileName: 'x.xlsx', totalRows: 5 })
      .returning();
    const job = (await session.get(`/api/members/import/${orphan.id}`)).json() as Job;
    expect(job.status).toBe('failed');
    expect(job.message).toBe('任务因服务重启而中断，没有写入任何数据，请重新上传文件');
  });

  // Opt-in (YANZHEN_BENCH=1): the 17,000-row target, validate + import under 15 s.
  it.runIf(process.env.YANZHEN_BENCH)('validates and imports 17,000 rows within 15 seconds', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const file = await xlsxOf(Array.from({ length: 17_000 }, (_, i) => sheetRow(person(branch1.id, 5000 + i, { phone: `139${String(i).padStart(8, '0')}` }), branch1)));
    const session = await env.as('countyAdmin');
    const started = Date.now();
    const { jobId, job } = await validate(session, file);
    const validated = Date.now();
    expect(job.summary).toEqual({ toInsert: 17_000, unchanged: 0 });
    await session.post(`/api/members/import/${jobId}/confirm`);
    const done = await settle(session, jobId);
    const finished = Date.now();
    console.log(`17,000 rows (${env.ctx.database.kind}): validate ${validated - started} ms, import ${finished - validated} ms`);
    expect(done.result).toEqual({ inserted: 17_000, unchanged: 0 });
    expect(finished - started).toBeLessThan(15_000);
  }, 120_000);

  it('imports 1,200 rows in bulk chunks with progress up to the total', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const rows = Array.from({ length: 1200 }, (_, i) => sheetRow(person(branch1.id, 1000 + i), branch1));
    const before = await memberCount();
    const done = await importAll(await env.as('countyAdmin'), await xlsxOf(rows));
    expect(done).toMatchObject({ status: 'done', totalRows: 1200, processedRows: 1200, result: { inserted: 1200, unchanged: 0 } });
    expect(await memberCount()).toBe(before + 1200);
  });
});

describe('member export', () => {
  it('streams the filtered roster masked by default (any role), formulas neutralized, with a watermark line', async () => {
    env = await createTestEnv();
    const { countyId, branch1, branch2 } = env.base;
    const hostile = person(branch1.id, 60, { address: '=HYPERLINK("http://evil.example","点此")', phone: '13812345678', categories: ['mobile'], mobileDestination: '深圳', mobileSince: '2024-01-01', mobileContact: '13812345678（本人）' });
    await buildMember(env.ctx, countyId, branch1, hostile);
    await buildMember(env.ctx, countyId, branch2, person(branch2.id, 61));

    const town = await env.as('committeeAdmin');
    const res = await town.get(`/api/members/export?orgId=${branch1.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = await readXlsx(res.rawPayload);
    const rows = rowsOf(wb.worksheets[0]);
    expect(rows).toHaveLength(2); // member1 and the hostile one, both in branch1
    const h = rows.find((r) => r['姓名'] === hostile.name && r['出生日期'] === hostile.birthDate.slice(0, 7));
    expect(h?.['身份证号']).toBe(`${hostile.idNumber.slice(0, 6)}************`);
    expect(h?.['联系电话']).toBe('138****5678');
    expect(h?.['外出联系方式']).toBe('138****5678（本人）');
    expect(h?.['家庭住址']).toBe(`'${hostile.address}`);
    expect(h?.['所属支部']).toBe('西官村党支部');
    // Who and when: a line in the 导出记录 sheet and the header of every printed page.
    const line = String(wb.getWorksheet('导出记录')?.getRow(2).getCell(1).value);
    expect(line).toMatch(/^脱敏 · 导出人：.*（town1） · 导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2} · 人数：2$/);
    expect(wb.worksheets[0].headerFooter.oddHeader).toContain('导出人：');
    expect(await auditCount('member.export')).toBe(1);
    expect(await auditCount('member.exportSensitive')).toBe(0);

    // The county admin too gets the masked file unless asking for the full one.
    const county = await env.as('countyAdmin');
    const all = rowsOf((await readXlsx((await county.get('/api/members/export')).rawPayload)).worksheets[0]);
    expect(all).toHaveLength(3);
    // Roster order: branch by branch (the org tree's order), then by name.
    expect(all.map((r) => r['所属支部'])).toEqual(['西官村党支部', '西官村党支部', '鑫园村党支部']);
    expect(JSON.stringify(all)).not.toContain(hostile.idNumber);
    expect(JSON.stringify(all)).not.toContain('13812345678');
    expect(JSON.stringify(all)).not.toContain(hostile.birthDate);
    expect(await auditCount('member.exportSensitive')).toBe(0);
    const names = async (query: string) =>
      rowsOf((await readXlsx((await county.get(`/api/members/export?${query}`)).rawPayload)).worksheets[0]).map((r) => `${r['姓名']}@${r['所属支部']}`).sort();
    expect(await names(`gender=female&orgId=${branch2.id}`)).toEqual([]);
    expect(await names(`gender=male&orgId=${branch2.id}`)).toEqual(['王秀兰@鑫园村党支部']);
    expect(await names(`q=${encodeURIComponent('秀兰')}`)).toEqual(['王秀兰@西官村党支部', '王秀兰@鑫园村党支部']);
    expect(await names('q=ljg')).toEqual(['李建国@西官村党支部']);
    expect(await names(`q=${hostile.idNumber}`)).toEqual(['王秀兰@西官村党支部']);
    expect(await names(`q=${hostile.idNumber.slice(-4)}`)).toEqual(['王秀兰@西官村党支部']);
    expect(await names('status=probationary')).toEqual([]);
    await buildMember(env.ctx, countyId, branch1, person(branch1.id, 62, { name: '孙组员', groupId: env.base.group1.id }));
    expect(await names(`orgId=${env.base.group1.id}`)).toEqual(['孙组员@西官村党支部']);
    // A searched ID number is not written into the audit log.
    const logs = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.export'));
    expect(JSON.stringify(logs)).not.toContain(hostile.idNumber);
  });

  it('writes the full export only for members.exportSensitive with a typed reason: count, reason and watermark on record; re-imports as unchanged', async () => {
    env = await createTestEnv();
    const { countyId, branch1 } = env.base;
    const p = person(branch1.id, 70, { phone: '13812345678' });
    await buildMember(env.ctx, countyId, branch1, p);
    const county = await env.as('countyAdmin');

    // What the confirmation says: how many people's data would leave the system.
    const count = await county.get(`/api/members/export/count?orgId=${branch1.id}`);
    expect(count.json()).toEqual({ count: 2, mayExportFull: true });
    expect((await (await env.as('committeeAdmin')).get('/api/members/export/count')).json()).toEqual({ count: 2, mayExportFull: false });

    // No reason, a too short one: 400 in Chinese; a town admin (no exportSensitive): 403. Nothing written, nothing audited.
    const none = await county.get('/api/members/export?full=true');
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toMatchObject({ code: 'EXPORT_REASON_REQUIRED', message: '请填写导出完整信息的事由（至少4个字）' });
    expect((await county.get(`/api/members/export?full=true&reason=${encodeURIComponent('核对')}`)).statusCode).toBe(400);
    const town = await (await env.as('committeeAdmin')).get(`/api/members/export?full=true&reason=${encodeURIComponent('换届选举核对名单')}`);
    expect(town.statusCode).toBe(403);
    expect(town.json().error.message).toContain('导出敏感信息');
    expect((await (await env.as('branchSecretary')).get(`/api/members/export?full=true&reason=${encodeURIComponent('换届选举核对名单')}`)).statusCode).toBe(403);
    expect(await auditCount('member.export')).toBe(0);

    const reason = '报送县委组织部年度党内统计';
    const res = await county.get(`/api/members/export?full=true&orgId=${branch1.id}&reason=${encodeURIComponent(reason)}`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('党员名册_完整_');
    const wb = await readXlsx(res.rawPayload);
    const rows = rowsOf(wb.worksheets[0]);
    const row = rows.find((r) => r['身份证号'] === p.idNumber);
    expect(row?.['联系电话']).toBe('13812345678');
    expect(row?.['出生日期']).toBe(p.birthDate);
    const line = String(wb.getWorksheet('导出记录')?.getRow(2).getCell(1).value);
    expect(line).toContain('含完整身份证号和联系电话 · 导出人：');
    expect(line).toContain('（county）');
    expect(line).toContain(`事由：${reason} · 人数：2`);
    const [sensitive] = await env.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'member.exportSensitive'));
    expect(sensitive.note).toBe(`导出含完整身份证号和联系电话的党员名册 2 人，事由：${reason}`);
    expect(sensitive.changes).toEqual({ count: { before: null, after: 2 }, reason: { before: null, after: reason } });
    expect(sensitive.actorId).toBe(env.base.accountIds.county);

    // The full file (neutralized cells included) re-imports as unchanged.
    const before = await memberCount();
    const again = await importAll(county, res.rawPayload);
    expect(again.result).toEqual({ inserted: 0, unchanged: 2 });
    expect(await memberCount()).toBe(before);
  });

  it('pages through more rows than one batch and the full export re-imports as unchanged', async () => {
    env = await createTestEnv();
    const { branch1 } = env.base;
    const county = await env.as('countyAdmin');
    await importAll(county, await xlsxOf(Array.from({ length: 1050 }, (_, i) => sheetRow(person(branch1.id, 3000 + i), branch1))));
    const res = await county.get(`/api/members/export?sort=-birthDate&full=true&reason=${encodeURIComponent('核对导入结果')}`);
    const ws = (await readXlsx(res.rawPayload)).worksheets[0];
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(1051);
    expect(new Set(rows.map((r) => r['身份证号'])).size).toBe(1051);
    // By birth month (the precision kept in clear), newest first.
    const births = rows.map((r) => String(r['出生日期']).slice(0, 7));
    expect(births).toEqual([...births].sort().reverse());
    // Keyset paging through ties (1,050 namesakes): every row once, in the default order and by name.
    for (const query of ['', '?sort=name', '?sort=-createdAt']) {
      const ids = rowsOf((await readXlsx((await county.get(`/api/members/export${query}${query ? '&' : '?'}full=true&reason=${encodeURIComponent('核对导入结果')}`)).rawPayload)).worksheets[0]).map((r) => r['身份证号']);
      expect(new Set(ids).size, query).toBe(1051);
    }
    const before = await memberCount();
    const again = await importAll(county, res.rawPayload);
    expect(again.result).toEqual({ inserted: 0, unchanged: 1051 });
    expect(await memberCount()).toBe(before);
  });

  it('answers 404 for an org out of scope and 403 to a member', async () => {
    env = await createTestEnv();
    expect((await (await env.as('committeeAdmin')).get(`/api/members/export?orgId=${env.base.branch2.id}`)).statusCode).toBe(404);
    expect((await (await env.as('member')).get('/api/members/export')).statusCode).toBe(403);
    const wrongOrg = await env.ctx.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, 'member.export'), eq(auditLog.outcome, 'success')));
    expect(wrongOrg[0].n).toBe(0);
  });
});
