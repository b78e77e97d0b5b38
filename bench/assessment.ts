// `npm run bench:assessment [-- --database-url postgres://…] [--members 17000] [--iterations 5]`
// Figures, never assertions: the demo county (the first start's generator, full size by default), then the year-end
// computation of the annual assessment (every committee and branch from the modules' records, stored with evidence)
// and the ranking's first page through the service the route calls; p50 / p95 in milliseconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toChinaDate } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { Actor } from '../server/src/core/actor';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { loadDemoCounty } from '../server/src/demo/demo-county';
import { createAssessmentService } from '../server/src/modules/assessment/assessment.service';
import { createWeakOrgsService } from '../server/src/modules/assessment/weak-orgs.service';
import { dropPgDatabase, ms, recreatePgDatabase, table, timeIt } from './measure';

const { values: args } = parseArgs({ options: { 'database-url': { type: 'string' }, members: { type: 'string', default: '17000' }, iterations: { type: 'string', default: '5' } } });

async function main() {
  let dbUrl: string | null = null;
  if (args['database-url']) {
    const u = new URL(args['database-url']);
    u.pathname = `/yanzhen_bench_assessment_${process.pid}`;
    dbUrl = u.toString();
    await recreatePgDatabase(dbUrl);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yanzhen-bench-assessment-'));
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: dbUrl ? null : path.join(dataDir, 'pglite') });
  try {
    await database.migrate();
    const ctx: AppContext = { database, db: database.db, clock: () => new Date(), crypto: createFieldCrypto(Buffer.alloc(32, 7)), config: { ...loadConfig(), dataDir }, events: new EventBus() };
    const { countyId, rootOrgId } = await ensureCounty(ctx);
    let t = Date.now();
    await loadDemoCounty(ctx, { countyId, rootOrgId, members: Number(args.members) });
    const [{ orgs }] = await queryRows<{ orgs: number }>(ctx.db, sql`select count(*)::int as orgs from assessment_scores where year = ${Number(toChinaDate(new Date()).slice(0, 4))}`);
    console.log(`${database.kind}: demo county (${args.members} members) loaded in ${((Date.now() - t) / 1000).toFixed(1)} s; ${orgs} orgs scored this year`);
    const service = createAssessmentService(ctx, createWeakOrgsService(ctx).standings);
    const year = Number(toChinaDate(new Date()).slice(0, 4));
    const [root] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);
    const actor: Actor = { accountId: rootOrgId, username: 'bench', displayName: '基准测试', role: 'countyAdmin', countyId, orgId: rootOrgId, orgPath: root.path, memberId: null, ip: null };
    const iterations = Number(args.iterations);
    t = Date.now();
    const compute = await timeIt(() => service.computeYear(countyId, year, actor, null), iterations, 1);
    const ranking = await timeIt(() => service.ranking(actor, { year, level: 'branch', page: 1, pageSize: 20 }), 30, 3);
    const deep = await timeIt(() => service.ranking(actor, { year, level: 'branch', page: 10, pageSize: 20 }), 30, 3);
    console.log(
      table(['what', 'p50 ms', 'p95 ms', 'runs'], [
        [`year-end computation (${orgs} orgs, stored with evidence)`, ms(compute.p50), ms(compute.p95), String(compute.n)],
        ['ranking, branches, first page', ms(ranking.p50), ms(ranking.p95), String(ranking.n)],
        ['ranking, branches, page 10', ms(deep.p50), ms(deep.p95), String(deep.n)],
      ]),
    );
  } finally {
    await database.close();
    if (dbUrl) await dropPgDatabase(dbUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
void main();
