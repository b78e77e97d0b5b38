// `npm start`: start Yanzhen (see start.ts) and print the address, the database and the demo accounts.
import { ROLE_LABELS, type Role } from '@yanzhen/domain';
import { startYanzhen, stopOnSignals, type StartPhases } from './start';

async function main() {
  // Loading the program (tsx compiling and importing the server and its libraries) before start-up proper.
  const loadSeconds = process.uptime();
  const log = (line: string) => console.log(line);
  // YANZHEN_JOBS=false turns the scheduler off (e.g. a second process on the same database).
  const started = await startYanzhen({ log, scheduler: process.env.YANZHEN_JOBS !== 'false' });
  const { ctx, report } = started;
  // `npm start` (scripts/start.mjs) builds the web app while the server starts: the address is printed once it is built.
  const webBuild = (globalThis as { yanzhenWebBuild?: Promise<void> }).yanzhenWebBuild;
  const waitStarted = performance.now();
  if (webBuild) await webBuild;
  const webWait = (performance.now() - waitStarted) / 1000;
  const { config, database } = ctx;
  const url = `http://localhost:${config.port}`;
  const lines = [
    '',
    `雁阵 党建工作管理平台已启动：${url}`,
    `数据库：${database.kind === 'pglite' ? `内置 PGlite（${config.dataDir}/pglite）` : 'PostgreSQL（DATABASE_URL）'}`,
    `启动用时 ${(loadSeconds + started.seconds + webWait).toFixed(1)} 秒（${startupBreakdown(loadSeconds, started.phases, webWait)}）`,
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
  log(lines.join('\n'));
  stopOnSignals(started);
}

function startupBreakdown(load: number, p: StartPhases, webWait: number): string {
  const parts: [string, number][] = [['载入程序', load], ['打开数据库', p.database], ['迁移', p.migrate], ['首次启动数据', p.firstStart], ['接口就绪', p.app], ['等待前端构建', webWait]];
  return parts.filter(([, s]) => s >= 0.05).map(([name, s]) => `${name} ${s.toFixed(1)}`).join('，');
}

main().catch((err) => {
  console.error('启动失败：', err);
  process.exit(1);
});
