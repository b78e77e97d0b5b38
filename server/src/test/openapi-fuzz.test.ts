// Fuzz of every route in the OpenAPI document, as a logged-in county administrator: NUL and control characters,
// integers beyond 32 bits, impossible or far-off dates and wrong types in each body field, query and path parameter.
// Bad input is a 4xx with a Chinese message, never a 5xx — and never the edge's database safety net (DB_REJECTED_INPUT),
// which would mean a schema let through what its column cannot hold. Deterministic: no random values, fixed order.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_REJECTED_INPUT } from '../core/errors';
import { jobRuns } from '../db/schema/index';
import { memberInput } from './factories';
import { exampleOf, leavesOf, operationsOf, typeOf, withLeaf, type ExampleIds, type OpenApiOperation } from './openapi';
import { createTestEnv, type Session, type TestEnv } from './test-app';

/** Values the database cannot hold: every input string must refuse NUL, every integer the 32-bit overflow. */
const NUL = 'ab\u0000cd';
const INT_OVERFLOW = 2 ** 31;
/** Dates a calendar does not have, or too far off (for fields and parameters that hold dates or months). */
const BAD_DATES = ['2026-02-30', '9999-12-31', '2026-13'];
/** Parameters sent as text: NUL, beyond 32 bits, beyond a double, impossible dates. */
const BAD_PARAMS = ['a\u0000b', '2147483648', '1e309', '2026-02-30', '9999-12-31'];
/** Whole bodies of the wrong type. */
const BAD_BODIES: unknown[] = [[], 'text', { [`k\u0000`]: '\u0000' }];

const DATE_LIKE = /^\d{4}-\d{2}(-\d{2})?$/;

/** Routes the fuzz leaves out, and why. */
const SKIP: Record<string, string> = {
  'POST /api/auth/logout': 'would end the session the rest of the fuzz uses',
};

type Failure = { request: string; status: number; body: string; why: string };
type Probe = { req: InjectOptions; /** Paths the validation must name (each poisoned field), when the answer is a 400. */ mustReport: string[] };

let env: TestEnv;
let admin: Session;
let ids: ExampleIds;
let ops: OpenApiOperation[];

beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.as('countyAdmin');
  ids = { orgId: env.base.branch1.id, branchId: env.base.branch1.id, townId: env.base.town1.id, memberId: env.base.member1Id, accountId: env.base.accountIds.instructor1 };
  const doc = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
  ops = operationsOf(doc.json());
});
afterAll(async () => env?.close());

/** Path parameters: the fixture's ids where the route names a record of theirs, else a fresh uuid or a name. */
function pathValue(op: OpenApiOperation, name: string): string {
  const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
  const ex = exampleOf(p?.schema, name, ids);
  if (name === 'id' && op.path.startsWith('/api/orgs/')) return ids.branchId;
  if (name === 'id' && op.path.startsWith('/api/members/')) return ids.memberId;
  if (name === 'id' && op.path.startsWith('/api/accounts/')) return ids.accountId;
  return typeof ex === 'string' && ex ? ex : 'x';
}

function urlOf(op: OpenApiOperation, pathOverride: Record<string, string> = {}, query: Record<string, string> = {}): string {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathOverride[name] ?? pathValue(op, name)));
  const qs = new URLSearchParams(query).toString();
  return qs ? `${path}?${qs}` : path;
}

function baseQuery(op: OpenApiOperation): Record<string, string> {
  const q: Record<string, string> = {};
  for (const p of op.parameters.filter((x) => x.in === 'query' && x.required)) q[p.name] = String(exampleOf(p.schema, p.name, ids));
  return q;
}

/**
 * The probes of one route: its example request; every string field (or query parameter) given a NUL at once and every
 * integer 2^31 at once — a 400 must then name each of them, so one field without its block cannot hide behind the
 * others; each date-like field and parameter given impossible dates one at a time; path parameters and whole bodies
 * of the wrong shape.
 */
function probesFor(op: OpenApiOperation): Probe[] {
  const method = op.method as InjectOptions['method'];
  const out: Probe[] = [];
  const query = baseQuery(op);
  const body = op.body ? exampleOf(op.body, '', ids) : undefined;
  const url = urlOf(op, {}, query);
  const withBody = (u: string, payload: unknown, mustReport: string[] = []) =>
    out.push({ req: op.body ? { method, url: u, payload: payload as InjectOptions['payload'] } : { method, url: u }, mustReport });
  withBody(url, body);

  const queryParams = op.parameters.filter((p) => p.in === 'query');
  if (queryParams.length) {
    withBody(urlOf(op, {}, Object.fromEntries(queryParams.map((p) => [p.name, BAD_PARAMS[0]]))), body, queryParams.map((p) => p.name));
    for (const bad of BAD_PARAMS.slice(1)) withBody(urlOf(op, {}, Object.fromEntries(queryParams.map((p) => [p.name, bad]))), body);
    for (const p of queryParams) {
      if (DATE_LIKE.test(String(exampleOf(p.schema, p.name, ids)))) for (const bad of BAD_DATES) withBody(urlOf(op, {}, { ...query, [p.name]: bad }), body, [p.name]);
    }
  }
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  for (const bad of pathParams.length ? BAD_PARAMS : []) withBody(urlOf(op, Object.fromEntries(pathParams.map((p) => [p.name, bad])), query), body);

  if (op.body) {
    for (const bad of BAD_BODIES) out.push({ req: { method, url, payload: JSON.stringify(bad), headers: { 'content-type': 'application/json' } }, mustReport: [] });
    const leaves = leavesOf(op.body);
    const strings = leaves.filter((l) => typeOf(l.schema) === 'string' && !l.schema.enum);
    const ints = leaves.filter((l) => typeOf(l.schema) === 'integer');
    const poison = (ls: typeof leaves, v: unknown) => ls.reduce<unknown>((b, l) => withLeaf(b, l.path, v), body);
    const names = (ls: typeof leaves) => ls.map((l) => l.path.join('.'));
    if (strings.length) withBody(url, poison(strings, NUL), names(strings));
    if (ints.length) withBody(url, poison(ints, INT_OVERFLOW), names(ints));
    if (ints.length) withBody(url, poison(ints, 1e300));
    for (const l of leaves) {
      const t = typeOf(l.schema);
      withBody(url, withLeaf(body, l.path, t === 'string' ? 12345 : t === 'array' ? {} : 'abc'));
      const example = exampleOf(l.schema, String(l.path[l.path.length - 1] ?? ''), ids);
      if (typeof example === 'string' && DATE_LIKE.test(example)) for (const bad of BAD_DATES) withBody(url, withLeaf(body, l.path, bad), [l.path.join('.')]);
    }
  }
  return out;
}

describe('OpenAPI fuzz: bad input is refused, never answered 5xx', () => {
  it('covers every route of the document with NUL bytes, huge numbers, impossible dates and wrong types', async () => {
    expect(ops.length).toBeGreaterThan(100);
    const failures: Failure[] = [];
    let sent = 0;
    for (const op of ops) {
      if (SKIP[`${op.method} ${op.path}`]) continue;
      for (const { req, mustReport } of probesFor(op)) {
        let res = await admin.inject(req);
        // A fuzzed write may have ended or changed the session (it never should have been able to): log in again once.
        if (res.statusCode === 401 && !op.path.startsWith('/api/auth/')) {
          admin = await env.as('countyAdmin');
          res = await admin.inject(req);
        }
        sent += 1;
        const error = (() => {
          try {
            return (res.json() as { error?: { code?: string; details?: unknown } }).error;
          } catch {
            return undefined;
          }
        })();
        const reported = Array.isArray(error?.details) ? (error.details as { path?: string }[]).map((d) => d.path ?? '') : [];
        // A field counts as refused when the validation names it or a part of it (an item of an array, a union's branch).
        const missed = res.statusCode === 400 && error?.code === 'VALIDATION' ? mustReport.filter((p) => !reported.some((r) => r === p || r.startsWith(`${p}.`) || p.startsWith(`${r}.`))) : [];
        const why = res.statusCode >= 500 ? '5xx' : error?.code === DB_REJECTED_INPUT ? 'the database refused it (no schema block)' : missed.length ? `accepted by the schema: ${missed.join(', ')}` : '';
        if (why) {
          const payload = req.payload === undefined ? '' : ` ${typeof req.payload === 'string' ? req.payload : JSON.stringify(req.payload)}`.slice(0, 300);
          failures.push({ request: `${req.method} ${req.url}${payload}`, status: res.statusCode, body: res.body.slice(0, 200), why });
        }
      }
    }
    // The figure for the note: how many requests the fuzz sends.
    console.info(`openapi fuzz: ${ops.length} routes, ${sent} requests, ${failures.length} failures`);
    expect(failures).toEqual([]);
  }, 600_000);

  it('answers bad input with a Chinese message that names the field', async () => {
    const runsBefore = (await env.ctx.db.select().from(jobRuns)).length;
    const res = await admin.post('/api/jobs/duties.daily/run', { period: '2026-02-30' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/周期/);
    const nul = await admin.get('/api/members?q=%00');
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error.message).toContain('控制字符');
    // Nothing of the refused run reached the job history (it used to store the raw SQL error text as the run's error).
    expect(await env.ctx.db.select().from(jobRuns)).toHaveLength(runsBefore);
    const born = await admin.post('/api/members', { ...memberInput(env.base.branch1.id), birthDate: '9999-12-31' });
    expect(born.statusCode).toBe(400);
    expect(born.json().error.details).toContainEqual({ path: 'birthDate', message: '日期应在 1900-01-01 至 2100-12-31 之间' });
    const huge = await admin.put(`/api/orgs/${env.base.branch1.id}`, { name: '某某党支部', sector: 'rural', version: 2 ** 31 });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.details).toContainEqual(expect.objectContaining({ path: 'version' }));
  });
});
