// `npm run bench:stars [-- --database-url …] [--members 17000] [--iterations 30] [--check-ins 2000]`
// Figures, never assertions: the demo county's monthly star computation (seconds, rows per second), the branch wall
// chart and the county collection-rate view (p50/p95 through HTTP), and theme-day check-ins per second sustained.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { monthOf, systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey, sha256 } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { accounts, sessions } from '../server/src/db/schema/index';
import { DEMO_PASSWORD, loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { lastDemoTiming } from '../server/src/demo/member-monthly-demo';
import { refreshMonth } from '../server/src/modules/stars/stars.service';
import { ms, recreatePgDatabase, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    members: { type: 'string', default: '17000' },
    iterations: { type: 'string', default: '30' },
    'check-ins': { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
  },
});


async function main() {
  const url = args['database-url'] ?? null;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-stars-'));
  if (url) await recreatePgDatabase(url);
  const database = await openDatabase({ databaseUrl: url, dataDir: url ? null : path.join(tmp, 'pglite') });
  await database.migrate();
  const config = { ...loadConfig(), dataDir: tmp, databaseUrl: url };
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: null, dataDir: tmp })), config, events: new EventBus() };
  console.log(`=== ${url ? 'PostgreSQL' : 'PGlite'} · ${args.members} 名党员 ===`);
  const { countyId, rootOrgId } = await ensureCounty(ctx);
  let t = performance.now();
  await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: Number(args.members), seed: 42 });
  console.log(`示范县载入：${((performance.now() - t) / 1000).toFixed(1)} 秒，其中主题党日、党费、汇报等记录 ${lastDemoTiming.recordsSeconds.toFixed(1)} 秒，全年星级 ${lastDemoTiming.rollups} 行 ${lastDemoTiming.starsSeconds.toFixed(1)} 秒`);
  await ctx.db.execute(sql`analyze`);
  const [{ path: rootPath }] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);
  const month = monthOf(toChinaDate(ctx.clock()));

  // 1. The month's stars for the whole county, as the audited recompute does it.
  t = performance.now();
  const rows = await ctx.db.transaction((tx) => refreshMonth(tx, countyId, month, { pathPattern: `${rootPath}%` }, ctx.clock()));
  const secs = (performance.now() - t) / 1000;
  console.log(`全县 ${month} 星级计算：${rows} 行，${secs.toFixed(2)} 秒（${Math.round(rows / secs)} 行/秒）`);

  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    const cookie = String(res.headers['set-cookie']).split(';')[0];
    return { cookie, csrf: res.json().csrfToken as string };
  };
  const get = async (s: { cookie: string }, u: string) => {
    const res = await app.inject({ method: 'GET', url: u, headers: { cookie: s.cookie } });
    if (res.statusCode !== 200) throw new Error(`${u} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  const iterations = Number(args.iterations);
  const secretary = await login('secretary');
  const admin = await login('admin');
  const wall = await timeIt(() => get(secretary, '/api/stars/wall'), iterations);
  console.log(`实时质量图（一个党支部）：p50 ${ms(wall.p50)} ms，p95 ${ms(wall.p95)} ms（${wall.n} 次）`);
  const rate = await timeIt(() => get(admin, `/api/dues/collection?month=${month}`), Math.max(5, Math.floor(iterations / 3)), 1);
  console.log(`全县党费收缴率：p50 ${ms(rate.p50)} ms，p95 ${ms(rate.p95)} ms（${rate.n} 次）`);
  const att = await timeIt(() => get(admin, `/api/theme-days/rates?month=${month}`), Math.max(5, Math.floor(iterations / 3)), 1);
  console.log(`全县主题党日参加率：p50 ${ms(att.p50)} ms，p95 ${ms(att.p95)} ms（${att.n} 次）`);

  // 3. Check-ins: members of the county's branches, each with a session, checking in at `concurrency` at a time.
  const wanted = Number(args['check-ins']);
  const members = await queryRows<{ id: string; org_id: string; theme_day_id: string }>(
    ctx.db,
    sql`select m.id, m.org_id, td.id as theme_day_id from members m join theme_days td on td.org_id = m.org_id and td.month = ${month}
        where m.county_id = ${countyId} and m.left_at is null order by m.org_path, m.id limit ${wanted}`,
  );
  await ctx.db.execute(sql`delete from theme_day_attendances where month = ${month} and member_id in (select id from members where county_id = ${countyId})`);
  const phones: { cookie: string; csrf: string; themeDayId: string }[] = [];
  for (const m of members) {
    const [a] = await ctx.db.insert(accounts).values({ countyId, username: `bench_${m.id.slice(0, 12)}`, displayName: 'bench', passwordHash: 'unused', role: 'member', orgId: m.org_id, memberId: m.id }).returning();
    const token = randomBytes(24).toString('base64url');
    const csrf = randomBytes(12).toString('base64url');
    const now = ctx.clock();
    await ctx.db.insert(sessions).values({ tokenHash: sha256(token), accountId: a.id, csrfToken: csrf, createdAt: now, lastSeenAt: now });
    phones.push({ cookie: `yz_sid=${token}`, csrf, themeDayId: m.theme_day_id });
  }
  const codes = new Map<string, string>();
  for (const id of new Set(phones.map((p) => p.themeDayId))) {
    const res = await app.inject({ method: 'GET', url: `/api/theme-days/${id}/check-in-code`, headers: { cookie: admin.cookie } });
    codes.set(id, res.json().token);
  }
  let errors = 0;
  let next = 0;
  t = performance.now();
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      while (next < phones.length) {
        const p = phones[next++];
        const res = await app.inject({ method: 'POST', url: '/api/me/theme-day/check-in', headers: { cookie: p.cookie, 'x-csrf-token': p.csrf }, payload: { token: codes.get(p.themeDayId) } });
        if (res.statusCode !== 200) errors += 1;
      }
    }),
  );
  const checkSecs = (performance.now() - t) / 1000;
  const [{ n }] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from theme_day_attendances where month = ${month} and member_id in (select id from members where county_id = ${countyId})`);
  console.log(`扫码签到：${phones.length} 次，并发 ${args.concurrency}，${checkSecs.toFixed(1)} 秒（${Math.round(phones.length / checkSecs)} 次/秒），错误 ${errors}，签到记录 ${n} 条`);
  await app.close();
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
