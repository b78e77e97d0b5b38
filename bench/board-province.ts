// `npm run bench:board-province -- --database-url postgres://postgres@127.0.0.1:5432/yanzhen_bench_province
//   [--counties 100] [--towns 18] [--branches 99] [--iterations 10] [--clients 1000] [--keep]`
// Figures, never assertions. A province-sized duty year on PostgreSQL, written with bulk SQL (generate_series): one
// tenant holding the whole province (100 counties × 18 towns × 99 branches ≈ 180,000 orgs, the org count of about
// 3,000,000 members, one secretary each) and, in the same database, one county of 18 × 99 orgs. Per org: two monthly
// items a month (≈ 4.3 million items), their rollups computed by the real refresh, months closed by the real close.
// Measured: the daily and monthly jobs on the province, board data (p50 / p95, cache dropped before every call) for the
// province and for the county, a completed item → its event on a connected board, and N idle SSE boards.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import type { Actor } from '../server/src/core/actor';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, sha256 } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { createBoardService } from '../server/src/modules/duties/board.service';
import { closeEndedMonth, runDutiesDaily } from '../server/src/modules/duties/duties.jobs';
import { dutiesRepository } from '../server/src/modules/duties/duties.repository';
import { DUTY_CHANGED, createDutiesService } from '../server/src/modules/duties/duties.service';
import { ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_province' },
    counties: { type: 'string', default: '100' },
    towns: { type: 'string', default: '18' },
    branches: { type: 'string', default: '99' },
    iterations: { type: 'string', default: '10' },
    clients: { type: 'string', default: '1000' },
    keep: { type: 'boolean', default: false },
  },
});

const rows: string[][] = [];
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;
function step(label: string, t: number) {
  const s = secs(t);
  rows.push(['setup', label, s, '', '']);
  console.log(`${label}: ${s}`);
}

/**
 * A tenant whose levels below the root are `levels` (e.g. counties → towns → branches), every org written by one
 * INSERT … SELECT per level over generate_series. Returns the tenant id.
 */
async function buildTenant(ctx: AppContext, name: string, code: string, levels: { count: number; type: string; sector: string; label: string }[]) {
  const [{ id: countyId }] = await queryRows<{ id: string }>(ctx.db, sql`insert into counties (name, code) values (${name}, ${code}) returning id`);
  const [{ base }] = await queryRows<{ base: string }>(ctx.db, sql`select coalesce(max(seq), 0)::bigint as base from orgs`);
  const b = Number(base);
  await ctx.db.execute(sql`insert into orgs (county_id, seq, parent_id, path, depth, name, type, sector) values (${countyId}, ${b + 1}, null, ${`/${b + 1}/`}, 0, ${`中共${name}委员会`}, 'committee', 'county')`);
  // Level l has `prod(l)` orgs numbered n = 1..prod(l); parent of n is ceil(n / count(l)) on the level above.
  let offset = b + 1; // seq of the last org of the level above
  let parentOffset = b; // seq before the first org of the level above
  let above = 1;
  for (let l = 0; l < levels.length; l++) {
    const lv = levels[l];
    const total = above * lv.count;
    const grid = lv.type === 'branch';
    await ctx.db.execute(sql`
      insert into orgs (county_id, seq, parent_id, path, depth, name, type, sector, grid_kind, sort_order)
      select ${countyId}, ${offset} + g, p.id, p.path || (${offset} + g)::text || '/', ${l + 1},
        ${lv.label} || g::text || ${grid ? sql`case when g % 5 = 0 then '网格党支部' else '村党支部' end` : sql`''`},
        ${lv.type}, ${lv.sector}, ${grid ? sql`case when g % 5 = 0 then 'rural' else null end` : sql`null`}, g
      from generate_series(1, ${total}) g
      join orgs p on p.county_id = ${countyId} and p.seq = ${parentOffset} + ((g - 1) / ${lv.count}) + 1`);
    parentOffset = offset;
    offset += total;
    above = total;
  }
  await ctx.db.execute(sql`select setval(pg_get_serial_sequence('orgs', 'seq'), (select max(seq) from orgs))`);
  // One secretary per org below the counties' level (a member row each; the board reads the name).
  await ctx.db.execute(sql`
    insert into members (county_id, org_id, org_path, name, name_initials, name_pinyin, gender, ethnicity, birth_month, id_number_enc, id_number_hash, id_tail_hash, education, occupation, join_date, status)
    select county_id, id, path, '书记' || seq::text, 'sj', 'shuji', 'male', '汉族', '1975-01-01', 'x', md5(id::text), md5(id::text), 'bachelor', 'cadre', '2000-07-01', 'full'
    from orgs where county_id = ${countyId} and depth >= ${levels.length - 1}`);
  await ctx.db.execute(sql`update orgs o set secretary_member_id = m.id from members m where m.org_id = o.id and o.county_id = ${countyId} and m.county_id = ${countyId}`);
  return countyId;
}

/** Two monthly items a month for every org with a duty list; accepted / late / open by a fixed pattern up to `today`. */
async function buildItems(ctx: AppContext, countyId: string, year: number, today: string) {
  const tA = '00000000-0000-4000-8000-0000000000a1';
  const tB = '00000000-0000-4000-8000-0000000000b2';
  await ctx.db.execute(sql`
    insert into duty_items (county_id, org_id, org_path, template_item_id, year, period_key, frequency, title, due_date, month, weight, is_key,
      secretary_member_id, secretary_name, status, first_submitted_on, accepted_at, on_time, last_submitted_at)
    select o.county_id, o.id, o.path, t.tid, ${year}, d.month, 'monthly', t.title, d.due, d.month, t.weight, t.is_key,
      o.secretary_member_id, '书记' || o.seq::text,
      case when d.due >= ${today}::date then 'pending'
           when (o.seq + m.n + t.k) % 20 = 0 then 'pending'
           else 'accepted' end,
      case when d.due < ${today}::date and (o.seq + m.n + t.k) % 20 <> 0 then d.due - 1 end,
      case when d.due < ${today}::date and (o.seq + m.n + t.k) % 20 <> 0 then d.due::timestamptz + interval '2 days' end,
      case when d.due < ${today}::date and (o.seq + m.n + t.k) % 20 <> 0 then (o.seq + m.n) % 7 <> 0 end,
      case when d.due < ${today}::date and (o.seq + m.n + t.k) % 20 <> 0 then d.due::timestamptz - interval '1 day' end
    from orgs o
    cross join generate_series(1, 12) m(n)
    cross join (values (${tA}::uuid, '召开一次党建工作例会', 2, false, 25, 0), (${tB}::uuid, '开展一次主题党日活动', 3, true, 10, 1)) t(tid, title, weight, is_key, day, k)
    cross join lateral (select to_char(make_date(${year}, m.n, 1), 'YYYY-MM') as month, make_date(${year}, m.n, t.day) as due) d
    where o.county_id = ${countyId} and o.depth >= 1 and o.sector <> 'county'`);
  // The ticker reads the latest reports: one report per accepted item of the last 30 days.
  await ctx.db.execute(sql`
    insert into duty_submissions (county_id, item_id, org_path, text, submitted_by, submitted_by_name, submitted_at, status, reviewed_at)
    select county_id, id, org_path, '按期完成', '00000000-0000-4000-8000-000000000001', '书记', last_submitted_at, 'accepted', accepted_at
    from duty_items where county_id = ${countyId} and status = 'accepted' and due_date >= ${today}::date - 30`);
}

async function main() {
  const url = args['database-url']!;
  await recreatePgDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  const config = { ...loadConfig(), dataDir: os.tmpdir() };
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 7)), config, events: new EventBus() };
  const now = ctx.clock();
  const today = toChinaDate(now);
  const year = Number(today.slice(0, 4));
  const month = today.slice(0, 7);
  const lastMonth = `${year}-${String(Number(today.slice(5, 7)) - 1).padStart(2, '0')}`;
  try {
    await database.migrate();
    const [C, T, B] = [Number(args.counties), Number(args.towns), Number(args.branches)];
    let t = performance.now();
    const province = await buildTenant(ctx, '示范省', '610000', [
      { count: C, type: 'committee', sector: 'county', label: '县委' },
      { count: T, type: 'committee', sector: 'town', label: '镇党委' },
      { count: B, type: 'branch', sector: 'rural', label: '' },
    ]);
    const county = await buildTenant(ctx, '比照县', '619900', [
      { count: T, type: 'committee', sector: 'town', label: '镇党委' },
      { count: B, type: 'branch', sector: 'rural', label: '' },
    ]);
    const [{ n: orgCount }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from orgs where county_id = ${province}`);
    step(`orgs and secretaries written (province ${Number(orgCount).toLocaleString()} orgs, county ${(1 + T + T * B).toLocaleString()})`, t);
    t = performance.now();
    await buildItems(ctx, province, year, today);
    await buildItems(ctx, county, year, today);
    const [{ n: itemCount }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from duty_items where county_id = ${province}`);
    step(`duty items and recent reports written (province ${Number(itemCount).toLocaleString()} items)`, t);
    t = performance.now();
    for (const c of [province, county]) await dutiesRepository.refreshMonthly(ctx.db, c, today, now, { monthPrefix: String(year) });
    step('monthly rollups of the year computed by refreshMonthly (both tenants)', t);
    // Months before last month closed in bulk (stars by rate); last month closed by the real month-close job.
    for (const c of [province, county]) {
      await ctx.db.execute(sql`update duty_monthly set stars = case when rate >= 100 then 3 when rate >= 80 then 2 when rate >= 60 then 1 else 0 end, closed_at = now()
        where county_id = ${c} and month < ${lastMonth}`);
    }
    await ctx.db.execute(sql`analyze`);

    t = performance.now();
    const close = await closeEndedMonth(ctx, province, lastMonth, now);
    rows.push(['postgres', `duties.monthClose ${lastMonth}, province (${close.orgs} orgs, ${close.warningsRaised} warnings)`, secs(t), '', '1']);
    console.log(rows.at(-1)!.join(' | '));
    await closeEndedMonth(ctx, county, lastMonth, now);
    t = performance.now();
    const daily = await runDutiesDaily(ctx, province, today, now);
    rows.push(['postgres', `duties.daily ${today}, province (${daily.overdueItems} overdue items, ${daily.warningsRaised} warnings)`, secs(t), '', '1']);
    console.log(rows.at(-1)!.join(' | '));
    t = performance.now();
    const again = await runDutiesDaily(ctx, province, today, now);
    rows.push(['postgres', `duties.daily again, same day (raised ${again.warningsRaised}, updated ${again.warningsUpdated})`, secs(t), '', '1']);
    await runDutiesDaily(ctx, county, today, now);
    await ctx.db.execute(sql`analyze`);

    const board = createBoardService(ctx);
    const iterations = Number(args.iterations);
    for (const [label, c] of [['province', province], ['one county', county]] as const) {
      let size = 0;
      const compute = await timeIt(
        async () => {
          ctx.events.publish({ type: DUTY_CHANGED, countyId: c, payload: {} });
          size = JSON.stringify(await board.data(c, year)).length;
        },
        label === 'province' ? Math.max(5, Math.floor(iterations / 2)) : iterations * 3,
        1,
      );
      rows.push(['postgres', `board data, ${label}, computed (ms; JSON ${(size / 1024 / 1024).toFixed(1)} MB)`, ms(compute.p50), ms(compute.p95), String(compute.n)]);
      console.log(rows.at(-1)!.join(' | '));
    }
    board.close();

    // A server with boards connected to the province.
    const token = 'bench-province-board';
    await ctx.db.execute(sql`insert into board_links (county_id, name, token_hash) values (${province}, '省级大屏', ${sha256(token)})`);
    const app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    type Conn = { req: http.ClientRequest; waiters: ((at: number) => void)[] };
    const connect = () =>
      new Promise<Conn>((resolve, reject) => {
        const conn: Conn = { req: null as unknown as http.ClientRequest, waiters: [] };
        conn.req = http.get({ host: '127.0.0.1', port, path: `/api/board/${token}/stream`, agent }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (chunk.includes('event: change')) for (const w of conn.waiters.splice(0)) w(performance.now());
          });
          resolve(conn);
        });
        conn.req.on('error', reject);
      });
    const first = await connect();
    // A secretary of a branch deep in the province reports items through the real service.
    const open = await queryRows<{ id: string; org_id: string; org_path: string; version: number }>(
      ctx.db,
      sql`select id, org_id, org_path, version from duty_items where county_id = ${province} and status = 'pending' and due_date >= ${today} order by org_path desc limit 20`,
    );
    const duties = createDutiesService(ctx);
    const latencies: number[] = [];
    for (const item of open) {
      const actor: Actor = { accountId: '00000000-0000-4000-8000-000000000001', username: 'bench', displayName: '基准书记', role: 'branchSecretary', countyId: province, orgId: item.org_id, orgPath: item.org_path, memberId: null, ip: null };
      const got = new Promise<number>((r) => first.waiters.push(r));
      const start = performance.now();
      await duties.submit(actor, item.id, { text: '基准测试：完成情况说明', count: null, participants: [], fileIds: [], version: item.version });
      latencies.push((await got) - start);
    }
    latencies.sort((a, b) => a - b);
    rows.push(['postgres', 'province: completed item → event on a connected board (ms)', ms(latencies[Math.floor(latencies.length / 2)]), ms(latencies[Math.floor(latencies.length * 0.95)]), String(latencies.length)]);

    const n = Number(args.clients);
    const conns: Conn[] = [first];
    const before = process.memoryUsage().rss;
    for (let i = 1; i < n; i++) conns.push(await connect());
    const rss = process.memoryUsage().rss - before;
    const deliveries: number[] = [];
    for (let round = 0; round < 5; round++) {
      const all = conns.map((c) => new Promise<number>((r) => c.waiters.push(r)));
      const start = performance.now();
      ctx.events.publish({ type: DUTY_CHANGED, countyId: province, payload: { kind: 'accepted', itemId: 'x', orgId: 'x', orgName: 'x', secretaryName: null, title: 'x', month, at: new Date().toISOString() } });
      const times = (await Promise.all(all)).map((at) => at - start).sort((a, b) => a - b);
      deliveries.push(times[times.length - 1]);
    }
    deliveries.sort((a, b) => a - b);
    rows.push(['postgres', `one update to ${n} idle SSE boards, last one received (ms, 5 rounds)`, ms(deliveries[2]), ms(deliveries[4]), String(n)]);
    console.log(`${n} boards connected to one server; server + clients in one process, RSS grew ${(rss / 1024 / 1024).toFixed(0)} MB while connecting`);
    for (const c of conns) c.req.destroy();
    agent.destroy();
    await app.close();
  } finally {
    await database.close();
    if (!args.keep) {
      const u = new URL(url);
      const name = u.pathname.slice(1);
      u.pathname = '/postgres';
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: u.toString() });
      await admin.connect();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }
  console.log(table(['database', 'measure', 'p50 / time', 'p95', 'n'], rows));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
