// `npm run bench:startup`: seconds from `npm start` to the server listening, as a newcomer meets them —
// a first start in a fresh data folder (migrations + the demo county), then restarts on the same folder.
// Each start is a child `npm start` (web build check included); the figure is taken when the start-up line
// ("已启动") appears and the health endpoint answers. Prints figures, asserts nothing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt('port', '3105'));
const dataDir = path.resolve(opt('data-dir', '/tmp/yz-bench-startup'));
const restarts = Number(opt('restarts', '2'));
const members = opt('members', '17000');
const keep = args.includes('--keep');

type Run = { seconds: number; cpu: number; lines: string[] };

/** CPU seconds (user + system) used so far by a process group: live members plus the children they waited for.
 * On a shared, loaded machine the wall time mostly measures the others; the CPU time is what the start costs. */
function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // after the command: state(0) ppid(1) pgrp(2) ... utime(11) stime(12) cutime(13) cstime(14)
      if (Number(f[2]) === pgid) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    } catch {
      // gone meanwhile
    }
  }
  return ticks / 100;
}

async function startOnce(label: string): Promise<Run> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), YANZHEN_DATA_DIR: dataDir, YANZHEN_DEMO_MEMBERS: members, YANZHEN_JOBS: process.env.YANZHEN_JOBS ?? 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const stamp = () => ((performance.now() - started) / 1000).toFixed(1).padStart(5);
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(`${stamp()} s  ${line}`);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<void>((resolve, reject) => {
    const check = setInterval(async () => {
      if (!lines.some((l) => l.includes('已启动'))) return;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.ok) {
          clearInterval(check);
          resolve();
        }
      } catch {
        // not yet
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(check);
      reject(new Error(`${label}: npm start exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  await listening;
  const seconds = (performance.now() - started) / 1000;
  const cpu = groupCpuSeconds(child.pid!);
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  return { seconds, cpu, lines };
}

async function main() {
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  const fresh = !fs.existsSync(dataDir);
  console.log(`npm start → listening (port ${port}, data folder ${dataDir}${fresh ? ', empty' : ''}, demo ${members} members; PGlite unless DATABASE_URL)`);
  const first = await startOnce('first start');
  console.log(`\n${fresh ? 'first start (migrations + demo county)' : 'start'}: ${first.seconds.toFixed(1)} s (CPU ${first.cpu.toFixed(1)} s)`);
  for (const l of first.lines) console.log(`  ${l}`);
  const again: Run[] = [];
  for (let i = 0; i < restarts; i++) {
    const r = await startOnce(`restart ${i + 1}`);
    again.push(r);
    if (i === 0) {
      console.log(`\nrestart 1: ${r.seconds.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s)`);
      for (const l of r.lines) console.log(`  ${l}`);
    }
  }
  console.log(`\nrestart: ${again.map((r) => `${r.seconds.toFixed(1)} s (CPU ${r.cpu.toFixed(1)} s)`).join(', ')}`);
  console.log(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores: above 2, the wall times include waiting for other work)`);
  if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
