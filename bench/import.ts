// `npm run bench:import [-- --only pglite|postgres] [--database-url …] [--members 17000] [--import-rows 17000]`:
// how the server answers other requests while a big roster import runs. Loads the demo county (PGlite in a temporary
// folder; PostgreSQL in a fresh database), then uploads a 17,000-row roster and, while it is validated and while it is
// confirmed (written), calls GET /api/health and a member search (GET /api/members?q=王) back to back; prints p50/p95/max
// of each phase against the same calls with nothing else running. The server runs in this process (loopback HTTP),
// so any stall of its event loop shows up in the figures. Also: a zip bomb and a 100,000-row file, refused how fast.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows, type Database } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { mb, ms, loginAsAdmin, percentiles, recreatePgDatabase, type BenchClient as Client, sampleMemory, table, collectGarbage, type Timing } from './measure';
import { buildRosterFile, buildSheetXlsx, buildZipBomb } from './roster-file';
import { MEMBER_SHEET_COLUMNS } from '@yanzhen/domain';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    members: { type: 'string', default: '17000' },
    'import-rows': { type: 'string', default: '17000' },
    'skip-refusals': { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(args.members);
const IMPORT_ROWS = Number(args['import-rows']);
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_import';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const login = (base: string) => loginAsAdmin(base, DEMO_PASSWORD);

type JobView = { status: string; errorCount: number; errors: unknown[]; summary: unknown; result: unknown; message: string | null };

/** Calls `url` back to back (10 ms apart) until `stop` resolves; the latencies in ms. */
async function probe(client: Client, url: string, stop: { done: boolean }): Promise<number[]> {
  const samples: number[] = [];
  while (!stop.done) {
    const t = performance.now();
    const res = await client.get(url);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
    samples.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 10));
  }
  return samples;
}

/** Runs the two probes while `work` runs; returns their timings. */
async function whileRunning(client: Client, work: () => Promise<void>) {
  const stop = { done: false };
  const health = probe(client, '/api/health', stop);
  const search = probe(client, `/api/members?pageSize=20&q=${encodeURIComponent('王')}`, stop);
  const t = performance.now();
  try {
    await work();
  } finally {
    stop.done = true;
  }
  return { secs: (performance.now() - t) / 1000, health: percentiles(await health), search: percentiles(await search) };
}

async function pollJob(client: Client, jobId: string, until: string): Promise<JobView> {
  for (;;) {
    const res = await client.get(`/api/members/import/${jobId}`);
    const job = (await res.json()) as JobView;
    if (job.status === until || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

const row = (label: string, t: Timing) => [label, String(t.n), ms(t.p50), ms(t.p95), ms(t.max)];

async function runTarget(label: string, databaseUrl: string | null): Promise<void> {
  console.log(`\n=== ${label} ===`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-import-'));
  if (databaseUrl) await recreatePgDatabase(databaseUrl);
  let database: Database | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? null : path.join(tmp, 'pglite') });
    await database.migrate();
    const config = { ...loadConfig(), dataDir: tmp, databaseUrl };
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: config.secretKey, dataDir: tmp })), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    let t = performance.now();
    const stats = await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: MEMBERS, seed: 42 });
    console.log(`示范县载入：${stats.members} 名党员，${((performance.now() - t) / 1000).toFixed(1)} 秒`);
    if (databaseUrl) await database.db.execute(sql`analyze`);
    app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const client = await login(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);

    const branches = await queryRows<{ name: string }>(
      ctx.db,
      sql`select name from orgs where county_id = ${countyId} and type = 'branch' and dissolved_at is null group by name having count(*) = 1 order by min(path) limit 300`,
    );
    const file = await buildRosterFile(IMPORT_ROWS, branches.map((b) => b.name), toChinaDate(ctx.clock()));
    console.log(`名册 ${IMPORT_ROWS} 行，${(file.length / 1024 / 1024).toFixed(1)} MB`);

    const idle = await whileRunning(client, () => new Promise((r) => setTimeout(r, 3000)));
    collectGarbage();
    const mem = sampleMemory();
    let jobId = '';
    const validating = await whileRunning(client, async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), '党员名册-基准测试.xlsx');
      const up = await client.post('/api/members/import', form);
      if (up.status !== 200) throw new Error(`上传失败：${up.status} ${(await up.text()).slice(0, 300)}`);
      jobId = ((await up.json()) as { jobId: string }).jobId;
      const v = await pollJob(client, jobId, 'validated');
      if (v.status !== 'validated' || v.errorCount > 0) throw new Error(`校验未通过：${v.status} ${v.message ?? ''} ${JSON.stringify(v.errors.slice(0, 3))}`);
    });
    let outcome: JobView | null = null;
    const confirming = await whileRunning(client, async () => {
      const res = await client.post(`/api/members/import/${jobId}/confirm`);
      if (res.status !== 200) throw new Error(`确认失败：${res.status} ${(await res.text()).slice(0, 300)}`);
      outcome = await pollJob(client, jobId, 'done');
    });
    const m = mem.stop();
    console.log(
      table(['GET 请求（毫秒）', '次数', 'p50', 'p95', '最长'], [
        row('空闲时 /api/health', idle.health),
        row('空闲时 党员查询（王）', idle.search),
        row(`校验中（${validating.secs.toFixed(1)} 秒）/api/health`, validating.health),
        row('校验中 党员查询（王）', validating.search),
        row(`确认写入中（${confirming.secs.toFixed(1)} 秒）/api/health`, confirming.health),
        row('确认写入中 党员查询（王）', confirming.search),
      ]),
    );
    console.log(`导入结果：${JSON.stringify((outcome as JobView | null)?.result)}；进程 RSS 峰值 ${mb(m.peakRss)}（增长 ${mb(m.rssGrowth)}），堆峰值 ${mb(m.peakHeap)}`);

    if (!args['skip-refusals']) {
      const refuse = async (name: string, data: Buffer) => {
        collectGarbage();
        const mm = sampleMemory(5);
        const t0 = performance.now();
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(data)], { type: XLSX }), name);
        const res = await client.post('/api/members/import', form);
        const body = (await res.json()) as { error?: { message: string } };
        const mr = mm.stop();
        console.log(`${name}（${(data.length / 1024).toFixed(0)} KB）：${res.status}，${ms(performance.now() - t0)} 毫秒，RSS 增长 ${mb(mr.rssGrowth)}：${body.error?.message ?? JSON.stringify(body)}`);
      };
      t = performance.now();
      const bomb = await buildZipBomb(450 * 1024 * 1024);
      await refuse('解压后 450 MB 的文件', bomb);
      const titles = MEMBER_SHEET_COLUMNS.map((c) => c.title);
      const big = buildSheetXlsx([titles, ...Array.from({ length: 100_000 }, (_, i) => titles.map((t) => `${t}${i}`))]);
      await refuse('100,000 行的名册', big);
    }
  } finally {
    await app?.close();
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  const pgUrl = args['database-url'] || process.env.DATABASE_URL || DEFAULT_PG;
  console.log(`导入期间的响应（bench:import）：${new Date().toISOString()}，Node ${process.version}，${os.cpus().length} 核，负载 ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}`);
  if (args.only !== 'postgres') await runTarget(`PGlite（示范县 ${MEMBERS} 名党员）`, null);
  if (args.only !== 'pglite') await runTarget(`PostgreSQL（${pgUrl.replace(/\/\/[^@]*@/, '//')}，示范县 ${MEMBERS} 名党员）`, pgUrl);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
