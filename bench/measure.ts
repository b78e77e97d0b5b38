// Timing and memory helpers for the benchmark: percentiles, repeated runs, process memory sampling.
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';

export type Timing = { p50: number; p95: number; min: number; max: number; n: number };

export function percentiles(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), min: s[0], max: s[s.length - 1], n: s.length };
}

/** Runs `fn` `warmup` times unmeasured, then `iterations` times, in milliseconds. */
export async function timeIt(fn: (i: number) => Promise<unknown>, iterations: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return percentiles(samples);
}

export const ms = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

// A full collection before a memory measurement, so the growth is the operation's and not earlier garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
export const collectGarbage = (): void => gc();

/** Samples RSS and heap every `everyMs` until stopped: the peak growth over the starting point. */
export function sampleMemory(everyMs = 25) {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { startRss: start.rss, peakRss, rssGrowth: peakRss - start.rss, startHeap: start.heapUsed, peakHeap, heapGrowth: peakHeap - start.heapUsed };
    },
  };
}

/** A fixed-width text table. */
export function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cols = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(cols[i] - width(c))).join('  ');
  return [line(header), cols.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Drops and creates the database a PostgreSQL URL names (connecting to the server's `postgres` database to do it). */
export async function recreatePgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
}

/** Drops the database a PostgreSQL URL names (a bench's scratch database, at the end of its run). */
export async function dropPgDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/** A logged-in county administrator of the demo county, over HTTP (cookie and CSRF token carried along). */
export type BenchClient = { get: (url: string) => Promise<Response>; post: (url: string, body?: BodyInit, contentType?: string) => Promise<Response> };

export async function loginAsAdmin(base: string, password: string): Promise<BenchClient> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
  if (res.status !== 200) throw new Error(`登录 admin 失败：${res.status} ${await res.text()}`);
  const me = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return {
    get: (url) => fetch(`${base}${url}`, { headers: { cookie } }),
    post: (url, body, contentType) =>
      fetch(`${base}${url}`, { method: 'POST', body, headers: { cookie, 'x-csrf-token': me.csrfToken, ...(contentType ? { 'content-type': contentType } : {}) } }),
  };
}
