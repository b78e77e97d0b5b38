// `npm run demo -- --members 3000000 [--database-url postgres://…] [--data-dir ./data-big] [--seed 42]`:
// opens the database (PostgreSQL with a URL, else PGlite in the data folder), migrates, ensures the county, loads the demo.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { ensureCounty } from '../bootstrap';
import { loadConfig } from '../config';
import { createFieldCrypto, loadMasterKey } from '../core/crypto';
import { openDatabase, queryRows } from '../core/db';
import { EventBus } from '../core/events';
import { loadDemoCountyWithStats } from './demo-county';

async function main() {
  const { values } = parseArgs({
    options: {
      members: { type: 'string', default: '17000' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string', default: '42' },
    },
  });
  const members = Number(values.members);
  if (!Number.isInteger(members) || members < 1) throw new Error('--members 须为正整数');
  const base = loadConfig();
  const databaseUrl = values['database-url'] ?? base.databaseUrl;
  const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : base.dataDir;
  const config = { ...base, databaseUrl, dataDir };
  fs.mkdirSync(dataDir, { recursive: true });

  const started = Date.now();
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? null : `${dataDir}/pglite` });
  try {
    await database.migrate();
    const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(loadMasterKey(config)), config, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    const [{ n }] = await queryRows<{ n: string }>(ctx.db, sql`select count(*) as n from members where county_id = ${countyId}`);
    if (Number(n) > 0) throw new Error(`该数据库已有 ${n} 名党员，演示数据只载入空库（请换一个数据库或数据目录）`);
    console.log(`数据库：${database.kind === 'pglite' ? `PGlite（${dataDir}/pglite）` : 'PostgreSQL'}；生成 ${members} 名党员（种子 ${values.seed}）…`);
    const loadStart = Date.now();
    let lastReport = 0;
    const stats = await loadDemoCountyWithStats(ctx, {
      countyId,
      rootOrgId,
      members,
      seed: values.seed,
      onProgress: (done, total) => {
        if (Date.now() - lastReport < 5000 && done < total) return;
        lastReport = Date.now();
        const secs = (Date.now() - loadStart) / 1000;
        console.log(`  ${done} / ${total}（${secs.toFixed(0)} 秒，${Math.round(done / secs)} 行/秒）`);
      },
    });
    const secs = (Date.now() - loadStart) / 1000;
    console.log(`组织 ${stats.orgs} 个，两新组织 ${stats.enterprises} 个，党员 ${stats.members} 名，演示账号 ${stats.accounts.map((a) => a.username).join('、') || '（已存在，未新建）'}`);
    console.log(`载入用时 ${secs.toFixed(1)} 秒（${Math.round(stats.members / secs)} 行/秒）；总用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error('载入失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
