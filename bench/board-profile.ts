// `npx tsx bench/board-profile.ts`: time each query of the board data on a demo county (PGlite in memory).
import { systemClock } from '@yanzhen/domain';
import { and, desc, eq, gte, like } from 'drizzle-orm';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { dutyItems, dutyMonthly, dutySubmissions, dutyWarnings, orgs } from '../server/src/db/schema/index';
import { loadDemoCountyWithStats } from '../server/src/demo/demo-county';
import { loadDutiesDemo } from '../server/src/demo/duties-demo';
import { dutiesRepository } from '../server/src/modules/duties/duties.repository';

const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null, dataDir: null });
await database.migrate();
const ctx = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 1)), config: loadConfig(), events: new EventBus() };
const { countyId, rootOrgId } = await ensureCounty(ctx);
await loadDemoCountyWithStats(ctx, { countyId, rootOrgId, members: 17000 });
await loadDutiesDemo(ctx, countyId);
const time = async (label: string, fn: () => Promise<unknown>) => {
  await fn();
  const t = performance.now();
  for (let i = 0; i < 5; i++) await fn();
  console.log(label, ((performance.now() - t) / 5).toFixed(1), 'ms');
};
await time('orgsForDuties', () => dutiesRepository.orgsForDuties(ctx.db, countyId));
await time('monthly', () => ctx.db.select({ orgId: dutyMonthly.orgId, month: dutyMonthly.month, dueWeight: dutyMonthly.dueWeight, onTimeWeight: dutyMonthly.onTimeWeight, rate: dutyMonthly.rate, stars: dutyMonthly.stars, closedAt: dutyMonthly.closedAt }).from(dutyMonthly).where(and(eq(dutyMonthly.countyId, countyId), like(dutyMonthly.month, '2026-%'))));
await time('warnings', () => ctx.db.select({ orgId: dutyWarnings.orgId, month: dutyWarnings.month, level: dutyWarnings.level, clearedAt: dutyWarnings.clearedAt }).from(dutyWarnings).where(eq(dutyWarnings.countyId, countyId)));
const base = () => ctx.db.select({ id: dutySubmissions.id, t: dutyItems.title, o: orgs.name }).from(dutySubmissions).innerJoin(dutyItems, eq(dutyItems.id, dutySubmissions.itemId)).innerJoin(orgs, eq(orgs.id, dutyItems.orgId));
await time('ticker submitted', () => base().where(eq(dutySubmissions.countyId, countyId)).orderBy(desc(dutySubmissions.submittedAt)).limit(12));
await time('ticker accepted', () => base().where(and(eq(dutySubmissions.countyId, countyId), gte(dutySubmissions.reviewedAt, new Date(Date.now() - 14 * 86_400_000)), eq(dutySubmissions.status, 'accepted'))).orderBy(desc(dutySubmissions.reviewedAt)).limit(12));
await database.close();
