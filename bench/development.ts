// `npm run bench:development [-- --only pglite|postgres] [--members 17000] [--extra-files 150000] [--iterations 30]`
// Figures, never assertions: the development pipeline (GET /api/development/pipeline), the overdue list and the
// week's deadlines (GET /api/development/deadlines) through HTTP, for the county administrator (whole county) and
// for one town. On PostgreSQL, `--extra-files` adds synthetic open files (spread over every branch, stage and
// deadline) to measure a province-sized pipeline in one county's indexes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows, type Database } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    members: { type: 'string', default: '17000' },
    'extra-files': { type: 'string', default: '150000' },
    iterations: { type: 'string', default: '30' },
  },
});
const ITERATIONS = Number(args.iterations);
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_development';


/** Synthetic open files: copies of the demo's files, spread over every branch, with shifted deadlines. */
async function addFiles(ctx: AppContext, countyId: string, n: number): Promise<void> {
  await ctx.db.execute(sql`
    insert into development_files (county_id, org_id, org_path, name, gender, ethnicity, birth_date, id_number_enc, id_number_hash, id_number_masked,
      education, occupation, status, current_step, stage, rule_set_version, application_date, next_deadline, next_deadline_kind, next_deadline_step)
    select ${countyId}, b.id, b.path, '合成' || g, case when g % 3 = 0 then 'female' else 'male' end, '汉族', date '1995-01-01' + (g % 3000),
      'x', 'synthetic-' || g, '610529********' || lpad((g % 10000)::text, 4, '0'), 'bachelor', 'farmer', 'active',
      1 + g % 24, case when g % 24 < 2 then 1 when g % 24 < 6 then 2 when g % 24 < 11 then 3 when g % 24 < 20 then 4 else 5 end, 1,
      current_date - (g % 900), current_date + ((g % 400) - 60), 'assessment', 6
    from generate_series(1, ${n}) g
    join lateral (select id, path from orgs where county_id = ${countyId} and type = 'branch' offset (g % (select count(*) from orgs where county_id = ${countyId} and type = 'branch')) limit 1) b on true`);
}

async function run(label: string, databaseUrl: string | null) {
  console.log(`\n=== ${label} ===`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-dev-'));
  if (databaseUrl) await recreatePgDatabase(databaseUrl);
  let database: Database | null = null;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? null : path.join(tmp, 'pglite') });
    await database.migrate();
    const config = { ...loadConfig(), dataDir: tmp, databaseUrl };
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: config.secretKey, dataDir: tmp })), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    const t = performance.now();
    const stats = await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: Number(args.members), seed: 42 });
    console.log(`示范县载入：${stats.members} 名党员，${((performance.now() - t) / 1000).toFixed(1)} 秒`);
    const sizes: [string, boolean][] = [['示范县', false]];
    if (databaseUrl && Number(args['extra-files']) > 0) sizes.push([`+${args['extra-files']} 份合成档案`, true]);
    app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const get = async (url: string) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
      return res.json() as Promise<{ total?: number; overdue?: number }>;
    };
    const [town] = await queryRows<{ id: string }>(ctx.db, sql`select o.id from orgs o where o.county_id = ${countyId} and o.depth = 1 order by (select count(*) from development_files f where f.org_path like o.path || '%') desc limit 1`);
    for (const [size, add] of sizes) {
      if (add) {
        const t2 = performance.now();
        await addFiles(ctx, countyId, Number(args['extra-files']));
        await database.db.execute(sql`analyze development_files`);
        console.log(`合成档案写入 ${((performance.now() - t2) / 1000).toFixed(1)} 秒`);
      } else if (databaseUrl) await database.db.execute(sql`analyze`);
      const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from development_files where county_id = ${countyId} and status = 'active'`);
      const rows: string[][] = [];
      const cases: [string, string][] = [
        ['进度（全县）', '/api/development/pipeline'],
        ['超期名单第1页（全县）', '/api/development/deadlines?within=overdue&pageSize=20'],
        ['本周到期（全县）', '/api/development/deadlines?within=week&pageSize=20'],
        ['进度（最大的镇）', `/api/development/pipeline?orgId=${town.id}`],
        ['超期名单第1页（最大的镇）', `/api/development/deadlines?within=overdue&pageSize=20&orgId=${town.id}`],
      ];
      for (const [name, url] of cases) {
        let result = '';
        const timing = await timeIt(async () => {
          const body = await get(url);
          result = String(body.total ?? body.overdue ?? '');
        }, ITERATIONS);
        rows.push([name, result, ms(timing.p50), ms(timing.p95)]);
      }
      console.log(`\n${size}：进行中档案 ${n} 份（毫秒）`);
      console.log(table(['请求', '结果（条数/超期数）', 'p50', 'p95'], rows));
    }
  } finally {
    await app?.close();
    await database?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (args.only !== 'postgres') await run('PGlite', null);
if (args.only !== 'pglite') await run('PostgreSQL', args['database-url'] ?? process.env.DATABASE_URL ?? DEFAULT_PG);
