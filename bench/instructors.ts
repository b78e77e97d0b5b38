// `npm run bench:instructors [-- --database-url …] [--instructors 3000] [--year 2026]`
// Figures, never assertions: the month close of the instructors' time on site for a province-sized pool (3,000
// instructors, a year of scanned visits on working days, ~45% of days on site), as the monthly job runs it: one month
// (seconds, visits per second), then a whole year closed in one pass; the county list's live month for a page; and a
// page of the 两书 list of assignments lacking a signed letter (one enterprise and assignment per instructor).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { addDays, chineseWorkingDays } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { ensureCounty } from '../server/src/bootstrap';
import { openDatabase, queryRows } from '../server/src/core/db';
import { pgArrayLiteral } from '../server/src/core/pg-array';
import { instructorsRepository } from '../server/src/modules/instructors/instructors.repository';
import { closeInstructorMonth, closeInstructorMonths, computeMonths, loadOnsiteSettings } from '../server/src/modules/instructors/instructors.service';
import { recreatePgDatabase } from './measure';

const { values: args } = parseArgs({ options: { 'database-url': { type: 'string' }, instructors: { type: 'string', default: '3000' }, year: { type: 'string', default: '2026' } } });

async function main() {
  const url = args['database-url'] ?? null;
  const n = Number(args.instructors);
  const year = Number(args.year);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-instructors-'));
  if (url) await recreatePgDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir: url ? null : path.join(tmp, 'pglite') });
  await database.migrate();
  const now = new Date(`${year}-12-31T10:00:00Z`);
  const ctx = { database, db: database.db, clock: () => now } as never;
  const { countyId } = await ensureCounty(ctx);
  console.log(`=== ${url ? 'PostgreSQL' : 'PGlite'} · ${n} 名指导员 · ${year} 年 ===`);

  let t = performance.now();
  await database.db.execute(sql`
    insert into instructors (county_id, member_id, name, org_path, source, skills, created_at, updated_at)
    select ${countyId}, gen_random_uuid(), '指导员' || g, '/1/' || (g % 120) || '/', 'townCadre', '党务', now(), now() from generate_series(1, ${n}) g`);
  const days: string[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (chineseWorkingDays.isWorkday(d)) days.push(d);
  // Visits: each instructor on ~45% of working days, 08:00–09:40 to 12:30–16:00 (China time); a few across midnight.
  await database.db.execute(sql`
    insert into site_visits (county_id, instructor_id, enterprise_id, org_path, in_at, out_at)
    select i.county_id, i.id, i.id, i.org_path,
           (d.day::timestamp + interval '8 hour' + ((abs(hashtext(i.id::text || d.day::text || 'i')) % 100) * interval '60 second')) at time zone 'Asia/Shanghai',
           (d.day::timestamp + interval '12 hour 30 minute' + ((abs(hashtext(i.id::text || d.day::text || 'o')) % 100) * interval '126 second')) at time zone 'Asia/Shanghai'
    from instructors i cross join unnest(${pgArrayLiteral(days)}::date[]) d(day)
    where i.county_id = ${countyId} and abs(hashtext(i.id::text || d.day::text)) % 100 < 45`);
  await database.db.execute(sql`analyze`);
  const [{ visits }] = await queryRows<{ visits: number }>(database.db, sql`select count(*)::int as visits from site_visits`);
  console.log(`生成数据：${visits} 条驻企记录，${((performance.now() - t) / 1000).toFixed(1)} 秒`);

  // 1. One month's close (the monthly job): all instructors of the county.
  const month = `${year}-06`;
  const [{ m }] = await queryRows<{ m: number }>(database.db, sql`select count(*)::int as m from site_visits where to_char(in_at at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}`);
  for (let run = 1; run <= 3; run++) {
    t = performance.now();
    const r = await database.db.transaction((tx) => closeInstructorMonth(tx, countyId, month, now));
    const secs = (performance.now() - t) / 1000;
    console.log(`${month} 月度结算（第 ${run} 次）：${r.instructors} 名指导员、${m} 条记录，${secs.toFixed(2)} 秒（${Math.round(m / secs)} 条/秒）；黄色 ${r.yellow}，红色 ${r.red}`);
  }

  // 2. A whole year closed in one pass (as the demo does).
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  t = performance.now();
  await database.db.transaction((tx) => closeInstructorMonths(tx, countyId, months, now));
  console.log(`全年 12 个月一次结算：${((performance.now() - t) / 1000).toFixed(2)} 秒（${n * 12} 行）`);

  // 3. The county list's live figures for one page (20 instructors) of a month not yet closed.
  const ids = (await queryRows<{ id: string }>(database.db, sql`select id from instructors order by name limit 20`)).map((r) => r.id);
  const s = await loadOnsiteSettings(database.db, countyId);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    await computeMonths(database.db, countyId, ids, `${year}-11`, s);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  console.log(`列表一页（20 名）本月实时计算：p50 ${samples[10].toFixed(1)} ms，p95 ${samples[18].toFixed(1)} ms`);

  // 4. The 两书 list: one enterprise and active assignment per instructor, two in three with the 目标责任书 signed and
  // one in three with both; a page of those lacking a signed letter, with its true total.
  await database.db.execute(sql`
    insert into enterprises (id, county_id, name, kind, created_at, updated_at) select i.id, i.county_id, '企业' || i.name, 'enterprise', now(), now() from instructors i where i.county_id = ${countyId}`);
  await database.db.execute(sql`
    insert into instructor_assignments (county_id, instructor_id, enterprise_id, org_path, start_date, consent_note, target_letter_file_id, commitment_letter_file_id, created_at, updated_at)
    select i.county_id, i.id, i.id, i.org_path, ${`${year}-01-01`}::date, '同意',
           case when abs(hashtext(i.id::text)) % 3 > 0 then gen_random_uuid() end, case when abs(hashtext(i.id::text)) % 3 = 2 then gen_random_uuid() end, now(), now()
    from instructors i where i.county_id = ${countyId}`);
  await database.db.execute(sql`analyze`);
  const letterSamples: number[] = [];
  let missingTotal = 0;
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    missingTotal = (await instructorsRepository.listLetters(database.db, countyId, { pathPattern: '/%', activeOnly: true, missing: true }, { page: 1 + (i % 5), pageSize: 20 })).total;
    letterSamples.push(performance.now() - t);
  }
  letterSamples.sort((a, b) => a - b);
  console.log(`两书缺签字件列表一页（共 ${missingTotal} 项）：p50 ${letterSamples[10].toFixed(1)} ms，p95 ${letterSamples[18].toFixed(1)} ms`);
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
