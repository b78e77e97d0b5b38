// The servers `npm run bench:http` measures, each in a child process of its own (so the load generator does not share
// its event loop): `reference` is a bare Fastify 5 route serving a fixed 20-row JSON page (the framework's ceiling on
// this machine); `app` is Yanzhen on the demo county (PGlite in a temporary folder, or the PostgreSQL DATABASE_URL names).
// Both listen on 127.0.0.1 only and tell the parent their port over IPC.
import { systemClock } from '@yanzhen/domain';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { buildApp } from '../server/src/app';
import { ensureCounty } from '../server/src/bootstrap';
import { loadConfig } from '../server/src/config';
import type { AppContext } from '../server/src/core/context';
import { createFieldCrypto } from '../server/src/core/crypto';
import { openDatabase, queryRows } from '../server/src/core/db';
import { EventBus } from '../server/src/core/events';
import { loadDemoCounty } from '../server/src/demo/demo-county';

export type ServerReady = { port: number; initials?: string; members?: number; loadSeconds?: number };

const send = (msg: ServerReady) => process.send?.(msg);

/** A fixed page shaped like the roster's (20 rows of ten short fields), serialized by Fastify's default serializer. */
function referencePage() {
  const items = Array.from({ length: 20 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `党员${i}`,
    gender: i % 2 ? 'male' : 'female',
    birthDate: '1985-03-12',
    idNumberMasked: '610***********123X',
    phoneMasked: '138****0000',
    education: 'bachelor',
    joinDate: '2010-07-01',
    status: 'full',
    categories: ['inService'],
    orgId: '00000000-0000-4000-8000-000000000001',
    orgName: '西官村党支部',
  }));
  return { items, total: 17000, page: 1, pageSize: 20 };
}

async function reference() {
  const app = Fastify({ logger: false });
  const page = referencePage();
  app.get('/ref', async () => page);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ port: typeof address === 'object' && address ? address.port : 0 });
  process.on('disconnect', () => process.exit(0));
}

async function yanzhen() {
  const databaseUrl = process.env.BENCH_DATABASE_URL || null;
  const dataDir = process.env.BENCH_DATA_DIR!;
  const members = Number(process.env.BENCH_MEMBERS ?? 17000);
  const database = await openDatabase({ databaseUrl, dataDir: databaseUrl ? null : `${dataDir}/pglite` });
  await database.migrate();
  const config = { ...loadConfig(), dataDir, databaseUrl, host: '127.0.0.1' };
  // A fixed key: the bench's scratch data is thrown away at the end.
  const ctx: AppContext = { database, db: database.db, clock: systemClock, crypto: createFieldCrypto(Buffer.alloc(32, 7)), config, events: new EventBus() };
  const { countyId, rootOrgId } = await ensureCounty(ctx);
  const t = performance.now();
  await loadDemoCounty(ctx, { countyId, rootOrgId, members, seed: 42 });
  const loadSeconds = (performance.now() - t) / 1000;
  if (databaseUrl) await database.db.execute(sql`analyze`);
  // Pinyin initials of one member, picked in a fixed order: a typical roster search.
  const [sample] = await queryRows<{ initials: string }>(
    ctx.db,
    sql`select name_initials as initials from members where county_id = ${countyId} and left_at is null and length(name_initials) = 3 order by md5(name || id_tail) limit 1`,
  );
  const [{ n }] = await queryRows<{ n: string | number }>(ctx.db, sql`select count(*) as n from members where county_id = ${countyId} and left_at is null`);
  // The plan of the county's first roster page and of its count, as the repository writes them (printed, not asserted).
  const [{ path: rootPath }] = await queryRows<{ path: string }>(ctx.db, sql`select path from orgs where id = ${rootOrgId}`);
  for (const q of [
    sql`explain analyze select m.id, m.name, o.name from members m inner join orgs o on o.id = m.org_id
        where m.county_id = ${countyId} and (m.org_path collate "C") like ${`${rootPath}%`} and m.left_at is null
        order by (m.org_path collate "C"), m.name_pinyin, m.name, m.id limit 20`,
    sql`explain analyze select count(*) from members m where m.county_id = ${countyId} and (m.org_path collate "C") like ${`${rootPath}%`} and m.left_at is null`,
  ]) {
    const plan = await queryRows<Record<string, string>>(ctx.db, q);
    console.error(plan.map((r) => Object.values(r)[0]).join('\n'));
  }
  const app = await buildApp(ctx, { serveWeb: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  send({ port: typeof address === 'object' && address ? address.port : 0, initials: sample?.initials, members: Number(n), loadSeconds });
  const stop = async () => {
    setTimeout(() => process.exit(0), 2000).unref(); // requests still queued from the last run are not waited for
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
}

const mode = process.argv[2];
(mode === 'reference' ? reference() : yanzhen()).catch((err) => {
  console.error(err);
  process.exit(1);
});
