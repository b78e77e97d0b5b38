// What theme days, dues, stars and reports share: the county's settings (with the domain's defaults), the scope checks
// on members and orgs, and request validation with Chinese messages.
import { DEFAULT_STAR_SETTINGS, DEFAULT_THEME_DAY_OF_MONTH, ZMonthlySettings, ZStarSettings, type StarSettingsPeriod, invalid, monthOf, notFound, toChinaDate, type MonthlySettings } from '@yanzhen/domain';
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { orgInScope, type Actor } from '../../core/actor';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { members, orgs, settings } from '../../db/schema/index';
import { validate } from '../../core/validate';

export const MONTHLY_SETTINGS_KEY = 'memberMonthly';
export const DEFAULT_MONTHLY_SETTINGS: MonthlySettings = { themeDayOfMonth: DEFAULT_THEME_DAY_OF_MONTH, duesRounding: 'fen', stars: DEFAULT_STAR_SETTINGS };

export async function loadMonthlySettings(ex: Executor, countyId: string): Promise<MonthlySettings> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(and(eq(settings.countyId, countyId), eq(settings.key, MONTHLY_SETTINGS_KEY)));
  if (!row) return DEFAULT_MONTHLY_SETTINGS;
  const parsed = ZMonthlySettings.safeParse({ ...DEFAULT_MONTHLY_SETTINGS, ...(row.value as object) });
  return parsed.success ? parsed.data : DEFAULT_MONTHLY_SETTINGS;
}

/** The county's star schemes over time (each change applies from the month after it was made). */
export const STAR_HISTORY_KEY = 'memberMonthly.starsHistory';

export async function loadStarHistory(ex: Executor, countyId: string): Promise<StarSettingsPeriod[]> {
  const [row] = await ex.select({ value: settings.value }).from(settings).where(and(eq(settings.countyId, countyId), eq(settings.key, STAR_HISTORY_KEY)));
  if (!row || !Array.isArray(row.value)) return [];
  const out: StarSettingsPeriod[] = [];
  for (const h of row.value as { fromMonth?: unknown; stars?: unknown }[]) {
    const stars = ZStarSettings.safeParse(h.stars);
    if (typeof h.fromMonth === 'string' && stars.success) out.push({ fromMonth: h.fromMonth, stars: stars.data });
  }
  return out;
}

export const todayOf = (ctx: AppContext) => toChinaDate(ctx.clock());
export const thisMonth = (ctx: AppContext) => monthOf(todayOf(ctx));

export type MemberRef = { id: string; name: string; orgId: string; orgPath: string; orgName: string; categories: string[]; joinDate: string; mobileDestination: string | null };

async function findMember(ex: Executor, countyId: string, id: string): Promise<MemberRef | null> {
  const [row] = await ex
    .select({ id: members.id, name: members.name, orgId: members.orgId, orgPath: members.orgPath, orgName: orgs.name, categories: members.categories, joinDate: members.joinDate, mobileDestination: members.mobileDestination })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(and(eq(members.countyId, countyId), eq(members.id, id), isNull(members.leftAt)));
  return row ?? null;
}

/** A live member the actor may manage: inside their subtree (a member-role account manages nobody), else 404. */
export async function loadMemberInScope(ex: Executor, actor: Actor, id: string): Promise<MemberRef> {
  const m = actor.role === 'member' ? null : await findMember(ex, actor.countyId, id);
  if (!m || !orgInScope(actor, m.orgPath)) throw notFound('党员');
  return m;
}

/** The actor's own member record (any role bound to a member), else 404. */
export async function loadSelf(ex: Executor, actor: Actor): Promise<MemberRef> {
  const m = actor.memberId ? await findMember(ex, actor.countyId, actor.memberId) : null;
  if (!m) throw notFound('本人党员档案');
  return m;
}

export type OrgRef = { id: string; name: string; path: string; type: string };

/** An org inside the actor's scope (default: the actor's own org), else 404. */
export async function loadOrgInScope(ex: Executor, actor: Actor, orgId: string | undefined): Promise<OrgRef> {
  const [org] = await ex
    .select({ id: orgs.id, name: orgs.name, path: orgs.path, type: orgs.type })
    .from(orgs)
    .where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, orgId ?? actor.orgId), isNull(orgs.dissolvedAt)));
  if (!org || !orgInScope(actor, org.path)) throw notFound('组织');
  return org;
}

