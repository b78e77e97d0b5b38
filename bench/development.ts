// `npm run bench:development [-- --only pglite|postgres] [--members 17000] [--extra-files 150000] [--iterations 30]`
// Figures, never assertions: the development pipeline (GET /api/development/pipeline), the overdue list and the
// week's deadlines (GET /api/development/deadlines) through HTTP, for the county administrator (whole county) and
// for one town. On PostgreSQL, `--extra-files` adds synthetic open files (spread over every branch, stage and
// deadline) to measure a province-sized pipeline in one county's indexes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock, toChinaDate } from '@yanzhen/domain';
import { developmentDailyJob } from '../server/src/modules/development/development.jobs';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows, type Database } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { uncheckedSteps } from '../server/src/core/jobs';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    'database-url': { type: 'string' },
    members: { type: 'string', default: '17000' },
    'extra-files': { type: 'string', default: '150000' },
    iterations: { type: 'string', default: '30' },
    // A province on one PostgreSQL database: this many more counties (each a copy of the demo county's org tree) with
    // synthetic development files in bulk SQL. 99 counties + the demo county of 30,000 members ≈ 3,000,000 members.
    'province-counties': { type: 'string', default: '0' },
    'open-per-county': { type: 'string', default: '1500' },
    'closed-per-county': { type: 'string', default: '3000' },
    // Roster rows per synthetic county (bulk SQL), so the database holds the province's members too.
    'members-per-county': { type: 'string', default: '0' },
  },
});
const ITERATIONS = Number(args.iterations);
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_development';


/** Synthetic open files: copies of the demo's files, spread over every branch, with shifted deadlines. */
async function addFiles(ctx: AppContext, countyId: string, n: number): Promise<void> {
  await ctx.db.execute(sql`
    insert into development_files (county_id, org_id, org_path, name, gender, ethnicity, birth_month, id_number_enc, id_number_hash,
      education, occupation, status, current_step, stage, rule_set_version, application_date, next_deadline, next_deadline_kind, next_deadline_step)
    select ${countyId}, b.id, b.path, '合成' || g, case when g % 3 = 0 then 'female' else 'male' end, '汉族', date_trunc('month', date '1995-01-01' + (g % 3000))::date,
      ${ctx.crypto.encrypt('610529199501010011')}, 'synthetic-' || g, 'bachelor', 'farmer', 'active',
      1 + g % 24, case when g % 24 < 2 then 1 when g % 24 < 6 then 2 when g % 24 < 11 then 3 when g % 24 < 20 then 4 else 5 end, 1,
      current_date - (g % 900), current_date + ((g % 400) - 60), 'assessment', 6
    from generate_series(1, ${n}) g
    join lateral (select id, path from orgs where county_id = ${countyId} and type = 'branch' offset (g % (select count(*) from orgs where county_id = ${countyId} and type = 'branch')) limit 1) b on true`);
}

/**
 * A province: `counties` more counties, each with the demo county's org tree and `open` open files (spread over every
 * branch, step and deadline, some overdue) plus `closed` finished ones; then the daily job's warnings for every
 * county's overdue files, written in bulk as development.daily would.
 */
async function addProvince(ctx: AppContext, demoCountyId: string, counties: number, open: number, closed: number, membersPerCounty: number): Promise<void> {
  await ctx.db.execute(sql`insert into counties (name, code) select '合成县' || c, '69' || lpad(c::text, 4, '0') from generate_series(1, ${counties}) c`);
  await ctx.db.execute(sql`
    insert into orgs (county_id, path, depth, name, type, sector, grid_kind, sort_order)
    select c.id, o.path, o.depth, o.name, o.type, o.sector, o.grid_kind, o.sort_order
    from orgs o cross join counties c where o.county_id = ${demoCountyId} and c.name like '合成县%'`);
  await ctx.db.execute(sql`drop table if exists bench_branches`);
  await ctx.db.execute(sql`
    create unlogged table bench_branches as
    select o.county_id, o.id, o.path, (row_number() over (partition by o.county_id order by o.path) - 1)::int as rn
    from orgs o join counties c on c.id = o.county_id where c.name like '合成县%' and o.type = 'branch'`);
  await ctx.db.execute(sql`create index on bench_branches (county_id, rn)`);
  const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from orgs where county_id = ${demoCountyId} and type = 'branch'`);
  const insertFiles = async (count: number, status: string) => {
    await ctx.db.execute(sql`
      insert into development_files (county_id, org_id, org_path, name, gender, ethnicity, birth_month, id_number_enc, id_number_hash,
        education, occupation, status, current_step, stage, rule_set_version, application_date, next_deadline, next_deadline_kind, next_deadline_step, probation_end, completed_on)
      select b.county_id, b.id, b.path, '合成' || g, case when g % 3 = 0 then 'female' else 'male' end, '汉族', date_trunc('month', date '1995-01-01' + (g % 3000))::date,
        ${ctx.crypto.encrypt('610529199501010011')}, ${status} || '-' || b.county_id || '-' || g, 'bachelor', 'farmer', ${status},
        case when ${status} = 'active' then 1 + g % 24 else 25 end,
        case when ${status} <> 'active' then 5 when g % 24 < 2 then 1 when g % 24 < 6 then 2 when g % 24 < 11 then 3 when g % 24 < 20 then 4 else 5 end, 1,
        current_date - (g % 3650),
        case when ${status} = 'active' then current_date + ((g % 400) - 60) end,
        case when ${status} = 'active' then (array['talk','assessment','approval','conversion','conversionApproval'])[1 + g % 5] end,
        case when ${status} = 'active' then (array[2,6,17,23,24])[1 + g % 5] end,
        case when ${status} = 'active' and g % 5 = 3 then current_date + ((g % 400) - 60) end,
        case when ${status} <> 'active' then current_date - (g % 3650) end
      from counties c cross join generate_series(1, ${count}) g
      join bench_branches b on b.county_id = c.id and b.rn = g % ${n}
      where c.name like '合成县%'`);
  };
  if (membersPerCounty > 0) {
    const t = performance.now();
    await ctx.db.execute(sql`
      insert into members (county_id, org_id, org_path, name, name_initials, name_pinyin, gender, ethnicity, birth_month, id_number_enc, id_number_hash,
        id_tail_hash, education, occupation, join_date, full_membership_date, status)
      select b.county_id, b.id, b.path, '党员' || g, 'dy', 'dangyuan', case when g % 4 = 0 then 'female' else 'male' end, '汉族', date_trunc('month', date '1950-01-01' + (g % 20000))::date,
        ${ctx.crypto.encrypt('610529195001010011')}, 'm-' || b.county_id || '-' || g, md5(g::text), 'highSchool', 'farmer',
        date '1980-01-01' + (g % 15000), date '1981-01-01' + (g % 15000), 'full'
      from counties c cross join generate_series(1, ${membersPerCounty}) g
      join bench_branches b on b.county_id = c.id and b.rn = g % ${n}
      where c.name like '合成县%'`);
    console.log(`合成党员写入 ${((performance.now() - t) / 1000).toFixed(1)} 秒`);
  }
  await insertFiles(open, 'active');
  await insertFiles(closed, 'completed');
  await ctx.db.execute(sql`drop table bench_branches`);
  await ctx.db.execute(sql`
    insert into development_warnings (county_id, file_id, org_path, kind, step, due, message, detected_on)
    select county_id, id, org_path, next_deadline_kind, next_deadline_step, next_deadline, '合成预警', current_date
    from development_files where status = 'active' and next_deadline < current_date and county_id <> ${demoCountyId}
    on conflict do nothing`);
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
    const province = databaseUrl ? Number(args['province-counties']) : 0;
    const sizes: [string, 'none' | 'files' | 'province'][] = [['示范县', 'none']];
    if (province > 0) sizes.push([`全省：示范县 + ${province} 个合成县（每县进行中 ${args['open-per-county']} 份、已办结 ${args['closed-per-county']} 份）`, 'province']);
    else if (databaseUrl && Number(args['extra-files']) > 0) sizes.push([`+${args['extra-files']} 份合成档案`, 'files']);
    // The demo county's own warnings, from the daily job itself (timed).
    const tj = performance.now();
    const job = await developmentDailyJob.run(ctx, { countyId, period: toChinaDate(new Date()), now: new Date(), step: uncheckedSteps(ctx) });
    console.log(`development.daily（示范县）：${JSON.stringify(job)}，${((performance.now() - tj) / 1000).toFixed(2)} 秒`);
    app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const loginAs = async (username: string) => {
      const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      if (r.status !== 200) throw new Error(`login ${username} → ${r.status} ${await r.text()}`);
      return r.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    };
    let synthCookie = '';
    const get = async (url: string, as = cookie) => {
      const res = await fetch(`${base}${url}`, { headers: { cookie: as } });
      if (res.status !== 200) throw new Error(`${url} → ${res.status}`);
      return res.json() as Promise<{ total?: number; overdue?: number }>;
    };
    const [town] = await queryRows<{ id: string }>(ctx.db, sql`select o.id from orgs o where o.county_id = ${countyId} and o.depth = 1 order by (select count(*) from development_files f where f.org_path like o.path || '%') desc limit 1`);
    for (const [size, add] of sizes) {
      if (add === 'files') {
        const t2 = performance.now();
        await addFiles(ctx, countyId, Number(args['extra-files']));
        await database.db.execute(sql`analyze development_files`);
        console.log(`合成档案写入 ${((performance.now() - t2) / 1000).toFixed(1)} 秒`);
      } else if (add === 'province') {
        const t2 = performance.now();
        await addProvince(ctx, countyId, province, Number(args['open-per-county']), Number(args['closed-per-county']), Number(args['members-per-county']));
        await database.db.execute(sql`analyze`);
        const [t] = await queryRows<{ files: number; warnings: number; orgs: number; members: number }>(ctx.db, sql`select (select count(*)::int from development_files) as files, (select count(*)::int from development_warnings) as warnings, (select count(*)::int from orgs) as orgs, (select count(*)::int from members) as members`);
        console.log(`合成全省写入 ${((performance.now() - t2) / 1000).toFixed(1)} 秒：党员 ${t.members} 名，组织 ${t.orgs} 个，发展档案 ${t.files} 份，预警 ${t.warnings} 条`);
        // The county administrator of the first synthetic county (a copy of the demo administrator's account).
        await ctx.db.execute(sql`
          insert into accounts (county_id, username, display_name, password_hash, role, org_id, password_changed_at)
          select c.id, 'bench-synth-admin', '合成县管理员', a.password_hash, 'countyAdmin', o.id, a.password_changed_at
          from accounts a, counties c join orgs o on o.county_id = c.id and o.depth = 0
          where a.username = 'admin' and c.name = '合成县1'`);
        synthCookie = await loginAs('bench-synth-admin');
        const tj2 = performance.now();
        const again = await developmentDailyJob.run(ctx, { countyId, period: toChinaDate(new Date()), now: new Date(), step: uncheckedSteps(ctx) });
        console.log(`development.daily（示范县，全省库中再次运行）：${JSON.stringify(again)}，${((performance.now() - tj2) / 1000).toFixed(2)} 秒`);
      } else if (databaseUrl) await database.db.execute(sql`analyze`);
      const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from development_files where county_id = ${countyId} and status = 'active'`);
      const rows: string[][] = [];
      const cases: [string, string][] = [
        ['进度（全县）', '/api/development/pipeline'],
        ['超期名单第1页（全县）', '/api/development/deadlines?within=overdue&pageSize=20'],
        ['本周到期（全县）', '/api/development/deadlines?within=week&pageSize=20'],
        ['预警名单第1页（全县）', '/api/development/warnings?pageSize=20'],
        ['进度（最大的镇）', `/api/development/pipeline?orgId=${town.id}`],
        ['超期名单第1页（最大的镇）', `/api/development/deadlines?within=overdue&pageSize=20&orgId=${town.id}`],
      ];
      const measured: [string, string, string][] = cases.map(([name, url]) => [name, url, cookie]);
      if (add === 'province') {
        for (const [name, url] of cases.slice(0, 4)) measured.push([name.replace('全县', '一个合成县'), url, synthCookie]);
      }
      for (const [name, url, as] of measured) {
        let result = '';
        const timing = await timeIt(async () => {
          const body = await get(url, as);
          result = String(body.total ?? body.overdue ?? '');
        }, ITERATIONS);
        rows.push([name, result, ms(timing.p50), ms(timing.p95)]);
      }
      if (add === 'province') {
        // Province-wide, straight SQL (the platform's views are per county): open files per county and stage with the
        // overdue count, and the first page of the province's overdue files.
        const today = toChinaDate(new Date());
        const sqlCases: [string, () => Promise<string>][] = [
          ['全省各县各阶段人数和超期数（SQL）', async () => String((await queryRows(ctx.db, sql`select county_id, stage, count(*)::int, count(*) filter (where next_deadline < ${today})::int from development_files where status = 'active' group by county_id, stage`)).length)],
          ['全省超期名单第1页（SQL）', async () => String((await queryRows(ctx.db, sql`select id, name, next_deadline from development_files where status = 'active' and next_deadline < ${today} order by next_deadline, id limit 20`)).length)],
          ['全省各县预警数（SQL）', async () => String((await queryRows(ctx.db, sql`select county_id, kind, count(*)::int from development_warnings where resolved_on is null group by county_id, kind`)).length)],
        ];
        for (const [name, fn] of sqlCases) {
          let result = '';
          const timing = await timeIt(async () => {
            result = await fn();
          }, ITERATIONS);
          rows.push([name, result, ms(timing.p50), ms(timing.p95)]);
        }
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
