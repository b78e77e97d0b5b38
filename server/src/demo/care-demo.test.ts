import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../core/db';
import { carePairings, careVisits, members, transfers } from '../db/schema/index';
import { createTestEnv, type TestEnv } from '../test/test-app';
import { getTestDatabase } from '../test/test-db';
import { loadDemoCountyWithStats } from './demo-county';

let env: TestEnv;
beforeAll(() => getTestDatabase().then(() => undefined));
afterEach(async () => env?.close());

describe('demo care and transfers', () => {
  it('pairs every hardship member, a year of visits with some overdue, elderly pairings, transfers both ways', async () => {
    env = await createTestEnv({ now: '2026-12-03T02:00:00Z' });
    const { countyId, root } = env.base;
    await loadDemoCountyWithStats(env.ctx, { countyId, rootOrgId: root.id, members: 600 });
    const [unpaired] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from members m join orgs o on o.id = m.org_id where m.county_id = ${countyId} and m.left_at is null and 'hardship' = any(m.categories)
          and o.secretary_member_id is not null and o.secretary_member_id <> m.id
          and not exists (select 1 from care_pairings p where p.member_id = m.id and p.kind = 'hardship')`,
    );
    expect(unpaired.n).toBe(0);
    const pairings = await env.ctx.db.select().from(carePairings).where(eq(carePairings.countyId, countyId));
    expect(pairings.some((p) => p.kind === 'hardship')).toBe(true);
    expect(pairings.some((p) => p.kind === 'elderly')).toBe(true);
    const visits = await env.ctx.db.select().from(careVisits).where(eq(careVisits.countyId, countyId));
    expect(visits.length).toBeGreaterThan(pairings.length);
    expect(visits.every((v) => v.visitedOn <= '2026-12-03')).toBe(true);
    const all = await env.ctx.db.select().from(transfers).where(eq(transfers.countyId, countyId));
    expect(all.filter((t) => t.direction === 'out').length).toBeGreaterThanOrEqual(6);
    expect(all.filter((t) => t.direction === 'in').length).toBe(5);
    expect(new Set(all.map((t) => t.status))).toEqual(new Set(['open', 'received', 'voided', 'arrived']));
    const left = await env.ctx.db.select().from(members).where(and(eq(members.countyId, countyId), isNotNull(members.leftAt)));
    expect(left.length).toBe(all.filter((t) => t.status === 'received').length);

    const county = await env.as('countyAdmin');
    const dash = (await county.get('/api/care/dashboard')).json();
    expect(dash.hardship.active).toBe(pairings.filter((p) => p.kind === 'hardship').length);
    expect(dash.hardship.overdue).toBeGreaterThan(0);
    expect(dash.transfers.receiptOverdue).toBeGreaterThan(0);
    expect(dash.visitsByMonth.length).toBeGreaterThanOrEqual(11);

    // 节日慰问: the Spring Festival round closed and nearly fully paid, 七一 open; the reconciliation adds up
    const rounds = (await county.get('/api/care/condolence/rounds')).json();
    expect(rounds.items.map((r: { festival: string; status: string }) => `${r.festival}:${r.status}`).sort()).toEqual(['partyDay:open', 'springFestival:closed']);
    for (const r of rounds.items as { id: string; festival: string }[]) {
      const d = (await county.get(`/api/care/condolence/rounds/${r.id}`)).json();
      expect(d.totals.allocatedFen).toBeLessThanOrEqual(d.totals.budgetFen);
      expect(d.totals.remainingFen).toBeGreaterThanOrEqual(0);
      expect(d.totals.paidFen - d.totals.reversedFen + d.totals.remainingFen).toBe(d.totals.allocatedFen);
      expect(d.totals.covered).toBeLessThanOrEqual(d.totals.eligible);
      if (r.festival === 'springFestival') expect(d.totals.covered / d.totals.eligible).toBeGreaterThan(0.9);
    }
  });
});
