// `npm run bench:publicity [-- --database-url …] [--counties 20] [--units 500] [--people 5000] [--iterations 30]`
// Figures, never assertions: the publicity rankings (unit and person; month, quarter, year) answered from the month
// rollup (publicity_monthly) of a province-sized data set — many counties, each with its units and authors over a year —
// through the service the route calls; p50 / p95 in milliseconds for the first page and a deep page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../server/src/config';
import type { Actor } from '../server/src/core/actor';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { createPublicityService } from '../server/src/modules/publicity/publicity.service';
import { dropPgDatabase, ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    counties: { type: 'string', default: '20' },
    units: { type: 'string', default: '500' },
    people: { type: 'string', default: '5000' },
    iterations: { type: 'string', default: '30' },
  },
});

async function main() {
  const url = args['database-url'] ?? null;
  const counties = Number(args.counties);
  const units = Number(args.units);
  const people = Number(args.people);
  const iterations = Number(args.iterations);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-publicity-'));
  if (url) await recreatePgDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir: url ? null : path.join(tmp, 'pglite') });
  await database.migrate();
  const config = { ...loadConfig(), dataDir: tmp, databaseUrl: url };
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: null, dataDir: tmp })), config, events: new EventBus() };
  console.log(`=== ${url ? 'PostgreSQL' : 'PGlite'} · ${counties} 个县，每县 ${units} 个单位、${people} 名作者，12 个月 ===`);

  // The rollup as adoptions leave it: every unit and most authors have a row in most months (points by hash).
  let t = performance.now();
  await ctx.db.execute(sql`
    insert into publicity_monthly (county_id, month, kind, subject_id, name, org_name, items, centi)
    select c.id, to_char(make_date(2026, m, 1), 'YYYY-MM'), k.kind, md5(c.id::text || k.kind || s)::uuid,
      case k.kind when 'unit' then '单位' else '作者' end || s, '某单位', 1 + abs(hashtext(c.id::text || s || m)) % 4, (abs(hashtext(c.id::text || s || m || 'p')) % 20) * 50
    from (select gen_random_uuid() as id from generate_series(1, ${sql.raw(String(counties))})) c
    cross join generate_series(1, 12) m
    cross join (values ('unit', ${sql.raw(String(units))}), ('person', ${sql.raw(String(people))})) k(kind, n)
    cross join lateral generate_series(1, k.n) s
    where abs(hashtext(c.id::text || s || m || 'x')) % 100 < 80`);
  await ctx.db.execute(sql`analyze publicity_monthly`);
  const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from publicity_monthly`);
  const [{ id: countyId }] = await queryRows<{ id: string }>(ctx.db, sql`select county_id as id from publicity_monthly limit 1`);
  console.log(`月度汇总 ${n.toLocaleString()} 行，生成 ${((performance.now() - t) / 1000).toFixed(1)} 秒`);

  const service = createPublicityService(ctx);
  const actor: Actor = { accountId: countyId, username: 'bench', displayName: '基准', role: 'countyAdmin', countyId, orgId: countyId, orgPath: '/1/', memberId: null, ip: null };
  const cases: [string, Parameters<typeof service.ranking>[1]][] = [
    ['单位 · 月度 · 第1页', { kind: 'unit', month: '2026-06', page: 1, pageSize: 20 }],
    ['个人 · 月度 · 第1页', { kind: 'person', month: '2026-06', page: 1, pageSize: 20 }],
    ['个人 · 月度 · 第100页', { kind: 'person', month: '2026-06', page: 100, pageSize: 20 }],
    ['单位 · 季度 · 第1页', { kind: 'unit', year: 2026, quarter: 2, page: 1, pageSize: 20 }],
    ['个人 · 季度 · 第1页', { kind: 'person', year: 2026, quarter: 2, page: 1, pageSize: 20 }],
    ['个人 · 年度 · 第1页（年度汇总）', { kind: 'person', year: 2026, page: 1, pageSize: 20 }],
  ];
  const rows: string[][] = [];
  for (const [label, q] of cases) {
    const r = await service.ranking(actor, q);
    t = performance.now();
    const timing = await timeIt(() => service.ranking(actor, q), iterations);
    rows.push([label, String(r.total), ms(timing.p50), ms(timing.p95)]);
  }
  console.log(table(['排名', '总数', 'p50 毫秒', 'p95 毫秒'], rows));
  await database.close();
  if (url) await dropPgDatabase(url);
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
