// Every table that copies an org path is registered (org-paths.ts), so org moves and merges rewrite it: checked over
// the Drizzle schema and over the migrated database (which also holds tables made by hand-written migrations).
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../core/db';
import { getTestDatabase } from '../../test/test-db';
import * as schema from './index';
import { ORG_PATH_TABLES } from './org-paths';

/** The source of every copy: rewritten with the depth by the org move itself. */
const SOURCE = 'orgs.path';
const looksLikeOrgPath = (column: string) => /(^|_)path$/.test(column);
const registered = () => new Set(ORG_PATH_TABLES.map((t) => `${getTableName(t)}.${t.orgPath.name}`));

describe('org path registry', () => {
  it('registers every Drizzle table with an org path column', () => {
    const found: string[] = [];
    for (const value of Object.values(schema)) {
      if (!is(value, PgTable)) continue;
      const { name, columns } = getTableConfig(value);
      for (const c of columns) if (looksLikeOrgPath(c.name)) found.push(`${name}.${c.name}`);
    }
    expect(found.length).toBeGreaterThan(20);
    const missing = found.filter((c) => c !== SOURCE && !registered().has(c));
    expect(missing, 'tables with an org path missing from ORG_PATH_TABLES (db/schema/org-paths.ts)').toEqual([]);
  });

  it('registers every database table with an org path column, and nothing else', async () => {
    const database = await getTestDatabase();
    const rows = await queryRows<{ table_name: string; column_name: string }>(
      database.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public' and column_name like '%path'`,
    );
    const inDatabase = rows.map((r) => `${r.table_name}.${r.column_name}`).filter(looksLikeOrgPath);
    const missing = inDatabase.filter((c) => c !== SOURCE && !registered().has(c));
    expect(missing, 'database columns with an org path missing from ORG_PATH_TABLES').toEqual([]);
    const stale = [...registered()].filter((c) => !inDatabase.includes(c));
    expect(stale, 'registered org path columns that the database does not have').toEqual([]);
    expect(inDatabase).toContain('development_files.org_path');
  });
});
