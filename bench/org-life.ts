// `npm run bench:org-life [-- --database-url postgres://…] [--branches 5000] [--iterations 20]`
// Figures, never assertions: the frequency compliance of every branch (三会一课 and the theme day) for a year, over a
// synthetic tree of towns (100 branches each) with a year of meetings per branch (monthly committee, quarterly
// assembly and lecture, monthly theme day; one slot in nine missed). Times the county-wide computation (what the
// compliance page and the daily job do) and one town's, p50/p95. Read from the meeting rows (no rollup yet).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { computeCompliance, DEFAULT_ORG_LIFE_SETTINGS } from '../server/src/modules/org-life/org-life.service';
import { dropPgDatabase, ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({ options: { 'database-url': { type: 'string' }, branches: { type: 'string', default: '5000' }, iterations: { type: 'string', default: '20' } } });

async function main() {
  const branches = Number(args.branches);
  const year = 2026;
  const today = '2026-11-15';
  let dbUrl: string | null = null;
  if (args['database-url']) {
    const u = new URL(args['database-url']);
    u.pathname = `/yanzhen_bench_orglife_${process.pid}`;
    dbUrl = u.toString();
    await recreatePgDatabase(dbUrl);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-orglife-'));
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: dbUrl ? null : path.join(dataDir, 'pglite') });
  try {
    await database.migrate();
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 7)), config: { ...loadConfig(), dataDir }, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    const [root] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);
    const towns = Math.ceil(branches / 100);
    let t = Date.now();
    await ctx.db.execute(sql`insert into orgs (county_id, seq, parent_id, path, depth, name, type, sector)
      select ${countyId}, s, ${rootOrgId}, ${root.path} || s || '/', 1, '第' || i || '镇党委', 'committee', 'town'
      from (select nextval(pg_get_serial_sequence('orgs', 'seq')) as s, i from generate_series(1, ${towns}) i) x`);
    await ctx.db.execute(sql`insert into orgs (county_id, seq, parent_id, path, depth, name, type, sector)
      select ${countyId}, s, tw.id, tw.path || s || '/', 2, tw.name || '第' || i || '党支部', 'branch', 'rural'
      from (select nextval(pg_get_serial_sequence('orgs', 'seq')) as s, i from generate_series(1, ${branches}) i) x
      join (select id, path, name, row_number() over (order by seq) as n from orgs where county_id = ${countyId} and depth = 1) tw on tw.n = 1 + (x.i - 1) / 100`);
    await ctx.db.execute(sql`insert into org_life_meetings (county_id, org_id, org_path, kind, date, place, chair, recorder, topic)
      select o.county_id, o.id, o.path, k.kind, make_date(${year}, k.m, 5 + k.d), '活动室', '书记', '委员', '会议'
      from orgs o cross join (
        select 'branchCommittee' as kind, m, 0 as d from generate_series(1, 11) m
        union all select 'branchAssembly', m, 3 from unnest(array[2, 5, 8, 11]) m
        union all select 'partyLecture', m, 6 from unnest(array[3, 6, 9]) m) k
      where o.county_id = ${countyId} and o.type = 'branch' and abs(hashtext(o.id::text || k.kind || k.m)) % 9 <> 0`);
    await ctx.db.execute(sql`insert into theme_days (county_id, org_id, org_path, month, date, topic, place, content)
      select o.county_id, o.id, o.path, ${year}::text || '-' || lpad(m::text, 2, '0'), make_date(${year}, m, 1), '主题党日', '活动室', '学习'
      from orgs o cross join generate_series(1, 11) m where o.county_id = ${countyId} and o.type = 'branch' and abs(hashtext(o.id::text || m)) % 9 <> 0`);
    const loadMs = Date.now() - t;
    const [{ meetings }] = await queryRows<{ meetings: number }>(ctx.db, sql`select count(*)::int as meetings from org_life_meetings`);
    const [{ themeDays }] = await queryRows<{ themeDays: number }>(ctx.db, sql`select count(*)::int as "themeDays" from theme_days`);
    console.log(`${database.kind}: ${towns} towns, ${branches} branches, ${meetings} meetings and ${themeDays} theme days of ${year} generated in ${(loadMs / 1000).toFixed(1)} s`);
    const [town] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where county_id = ${countyId} and depth = 1 order by seq limit 1`);
    const iterations = Number(args.iterations);
    const county = await timeIt(() => computeCompliance(ctx.db, countyId, root.path, year, today, DEFAULT_ORG_LIFE_SETTINGS), Math.max(3, Math.round(iterations / 4)), 1);
    const oneTown = await timeIt(() => computeCompliance(ctx.db, countyId, town.path, year, today, DEFAULT_ORG_LIFE_SETTINGS), iterations, 2);
    const rows = [
      [`whole tree (${branches} branches)`, ms(county.p50), ms(county.p95), String(county.n)],
      ['one town (100 branches)', ms(oneTown.p50), ms(oneTown.p95), String(oneTown.n)],
    ];
    console.log(table(['compliance of', 'p50 ms', 'p95 ms', 'runs'], rows));
  } finally {
    await database.close();
    if (dbUrl) await dropPgDatabase(dbUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
void main();
