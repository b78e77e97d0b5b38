// Bulk insert through `unnest`: one parameter per column (a Postgres array literal) instead of one per value, which
// is about 2.5 times faster than a multi-row VALUES insert on PGlite and keeps far below the 65,535-parameter limit.
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../core/db';
import { pgArrayLiteral, type Scalar } from '../core/pg-array';

/** Inserts rows (all with the same keys, the table's property names) in one statement. */
export async function bulkInsert<T extends PgTable>(ex: Executor, table: T, rows: readonly T['$inferInsert'][]): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]).filter((k) => k in columns);
  const names: string[] = [];
  const selects: string[] = [];
  const arrays: SQL[] = [];
  keys.forEach((key, i) => {
    const column = columns[key];
    const type = column.getSQLType();
    const cells = rows.map((r) => (r as Record<string, unknown>)[key]);
    names.push(`"${column.name}"`);
    if (type.endsWith('[]')) {
      // unnest flattens arrays of arrays: pass each row's array as its literal text and cast it back.
      arrays.push(sql`${pgArrayLiteral(cells.map((c) => (c == null ? null : pgArrayLiteral(c as Scalar[]))))}::text[]`);
      selects.push(`c${i}::${type}`);
    } else {
      arrays.push(sql`${pgArrayLiteral(cells as Scalar[])}::${sql.raw(type)}[]`);
      selects.push(`c${i}`);
    }
  });
  const tableName = getTableName(table);
  await ex.execute(
    sql`insert into ${sql.raw(`"${tableName}"`)} (${sql.raw(names.join(', '))}) select ${sql.raw(selects.join(', '))} from unnest(${sql.join(arrays, sql`, `)}) as t(${sql.raw(keys.map((_, i) => `c${i}`).join(', '))})`,
  );
}
