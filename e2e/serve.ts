// Starts Yanzhen for the browser tests as server/src/main.ts does (same buildApp, serving web/dist), and prints one JSON
// line with the port and the demo accounts for the harness to read.
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '@yanzhen/domain';
import { buildApp } from '../server/src/app';
import { bootstrap } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import { createFieldCrypto, loadMasterKey } from '../server/src/core/crypto';
import { openDatabase } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';

async function main() {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : `${config.dataDir}/pglite` });
  await database.migrate();
  const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey(config)), config, events: new EventBus() };
  const report = await bootstrap(ctx);
  if (!fs.existsSync(path.join(config.webDist, 'index.html'))) throw new Error('web/dist 不存在：请先运行 npm run build:web');
  const app = await buildApp(ctx, { logger: process.env.YANZHEN_LOG === 'true' });
  await app.listen({ port: config.port, host: config.host });
  console.log(JSON.stringify({ ready: true, port: config.port, demoAccounts: report.demoAccounts }));
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error('启动失败：', err);
  process.exit(1);
});
