// Starting a Yanzhen server, shared by `npm start` (main.ts) and the browser tests' server (e2e/serve.ts):
// settings, database (PGlite folder or PostgreSQL), migrations, first-start work, the app listening, the job scheduler.
import fs from 'node:fs';
import { systemClock } from '@yanzhen/domain';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { bootstrap, type BootstrapReport } from './bootstrap';
import { loadConfig } from './config';
import type { AppContext } from './core/context';
import { createFieldCrypto, loadMasterKey, masterKeyWarning } from './core/crypto';
import { openDatabase } from './core/db';
import { EventBus } from './core/events';
import { startScheduler } from './core/jobs';
import { JOBS } from './jobs';

/** Seconds spent in each start-up phase, so a slow start says where its time went. */
export type StartPhases = { database: number; migrate: number; firstStart: number; app: number };
export type Started = { app: FastifyInstance; ctx: AppContext; report: BootstrapReport; seconds: number; phases: StartPhases; stop: () => Promise<void> };

export async function startYanzhen(opts: { log?: (line: string) => void; scheduler: boolean }): Promise<Started> {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  // Production mode with the key beside the data it protects: said at every start, not refused (a single-machine install may accept it).
  const keyWarning = masterKeyWarning({ ...config, production: process.env.NODE_ENV === 'production' });
  if (keyWarning) console.warn(keyWarning);
  const started = Date.now();
  let mark = started;
  const lap = () => {
    const now = Date.now();
    const s = (now - mark) / 1000;
    mark = now;
    return s;
  };
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : `${config.dataDir}/pglite` });
  const phases: StartPhases = { database: lap(), migrate: 0, firstStart: 0, app: 0 };
  await database.migrate();
  phases.migrate = lap();
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey(config)), config, events: new EventBus() };
  const report = await bootstrap(ctx, { log: opts.log });
  phases.firstStart = lap();
  const app = await buildApp(ctx, { logger: process.env.YANZHEN_LOG === 'true' });
  await app.listen({ port: config.port, host: config.host });
  phases.app = lap();
  // The scheduler runs due jobs (overdue marks, month closes) in this process.
  const stopScheduler = opts.scheduler ? startScheduler(ctx, JOBS, { log: opts.log }) : async () => {};
  const stop = async () => {
    await stopScheduler();
    await app.close();
    await database.close();
  };
  return { app, ctx, report, seconds: (Date.now() - started) / 1000, phases, stop };
}

/** Closes the server cleanly on Ctrl-C and on a stop signal. */
export function stopOnSignals(started: Started): void {
  const shutdown = async () => {
    await started.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
