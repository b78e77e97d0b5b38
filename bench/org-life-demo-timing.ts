// `npx tsx bench/org-life-demo-timing.ts <data dir>`: times the org-life demo loader alone on a demo data directory (its org-life tables truncated first, three runs).
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { createFieldCrypto } from '../server/src/core/crypto';
import { loadConfig } from '../server/src/config';
import { loadOrgLifeDemo } from '../server/src/demo/org-life-demo';

async function main() {
  const dataDir = process.argv[2];
  const database = await openDatabase({ databaseUrl: null, dataDir: `${dataDir}/pglite` });
  const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32)), config: loadConfig(), events: new EventBus() };
  const [{ id }] = await queryRows<{ id: string }>(ctx.db, sql`select id from counties limit 1`);
  await ctx.db.execute(sql`drop index if exists org_life_meetings_county_date_idx`);
  for (let i = 0; i < 3; i++) {
    for (const t of ['org_life_meetings', 'org_life_attendance', 'org_life_talks', 'org_life_training_entries', 'org_life_appraisals']) await ctx.db.execute(sql.raw(`truncate ${t}`));
    const t0 = Date.now();
    const r = await loadOrgLifeDemo(ctx, id);
    console.log(`org life demo: ${Date.now() - t0} ms`, r);
  }
  await database.close();
}
void main();
