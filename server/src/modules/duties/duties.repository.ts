// The only code that touches the duty tables (templates, items, submissions, rectifications, rollups, warnings).
import { and, asc, eq, inArray, isNotNull, isNull, like, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../core/db';
import { dutyItems, dutyMonthly, dutySubmissions, dutyTemplateItems, dutyTemplates, dutyWarnings, members, orgs, settings } from '../../db/schema/index';
import { DEFAULT_DUTY_SETTINGS, DUTY_SETTINGS_KEY, ZDutySettings, type DutySettings } from '@yanzhen/domain';

export type DutyItemRow = typeof dutyItems.$inferSelect;
export type TemplateRow = typeof dutyTemplates.$inferSelect;
export type TemplateItemRow = typeof dutyTemplateItems.$inferSelect;
export type SubmissionRow = typeof dutySubmissions.$inferSelect;

const CHUNK = 1000;

/** A Postgres array literal (`{"a",NULL}`) passed as one text parameter and cast in SQL: the same on both drivers. */
function arrayLiteral(values: readonly (string | number | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

export const dutiesRepository = {
  async templatesOfYear(ex: Executor, countyId: string, year: number): Promise<{ template: TemplateRow; items: TemplateItemRow[] }[]> {
    const ts = await ex.select().from(dutyTemplates).where(and(eq(dutyTemplates.countyId, countyId), eq(dutyTemplates.year, year)));
    if (ts.length === 0) return [];
    const items = await ex
      .select()
      .from(dutyTemplateItems)
      .where(and(eq(dutyTemplateItems.countyId, countyId), inArray(dutyTemplateItems.templateId, ts.map((t) => t.id)), isNull(dutyTemplateItems.removedAt)))
      .orderBy(asc(dutyTemplateItems.sortOrder), asc(dutyTemplateItems.createdAt));
    return ts.map((template) => ({ template, items: items.filter((i) => i.templateId === template.id) }));
  },

  async insertItems(ex: Executor, rows: (typeof dutyItems.$inferInsert)[]): Promise<number> {
    let created = 0;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const res = await ex.insert(dutyItems).values(rows.slice(i, i + CHUNK)).onConflictDoNothing().returning({ id: dutyItems.id });
      created += res.length;
    }
    return created;
  },

  async findItem(ex: Executor, countyId: string, id: string): Promise<DutyItemRow | null> {
    const [row] = await ex.select().from(dutyItems).where(and(eq(dutyItems.countyId, countyId), eq(dutyItems.id, id)));
    return row ?? null;
  },

  /** Live orgs of the county (or of a subtree) with what decides their duty list, and their secretary's name. */
  async orgsForDuties(ex: Executor, countyId: string, where?: SQL) {
    return ex
      .select({ id: orgs.id, path: orgs.path, depth: orgs.depth, name: orgs.name, shortName: orgs.shortName, type: orgs.type, sector: orgs.sector, gridKind: orgs.gridKind, createdAt: orgs.createdAt, sortOrder: orgs.sortOrder, seq: orgs.seq, secretaryMemberId: orgs.secretaryMemberId, secretaryName: members.name })
      .from(orgs)
      .leftJoin(members, eq(members.id, orgs.secretaryMemberId))
      .where(and(eq(orgs.countyId, countyId), isNull(orgs.dissolvedAt), where))
      .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.seq));
  },

  /** The stars of every closed month of a year, per org of a subtree (the assessment reads them). */
  async closedStarsOfYear(ex: Executor, countyId: string, pathPattern: string, year: number) {
    return ex
      .select({ orgId: dutyMonthly.orgId, month: dutyMonthly.month, stars: dutyMonthly.stars })
      .from(dutyMonthly)
      .where(and(eq(dutyMonthly.countyId, countyId), like(dutyMonthly.month, `${year}-%`), like(dutyMonthly.orgPath, pathPattern), isNotNull(dutyMonthly.closedAt)));
  },

  /** When each org's current vacancy began: the latest cancellation of its items for a vacant secretary post. */
  async vacancyStarts(ex: Executor, countyId: string, pathPattern: string) {
    return ex
      .select({ org_id: dutyItems.orgId, since: sql<string>`to_char(max(${dutyItems.cancelledAt}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')` })
      .from(dutyItems)
      .innerJoin(orgs, eq(orgs.id, dutyItems.orgId))
      .where(and(eq(dutyItems.countyId, countyId), like(orgs.path, pathPattern), eq(dutyItems.status, 'cancelled'), eq(dutyItems.cancelReason, 'vacant'), isNull(orgs.secretaryMemberId)))
      .groupBy(dutyItems.orgId);
  },

  async settings(ex: Executor, countyId: string): Promise<DutySettings> {
    const [row] = await ex.select().from(settings).where(and(eq(settings.countyId, countyId), eq(settings.key, DUTY_SETTINGS_KEY)));
    if (!row) return DEFAULT_DUTY_SETTINGS;
    const parsed = ZDutySettings.safeParse(row.value);
    return parsed.success ? parsed.data : DEFAULT_DUTY_SETTINGS;
  },

  /**
   * Recomputes the open (not closed) monthly rollups of the matching items from the records: counts, weights,
   * overdue as of `today`, the on-time rate. Closed months stay as they were closed.
   */
  async refreshMonthly(ex: Executor, countyId: string, today: string, now: Date, filter: { orgId?: string; month?: string; monthPrefix?: string }): Promise<void> {
    const conds = [sql`county_id = ${countyId}`];
    if (filter.orgId) conds.push(sql`org_id = ${filter.orgId}`);
    if (filter.month) conds.push(sql`month = ${filter.month}`);
    if (filter.monthPrefix) conds.push(sql`month like ${`${filter.monthPrefix}%`}`);
    const onTime = sql`status = 'accepted' and on_time`;
    await ex.execute(sql`
      insert into ${dutyMonthly} (county_id, org_id, org_path, month, due_count, due_weight, on_time_count, on_time_weight, accepted_count, late_count, overdue_count, rate, updated_at)
      select county_id, org_id, min(org_path), month, count(*)::int, sum(weight)::int,
        (count(*) filter (where ${onTime}))::int,
        coalesce(sum(weight) filter (where ${onTime}), 0)::int,
        (count(*) filter (where status = 'accepted'))::int,
        (count(*) filter (where status = 'accepted' and not on_time))::int,
        (count(*) filter (where status in ('pending', 'returned') and due_date < ${today}))::int,
        round(100.0 * coalesce(sum(weight) filter (where ${onTime}), 0) / nullif(sum(weight), 0), 1)::real,
        ${now}
      from ${dutyItems} where ${sql.join(conds, sql` and `)} and status <> 'cancelled'
      group by county_id, org_id, month
      on conflict (county_id, org_id, month) do update set
        org_path = excluded.org_path, due_count = excluded.due_count, due_weight = excluded.due_weight,
        on_time_count = excluded.on_time_count, on_time_weight = excluded.on_time_weight, accepted_count = excluded.accepted_count,
        late_count = excluded.late_count, overdue_count = excluded.overdue_count, rate = excluded.rate, updated_at = excluded.updated_at
      where ${dutyMonthly}.closed_at is null`);
    // Open rollups left with nothing countable (every item cancelled or removed) go back to zero.
    await ex.execute(sql`
      update ${dutyMonthly} set due_count = 0, due_weight = 0, on_time_count = 0, on_time_weight = 0, accepted_count = 0, late_count = 0, overdue_count = 0, rate = null, updated_at = ${now}
      where ${sql.join(conds, sql` and `)} and closed_at is null and due_count > 0
        and not exists (select 1 from ${dutyItems} i where i.county_id = ${countyId} and i.org_id = ${dutyMonthly}.org_id and i.month = ${dutyMonthly}.month and i.status <> 'cancelled')`);
  },

  /** Freezes a month's rollups in one statement: stars, rate, overdue, the split per secretary and the settings used. */
  async closeMonthly(ex: Executor, countyId: string, month: string, rows: readonly { orgId: string; rate: number | null; stars: number | null; overdue: number; bySecretary: unknown }[], settings: unknown, now: Date): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      await ex.execute(sql`
        update ${dutyMonthly} m set rate = v.rate, stars = v.stars, overdue_count = v.overdue, by_secretary = v.by_secretary::jsonb,
          settings = ${JSON.stringify(settings)}::jsonb, closed_at = ${now}, updated_at = ${now}
        from unnest(${arrayLiteral(part.map((r) => r.orgId))}::uuid[], ${arrayLiteral(part.map((r) => r.rate))}::real[], ${arrayLiteral(part.map((r) => r.stars))}::int[],
          ${arrayLiteral(part.map((r) => r.overdue))}::int[], ${arrayLiteral(part.map((r) => JSON.stringify(r.bySecretary)))}::text[]) as v(org_id, rate, stars, overdue, by_secretary)
        where m.county_id = ${countyId} and m.month = ${month} and m.org_id = v.org_id and m.closed_at is null`);
    }
  },

  async clearWarnings(ex: Executor, clears: readonly { id: string; reason: string }[], now: Date): Promise<void> {
    for (let i = 0; i < clears.length; i += CHUNK) {
      const part = clears.slice(i, i + CHUNK);
      await ex.execute(sql`update ${dutyWarnings} w set cleared_at = ${now}, cleared_reason = v.reason
        from unnest(${arrayLiteral(part.map((c) => c.id))}::uuid[], ${arrayLiteral(part.map((c) => c.reason))}::text[]) as v(id, reason)
        where w.id = v.id and w.cleared_at is null`);
    }
  },

  async count(ex: Executor, query: SQL): Promise<number> {
    const [row] = await queryRows<{ n: string | number }>(ex, query);
    return Number(row?.n ?? 0);
  },
};

