// npm run audit:verify — checks the audit hash chain and reports the first broken link (exit code 1 if broken).
// npm run audit:archive — moves entries older than YANZHEN_AUDIT_RETENTION_DAYS (default 180) into audit_log_archive.
import { archiveAudit, NO_COUNTY, verifyAuditChain } from './audit-integrity';
import { openConfigured } from './open';

const command = process.argv[2];
const { config, database } = await openConfigured({ migrate: true });
try {
  if (command === 'verify') {
    const report = await verifyAuditChain(database.db);
    for (const c of report.chains) {
      console.log(`${c.countyId === NO_COUNTY ? '（无所属县）' : `县 ${c.countyId}`}：${c.entries} 条，链尾第 ${c.headSeq} 条，哈希 ${c.headHash}`);
    }
    if (report.ok) {
      console.log(`操作日志哈希链完整：共校验 ${report.checked} 条。可把上面的链尾哈希另行留存，日后对照。`);
    } else {
      const b = report.broken!;
      console.error(`操作日志哈希链断裂：${b.countyId ? `县 ${b.countyId} ` : ''}${b.reason}`);
      process.exitCode = 1;
    }
  } else if (command === 'archive') {
    const { moved, cutoff } = await archiveAudit(database.db, new Date(), config.auditRetentionDays);
    console.log(`已把 ${cutoff.toISOString().slice(0, 10)} 以前的 ${moved} 条操作日志移入归档表 audit_log_archive（保存期 ${config.auditRetentionDays} 天；归档记录仍在哈希链上，audit:verify 一并校验）。`);
  } else {
    console.error('用法：npm run audit:verify | npm run audit:archive');
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
