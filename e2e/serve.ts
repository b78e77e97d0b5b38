// Starts Yanzhen for the browser tests as server/src/main.ts does, serving web/dist with a client-side-route fallback
// registered as a wildcard route (buildApp's own fallback collides with the 404 handler of core/errors.ts).
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
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
  const app = await buildApp(ctx, { logger: process.env.YANZHEN_LOG === 'true', serveWeb: false });
  if (!fs.existsSync(path.join(config.webDist, 'index.html'))) throw new Error('web/dist 不存在：请先运行 npm run build:web');
  // Files are looked up per request, so a rebuilt web/dist is served without a restart.
  await app.register(fastifyStatic, { root: config.webDist, serve: false });
  const serveWeb = (request: { url: string; method: string }, reply: { status: (n: number) => { send: (b: unknown) => unknown }; sendFile: (f: string) => unknown }) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0]);
    if (urlPath.startsWith('/api/')) {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${urlPath}` } });
    }
    const file = path.resolve(config.webDist, `.${urlPath}`);
    const inside = file.startsWith(config.webDist + path.sep);
    return reply.sendFile(inside && fs.existsSync(file) && fs.statSync(file).isFile() ? path.relative(config.webDist, file) : 'index.html');
  };
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => serveWeb(request, reply));
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => serveWeb(request, reply));
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
