// npm run bench:audit-chain — what the audit hash chain costs: N audit entries written in one transaction with the
// chain trigger on, and with the triggers off (session_replication_role = replica), alternating; then audit:verify's speed.
// On the database of DATABASE_URL (a scratch database: it is emptied) or an in-memory PGlite.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { writeAudit } from '../server/src/core/audit';
import { openDatabase } from '../server/src/core/db';
import { verifyAuditChain } from '../server/src/ops/audit-integrity';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '17000' }, rounds: { type: 'string', default: '2' } } });
const n = Number(values.entries);
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null });
await database.migrate();
const county = '11111111-1111-4111-8111-111111111111';
const times: Record<string, number[]> = { chain: [], off: [] };
for (let r = 0; r < Number(values.rounds); r++) {
  for (const mode of ['replica', 'origin'] as const) {
    const t = performance.now();
    await database.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local session_replication_role = ${mode}`));
      for (let i = 0; i < n; i++) await writeAudit(tx, null, new Date(), { action: 'member.import', countyId: county, entityType: 'member', entityId: String(i), after: { name: `党员${i}` } });
    });
    times[mode === 'origin' ? 'chain' : 'off'].push((performance.now() - t) / 1000);
  }
}
const t = performance.now();
const report = await verifyAuditChain(database.db);
const verifySeconds = (performance.now() - t) / 1000;
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
console.log(`数据库：${database.kind}；每轮 ${n} 条，一个事务`);
console.log(`有哈希链：${fmt(times.chain)} 秒`);
console.log(`无触发器：${fmt(times.off)} 秒`);
console.log(`audit:verify 校验 ${report.checked} 条（链上）用时 ${verifySeconds.toFixed(2)} 秒；未入链（触发器关闭时写入，正常情况不会有）${report.unchained.length ? '≥' + report.unchained.length : 0} 条`);
await database.close();
