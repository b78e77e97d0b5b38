// `npm run bench [-- --only pglite|postgres] [--database-url …] [--data-dir …] [--members 17000] [--iterations 30]
//   [--import-rows 17000] [--skip-search] [--skip-tree] [--skip-export] [--skip-import] [--export-all]`
// Figures, never assertions: member search through HTTP against the same query in SQL, the org tree, roster export and
// import, on embedded PGlite (a demo county in a temporary folder) and on PostgreSQL (a fresh database, or DATABASE_URL
// as it is when it already holds a county — e.g. the 3,000,000-member one loaded with `npm run demo`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addYears, latestBirthDateForAge, systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows, type Database } from '../server/src/core/db';
import { idTailHash } from '../server/src/modules/members/members.mapper';
import { EventBus } from '../server/src/core/events';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { collectGarbage, mb, ms, loginAsAdmin, recreatePgDatabase, sampleMemory, type BenchClient as Client, table, timeIt, type Timing } from './measure';
import { buildRosterFile } from './roster-file';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    members: { type: 'string', default: '17000' },
    iterations: { type: 'string', default: '30' },
    'import-rows': { type: 'string', default: '17000' },
    'skip-import': { type: 'boolean', default: false },
    'skip-export': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-tree': { type: 'boolean', default: false },
    'export-all': { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(args.members);
const ITERATIONS = Number(args.iterations);
const IMPORT_ROWS = Number(args['import-rows']);
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_county';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Target = { label: string; databaseUrl: string | null; fresh: boolean };


const login = (base: string) => loginAsAdmin(base, DEMO_PASSWORD);

async function getJson<T>(client: Client, url: string): Promise<T> {
  const res = await client.get(url);
  if (res.status !== 200) throw new Error(`${url} → ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

type SearchCase = { label: string; params: (i: number) => string; where: (i: number) => ReturnType<typeof sql>; order?: (i: number) => ReturnType<typeof sql> };

async function searchCases(ctx: AppContext, countyId: string, today: string): Promise<SearchCase[]> {
  // Search texts taken from the roster itself, in a fixed order.
  const rows = await queryRows<{ name: string; initials: string; enc: string }>(
    ctx.db,
    sql`select name, name_initials as initials, id_number_enc as enc from members where county_id = ${countyId} and left_at is null order by md5(name || birth_month::text || id_number_hash) limit 40`,
  );
  // The ID tail is searched through its keyed hash (members.mapper idTailHash).
  const samples = rows.map((r) => {
    const tail = ctx.crypto.decrypt(r.enc).slice(-4);
    return { ...r, tail, tailHash: idTailHash(ctx.crypto, tail) };
  });
  const town = await largestTown(ctx, countyId);
  const pick = <T>(items: T[], i: number) => items[i % items.length];
  const namePrefix = (i: number) => [...pick(samples, i).name].slice(0, 2).join('');
  const enc = encodeURIComponent;
  const surname = (i: number) => pick(['王', '李', '张', '刘', '陈', '杨'], i);
  const bornOnOrBefore30 = latestBirthDateForAge(today, 30);
  const bornAfter40 = addYears(today, -41);
  const cases: SearchCase[] = [
    { label: '姓氏（1字，王/李/张…）', params: (i) => `q=${enc(surname(i))}`, where: (i) => sql`m.name like ${`%${surname(i)}%`}`, order: (i) => sql`(m.name like ${`${surname(i)}%`}) desc,` },
    { label: '姓名前缀（2字）', params: (i) => `q=${enc(namePrefix(i))}`, where: (i) => sql`m.name like ${`%${namePrefix(i)}%`}`, order: (i) => sql`(m.name like ${`${namePrefix(i)}%`}) desc,` },
    { label: '拼音首字母', params: (i) => `q=${pick(samples, i).initials}`, where: (i) => sql`(m.name_initials like ${`${pick(samples, i).initials}%`} or m.name_pinyin like ${`${pick(samples, i).initials}%`})` },
    { label: '身份证/手机号后4位', params: (i) => `q=${pick(samples, i).tail}`, where: (i) => sql`(m.id_tail_hash = ${pick(samples, i).tailHash} or m.phone_tail = ${pick(samples, i).tail})` },
    { label: '全县第一页（无条件）', params: () => '', where: () => sql`true` },
    { label: '老党员+女', params: () => 'category=elderly&gender=female', where: () => sql`m.categories @> array['elderly']::text[] and m.gender = 'female'` },
    { label: '预备党员+本科', params: () => 'status=probationary&education=bachelor', where: () => sql`m.status = 'probationary' and m.education = 'bachelor'` },
    { label: '30–40岁男党员', params: () => 'ageMin=30&ageMax=40&gender=male', where: () => sql`m.birth_month <= ${bornOnOrBefore30} and m.birth_month > ${bornAfter40} and m.gender = 'male'` },
    { label: '某镇流动党员', params: () => `orgId=${town.id}&category=mobile`, where: () => sql`m.org_path like ${`${town.path}%`} and m.categories @> array['mobile']::text[]` },
    { label: '2000–2010年入党', params: () => 'joinYearMin=2000&joinYearMax=2010', where: () => sql`m.join_date >= '2000-01-01' and m.join_date <= '2010-12-31'` },
  ];
  return cases;
}

/** The town or street with the most members (one grouped scan of the roster). */
async function largestTown(ctx: AppContext, countyId: string): Promise<{ id: string; path: string }> {
  const [town] = await queryRows<{ id: string; path: string }>(
    ctx.db,
    sql`select o.id, o.path from orgs o join (
          select substring(org_path from '^/[0-9]+/[0-9]+/') as path, count(*) as n from members where county_id = ${countyId} and left_at is null group by 1
        ) t on t.path = o.path
        where o.county_id = ${countyId} and o.sector in ('town', 'street') order by t.n desc limit 1`,
  );
  return town;
}

/** The roster search as one would write it by hand: page of 20 with the branch name, then the count when the page is full. */
async function directSearch(ctx: AppContext, countyId: string, rootPath: string, c: SearchCase, i: number): Promise<number> {
  const where = sql`m.county_id = ${countyId} and m.org_path like ${`${rootPath}%`} and m.left_at is null and ${c.where(i)}`;
  const rows = await queryRows<{ id: string }>(
    ctx.db,
    sql`select m.id, m.name, m.gender, m.birth_month, m.id_number_enc, m.phone_masked, m.education, m.join_date, m.status, m.categories, m.org_id, o.name as org_name
        from members m join orgs o on o.id = m.org_id where ${where}
        order by ${c.order ? c.order(i) : sql``} m.org_path, m.name_pinyin, m.name, m.id limit 20`,
  );
  if (rows.length < 20) return rows.length;
  const [{ n }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from members m where ${where}`);
  return Number(n);
}

async function drain(res: Response, file: string): Promise<number> {
  const out = fs.createWriteStream(file);
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(r));
  return bytes;
}

async function countXlsxRows(file: string): Promise<number> {
  let rows = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) for await (const _row of sheet) rows++;
  return rows;
}

type JobView = { status: string; errorCount: number; errors: { row: number; column: string; message: string }[]; summary: unknown; result: unknown; message: string | null; processedRows: number; totalRows: number };
async function pollJob(client: Client, jobId: string, until: string[], timeoutMs: number): Promise<JobView> {
  const started = Date.now();
  for (;;) {
    const job = await getJson<JobView>(client, `/api/members/import/${jobId}`);
    if (until.includes(job.status) || job.status === 'failed') return job;
    if (Date.now() - started > timeoutMs) throw new Error(`导入任务超时（状态 ${job.status}，${job.processedRows}/${job.totalRows}）`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function runTarget(target: Target): Promise<void> {
  console.log(`\n=== ${target.label} ===`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-'));
  const keyDir = args['data-dir'] ? path.resolve(args['data-dir']) : tmp;
  if (target.databaseUrl && target.fresh) await recreatePgDatabase(target.databaseUrl);
  let database: Database | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? null : path.join(tmp, 'pglite') });
    await database.migrate();
    const config = { ...loadConfig(), dataDir: keyDir, databaseUrl: target.databaseUrl };
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: config.secretKey, dataDir: keyDir })), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    const [{ n: existing }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from members where county_id = ${countyId}`);
    if (Number(existing) === 0) {
      const t = performance.now();
      const stats = await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: MEMBERS, seed: 42 });
      const secs = (performance.now() - t) / 1000;
      console.log(`示范县载入：${stats.members} 名党员、${stats.orgs} 个组织，${secs.toFixed(1)} 秒（${Math.round(stats.members / secs)} 行/秒）`);
    } else {
      console.log(`沿用已有数据：${existing} 名党员（密钥取自 ${keyDir}）`);
    }
    if (target.databaseUrl) await database.db.execute(sql`analyze`);
    const [{ path: rootPath }] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);
    const today = toChinaDate(ctx.clock());

    app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const client = await login(base);

    // Member search: HTTP (session, scope, validation, JSON) against the bare SQL.
    const rows: string[][] = [];
    for (const c of args['skip-search'] ? [] : await searchCases(ctx, countyId, today)) {
      let total = 0;
      const http = await timeIt(async (i) => {
        const body = await getJson<{ total: number }>(client, `/api/members?pageSize=20&${c.params(i)}`);
        total = body.total;
      }, ITERATIONS);
      const direct = await timeIt((i) => directSearch(ctx, countyId, rootPath, c, i), ITERATIONS);
      rows.push([c.label, String(total), ms(http.p50), ms(http.p95), ms(direct.p50), ms(direct.p95), `${(http.p50 / direct.p50).toFixed(1)}×`]);
    }
    if (rows.length > 0) {
      console.log('\n党员查询（GET /api/members，每页20条；毫秒）');
      console.log(table(['条件', '命中', 'HTTP p50', 'HTTP p95', 'SQL p50', 'SQL p95', 'HTTP/SQL'], rows));
    }

    // Org tree with member counts.
    const treeRows: string[][] = [];
    for (const [label, url] of args['skip-tree'] ? [] : ([['整棵树', '/api/orgs/tree'], ['两层（depth=2）', '/api/orgs/tree?depth=2']] as const)) {
      let nodes = 0;
      const t: Timing = await timeIt(async () => {
        nodes = (await getJson<{ items: unknown[] }>(client, url)).items.length;
      }, Math.max(5, Math.round(ITERATIONS / 2)), 2);
      treeRows.push([label, String(nodes), ms(t.p50), ms(t.p95)]);
    }
    if (treeRows.length > 0) {
      console.log('\n组织树（GET /api/orgs/tree，含党员人数；毫秒）');
      console.log(table(['范围', '节点', 'p50', 'p95'], treeRows));
    }

    if (!args['skip-export']) {
      const file = path.join(tmp, 'export.xlsx');
      // A big county exports its largest town (about as many rows as a whole demo county).
      const exportUrl = Number(existing) > 100_000 && !args['export-all'] ? `/api/members/export?orgId=${(await largestTown(ctx, countyId)).id}` : '/api/members/export';
      collectGarbage();
      const mem = sampleMemory();
      const t = performance.now();
      const res = await client.get(exportUrl);
      if (res.status !== 200) throw new Error(`导出失败：${res.status} ${(await res.text()).slice(0, 300)}`);
      const bytes = await drain(res, file);
      const secs = (performance.now() - t) / 1000;
      const m = mem.stop();
      const exported = (await countXlsxRows(file)) - 1;
      console.log(`\n导出（GET ${exportUrl.replace(/orgId=.*/, 'orgId=最大的镇')}）：${exported} 行，${(bytes / 1024 / 1024).toFixed(1)} MB，${secs.toFixed(1)} 秒；进程 RSS 峰值 ${mb(m.peakRss)}（增长 ${mb(m.rssGrowth)}），堆峰值 ${mb(m.peakHeap)}（增长 ${mb(m.heapGrowth)}）`);
    }

    if (!args['skip-import']) {
      const branches = await queryRows<{ name: string }>(
        ctx.db,
        sql`select name from orgs where county_id = ${countyId} and type = 'branch' and dissolved_at is null group by name having count(*) = 1 order by min(path) limit 300`,
      );
      let t = performance.now();
      const file = await buildRosterFile(IMPORT_ROWS, branches.map((b) => b.name), today);
      console.log(`\n导入（POST /api/members/import）：名册 ${IMPORT_ROWS} 行，${(file.length / 1024 / 1024).toFixed(1)} MB（生成 ${((performance.now() - t) / 1000).toFixed(1)} 秒）`);
      collectGarbage();
      const mem = sampleMemory();
      t = performance.now();
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), '党员名册-基准测试.xlsx');
      const up = await client.post('/api/members/import', form);
      if (up.status !== 200) throw new Error(`上传失败：${up.status} ${(await up.text()).slice(0, 300)}`);
      const { jobId } = (await up.json()) as { jobId: string };
      const uploaded = (performance.now() - t) / 1000;
      const validated = await pollJob(client, jobId, ['validated'], 240_000);
      const validateSecs = (performance.now() - t) / 1000;
      if (validated.status !== 'validated' || validated.errorCount > 0) {
        console.log(`  校验未通过（${validated.status}，${validated.errorCount} 个错误；${validated.message ?? ''}），前几个：`, validated.errors.slice(0, 5));
      } else {
        const c = performance.now();
        const confirm = await client.post(`/api/members/import/${jobId}/confirm`);
        if (confirm.status !== 200) throw new Error(`确认失败：${confirm.status} ${(await confirm.text()).slice(0, 300)}`);
        const done = await pollJob(client, jobId, ['done'], 240_000);
        const confirmSecs = (performance.now() - c) / 1000;
        const m = mem.stop();
        console.log(`  上传 ${uploaded.toFixed(1)} 秒；上传+校验 ${validateSecs.toFixed(1)} 秒（${JSON.stringify(validated.summary)}）；确认写入 ${confirmSecs.toFixed(1)} 秒（${done.status}，${JSON.stringify(done.result)}）；合计 ${(validateSecs + confirmSecs).toFixed(1)} 秒`);
        console.log(`  进程 RSS 峰值 ${mb(m.peakRss)}（增长 ${mb(m.rssGrowth)}），堆峰值 ${mb(m.peakHeap)}（增长 ${mb(m.heapGrowth)}）`);
      }
    }
  } finally {
    await app?.close();
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const started = Date.now();
  const pgUrl = args['database-url'] ?? process.env.DATABASE_URL ?? null;
  const targets: Target[] = [];
  if (args.only !== 'postgres') targets.push({ label: `PGlite（临时目录，示范县 ${MEMBERS} 名党员）`, databaseUrl: null, fresh: true });
  if (args.only !== 'pglite') {
    targets.push(pgUrl ? { label: `PostgreSQL（${pgUrl.replace(/\/\/[^@]*@/, '//')}）`, databaseUrl: pgUrl, fresh: false } : { label: `PostgreSQL（新建 ${DEFAULT_PG.replace(/\/\/[^@]*@/, '//')}，示范县 ${MEMBERS} 名党员）`, databaseUrl: DEFAULT_PG, fresh: true });
  }
  console.log(`雁阵基准测试：${new Date().toISOString()}，Node ${process.version}，${os.cpus().length} 核，负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}；每项 ${ITERATIONS} 次（另有预热）`);
  for (const t of targets) {
    try {
      await runTarget(t);
    } catch (err) {
      console.log(`  未完成：${err instanceof Error ? err.message : String(err)}`);
    }
  }
  console.log(`\n总用时 ${((Date.now() - started) / 1000).toFixed(0)} 秒`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
