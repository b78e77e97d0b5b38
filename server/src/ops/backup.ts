// Backup and restore (npm run backup / npm run restore): one portable logical format for PGlite and PostgreSQL —
// gzip'd JSON lines: a header (format, migrations, the field-encryption key), then each table's rows as row_to_json.
// Restoring fills an emptied, migrated database with json_populate_recordset (the column types convert back exactly).
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Executor } from '../core/db';

export const BACKUP_FORMAT = 'yanzhen-backup/1';
const BATCH = 2000;

type Header = { format: string; createdAt: string; migrations: number; key: string | null; tables: string[] };

async function publicTables(ex: Executor): Promise<string[]> {
  const rows = await queryRows<{ tablename: string }>(ex, sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return rows.map((r) => r.tablename);
}

async function appliedMigrations(ex: Executor): Promise<number> {
  const [row] = await queryRows<{ n: string | number }>(ex, sql`select count(*) as n from drizzle.__drizzle_migrations`);
  return Number(row.n);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Writes every table of the database, and the key (base64), to `file`. Rows are read in one snapshot. */
export async function backupDatabase(db: Db, file: string, key: Buffer | null, now = new Date()): Promise<{ tables: number; rows: number }> {
  let rows = 0;
  let tables: string[] = [];
  const gz = createGzip();
  const done = pipeline(gz, fs.createWriteStream(file, { mode: 0o600 }));
  const write = async (line: string) => {
    if (!gz.write(`${line}\n`)) await once(gz, 'drain');
  };
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`set transaction isolation level repeatable read`);
      tables = await publicTables(tx);
      const header: Header = { format: BACKUP_FORMAT, createdAt: now.toISOString(), migrations: await appliedMigrations(tx), key: key ? key.toString('base64') : null, tables };
      await write(JSON.stringify(header));
      for (const t of tables) {
        await write(JSON.stringify({ table: t }));
        for (let offset = 0; ; offset += BATCH) {
          const batch = await queryRows<{ r: string }>(tx, sql.raw(`select row_to_json(t)::text as r from ${quote(t)} t order by ctid limit ${BATCH} offset ${offset}`));
          for (const b of batch) await write(b.r);
          rows += batch.length;
          if (batch.length < BATCH) break;
        }
      }
    });
  } finally {
    gz.end();
    await done;
  }
  return { tables: tables.length, rows };
}

export async function readBackupHeader(file: string): Promise<Header> {
  const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    rl.close();
    const h = JSON.parse(line) as Header;
    if (h.format !== BACKUP_FORMAT) throw new Error(`不是雁阵备份文件（格式 ${String(h.format)}）`);
    return h;
  }
  throw new Error('备份文件为空');
}

/**
 * Replaces every row of the (migrated) database with the backup's, in one transaction with the triggers off
 * (`session_replication_role = replica`: the audit log and its hash chain come back exactly as they were, not re-chained),
 * then moves each serial sequence past its column's largest value.
 */
export async function restoreDatabase(db: Db, file: string): Promise<{ header: Header; rows: number }> {
  const header = await readBackupHeader(file);
  const migrations = await appliedMigrations(db);
  if (header.migrations !== migrations) {
    throw new Error(`备份来自数据库结构第 ${header.migrations} 版，本程序为第 ${migrations} 版：请用与备份时相同版本的程序恢复`);
  }
  let rows = 0;
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    const tables = await publicTables(tx);
    const unknown = header.tables.filter((t) => !tables.includes(t));
    if (unknown.length) throw new Error(`备份中的表在本数据库中不存在：${unknown.join('、')}`);
    await tx.execute(sql.raw(`TRUNCATE ${tables.map(quote).join(', ')} RESTART IDENTITY CASCADE`));
    let table: string | null = null;
    let batch: string[] = [];
    const flush = async () => {
      if (!table || batch.length === 0) return;
      await tx.execute(sql`insert into ${sql.raw(quote(table))} select * from json_populate_recordset(null::${sql.raw(quote(table))}, ${`[${batch.join(',')}]`}::json)`);
      rows += batch.length;
      batch = [];
    };
    const rl = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    let first = true;
    for await (const line of rl) {
      if (first) {
        first = false;
        continue;
      }
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        const marker = JSON.parse(line) as { table?: string; [k: string]: unknown };
        if (Object.keys(marker).length === 1 && typeof marker.table === 'string') {
          await flush();
          table = marker.table;
          continue;
        }
      }
      batch.push(line);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
    const serials = await queryRows<{ tbl: string; col: string; seq: string }>(
      tx,
      sql`select c.table_name as tbl, c.column_name as col, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) as seq
          from information_schema.columns c where c.table_schema = 'public' and c.column_default like 'nextval(%'`,
    );
    for (const s of serials) {
      if (!s.seq) continue;
      await tx.execute(sql.raw(`select setval('${s.seq}', coalesce((select max(${quote(s.col)}) from ${quote(s.tbl)}), 0) + 1, false)`));
    }
  });
  return { header, rows };
}
