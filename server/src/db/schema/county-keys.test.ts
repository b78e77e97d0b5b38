// Ready to distribute by county (Citus distributes on county_id, and every unique key and primary key of a distributed
// table must include it): checked over the migrated database, so keys made by hand-written migrations count too.
// The plan and the reasons for the exceptions: docs/DISTRIBUTION.md.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../core/db';
import { getTestDatabase } from '../../test/test-db';

/** Keys that need not include county_id, each with its reason (small global tables, looked up before the county is known). */
const GLOBAL_KEYS: Record<string, string> = {
  counties_pkey: 'the tenants themselves (a reference table under Citus)',
  counties_code_unique: 'the tenants themselves (a reference table under Citus)',
  accounts_username_unique: 'login finds the account by user name before the county is known; names are unique across the deployment',
  sessions_pkey: 'a session is found by its cookie token before the county is known; rows expire (coordinator-local table or cache)',
  board_links_token_uq: 'the public board is opened by its token alone; a handful of links per county',
  audit_log_pkey: 'county_id is null for events without a county (failed logins); append-only, partitioned by time rather than distributed',
  audit_chain_entry_uq: 'one chain link per audit_log entry, whose id is the global bigserial of audit_log_pkey; lives beside audit_log',
  staff_rating_codes_hash_uq: 'the public rating page finds a one-time code by its keyed hash alone, before the county is known (like board_links_token_uq)',
  login_throttle_pkey: 'a login attempt is counted by source address (and account) before any county is known; rows expire after 15 minutes',
};
/** Tables without a county_id column at all. */
const GLOBAL_TABLES: Record<string, string> = {
  counties: 'the tenants themselves',
  sessions: 'found by cookie token before the county is known',
  login_throttle: 'counted by source address before the county is known (an address is throttled across counties); short-lived rows',
};

type Key = { table_name: string; index_name: string; is_primary: boolean; columns: string[] };

async function keys(): Promise<Key[]> {
  const database = await getTestDatabase();
  return queryRows<Key>(
    database.db,
    sql`select c.relname as table_name, i.relname as index_name, x.indisprimary as is_primary,
          array(select coalesce(a.attname::text, '(expression)') from unnest(x.indkey::int2[]) with ordinality k(attnum, ord)
                left join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum order by k.ord) as columns
        from pg_index x
        join pg_class c on c.oid = x.indrelid
        join pg_class i on i.oid = x.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and x.indisunique and c.relname <> '__drizzle_migrations'
        order by 1, 2`,
  );
}

describe('distribution by county', () => {
  it('every unique key and composite primary key includes county_id (except the listed global keys)', async () => {
    const all = await keys();
    expect(all.length).toBeGreaterThan(40);
    // A surrogate primary key (the uuid `id` alone) is the one pending kind: it becomes (county_id, id) with its
    // foreign keys, as planned in docs/DISTRIBUTION.md. Everything else must carry the county now.
    const surrogate = all.filter((k) => k.is_primary && k.columns.length === 1 && k.columns[0] === 'id' && !(k.index_name in GLOBAL_KEYS));
    const offending = all
      .filter((k) => !(k.index_name in GLOBAL_KEYS) && !surrogate.includes(k) && !k.columns.includes('county_id'))
      .map((k) => `${k.table_name}.${k.index_name} (${k.columns.join(', ')})`);
    console.log(`unique/primary keys: ${all.length}; with county_id: ${all.filter((k) => k.columns.includes('county_id')).length}; surrogate uuid primary keys pending (county_id, id): ${surrogate.length}; global exceptions: ${Object.keys(GLOBAL_KEYS).length}`);
    expect(offending, 'unique or primary keys without county_id (add it, or list the key in GLOBAL_KEYS with a reason)').toEqual([]);
    const stale = Object.keys(GLOBAL_KEYS).filter((name) => !all.some((k) => k.index_name === name));
    expect(stale, 'GLOBAL_KEYS entries that no longer exist').toEqual([]);
  });

  it('every table but the listed global ones has a NOT NULL county_id', async () => {
    const database = await getTestDatabase();
    const rows = await queryRows<{ table_name: string; county_nullable: string | null }>(
      database.db,
      sql`select t.table_name, c.is_nullable as county_nullable
          from information_schema.tables t
          left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'county_id'
          where t.table_schema = 'public' and t.table_type = 'BASE TABLE' and t.table_name <> '__drizzle_migrations'`,
    );
    expect(rows.length).toBeGreaterThan(40);
    const missing = rows.filter((r) => r.county_nullable === null && !(r.table_name in GLOBAL_TABLES)).map((r) => r.table_name);
    expect(missing, 'tables without county_id').toEqual([]);
    const nullable = rows.filter((r) => r.county_nullable === 'YES' && r.table_name !== 'audit_log' && r.table_name !== 'audit_log_archive').map((r) => r.table_name);
    expect(nullable, 'tables whose county_id may be null').toEqual([]);
  });
});
