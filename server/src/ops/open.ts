// Opening the configured database for a command (the server must be stopped first when it uses PGlite: one process per folder).
import fs from 'node:fs';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../core/db';

export async function openConfigured(opts: { migrate: boolean }): Promise<{ config: Config; database: Database }> {
  const config = loadConfig();
  fs.mkdirSync(config.dataDir, { recursive: true });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? null : `${config.dataDir}/pglite` });
  if (opts.migrate) await database.migrate();
  return { config, database };
}
