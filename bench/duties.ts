// `npm run bench:duties [-- --database-url postgres://… ] [--members 17000] [--iterations 30] [--clients 1000]`
// Figures, never assertions: loading the demo county's duty year, the board data (p95, cache bypassed), the time from
// a completed item to its event on a connected board, and how many idle SSE boards one server holds with the time
// an update takes to reach all of them.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@yanzhen/domain';
import { and, eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { accounts, dutyItems } from '../server/src/db/schema/index';
import { loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { DEMO_BOARD_TOKEN, loadDutiesDemo } from '../server/src/demo/duties-demo';
import { createBoardService } from '../server/src/modules/duties/board.service';
import { DUTY_CHANGED, createDutiesService } from '../server/src/modules/duties/duties.service';
import { createFilesService } from '../server/src/modules/files/files.service';
import type { Actor } from '../server/src/core/actor';
import { ms, table, timeIt } from './measure';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    members: { type: 'string', default: '17000' },
    iterations: { type: 'string', default: '30' },
    clients: { type: 'string', default: '1000' },
  },
});

async function main() {
  const url = args['database-url'] ?? null;
  let dbUrl = url;
  let drop: (() => Promise<void>) | null = null;
  if (url) {
    const name = `yanzhen_bench_duties_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-duties-'));
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: dbUrl ? null : path.join(dataDir, 'pglite') });
  const rows: string[][] = [];
  try {
    await database.migrate();
    const config = { ...loadConfig(), dataDir };
    const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 7)), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    let t = Date.now();
    await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: Number(args.members) });
    const membersMs = Date.now() - t;
    t = Date.now();
    const demo = await loadDutiesDemo(ctx, countyId);
    const dutiesMs = Date.now() - t;
    const [{ orgs }] = await queryRows<{ orgs: string }>(ctx.db, sql`select count(distinct org_id) as orgs from duty_items where county_id = ${countyId}`);
    console.log(`${database.kind}: ${args.members} members loaded in ${(membersMs / 1000).toFixed(1)} s; duty year: ${orgs} orgs, ${demo.items} items, ${demo.submissions} reports in ${(dutiesMs / 1000).toFixed(1)} s`);

    // Board data computed afresh each time (the cache is dropped by a change event before every call).
    const board = createBoardService(ctx);
    const compute = await timeIt(async () => {
      ctx.events.publish({ type: DUTY_CHANGED, countyId, payload: {} });
      return board.data(countyId);
    }, Number(args.iterations));
    const cached = await timeIt(() => board.data(countyId), Number(args.iterations));
    board.close();
    rows.push([database.kind, 'board data, computed (ms)', ms(compute.p50), ms(compute.p95), String(compute.n)]);
    rows.push([database.kind, 'board data, cached (ms)', ms(cached.p50), ms(cached.p95), String(cached.n)]);

    // A server with connected boards.
    const app = await buildApp(ctx, { serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
    type Conn = { req: http.ClientRequest; waiters: ((at: number) => void)[] };
    const connect = () =>
      new Promise<Conn>((resolve, reject) => {
        const conn: Conn = { req: null as unknown as http.ClientRequest, waiters: [] };
        conn.req = http.get({ host: '127.0.0.1', port, path: `/api/board/${DEMO_BOARD_TOKEN}/stream`, agent }, (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (chunk.includes('event: change')) for (const w of conn.waiters.splice(0)) w(performance.now());
          });
          resolve(conn);
        });
        conn.req.on('error', reject);
      });
    const secretary = (await ctx.db.select().from(accounts).where(and(eq(accounts.countyId, countyId), eq(accounts.username, 'secretary'))))[0];
    const [org] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${secretary.orgId}`);
    const actor: Actor = { accountId: secretary.id, username: secretary.username, displayName: secretary.displayName, role: 'branchSecretary', countyId, orgId: secretary.orgId, orgPath: org.path, memberId: secretary.memberId, ip: null };
    const duties = createDutiesService(ctx);
    const open = await ctx.db.select().from(dutyItems).where(and(eq(dutyItems.orgId, secretary.orgId), eq(dutyItems.status, 'pending'))).orderBy(dutyItems.dueDate);
    // The real path: a report with evidence through the duties service (transaction, rollup, audit, publish after commit).
    const files = createFilesService(ctx);
    const photos = [];
    for (let i = 0; i < 2; i++) photos.push((await files.upload(actor, { fileName: `p${i}.jpg`, data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, i)]) })).id);
    const first = await connect();
    const latencies: number[] = [];
    for (let i = 0; i < Math.min(20, open.length); i++) {
      const got = new Promise<number>((r) => first.waiters.push(r));
      const start = performance.now();
      await duties.submit(actor, open[i].id, { text: '基准测试：完成情况说明', count: 10, participants: ['张三'], fileIds: photos, version: open[i].version });
      latencies.push((await got) - start);
    }
    latencies.sort((a, b) => a - b);
    rows.push([database.kind, 'completed item → event on a connected board (ms)', ms(latencies[Math.floor(latencies.length / 2)]), ms(latencies[Math.floor(latencies.length * 0.95)]), String(latencies.length)]);

    const n = Number(args.clients);
    const conns: Conn[] = [first];
    const before = process.memoryUsage().rss;
    for (let i = 1; i < n; i++) conns.push(await connect());
    const rss = process.memoryUsage().rss - before;
    const all = conns.map((c) => new Promise<number>((r) => c.waiters.push(r)));
    const start = performance.now();
    ctx.events.publish({ type: DUTY_CHANGED, countyId, payload: { kind: 'accepted', itemId: 'x', orgId: 'x', orgName: 'x', secretaryName: null, title: 'x', month: '2026-01', at: new Date().toISOString() } });
    const times = (await Promise.all(all)).map((at) => at - start).sort((a, b) => a - b);
    rows.push([database.kind, `update delivered to ${n} idle SSE boards (ms, last)`, ms(times[Math.floor(times.length / 2)]), ms(times[times.length - 1]), String(n)]);
    console.log(`${n} boards connected; server + clients in one process, RSS grew ${(rss / 1024 / 1024).toFixed(0)} MB while connecting`);
    for (const c of conns) c.req.destroy();
    agent.destroy();
    await app.close();
  } finally {
    await database.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(table(['database', 'measure', 'p50', 'p95 / max', 'n'], rows));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
