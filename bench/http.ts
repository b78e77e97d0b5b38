// `npm run bench:http [-- --only pglite|postgres] [--duration 10] [--connections N] [--warmup 2] [--members 17000]
//   [--database-url postgres://…]`: throughput under load, figures only. A bare Fastify 5 route serving a fixed 20-row
// page (the ceiling) and the app on the demo county run in child processes on 127.0.0.1; autocannon loads each request
// below as the county administrator and prints req/s, p50/p95/p99 and the ratio to the ceiling measured in the same run.
// PGlite: a temporary folder, 20 connections. PostgreSQL (DATABASE_URL or --database-url names the server): a scratch
// database yanzhen_bench_http of its own on that server, 50 connections, dropped at the end.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEMO_PASSWORD } from '../server/src/demo/demo-county';
import { DEMO_BOARD_TOKEN } from '../server/src/demo/duties-demo';
import type { ServerReady } from './http-server';
import { dropPgDatabase, recreatePgDatabase, table } from './measure';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string' },
    warmup: { type: 'string', default: '2' },
    members: { type: 'string', default: '17000' },
    'database-url': { type: 'string' },
    requests: { type: 'string' },
  },
});
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const SCRATCH_DB = 'yanzhen_bench_http';
const SERVER = path.join(import.meta.dirname, 'http-server.ts');

type Target = { label: string; databaseUrl: string | null; connections: number };
type Figures = { rps: number; p50: number; p95: number; p99: number; requests: number; bad: number };

/** The value at quantile q of sorted samples (nearest rank). */
const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]);
const fmt = (n: number) => (Number.isNaN(n) ? '–' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

function startServer(mode: 'reference' | 'app', env: Record<string, string>): Promise<{ child: ChildProcess; ready: ServerReady }> {
  const child = fork(SERVER, [mode], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env, YANZHEN_LOG: 'false' }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (ready) => resolve({ child, ready: ready as ServerReady }));
    child.once('exit', (code) => reject(new Error(`${mode} 服务进程退出（${code}）`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** One autocannon run; latencies are collected per response so that p95 (which autocannon does not report) is exact. */
async function load(url: string, headers: Record<string, string>, connections: number, duration: number): Promise<Figures> {
  const samples: number[] = [];
  let bad = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, headers, connections, duration, timeout: 30 }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) samples.push(ms);
      else bad += 1;
    });
  });
  samples.sort((a, b) => a - b);
  return { rps: samples.length / result.duration, p50: quantile(samples, 0.5), p95: quantile(samples, 0.95), p99: quantile(samples, 0.99), requests: samples.length, bad: bad + result.errors };
}

async function measure(url: string, headers: Record<string, string>, connections: number): Promise<Figures> {
  if (WARMUP > 0) await load(url, headers, connections, WARMUP);
  return load(url, headers, connections, DURATION);
}

async function login(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
  if (res.status !== 200) throw new Error(`登录 admin 失败：${res.status} ${await res.text()}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function runTarget(target: Target): Promise<void> {
  const connections = args.connections ? Number(args.connections) : target.connections;
  console.log(`\n=== ${target.label}：${connections} 个连接，每项 ${DURATION} 秒（预热 ${WARMUP} 秒）===`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-http-'));
  const children: ChildProcess[] = [];
  try {
    const ref = await startServer('reference', {});
    children.push(ref.child);
    const reference = await measure(`http://127.0.0.1:${ref.ready.port}/ref`, {}, connections);
    await stopServer(ref.child);

    if (target.databaseUrl) await recreatePgDatabase(target.databaseUrl);
    const app = await startServer('app', { BENCH_DATABASE_URL: target.databaseUrl ?? '', BENCH_DATA_DIR: tmp, BENCH_MEMBERS: args.members! });
    children.push(app.child);
    console.log(`示范县载入：${app.ready.members} 名在册党员，${app.ready.loadSeconds?.toFixed(1)} 秒`);
    const base = `http://127.0.0.1:${app.ready.port}`;
    const cookie = await login(base);
    const initials = app.ready.initials ?? 'wjh';
    const requests = [
      `/api/members?page=1&pageSize=20`,
      `/api/members?q=${initials}`,
      `/api/orgs/tree`,
      `/api/dashboard/summary`,
      `/api/board/${DEMO_BOARD_TOKEN}`,
    ].filter((r) => !args.requests || args.requests.split(',').some((part) => r.includes(part)));
    const rows: string[][] = [['参照：裸 Fastify 固定 20 行', fmt(reference.rps), fmt(reference.p50), fmt(reference.p95), fmt(reference.p99), '100%', String(reference.bad)]];
    for (const r of requests) {
      const check = await fetch(`${base}${r}`, { headers: { cookie } });
      if (check.status !== 200) throw new Error(`${r} → ${check.status} ${(await check.text()).slice(0, 300)}`);
      const f = await measure(`${base}${r}`, { cookie }, connections);
      rows.push([`GET ${r}`, fmt(f.rps), fmt(f.p50), fmt(f.p95), fmt(f.p99), `${((100 * f.rps) / reference.rps).toFixed(1)}%`, String(f.bad)]);
    }
    console.log(table(['请求', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '占参照', '非2xx/错误'], rows));
  } finally {
    for (const c of children) await stopServer(c);
    fs.rmSync(tmp, { recursive: true, force: true });
    if (target.databaseUrl) await dropPgDatabase(target.databaseUrl);
  }
}


/** The scratch database on the server DATABASE_URL names (never the database it names itself). */
function scratchUrl(url: string): string {
  const u = new URL(url);
  u.pathname = `/${SCRATCH_DB}`;
  return u.toString();
}

const targets: Target[] = [];
if (args.only !== 'postgres') targets.push({ label: `PGlite（临时目录，示范县 ${args.members} 名党员）`, databaseUrl: null, connections: 20 });
const pgServer = args['database-url'] ?? process.env.DATABASE_URL;
if (args.only !== 'pglite') {
  if (pgServer) targets.push({ label: `PostgreSQL（临时库 ${SCRATCH_DB}，示范县 ${args.members} 名党员）`, databaseUrl: scratchUrl(pgServer), connections: 50 });
  else if (args.only === 'postgres') throw new Error('请用 DATABASE_URL 或 --database-url 指明 PostgreSQL 服务器');
  else console.log('（未设 DATABASE_URL：只测 PGlite）');
}
console.log(`机器：${os.cpus().length} 核，负载 ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}；${new Date().toISOString()}`);
for (const t of targets) await runTarget(t);
