// Starts Yanzhen for the browser tests as `npm start` does (server/src/start.ts, serving web/dist, no scheduler so the
// journeys see only their own changes), and prints one JSON line with the port and the demo accounts for the harness.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../server/src/config';
import { startYanzhen, stopOnSignals } from '../server/src/start';

async function main() {
  if (!fs.existsSync(path.join(loadConfig().webDist, 'index.html'))) throw new Error('web/dist 不存在：请先运行 npm run build:web');
  const started = await startYanzhen({ scheduler: false });
  console.log(JSON.stringify({ ready: true, port: started.ctx.config.port, demoAccounts: started.report.demoAccounts }));
  stopOnSignals(started);
}

main().catch((err) => {
  console.error('启动失败：', err);
  process.exit(1);
});
