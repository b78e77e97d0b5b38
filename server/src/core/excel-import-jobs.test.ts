// The import pipeline's limits and its all-or-nothing promise, through the roster import: oversize files refused at
// upload (no job), a failure in the middle of the chunked confirmation and a restart in the middle leave no rows.
import { toChinaDate } from '@yanzhen/domain';
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRosterFile } from '../../../bench/roster-file';
import { importJobRows, importJobs, memberMonthly, members } from '../db/schema/index';
import { undoMemberRows } from '../modules/members/members-import.service';
import { buildMember } from '../test/factories';
import { createTestEnv, type Session, type TestEnv } from '../test/test-app';
import { buildSheetXlsx, buildZipBomb } from '../test/xlsx-files';
import { XLSX_MIME } from './excel';
import { MAX_UNCOMPRESSED_BYTES } from './excel-zip';
import { undoInterruptedImports } from './excel-import-jobs';

let env: TestEnv;
afterEach(async () => {
  await env.ctx.db.execute(sql`drop trigger if exists test_fail_member on members`);
  await env.ctx.db.execute(sql`drop function if exists test_fail_member()`);
  await env?.close();
});

function upload(session: Session, data: Buffer) {
  const boundary = `----yanzhen${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="名册.xlsx"\r\nContent-Type: ${XLSX_MIME}\r\n\r\n`);
  return session.inject({ method: 'POST', url: '/api/members/import', payload: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

async function settle(session: Session, jobId: string) {
  for (let i = 0; i < 1200; i++) {
    const job = (await session.get(`/api/members/import/${jobId}`)).json();
    if (job.status !== 'validating' && job.status !== 'importing') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not settle');
}

const count = async (table: typeof members | typeof memberMonthly | typeof importJobRows | typeof importJobs) => (await env.ctx.db.select({ n: sql<number>`count(*)::int` }).from(table))[0].n;

describe('import limits at upload', () => {
  it('refuses a zip bomb and a file of too many rows with a Chinese message, before any job starts', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    const bomb = await upload(s, await buildZipBomb(MAX_UNCOMPRESSED_BYTES + 10 * 1024 * 1024));
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error).toMatchObject({ code: 'EXCEL_TOO_LARGE', message: expect.stringContaining('文件解压后约 160 MB，超过 150 MB 的上限') });
    const titles = ['姓名', '性别', '身份证号'];
    const many = await upload(s, buildSheetXlsx([titles, ...Array.from({ length: 50_011 }, (_, i) => ['张三', '男', String(i)])]));
    expect(many.statusCode).toBe(400);
    expect(many.json().error).toEqual({ code: 'EXCEL_TOO_MANY_ROWS', message: '文件超过 50000 行的上限，请拆分后分批导入', details: { maxRows: 50_000 } });
    expect(await count(importJobs)).toBe(0);
  }, 120_000);
});

describe('all or nothing while writing in chunks', () => {
  it('a failure in the middle of the confirmation leaves no member, no rollup row and no staging row', async () => {
    env = await createTestEnv();
    const s = await env.as('countyAdmin');
    const file = await buildRosterFile(600, [env.base.branch1.name, env.base.branch2.name], toChinaDate(env.ctx.clock()));
    const up = await upload(s, file);
    expect(up.statusCode, up.body).toBe(200);
    const validated = await settle(s, up.json().jobId);
    expect(validated).toMatchObject({ status: 'validated', errorCount: 0, summary: { toInsert: 600 } });
    const membersBefore = await count(members);
    const rollupBefore = await count(memberMonthly);
    // The 451st new member's insert fails (after several chunks have been written, and on PGlite committed).
    await env.ctx.db.execute(sql.raw(`create function test_fail_member() returns trigger language plpgsql as $$
      begin
        if (select count(*) from members) >= ${membersBefore + 450} then raise exception 'simulated failure mid-import'; end if;
        return new;
      end $$`));
    await env.ctx.db.execute(sql`create trigger test_fail_member before insert on members for each row execute function test_fail_member()`);
    const confirm = await s.post(`/api/members/import/${up.json().jobId}/confirm`);
    expect(confirm.statusCode).toBe(200);
    const job = await settle(s, up.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.message).toContain('导入未完成，没有写入任何数据');
    expect(await count(members)).toBe(membersBefore);
    expect(await count(memberMonthly)).toBe(rollupBefore);
    expect(await count(importJobRows)).toBe(0);

    // Without the failure the same file imports completely.
    await env.ctx.db.execute(sql`drop trigger test_fail_member on members`);
    const again = await upload(s, file);
    await settle(s, again.json().jobId);
    expect((await s.post(`/api/members/import/${again.json().jobId}/confirm`)).statusCode).toBe(200);
    expect(await settle(s, again.json().jobId)).toMatchObject({ status: 'done', result: { inserted: 600, unchanged: 0 } });
    expect(await count(members)).toBe(membersBefore + 600);
    expect(await count(importJobRows)).toBe(0);
  }, 180_000);

  it('rows written before a restart in the middle are deleted again and the job reads failed', async () => {
    env = await createTestEnv();
    const { countyId, branch1, accountIds } = env.base;
    // As a chunked confirmation leaves them when the process dies: two members written and recorded, the job 'importing'.
    const [job] = await env.ctx.db.insert(importJobs).values({ countyId, accountId: accountIds.county, kind: 'members', status: 'importing', fileName: 'x.xlsx', totalRows: 3 }).returning();
    const written = [await buildMember(env.ctx, countyId, branch1, { name: '半途一' }), await buildMember(env.ctx, countyId, branch1, { name: '半途二' })];
    await env.ctx.db.insert(importJobRows).values(written.map((rowId) => ({ countyId, jobId: job.id, rowId })));
    const kept = await count(members);
    expect(await undoInterruptedImports(env.ctx, 'members', undoMemberRows)).toBe(1);
    expect(await count(members)).toBe(kept - 2);
    expect(await env.ctx.db.select().from(members).where(and(eq(members.countyId, countyId), eq(members.name, '半途一')))).toEqual([]);
    expect(await count(importJobRows)).toBe(0);
    const [after] = await env.ctx.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(after.status).toBe('failed');
    expect((after.result as { message: string }).message).toBe('任务因服务重启而中断，没有写入任何数据，请重新上传文件');
  });
});
