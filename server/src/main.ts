// Start Yanzhen: read settings, open the database (PGlite folder or PostgreSQL), migrate, first-start work, listen.
import fs from 'node:fs';
import { ROLE_LABELS, systemClock, type Role } from '@yanzhen/domain';
import { buildApp } from './app';
import { bootstrap } from './bootstrap';
import { loadConfig } from './config';
import { createFieldCrypto, loadMasterKey } from './core/crypto';
import { openDatabase } from './core/db';
import { EventBus } from './core/events';
import { startScheduler } from './core/jobs';
import { JOBS } from './jobs';

async function main() {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : `${config.dataDir}/pglite` });
  await database.migrate();
  const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey(config)), config, events: new EventBus() };
  const report = await bootstrap(ctx);
  const app = await buildApp(ctx, { logger: process.env.YANZHEN_LOG === 'true' });
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `雁阵 党建工作管理平台已启动：${url}`,
    `数据库：${database.kind === 'pglite' ? `内置 PGlite（${config.dataDir}/pglite）` : 'PostgreSQL（DATABASE_URL）'}；启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
    `接口文档：${url}/api/docs`,
  ];
  if (report.demoLoaded) lines.push('已载入示范县演示数据。');
  if (report.demoAccounts.length > 0) {
    lines.push('演示账号（密码相同）：');
    for (const a of report.demoAccounts) lines.push(`  ${ROLE_LABELS[a.role as Role].padEnd(10, '　')} 用户名 ${a.username.padEnd(12)} 密码 ${a.password}`);
  } else if (process.env.YANZHEN_DEMO !== 'false') {
    lines.push('演示账号：admin / Yanzhen@2026（县委组织部管理员），其他角色见 README。');
  }
  if (report.adminCreated) lines.push(`已创建县级管理员账号：${report.adminCreated}`);
  console.log(lines.join('\n'));
  // The scheduler runs due jobs (overdue marks, month closes) in this process; YANZHEN_JOBS=false turns it off.
  const stopScheduler = process.env.YANZHEN_JOBS === 'false' ? async () => {} : startScheduler(ctx, JOBS);
  const shutdown = async () => {
    await stopScheduler();
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
