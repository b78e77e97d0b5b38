// `npm run bench:care -- [--database-url postgres://postgres@127.0.0.1:5432/yanzhen_bench_care] [--counties 100]
//   [--iterations 20] [--keep]`
// Figures, never assertions. The care dashboard (GET /api/care/dashboard, the service call behind it) for one county
// and for a province-sized tenant, on PostgreSQL. The care tables are filled with bulk SQL (generate_series) at the
// demo county's proportions: per county 18 towns × 50 branches, ≈ 2,700 hardship and ≈ 900 elderly pairings, a year
// of visits (hardship monthly, elderly quarterly, ≈ 22,000), 12 transfers and ≈ 450 warnings. With 100 counties in one
// tenant that is ≈ 355,000 pairings and ≈ 2.2 million visits. The dashboard is read for the province root (every row)
// and for one county's subtree (its path prefix), p50 / p95 over the iterations.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config';
import type { Actor } from '../server/src/core/actor';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { createCareService } from '../server/src/modules/care/care.service';
import { dropPgDatabase, ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/yanzhen_bench_care' },
    counties: { type: 'string', default: '100' },
    iterations: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});

async function main() {
  const url = args['database-url']!;
  const counties = Number(args.counties);
  const iterations = Number(args.iterations);
  await recreatePgDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  await database.migrate();
  const config = { ...loadConfig(), databaseUrl: url };
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 7)), config, events: new EventBus() };
  const today = toChinaDate(new Date());
  const t0 = performance.now();
  const [{ id: countyId }] = await queryRows<{ id: string }>(ctx.db, sql`insert into counties (name, code) values ('基准省', '610000') returning id`);
  // Pairings: branch b of town t of county c has path /1/c/t/b/; ≈ 1 hardship and ≈ 2.9 elderly pairings per branch.
  await ctx.db.execute(sql`
    insert into care_pairings (county_id, kind, member_id, member_name, org_path, helper_member_id, helper_name, needs, started_on, last_visit_on, created_at, updated_at)
    select ${countyId}, case when k % 15 < 4 then 'hardship' else 'elderly' end, gen_random_uuid(), '党员' || k, '/1/' || c || '/' || t || '/' || b || '/',
           gen_random_uuid(), '帮扶人', '', ${today}::date - 400, ${today}::date - (abs(hashtext(c || '.' || t || '.' || b || '.' || k)) % 120), now(), now()
    from generate_series(1, ${counties}) c, generate_series(1, 18) t, generate_series(1, 50) b, generate_series(1, 4) k
    where abs(hashtext(c || ':' || t || ':' || b || ':' || k)) % 100 < 99`);
  const [{ pairings }] = await queryRows<{ pairings: number }>(ctx.db, sql`select count(*)::int as pairings from care_pairings`);
  console.log(`pairings: ${pairings} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await ctx.db.execute(sql`
    insert into care_visits (county_id, pairing_id, member_id, org_path, visited_on, kind, occasion, content, visitor_account_id, visitor_name, created_at)
    select p.county_id, p.id, p.member_id, p.org_path, g::date, 'visit', '上门走访', '基准走访', p.helper_member_id, p.helper_name, now()
    from care_pairings p, generate_series(${today}::date - 360, ${today}::date, case when p.kind = 'elderly' then interval '91 days' else interval '30 days' end) g`);
  const [{ visits }] = await queryRows<{ visits: number }>(ctx.db, sql`select count(*)::int as visits from care_visits`);
  console.log(`visits: ${visits} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await ctx.db.execute(sql`
    insert into transfers (county_id, direction, status, member_id, member_name, org_id, org_path, counterpart, letter_no, issued_on, valid_until, receipt_due_by, dues_paid_to, reason, created_at, updated_at)
    select ${countyId}, case when i % 3 = 0 then 'in' else 'out' end, case when i % 2 = 0 then 'open' else 'received' end, gen_random_uuid(), '党员', gen_random_uuid(), '/1/' || c || '/1/' || (i + 1) || '/', '外县',
           'B' || c || '-' || i, ${today}::date - 40 * i, ${today}::date - 40 * i + 90, ${today}::date - 40 * i + 30, '2026-01', '基准', now(), now()
    from generate_series(1, ${counties}) c, generate_series(1, 12) i`);
  await ctx.db.execute(sql`
    insert into care_warnings (county_id, kind, pairing_id, member_id, member_name, org_path, period, raised_at)
    select county_id, 'elderlyQuarterMissed', id, member_id, member_name, org_path, '2026-Q3', now() from care_pairings where kind = 'elderly' and abs(hashtext(id::text)) % 100 < 17`);
  await ctx.db.execute(sql`analyze`);
  const setup = ((performance.now() - t0) / 1000).toFixed(1);

  const care = createCareService(ctx);
  const actor = (orgPath: string): Actor => ({ accountId: '00000000-0000-4000-8000-000000000001', username: 'bench', displayName: '基准', role: 'countyAdmin', countyId, orgId: '00000000-0000-4000-8000-000000000002', orgPath, memberId: null, ip: null });
  const province = await timeIt(() => care.dashboard(actor('/1/'), {}), iterations);
  const county = await timeIt(() => care.dashboard(actor('/1/1/'), {}), iterations);
  const sample = await care.dashboard(actor('/1/1/'), {});
  console.log(`\n${os.cpus().length} CPUs, PostgreSQL, ${counties} counties in one tenant: ${pairings} pairings, ${visits} visits; setup ${setup} s`);
  console.log(table(['dashboard', 'p50 ms', 'p95 ms', 'max ms', 'n'], [
    ['province (every county)', ms(province.p50), ms(province.p95), ms(province.max), String(province.n)],
    ['one county (its subtree)', ms(county.p50), ms(county.p95), ms(county.max), String(county.n)],
  ]));
  console.log(`one county: ${sample.hardship.active} hardship, ${sample.elderly.active} elderly pairings, ${sample.visitsByMonth.reduce((s, m) => s + m.visits, 0)} visits in 12 months`);
  await database.close();
  if (!args.keep) await dropPgDatabase(url);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
