// Test helper: the routes of the OpenAPI document (/api/openapi.json) with their parameters and schemas, and example
// values built from those schemas — what the fuzz test and the list-shape test walk.
export type JsonSchema = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
};

export type OpenApiParameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };

export type OpenApiOperation = {
  method: string;
  /** The OpenAPI path, e.g. /api/members/{id}. */
  path: string;
  parameters: OpenApiParameter[];
  /** The JSON request body's schema (null: none, or not JSON, e.g. a multipart upload). */
  body: JsonSchema | null;
  multipart: boolean;
  /** The schema of each response status the route declares. */
  responses: Record<string, JsonSchema | null>;
};

type OpenApiDoc = {
  paths: Record<string, Record<string, { parameters?: OpenApiParameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }> }>>;
};

export function operationsOf(doc: unknown): OpenApiOperation[] {
  const out: OpenApiOperation[] = [];
  for (const [path, item] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const content = op.requestBody?.content ?? {};
      const responses: Record<string, JsonSchema | null> = {};
      for (const [status, r] of Object.entries(op.responses ?? {})) responses[status] = r.content?.['application/json']?.schema ?? null;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content['application/json']?.schema ?? null,
        multipart: !!content['multipart/form-data'],
        responses,
      });
    }
  }
  return out.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

/** The non-null alternatives of a schema (zod's nullable/optional become anyOf [.., {type: 'null'}] or nullable). */
export function alternatives(s: JsonSchema): JsonSchema[] {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return alts.filter((a) => a.type !== 'null').flatMap(alternatives);
  if (s.allOf && s.allOf.length === 1) return alternatives(s.allOf[0]);
  return [s];
}

export const typeOf = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** Ids of the test fixture a field or parameter name points at, so generated requests reach real records. */
export type ExampleIds = { orgId: string; branchId: string; townId: string; memberId: string; accountId: string };

const DATE_NAME = /(date|Date|On$|^from$|^to$|^start$|^end$|deadline|Since$|^on$)/;
const MONTH_NAME = /(month|Month|period)/;

let uuidSeq = 0;
/** A deterministic, well-formed uuid (v4 layout) nobody's record has. */
export function freshUuid(): string {
  uuidSeq += 1;
  return `00000000-0000-4000-8000-${String(uuidSeq).padStart(12, '0')}`;
}

function idFor(name: string, ids: ExampleIds): string {
  if (/^(org|branch|community)Id$|^orgId$/.test(name)) return ids.branchId;
  if (/parentId|newParentId|intoId|townId|rootId/.test(name)) return ids.townId;
  if (/memberId|secretaryMemberId/.test(name)) return ids.memberId;
  if (/accountId/.test(name)) return ids.accountId;
  return freshUuid();
}

/** A value the schema accepts as far as its JSON form tells (names hint at dates, months and fixture ids). */
export function exampleOf(s: JsonSchema | undefined, name: string, ids: ExampleIds, depth = 0): unknown {
  if (!s || depth > 6) return null;
  const [alt] = alternatives(s);
  if (!alt) return null;
  if (alt.const !== undefined) return alt.const;
  if (alt.enum && alt.enum.length) return alt.enum[0];
  if (alt.default !== undefined && typeOf(alt) !== 'object') return alt.default;
  switch (typeOf(alt) ?? (alt.properties ? 'object' : undefined)) {
    case 'object': {
      const obj: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(alt.properties ?? {})) obj[k] = exampleOf(v, k, ids, depth + 1);
      return obj;
    }
    case 'array': {
      const n = Math.max(alt.minItems ?? 0, alt.items && alternatives(alt.items)[0]?.format === 'uuid' ? 0 : 1);
      return Array.from({ length: Math.min(n, 5) }, (_, i) => exampleOf(alt.items, name, ids, depth + 1) ?? i);
    }
    case 'integer':
    case 'number': {
      const lo = typeof alt.minimum === 'number' ? alt.minimum : typeof alt.exclusiveMinimum === 'number' ? alt.exclusiveMinimum + 1 : 1;
      return /year/i.test(name) ? Math.max(lo, 2026) : /version/i.test(name) ? 1 : lo;
    }
    case 'boolean':
      return false;
    case 'string': {
      if (alt.format === 'uuid') return idFor(name, ids);
      if (alt.format === 'date-time') return '2026-06-01T08:00:00+08:00';
      if (MONTH_NAME.test(name)) return '2026-05';
      if (DATE_NAME.test(name)) return '2026-06-01';
      const min = alt.minLength ?? 0;
      const text = '测试内容甲乙丙丁戊己庚辛壬癸';
      return text.repeat(Math.ceil(Math.max(min, 4) / text.length)).slice(0, Math.max(min, Math.min(alt.maxLength ?? 8, 8)));
    }
    default:
      return null;
  }
}

/** Each leaf of an example value with its path and the schema there (objects are walked, arrays by their first item). */
export function leavesOf(s: JsonSchema | undefined, path: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] {
  if (!s || depth > 6) return [];
  const [alt] = alternatives(s);
  if (!alt) return [];
  const t = typeOf(alt) ?? (alt.properties ? 'object' : undefined);
  if (t === 'object' && alt.properties) return Object.entries(alt.properties).flatMap(([k, v]) => leavesOf(v, [...path, k], depth + 1));
  if (t === 'array' && alt.items) return [{ path, schema: alt }, ...leavesOf(alt.items, [...path, 0], depth + 1)];
  return [{ path, schema: alt }];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function withLeaf(value: unknown, path: (string | number)[], leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const arr = Array.isArray(value) ? [...value] : [];
    arr[head] = withLeaf(arr[head], rest, leaf);
    return arr;
  }
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
  obj[head] = withLeaf(obj[head], rest, leaf);
  return obj;
}
