// npm run backup [-- 文件]        — the whole database and the field-encryption key into one file (gzip'd JSON lines).
// npm run restore -- 文件 [--yes] — replaces the configured database's contents with the backup's, and puts its key back.
// With the built-in PGlite database, stop the server first (one process per data folder).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { loadMasterKey } from '../core/crypto';
import { queryRows } from '../core/db';
import { backupDatabase, readBackupHeader, restoreDatabase } from './backup';
import { openConfigured } from './open';

const [command, ...args] = process.argv.slice(2);
const yes = args.includes('--yes');
const fileArg = args.find((a) => !a.startsWith('--'));
const stamp = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');

if (command === 'backup') {
  const { config, database } = await openConfigured({ migrate: false });
  try {
    const file = path.resolve(fileArg ?? `yanzhen-backup-${stamp}.yzbak`);
    const key = loadMasterKey(config);
    const { tables, rows } = await backupDatabase(database.db, file, key);
    console.log(`已备份 ${tables} 张表、${rows} 行到 ${file}（${(fs.statSync(file).size / 1048576).toFixed(1)} MB，权限 0600）。`);
    console.warn('注意：备份文件含字段加密密钥（secret.key），拿到文件即可读出身份证号和手机号。请把备份存放在与服务器、数据目录不同的安全位置，');
    console.warn('      并限制可接触的人员；如需分开保管，可把文件加密后存放，口令另行保管。');
  } finally {
    await database.close();
  }
} else if (command === 'restore') {
  if (!fileArg || !fs.existsSync(fileArg)) {
    console.error('用法：npm run restore -- <备份文件> [--yes]');
    process.exit(2);
  }
  const header = await readBackupHeader(fileArg);
  const { config, database } = await openConfigured({ migrate: true });
  try {
    const [{ n }] = await queryRows<{ n: string | number }>(database.db, sql`select count(*) as n from accounts`);
    if (Number(n) > 0 && !yes) {
      console.error(`目标数据库已有 ${n} 个账号，恢复会清空并替换其全部数据。确认请加 --yes：npm run restore -- ${fileArg} --yes`);
      process.exitCode = 1;
    } else {
      if (header.key) {
        const backupKey = Buffer.from(header.key, 'base64');
        if (config.secretKey) {
          if (!Buffer.from(config.secretKey, 'base64').equals(backupKey)) {
            throw new Error('YANZHEN_SECRET_KEY 与备份中的密钥不同：恢复后的加密字段将无法解密。请先把 YANZHEN_SECRET_KEY 设为备份时的密钥。');
          }
        } else {
          const keyFile = path.join(config.dataDir, 'secret.key');
          if (fs.existsSync(keyFile) && !Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64').equals(backupKey)) {
            fs.renameSync(keyFile, `${keyFile}.before-restore-${stamp}`);
            console.warn(`原密钥文件已改名为 secret.key.before-restore-${stamp}`);
          }
          if (!fs.existsSync(keyFile)) fs.writeFileSync(keyFile, `${header.key}\n`, { mode: 0o600 });
        }
      }
      const { rows } = await restoreDatabase(database.db, fileArg);
      console.log(`已从 ${fileArg}（${header.createdAt} 备份）恢复 ${header.tables.length} 张表、${rows} 行${header.key ? '，并恢复了字段加密密钥' : ''}。`);
      console.log('建议随后运行 npm run audit:verify 校验操作日志。');
    }
  } finally {
    await database.close();
  }
} else {
  console.error('用法：npm run backup [-- 文件] | npm run restore -- <备份文件> [--yes]');
  process.exitCode = 2;
}
