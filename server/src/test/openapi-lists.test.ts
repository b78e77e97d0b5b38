// No silent caps: every list the API answers is the paged shape {items, total, page, pageSize} with a true total —
// found by walking the response schemas of the OpenAPI document: a bare array at the top level, or an `items` array
// without `total`, fails here unless the list is naturally bounded and listed below with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alternatives, operationsOf, typeOf, type JsonSchema, type OpenApiOperation } from './openapi';
import { createTestEnv, type TestEnv } from './test-app';

/**
 * Lists that are bounded by their nature (not by a LIMIT), so a page and a total would add nothing. Each entry says
 * what bounds it; a list that can grow with members, orgs or time does not belong here.
 */
const BOUNDED_LISTS: Record<string, string> = {
  'GET /api/instructors/{id}/staff-ratings': 'the county\'s staff-rating items of one instructor and year (2–8 items, a county setting)',
  'GET /api/me/instructor/staff-ratings': 'the county\'s staff-rating items of one instructor and year (2–8 items, a county setting)',
  'GET /api/instructors/staff-rating-settings': 'the county\'s staff-rating items (2–8, checked on save)',
  'GET /api/org-life/checkup-items': "the county's 党性体检 item list: at most 30 items (schema)",
  'GET /api/org-life/checkups': "one member's check-up: its results per item of the county's list, at most 30",
  'GET /api/audit/actions': 'the audit action codes: a fixed vocabulary of the code (a few dozen)',
  'GET /api/jobs': 'the scheduled jobs: a fixed list of the code, each with its last few runs',
  'GET /api/dues/collection': 'one row per direct sub-org of the chosen org (a tree level), plus the total',
  'GET /api/theme-days/rates': 'one row per direct sub-org of the chosen org (a tree level), plus the total',
  'GET /api/enterprises/coverage': 'one row per town, industry or size band (four bands) of the two-new registry, plus the overall row',
  'GET /api/me/reports': "the member's own reports: one per month, of the last 24 months (the phone's history)",
  'GET /api/members/{id}/disciplines': "one member's disciplinary records",
  'GET /api/development/approvers': 'one row per party committee of the county (who approves admissions), complete',
  'GET /api/development/quotas': "one row per party committee of the county (the year's development plan), complete",
  'GET /api/development/stale-orgs': 'every branch without a new member for 3 years, complete (no LIMIT): a warning list to clear',
  'GET /api/orgs/tree': 'one level of the org tree (the children of one org), complete — the tree is opened level by level',
  'GET /api/assessment/schemes': "the county's scoring-scheme versions: one per revision of the scheme (a handful over the years)",
  'GET /api/assessment/years': 'the assessment years of the county: one row per year assessed',
  'GET /api/assessment/weak-orgs/counts': 'one row per town with a weak org in the year, complete (a county has a few dozen towns)',
  'GET /api/auth/sessions': "the caller's own live sessions: at most YANZHEN_MAX_SESSIONS (default 5), the oldest ended at each new login",
};

let env: TestEnv;
let ops: OpenApiOperation[];
beforeAll(async () => {
  env = await createTestEnv();
  ops = operationsOf((await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
});
afterAll(async () => env?.close());

/** Why a 200 response schema is a capped list: a bare array, or an object with an `items` array and no `total`. */
function cappedListShape(s: JsonSchema | null): string | null {
  if (!s) return null;
  for (const alt of alternatives(s)) {
    const t = typeOf(alt) ?? (alt.properties ? 'object' : undefined);
    if (t === 'array') return 'a bare array at the top level';
    const items = alt.properties?.items;
    if (t === 'object' && items && typeOf(alternatives(items)[0] ?? {}) === 'array') {
      const missing = ['total', 'page', 'pageSize'].filter((k) => !alt.properties?.[k]);
      if (missing.includes('total')) return 'an `items` array without `total`';
      if (missing.length) return `a paged list without ${missing.join(', ')}`;
    }
  }
  return null;
}

describe('OpenAPI lists', () => {
  it('answers every list as {items, total, page, pageSize}, except the naturally bounded ones listed with their reason', () => {
    const offenders = ops
      .filter((op) => op.method === 'GET')
      .map((op) => ({ route: `${op.method} ${op.path}`, why: cappedListShape(op.responses['200'] ?? null) }))
      .filter((o) => o.why && !BOUNDED_LISTS[o.route])
      .map((o) => `${o.route}: ${o.why}`);
    expect(offenders).toEqual([]);
  });

  it('keeps the allow-list honest: every entry is a route of the document that still answers a bare list', () => {
    const routes = new Map(ops.map((op) => [`${op.method} ${op.path}`, op]));
    const stale = Object.keys(BOUNDED_LISTS).filter((r) => !routes.has(r) || !cappedListShape(routes.get(r)!.responses['200'] ?? null));
    expect(stale).toEqual([]);
  });

  it('recognizes the capped shapes it refuses', () => {
    expect(cappedListShape({ type: 'array', items: { type: 'string' } })).toMatch(/bare array/);
    expect(cappedListShape({ type: 'object', properties: { items: { type: 'array' }, month: { type: 'string' } } })).toMatch(/without `total`/);
    expect(cappedListShape({ type: 'object', properties: { items: { type: 'array' }, total: { type: 'integer' }, page: { type: 'integer' }, pageSize: { type: 'integer' } } })).toBeNull();
  });
});
