// Postgres array literals, for bulk statements that pass a whole column as one array parameter (unnest).

export type Scalar = string | number | boolean | Date | null | undefined;

/** A Postgres array literal: `{"a","b",NULL}`. */
export function pgArrayLiteral(values: readonly Scalar[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else out += `"${(v instanceof Date ? v.toISOString() : String(v)).replace(/[\\"]/g, '\\$&')}"`;
  }
  return out + '}';
}
