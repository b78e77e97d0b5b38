// `npm run bench:search [-- --only pglite|postgres] [--members 17000] [--iterations 30] [--database-url postgres://…]
//   [--pglite-dir /path/to/pglite] [--data-dir <key folder>]`: name-fragment and broad searches of the roster, figures only.
// Sequential requests through HTTP as the county administrator (the server in this process), p50/p95 in ms, and the
// same statements in SQL before/after: a 3+ character fragment through the trigram index (`like`) against the scan it
// replaces (`strpos`, which no index matches), and a broad match's capped count against the exact count.
// Without --database-url / --pglite-dir a fresh demo county is loaded (PGlite in a temp folder; PostgreSQL in a scratch
// database yanzhen_bench_search, dropped at the end). An existing database is used as it is (its key in --data-dir).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { MEMBER_TOTAL_CAP, systemClock } from '@yanzhen/domain';
import { sql, type SQL } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows, type Database } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { dropPgDatabase, loginAsAdmin, ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    'pglite-dir': { type: 'string' },
    'data-dir': { type: 'string' },
    members: { type: 'string', default: '17000' },
    iterations: { type: 'string', default: '30' },
  },
});
const ITERATIONS = Number(args.iterations);
const SCRATCH_PG = 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_search';

type Target = { label: string; databaseUrl: string | null; pgliteDir: string | null; scratch: boolean };

/** PGlite open time, in memory, with and without pg_trgm (what loading the extension adds to every start). */
async function openTimes(): Promise<void> {
  const once = async (withTrgm: boolean) => {
    const t = performance.now();
    const db = withTrgm ? new PGlite({ extensions: { pg_trgm } }) : new PGlite();
    await db.waitReady;
    if (withTrgm) await db.exec('create extension if not exists pg_trgm');
    const elapsed = performance.now() - t;
    await db.close();
    return elapsed;
  };
  const plain: number[] = [];
  const trgm: number[] = [];
  for (let i = 0; i < 3; i++) {
    plain.push(await once(false));
    trgm.push(await once(true));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
  console.log(`PGlite 打开（内存库，3 次中位数）：不载入 pg_trgm ${ms(median(plain))} ms，载入并 CREATE EXTENSION ${ms(median(trgm))} ms`);
}

async function runTarget(target: Target): Promise<void> {
  console.log(`\n=== ${target.label} ===`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-search-'));
  const keyDir = args['data-dir'] ? path.resolve(args['data-dir']) : tmp;
  if (target.databaseUrl && target.scratch) await recreatePgDatabase(target.databaseUrl);
  let database: Database | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: target.databaseUrl ? null : (target.pgliteDir ?? path.join(tmp, 'pglite')) });
    await database.migrate();
    const config = { ...loadConfig(), dataDir: keyDir, databaseUrl: target.databaseUrl };
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: config.secretKey, dataDir: keyDir })), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    const [{ n: existing }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from members where county_id = ${countyId}`);
    if (Number(existing) === 0) {
      const stats = await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: Number(args.members), seed: 42 });
      console.log(`示范县载入：${stats.members} 名党员`);
    } else console.log(`沿用已有数据：${existing} 名党员`);
    await database.db.execute(sql`analyze members`);
    const [{ path: rootPath }] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);

    // Fragments sampled from the roster: 3-character full names, the 2-character given names of those, surnames.
    const names = (await queryRows<{ name: string }>(ctx.db, sql`select name from members where county_id = ${countyId} and left_at is null and char_length(name) = 3 order by md5(name) limit 30`)).map((r) => r.name);
    const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
    const surnames = ['王', '李', '张', '刘', '陈', '杨'];
    const cases: { label: string; q: (i: number) => string }[] = [
      { label: '姓氏（1字，strpos 扫描）', q: (i) => `q=${encodeURIComponent(pick(surnames, i))}` },
      { label: '名（2字，strpos 扫描）', q: (i) => `q=${encodeURIComponent(pick(names, i).slice(1))}` },
      { label: '全名（3字，三元组索引）', q: (i) => `q=${encodeURIComponent(pick(names, i))}` },
      { label: '宽泛筛选（正式党员，计数封顶）', q: () => 'status=full' },
      { label: '全县第一页（无条件，精确计数）', q: () => '' },
    ];

    app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const client = await loginAsAdmin(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, DEMO_PASSWORD);
    const rows: string[][] = [];
    for (const c of cases) {
      let last = { total: 0, totalCapped: false };
      const t = await timeIt(async (i) => {
        const res = await client.get(`/api/members?pageSize=20&${c.q(i)}`);
        if (res.status !== 200) throw new Error(`${c.q(i)} → ${res.status}`);
        last = (await res.json()) as typeof last;
      }, ITERATIONS);
      rows.push([c.label, `${last.total}${last.totalCapped ? '+' : ''}`, ms(t.p50), ms(t.p95)]);
    }
    console.log('\n党员查询（GET /api/members，每页20条，顺序请求；毫秒；命中为最后一次的 total，+ 表示封顶）');
    console.log(table(['条件', '命中', 'p50', 'p95'], rows));

    // The same conditions in SQL: what the index and the cap change.
    const scope = sql`county_id = ${countyId} and (org_path collate "C") like ${`${rootPath}%`} and left_at is null`;
    const count = (cond: (i: number) => SQL) => (i: number) => queryRows(ctx.db, sql`select count(*) from members where ${scope} and ${cond(i)}`);
    const cappedCount = (cond: (i: number) => SQL) => (i: number) =>
      queryRows(ctx.db, sql`select count(*) from (select 1 from members where ${scope} and ${cond(i)} limit ${MEMBER_TOTAL_CAP + 1}) c`);
    const sqlCases: [string, (i: number) => Promise<unknown>][] = [
      ['3字全名 like（三元组索引）', count((i) => sql`name like ${`%${pick(names, i)}%`}`)],
      ['3字全名 strpos（原扫描）', count((i) => sql`strpos(name, ${pick(names, i)}) > 0`)],
      ['2字名 strpos（扫描）', count((i) => sql`strpos(name, ${pick(names, i).slice(1)}) > 0`)],
      ['2字名 like（无三元组，索引全扫）', count((i) => sql`name like ${`%${pick(names, i).slice(1)}%`}`)],
      ['正式党员 精确计数', count(() => sql`status = 'full'`)],
      [`正式党员 计数至 ${MEMBER_TOTAL_CAP}`, cappedCount(() => sql`status = 'full'`)],
      ['1字姓氏 精确计数', count((i) => sql`strpos(name, ${pick(surnames, i)}) > 0`)],
      [`1字姓氏 计数至 ${MEMBER_TOTAL_CAP}`, cappedCount((i) => sql`strpos(name, ${pick(surnames, i)}) > 0`)],
    ];
    const sqlRows: string[][] = [];
    for (const [label, fn] of sqlCases) {
      const t = await timeIt(fn, ITERATIONS);
      sqlRows.push([label, ms(t.p50), ms(t.p95)]);
    }
    console.log('\nSQL（count(*)，毫秒）');
    console.log(table(['语句', 'p50', 'p95'], sqlRows));
    const plan = await queryRows<Record<string, string>>(ctx.db, sql`explain select id from members where ${scope} and name like ${`%${names[0]}%`}`);
    console.log(`\n3字全名的计划：${plan.map((r) => Object.values(r)[0].trim()).filter((l) => /Scan/.test(l)).join(' | ')}`);
  } finally {
    await app?.close();
    await database?.close();
    if (target.databaseUrl && target.scratch) await dropPgDatabase(target.databaseUrl);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const pgUrl = args['database-url'] ?? null;
const targets: Target[] = [
  { label: 'PGlite', databaseUrl: null, pgliteDir: args['pglite-dir'] ? path.resolve(args['pglite-dir']) : null, scratch: false },
  { label: 'PostgreSQL', databaseUrl: pgUrl ?? SCRATCH_PG, pgliteDir: null, scratch: !pgUrl },
].filter((t) => !args.only || t.label.toLowerCase().startsWith(args.only.toLowerCase()));
if (targets.some((t) => t.label === 'PGlite')) await openTimes();
for (const t of targets) await runTarget(t);
