// Duty-list templates per org category and year (defaults from the seed, editable by the county), timetable
// generation for the county, and the hooks that give a new org or a new secretary their items at once.
import {
  DEFAULT_DUTY_TEMPLATES,
  DUTY_CATEGORIES,
  DUTY_CATEGORY_LABELS,
  ZDueRule,
  ZEvidenceSpec,
  conflict,
  describeDueRule,
  dueDateIn,
  dutyCategoryOf,
  forbidden,
  generateTimetable,
  monthOf,
  notFound,
  periodsOfYear,
  toChinaDate,
  type DutyCategory,
  type DutyFrequency,
  type DutyTemplate,
  type DutyTemplateItem,
  type GridKind,
  type OrgType,
  type Sector,
  type TemplateItemCreate,
  type TemplateItemUpdate,
  itemsToCancel,
  itemsToReinstate,
  regenerationPlan,
  type CancelReason,
  type DutyItemStatus,
} from '@yanzhen/domain';
import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import { requirePermission, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { dutyItems, dutyRectifications, dutySubmissions, dutyTemplateItems, dutyTemplates, members, orgs } from '../../db/schema/index';
import { isCountyLevel } from './duties.policy';
import { dutiesRepository, type TemplateItemRow, type TemplateRow } from './duties.repository';

const FREQ: Record<DutyFrequency, string> = { yearly: '年度', quarterly: '季度', monthly: '月度' };

type OrgForDuties = Awaited<ReturnType<typeof dutiesRepository.orgsForDuties>>[number];

export const categoryOfRow = (o: { type: string; sector: string; gridKind: string | null }): DutyCategory | null =>
  dutyCategoryOf({ type: o.type as OrgType, sector: o.sector as Sector, gridKind: o.gridKind as GridKind | null });

export function presentTemplateItem(i: TemplateItemRow): DutyTemplateItem {
  const dueRule = ZDueRule.parse(i.dueRule);
  return {
    id: i.id,
    templateId: i.templateId,
    key: i.key,
    title: i.title,
    description: i.description,
    frequency: i.frequency as DutyFrequency,
    dueRule,
    dueLabel: describeDueRule(i.frequency as DutyFrequency, dueRule),
    evidence: ZEvidenceSpec.parse(i.evidence),
    weight: i.weight,
    isKey: i.isKey,
    version: i.version,
  };
}

const presentTemplate = (t: TemplateRow, items: TemplateItemRow[]): DutyTemplate => ({
  id: t.id,
  category: t.category as DutyCategory,
  categoryLabel: DUTY_CATEGORY_LABELS[t.category as DutyCategory],
  year: t.year,
  name: t.name,
  version: t.version,
  items: items.map(presentTemplateItem),
});

/** Makes the year's templates that are missing: a copy of last year's list, else the defaults. Idempotent. */
export async function ensureYearTemplates(ex: Executor, countyId: string, year: number, now: Date) {
  const existing = await dutiesRepository.templatesOfYear(ex, countyId, year);
  const have = new Set(existing.map((e) => e.template.category));
  const missing = DUTY_CATEGORIES.filter((c) => !have.has(c));
  if (missing.length === 0) return existing;
  const previous = await dutiesRepository.templatesOfYear(ex, countyId, year - 1);
  for (const category of missing) {
    const prev = previous.find((p) => p.template.category === category);
    const def = DEFAULT_DUTY_TEMPLATES[category];
    const [t] = await ex
      .insert(dutyTemplates)
      .values({ countyId, category, year, name: prev?.template.name ?? def.name, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!t) continue;
    const source = prev
      ? prev.items.map((i) => ({ key: i.key, title: i.title, description: i.description, frequency: i.frequency, dueRule: i.dueRule, evidence: i.evidence, weight: i.weight, isKey: i.isKey }))
      : def.items;
    await ex.insert(dutyTemplateItems).values(source.map((i, n) => ({ ...i, countyId, templateId: t.id, sortOrder: n, createdAt: now, updatedAt: now })));
  }
  return dutiesRepository.templatesOfYear(ex, countyId, year);
}

/** Inserts the timetable of `year` for each org (items due from `from` on); existing items are kept. */
export async function generateForOrgs(ex: Executor, countyId: string, year: number, orgList: readonly OrgForDuties[], from: string, now: Date): Promise<number> {
  const templates = await ensureYearTemplates(ex, countyId, year, now);
  const byCategory = new Map(templates.map((t) => [t.template.category, t.items]));
  const rows: (typeof dutyItems.$inferInsert)[] = [];
  for (const org of orgList) {
    const category = categoryOfRow(org);
    if (!category) continue;
    const items = (byCategory.get(category) ?? []).map((i) => ({ id: i.id, title: i.title, frequency: i.frequency as DutyFrequency, dueRule: ZDueRule.parse(i.dueRule), weight: i.weight, isKey: i.isKey }));
    for (const e of generateTimetable(items, year, { from })) {
      rows.push({
        countyId,
        orgId: org.id,
        orgPath: org.path,
        templateItemId: e.templateItemId,
        year,
        periodKey: e.periodKey,
        frequency: e.frequency,
        title: e.title,
        dueDate: e.dueDate,
        month: e.month,
        weight: e.weight,
        isKey: e.isKey,
        secretaryMemberId: org.secretaryMemberId,
        secretaryName: org.secretaryName,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  const created = await dutiesRepository.insertItems(ex, rows);
  await dutiesRepository.refreshMonthly(ex, countyId, toChinaDate(now), now, orgList.length === 1 ? { orgId: orgList[0].id, monthPrefix: String(year) } : { monthPrefix: String(year) });
  return created;
}

/** A new org gets this year's items due from today on, in the transaction that creates it. */
export async function dutiesOnOrgCreated(ex: Executor, org: { id: string; countyId: string }, now: Date): Promise<void> {
  const list = await dutiesRepository.orgsForDuties(ex, org.countyId, sql`${sql.identifier('orgs')}.id = ${org.id}`);
  if (list.length === 0 || !categoryOfRow(list[0])) return;
  const today = toChinaDate(now);
  await generateForOrgs(ex, org.countyId, Number(today.slice(0, 4)), list, today, now);
}

/** Cancels an org's items falling due from `day` on that are not accepted (dissolution, vacancy); returns how many. */
async function cancelItemsFrom(ex: Executor, countyId: string, orgId: string, day: string, reason: CancelReason, now: Date): Promise<number> {
  const rows = await ex.select({ id: dutyItems.id, dueDate: dutyItems.dueDate, status: dutyItems.status, cancelReason: dutyItems.cancelReason }).from(dutyItems).where(and(eq(dutyItems.countyId, countyId), eq(dutyItems.orgId, orgId), gte(dutyItems.dueDate, day)));
  const ids = itemsToCancel(rows.map((r) => ({ ...r, status: r.status as DutyItemStatus, cancelReason: r.cancelReason as CancelReason | null })), day);
  for (let i = 0; i < ids.length; i += 1000) {
    await ex
      .update(dutyItems)
      .set({ statusBeforeCancel: sql`${dutyItems.status}`, status: 'cancelled', cancelReason: reason, cancelledAt: now, updatedAt: now, version: sql`${dutyItems.version} + 1` })
      .where(inArray(dutyItems.id, ids.slice(i, i + 1000)));
  }
  return ids.length;
}

/**
 * A dissolved (or merged-away) org: its items falling due from the day of dissolution on are cancelled, so they count
 * for nobody when their month closes; what fell due before stays and counts.
 */
export async function dutiesOnOrgDissolved(ex: Executor, org: { id: string; countyId: string; name: string }, actor: Actor | null, now: Date): Promise<number> {
  const day = toChinaDate(now);
  const n = await cancelItemsFrom(ex, org.countyId, org.id, day, 'dissolved', now);
  if (n === 0) return 0;
  await dutiesRepository.refreshMonthly(ex, org.countyId, day, now, { orgId: org.id });
  await writeAudit(ex, actor, now, { countyId: org.countyId, action: 'duty.items.cancel', entityType: 'org', entityId: org.id, note: `${org.name}撤销：${day} 起到期的 ${n} 项履职事项取消，不计入月度贴星` });
  return n;
}

/**
 * A new secretary: every item falling due from today on counts for them; what fell due before stays with the
 * predecessor. A post left vacant cancels the items falling due while it is (they count for nobody); filling it gives
 * them back to the new secretary.
 */
export async function dutiesOnSecretaryChanged(ex: Executor, org: { id: string; countyId: string; name?: string; secretaryMemberId: string | null }, secretaryMemberId: string | null, now: Date, actor: Actor | null = null): Promise<void> {
  if (org.secretaryMemberId === secretaryMemberId) return;
  const day = toChinaDate(now);
  const [m] = secretaryMemberId ? await ex.select({ name: members.name }).from(members).where(eq(members.id, secretaryMemberId)) : [];
  const secretary = { id: secretaryMemberId, name: m?.name ?? null };
  await ex
    .update(dutyItems)
    .set({ secretaryMemberId: secretary.id, secretaryName: secretary.name, updatedAt: now })
    .where(and(eq(dutyItems.countyId, org.countyId), eq(dutyItems.orgId, org.id), gte(dutyItems.dueDate, day)));
  let note: string | null = null;
  if (secretaryMemberId === null && org.secretaryMemberId !== null) {
    const n = await cancelItemsFrom(ex, org.countyId, org.id, day, 'vacant', now);
    if (n > 0) note = `${org.name ?? '该组织'}书记空缺：${day} 起到期的 ${n} 项履职事项取消，不计入月度贴星`;
  } else if (secretaryMemberId !== null) {
    const rows = await ex.select({ id: dutyItems.id, dueDate: dutyItems.dueDate, status: dutyItems.status, cancelReason: dutyItems.cancelReason }).from(dutyItems).where(and(eq(dutyItems.countyId, org.countyId), eq(dutyItems.orgId, org.id), eq(dutyItems.status, 'cancelled')));
    const ids = itemsToReinstate(rows.map((r) => ({ ...r, status: r.status as DutyItemStatus, cancelReason: r.cancelReason as CancelReason | null })), day);
    for (let i = 0; i < ids.length; i += 1000) {
      await ex
        .update(dutyItems)
        .set({ status: sql`coalesce(${dutyItems.statusBeforeCancel}, 'pending')`, statusBeforeCancel: null, cancelReason: null, cancelledAt: null, updatedAt: now, version: sql`${dutyItems.version} + 1` })
        .where(inArray(dutyItems.id, ids.slice(i, i + 1000)));
    }
    if (ids.length > 0) note = `${org.name ?? '该组织'}配齐书记${secretary.name ?? ''}：${day} 起到期的 ${ids.length} 项履职事项恢复`;
  }
  if (note) {
    await dutiesRepository.refreshMonthly(ex, org.countyId, day, now, { orgId: org.id });
    await writeAudit(ex, actor, now, { countyId: org.countyId, action: 'duty.items.secretary', entityType: 'org', entityId: org.id, note });
  }
}

/**
 * Members who left the roster or moved: an org whose secretary left, or moved out of the org's subtree, has its post
 * vacant from today — the org's secretary is cleared and the items falling due from today are cancelled, exactly as
 * when the secretary is cleared on the org (audited on the org).
 */
export async function dutiesOnMembersLeft(ex: Executor, countyId: string, memberIds: string[], now: Date, actor: Actor | null, why: string): Promise<number> {
  if (memberIds.length === 0) return 0;
  let vacated = 0;
  for (let i = 0; i < memberIds.length; i += 1000) {
    const rows = await ex
      .select({ org: orgs, memberPath: members.orgPath, leftAt: members.leftAt, memberName: members.name })
      .from(orgs)
      .innerJoin(members, eq(members.id, orgs.secretaryMemberId))
      .where(and(eq(orgs.countyId, countyId), inArray(orgs.secretaryMemberId, memberIds.slice(i, i + 1000)), sql`${orgs.dissolvedAt} is null`));
    for (const r of rows) {
      if (r.leftAt === null && r.memberPath.startsWith(r.org.path)) continue; // still a member of the org's subtree
      await ex.update(orgs).set({ secretaryMemberId: null, version: sql`${orgs.version} + 1`, updatedAt: now }).where(eq(orgs.id, r.org.id));
      await writeAudit(ex, actor, now, { countyId, action: 'org.update', entityType: 'org', entityId: r.org.id, changes: { secretaryMemberId: { before: r.org.secretaryMemberId, after: null } }, note: `书记${r.memberName}${why}，书记职务空缺` });
      await dutiesOnSecretaryChanged(ex, r.org, null, now, actor);
      vacated++;
    }
  }
  return vacated;
}

export function createDutyTemplatesService(ctx: AppContext) {
  const requireCounty = (actor: Actor) => {
    requirePermission(actor, 'duties.manage');
    if (!isCountyLevel(actor)) throw forbidden('履职清单模板由县委组织部管理');
  };

  async function list(actor: Actor, year?: number) {
    requirePermission(actor, 'duties.read');
    const y = year ?? Number(toChinaDate(ctx.clock()).slice(0, 4));
    const rows = await dutiesRepository.templatesOfYear(ctx.db, actor.countyId, y);
    const items = rows.sort((a, b) => DUTY_CATEGORIES.indexOf(a.template.category as DutyCategory) - DUTY_CATEGORIES.indexOf(b.template.category as DutyCategory)).map((r) => presentTemplate(r.template, r.items));
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  async function ensure(actor: Actor, year: number) {
    requireCounty(actor);
    const now = ctx.clock();
    await ctx.db.transaction(async (tx) => {
      const before = (await dutiesRepository.templatesOfYear(tx, actor.countyId, year)).length;
      const after = await ensureYearTemplates(tx, actor.countyId, year, now);
      if (after.length > before) await writeAudit(tx, actor, now, { action: 'duty.template.ensure', entityType: 'dutyTemplate', entityId: String(year), note: `建立${year}年度履职清单模板 ${after.length - before} 套` });
    });
    return list(actor, year);
  }

  async function loadItem(ex: Executor, actor: Actor, id: string) {
    const [row] = await ex.select().from(dutyTemplateItems).where(and(eq(dutyTemplateItems.countyId, actor.countyId), eq(dutyTemplateItems.id, id)));
    if (!row || row.removedAt) throw notFound('清单事项');
    const [t] = await ex.select().from(dutyTemplates).where(eq(dutyTemplates.id, row.templateId));
    return { row, template: t };
  }

  async function bumpTemplate(ex: Executor, t: TemplateRow, now: Date) {
    await ex.update(dutyTemplates).set({ version: t.version + 1, updatedAt: now }).where(eq(dutyTemplates.id, t.id));
  }

  /** Orgs following a template's category (their items are regenerated from today on after an edit). */
  async function orgsOfCategory(ex: Executor, countyId: string, category: string) {
    return (await dutiesRepository.orgsForDuties(ex, countyId)).filter((o) => categoryOfRow(o) === category);
  }

  async function createItem(actor: Actor, input: TemplateItemCreate): Promise<DutyTemplateItem> {
    requireCounty(actor);
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      const [t] = await tx.select().from(dutyTemplates).where(and(eq(dutyTemplates.countyId, actor.countyId), eq(dutyTemplates.id, input.templateId)));
      if (!t) throw notFound('履职清单模板');
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(dutyTemplateItems).where(eq(dutyTemplateItems.templateId, t.id));
      const { templateId: _t, ...fields } = input;
      const [row] = await tx
        .insert(dutyTemplateItems)
        .values({ ...fields, countyId: actor.countyId, templateId: t.id, key: `custom-${now.getTime()}`, sortOrder: n, createdAt: now, updatedAt: now })
        .returning();
      await bumpTemplate(tx, t, now);
      const today = toChinaDate(now);
      if (t.year >= Number(today.slice(0, 4))) await generateForOrgs(tx, actor.countyId, t.year, await orgsOfCategory(tx, actor.countyId, t.category), today > `${t.year}-01-01` ? today : `${t.year}-01-01`, now);
      await writeAudit(tx, actor, now, { action: 'duty.templateItem.create', entityType: 'dutyTemplateItem', entityId: row.id, before: null, after: { ...fields, template: t.name, year: t.year } });
      return presentTemplateItem(row);
    });
  }

  async function updateItem(actor: Actor, id: string, input: TemplateItemUpdate): Promise<DutyTemplateItem> {
    requireCounty(actor);
    const now = ctx.clock();
    const today = toChinaDate(now);
    return ctx.db.transaction(async (tx) => {
      const { row, template } = await loadItem(tx, actor, id);
      if (row.version !== input.version) throw conflict('该事项已被他人修改，请刷新后重试', 'STALE_VERSION');
      const { version: _v, ...fields } = input;
      const [updated] = await tx.update(dutyTemplateItems).set({ ...fields, version: row.version + 1, updatedAt: now }).where(eq(dutyTemplateItems.id, id)).returning();
      await bumpTemplate(tx, template, now);
      // The change applies from today: items still open and not yet due follow it; history stays as it was.
      if (fields.frequency === row.frequency) {
        const open = await tx
          .select({ id: dutyItems.id, periodKey: dutyItems.periodKey, orgId: dutyItems.orgId })
          .from(dutyItems)
          .where(and(eq(dutyItems.countyId, actor.countyId), eq(dutyItems.templateItemId, id), gte(dutyItems.dueDate, today), eq(dutyItems.status, 'pending')));
        const periods = new Map(periodsOfYear(template.year, fields.frequency).map((p) => [p.key, p]));
        for (const it of open) {
          const p = periods.get(it.periodKey);
          if (!p) continue;
          const due = dueDateIn(p, fields.dueRule);
          await tx.update(dutyItems).set({ title: fields.title, weight: fields.weight, isKey: fields.isKey, dueDate: due < today ? today : due, month: monthOf(due < today ? today : due), updatedAt: now, version: sql`${dutyItems.version} + 1` }).where(eq(dutyItems.id, it.id));
        }
        await dutiesRepository.refreshMonthly(tx, actor.countyId, today, now, { monthPrefix: String(template.year) });
      }
      const regenerated = fields.frequency !== row.frequency && template.year >= Number(today.slice(0, 4)) ? await regenerate(tx, actor.countyId, template, updated, today, now) : null;
      await writeAudit(tx, actor, now, {
        action: 'duty.templateItem.update',
        entityType: 'dutyTemplateItem',
        entityId: id,
        before: { title: row.title, description: row.description, frequency: row.frequency, dueRule: row.dueRule, evidence: row.evidence, weight: row.weight, isKey: row.isKey },
        after: fields,
        note: regenerated ? `频次由${FREQ[row.frequency as DutyFrequency]}改为${FREQ[fields.frequency]}：${regenerated.orgs} 个组织重新生成未到期事项，删除 ${regenerated.removed} 项、新增 ${regenerated.added} 项（已完成、已提交的事项不变）` : null,
      });
      return presentTemplateItem(updated);
    });
  }

  /**
   * A template item's frequency changed: for every org following the template, its not-yet-due, untouched items of
   * that template item are replaced by the new timetable's items due from today (regenerationPlan).
   */
  async function regenerate(tx: Executor, countyId: string, template: TemplateRow, item: TemplateItemRow, today: string, now: Date) {
    const orgList = await orgsOfCategory(tx, countyId, template.category);
    const entries = generateTimetable([{ id: item.id, title: item.title, frequency: item.frequency as DutyFrequency, dueRule: ZDueRule.parse(item.dueRule), weight: item.weight, isKey: item.isKey }], template.year);
    const existing = await tx
      .select({
        id: dutyItems.id,
        orgId: dutyItems.orgId,
        periodKey: dutyItems.periodKey,
        dueDate: dutyItems.dueDate,
        status: dutyItems.status,
        touched: sql<boolean>`exists (select 1 from ${dutySubmissions} s where s.item_id = ${dutyItems.id}) or exists (select 1 from ${dutyRectifications} r where r.item_id = ${dutyItems.id})`,
      })
      .from(dutyItems)
      .where(and(eq(dutyItems.countyId, countyId), eq(dutyItems.templateItemId, item.id), eq(dutyItems.year, template.year)));
    const remove: string[] = [];
    const rows: (typeof dutyItems.$inferInsert)[] = [];
    for (const org of orgList) {
      const plan = regenerationPlan(existing.filter((e) => e.orgId === org.id).map((e) => ({ ...e, status: e.status as DutyItemStatus })), entries, today);
      remove.push(...plan.remove);
      for (const e of plan.add) {
        rows.push({ countyId, orgId: org.id, orgPath: org.path, templateItemId: item.id, year: template.year, periodKey: e.periodKey, frequency: e.frequency, title: e.title, dueDate: e.dueDate, month: e.month, weight: e.weight, isKey: e.isKey, secretaryMemberId: org.secretaryMemberId, secretaryName: org.secretaryName, createdAt: now, updatedAt: now });
      }
    }
    for (let i = 0; i < remove.length; i += 1000) await tx.delete(dutyItems).where(inArray(dutyItems.id, remove.slice(i, i + 1000)));
    const added = await dutiesRepository.insertItems(tx, rows);
    await dutiesRepository.refreshMonthly(tx, countyId, today, now, { monthPrefix: String(template.year) });
    return { orgs: orgList.length, removed: remove.length, added };
  }

  async function removeItem(actor: Actor, id: string, version: number): Promise<void> {
    requireCounty(actor);
    const now = ctx.clock();
    const today = toChinaDate(now);
    await ctx.db.transaction(async (tx) => {
      const { row, template } = await loadItem(tx, actor, id);
      if (row.version !== version) throw conflict('该事项已被他人修改，请刷新后重试', 'STALE_VERSION');
      await tx.update(dutyTemplateItems).set({ removedAt: now, version: row.version + 1, updatedAt: now }).where(eq(dutyTemplateItems.id, id));
      // Future items nobody has reported on disappear; anything reported stays on record.
      const reported = tx.select({ id: dutySubmissions.itemId }).from(dutySubmissions).where(eq(dutySubmissions.countyId, actor.countyId));
      await tx.delete(dutyItems).where(and(eq(dutyItems.countyId, actor.countyId), eq(dutyItems.templateItemId, id), gte(dutyItems.dueDate, today), eq(dutyItems.status, 'pending'), sql`${dutyItems.id} not in (${reported})`));
      await bumpTemplate(tx, template, now);
      await dutiesRepository.refreshMonthly(tx, actor.countyId, today, now, { monthPrefix: String(template.year) });
      await writeAudit(tx, actor, now, { action: 'duty.templateItem.remove', entityType: 'dutyTemplateItem', entityId: id, before: { title: row.title, template: template.name }, after: null });
    });
  }

  /** Timetables of the whole county for a year: items due from today (or 1 January of a future year) on. */
  async function generate(actor: Actor, year: number, opts: { from?: string } = {}) {
    requireCounty(actor);
    const now = ctx.clock();
    const today = toChinaDate(now);
    const from = opts.from ?? (today > `${year}-01-01` ? today : `${year}-01-01`);
    return ctx.db.transaction(async (tx) => {
      const orgList = (await dutiesRepository.orgsForDuties(tx, actor.countyId)).filter((o) => categoryOfRow(o));
      const created = await generateForOrgs(tx, actor.countyId, year, orgList, from, now);
      await writeAudit(tx, actor, now, { action: 'duty.timetable.generate', entityType: 'dutyTimetable', entityId: String(year), note: `生成${year}年度履职时间表：组织 ${orgList.length} 个，新增事项 ${created} 项（${from} 起到期）` });
      return { year, orgs: orgList.length, created };
    });
  }

  return { list, ensure, createItem, updateItem, removeItem, generate };
}


