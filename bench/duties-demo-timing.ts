// `YANZHEN_DEMO_TIMING=1 npx tsx bench/duties-demo-timing.ts [members]`: where the demo duty year's load time goes (PGlite in memory).
import { systemClock } from '@yanzhen/domain';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { loadDutiesDemo } from '../server/src/demo/duties-demo';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null });
await database.migrate();
const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 1)), config: loadConfig(), events: new EventBus() };
const { countyId, rootOrgId } = await ensureCounty(ctx);
await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: Number(process.argv[2] ?? 17000) });
const t = Date.now();
console.log(await loadDutiesDemo(ctx, countyId), `${Date.now() - t} ms`);
await database.close();
