// `npx tsx bench/stars-county.ts --database-url postgres://…/db --data-dir /tmp/yanzhen-bench-3m [--iterations 10] [--check-ins 2000]`
// Figures for an existing (big) county loaded with `npm run demo -- --members 3000000 …`: the monthly close
// (stars.monthClose: the closed month's stars for every member, town by town, the new month opened, arrears
// warnings), then the wall chart and the county collection rate p50/p95, and theme-day check-ins sustained.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { addMonthsToMonth, monthOf, systemClock, toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { buildApp } from '../server/src/app';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto, loadMasterKey, sha256 } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { uncheckedSteps } from '../server/src/core/jobs';
import { accounts, sessions } from '../server/src/db/schema/index';
import { DEMO_PASSWORD } from '../server/src/demo/demo-county';
import { starsMonthCloseJob } from '../server/src/modules/stars/stars.jobs';
import { ms, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string', default: './data' },
    iterations: { type: 'string', default: '10' },
    'check-ins': { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '20' },
    'skip-close': { type: 'boolean', default: false },
  },
});

async function main() {
  const url = args['database-url'];
  if (!url) throw new Error('--database-url is required (an existing county)');
  const database = await openDatabase({ databaseUrl: url, dataDir: null });
  await database.migrate();
  const config = { ...loadConfig(), dataDir: args['data-dir']!, databaseUrl: url };
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey({ secretKey: null, dataDir: args['data-dir']! })), config, events: new EventBus() };
  const [{ id: countyId, n }] = await queryRows<{ id: string; n: number }>(ctx.db, sql`select c.id, (select count(*)::int from members m where m.county_id = c.id and m.left_at is null) as n from counties c order by c.created_at limit 1`);
  const month = monthOf(toChinaDate(ctx.clock()));
  const period = addMonthsToMonth(month, -1);
  console.log(`=== PostgreSQL · 现有县 ${n} 名党员 ===`);

  if (!args['skip-close']) {
    const t = performance.now();
    const r = await starsMonthCloseJob.run(ctx, { countyId, period, now: ctx.clock(), step: uncheckedSteps(ctx) });
    const secs = (performance.now() - t) / 1000;
    const rows = Number(r.members) + Number(r.opened);
    console.log(`月度结算 stars.monthClose（${period} 星级 ${r.members} 行 + ${month} 开月 ${r.opened} 行 + 欠缴预警 黄 ${r.yellow} 红 ${r.red}）：${secs.toFixed(1)} 秒（${Math.round(rows / secs)} 行/秒）`);
    await ctx.db.execute(sql`analyze member_monthly, dues_arrears_warnings`);
  }

  const app = await buildApp(ctx, { serveWeb: false });
  await app.ready();
  const login = async (username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    return { cookie: String(res.headers['set-cookie']).split(';')[0] };
  };
  const get = async (s: { cookie: string }, u: string) => {
    const res = await app.inject({ method: 'GET', url: u, headers: { cookie: s.cookie } });
    if (res.statusCode !== 200) throw new Error(`${u} → ${res.statusCode} ${res.body.slice(0, 200)}`);
  };
  const iterations = Number(args.iterations);
  const secretary = await login('secretary');
  const town = await login('town');
  const admin = await login('admin');
  const wall = await timeIt(() => get(secretary, '/api/stars/wall'), iterations * 3);
  console.log(`实时质量图（一个党支部）：p50 ${ms(wall.p50)} ms，p95 ${ms(wall.p95)} ms（${wall.n} 次）`);
  const townRate = await timeIt(() => get(town, `/api/dues/collection?month=${month}`), iterations, 1);
  console.log(`一个乡镇的党费收缴率：p50 ${ms(townRate.p50)} ms，p95 ${ms(townRate.p95)} ms（${townRate.n} 次）`);
  const rate = await timeIt(() => get(admin, `/api/dues/collection?month=${month}`), Math.max(3, Math.floor(iterations / 2)), 1);
  console.log(`全县党费收缴率：p50 ${ms(rate.p50)} ms，p95 ${ms(rate.p95)} ms（${rate.n} 次）`);

  const wanted = Number(args['check-ins']);
  const members = await queryRows<{ id: string; org_id: string; theme_day_id: string }>(
    ctx.db,
    sql`select m.id, m.org_id, td.id as theme_day_id from theme_days td join members m on m.org_id = td.org_id and m.county_id = td.county_id and m.left_at is null
        where td.county_id = ${countyId} and td.month = ${month} order by m.org_path, m.id limit ${wanted}`,
  );
  await ctx.db.execute(sql`delete from theme_day_attendances where county_id = ${countyId} and month = ${month} and member_id in (${sql.join(members.map((m) => sql`${m.id}::uuid`), sql`, `)})`);
  const phones: { cookie: string; csrf: string; themeDayId: string }[] = [];
  for (const m of members) {
    const [a] = await ctx.db.insert(accounts).values({ countyId, username: `bench3m_${m.id.slice(0, 12)}_${randomBytes(3).toString('hex')}`, displayName: 'bench', passwordHash: 'unused', role: 'member', orgId: m.org_id, memberId: m.id }).returning();
    const token = randomBytes(24).toString('base64url');
    const csrf = randomBytes(12).toString('base64url');
    const now = ctx.clock();
    await ctx.db.insert(sessions).values({ tokenHash: sha256(token), accountId: a.id, csrfToken: csrf, createdAt: now, lastSeenAt: now });
    phones.push({ cookie: `yz_sid=${token}`, csrf, themeDayId: m.theme_day_id });
  }
  const codes = new Map<string, string>();
  for (const id of new Set(phones.map((p) => p.themeDayId))) codes.set(id, (await app.inject({ method: 'GET', url: `/api/theme-days/${id}/check-in-code`, headers: { cookie: admin.cookie } })).json().token);
  let errors = 0;
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: Number(args.concurrency) }, async () => {
      while (next < phones.length) {
        const p = phones[next++];
        const res = await app.inject({ method: 'POST', url: '/api/me/theme-day/check-in', headers: { cookie: p.cookie, 'x-csrf-token': p.csrf }, payload: { token: codes.get(p.themeDayId) } });
        if (res.statusCode !== 200) errors += 1;
      }
    }),
  );
  const secs = (performance.now() - t) / 1000;
  console.log(`扫码签到：${phones.length} 次，并发 ${args.concurrency}，${secs.toFixed(1)} 秒（${Math.round(phones.length / secs)} 次/秒），错误 ${errors}`);
  await app.close();
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
