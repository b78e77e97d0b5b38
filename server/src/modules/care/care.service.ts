// Care for members (关爱帮扶, issue #13): hardship pairings (定人结对包联) and elderly/frail responsible cadres (包联干部),
// visits, deliveries and must-visit occasions (两定三送五必访), the helper's phone list, the quarter-close warnings and
// the county's dashboard. Every write checks role and scope (out of scope → 404) and is audited in its transaction.
import {
  DEFAULT_CARE_SETTINGS,
  ZMyVisitCreate,
  ZPairingCreate,
  ZPairingEnd,
  ZVisitCreate,
  addMonths,
  politicalBirthdayInMonth,
  type PoliticalBirthday,
  conflict,
  invalid,
  notFound,
  previousQuarter,
  quarterOf,
  quarterRange,
  toChinaDate,
  visitRhythm,
  type CareDashboard,
  type CareSettings,
  type Pairing,
  type PairingDetail,
  type PairingListQuery,
  type Visit,
} from '@yanzhen/domain';
import type { z } from 'zod';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { onMembersMoved } from '../../core/member-moves';
import { readSetting } from '../../core/settings';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { careRepository as repo, type PairingRow, type VisitRow } from './care.repository';
import { createMobileLedgerService } from './mobile.service';
import { validate } from '../../core/validate';

export const CARE_SETTINGS_KEY = 'care';

registerUniqueConflicts({
  care_pairings_active_uq: { code: 'PAIRING_EXISTS', message: '该党员已有在帮的结对，请先退出原结对' },
  transfers_open_member_uq: { code: 'TRANSFER_OPEN', message: '该党员已有一份在途的组织关系介绍信，不能再开；如介绍信遗失请补开' },
  transfers_letter_no_uq: { code: 'LETTER_NO_EXISTS', message: '该介绍信编号已登记' },
});

// Pairings and open transfers follow a member moved to another branch inside the county.
onMembersMoved('care', (tx, moved) => repo.moveMembers(tx, moved.countyId, [...moved.memberIds], moved.targetOrgPath));

export async function loadCareSettings(ex: Executor, countyId: string): Promise<CareSettings> {
  const v = await readSetting(ex, countyId, CARE_SETTINGS_KEY);
  return { ...DEFAULT_CARE_SETTINGS, ...(v && typeof v === 'object' ? (v as Partial<CareSettings>) : {}) };
}

const KIND_CATEGORIES: Record<string, string[]> = { hardship: ['hardship'], elderly: ['elderly', 'frail'] };

export function createCareService(ctx: AppContext) {
  const members = createMembersService(ctx);
  const orgs = createOrgsService(ctx);
  const today = () => toChinaDate(ctx.clock());

  const toPairing = (p: PairingRow, s: CareSettings, on: string): Pairing => {
    const r = p.endedOn ? null : visitRhythm({ pairedOn: p.startedOn, lastVisitOn: p.lastVisitOn, rhythmMonths: p.kind === 'elderly' ? 3 : s.visitRhythmMonths, dueSoonDays: s.visitDueSoonDays, today: on });
    return {
      id: p.id, kind: p.kind as Pairing['kind'], memberId: p.memberId, memberName: p.memberName, helperMemberId: p.helperMemberId, helperName: p.helperName, needs: p.needs,
      startedOn: p.startedOn, endedOn: p.endedOn, endReason: p.endReason, lastVisitOn: p.lastVisitOn, nextDue: r?.nextDue ?? null, status: r?.status ?? 'ended', version: p.version,
    };
  };
  const toVisit = (v: VisitRow): Visit => ({ id: v.id, pairingId: v.pairingId, memberId: v.memberId, visitedOn: v.visitedOn, kind: v.kind as Visit['kind'], occasion: v.occasion, content: v.content, assistance: v.assistance, visitorName: v.visitorName });

  async function scopePattern(ex: Executor, actor: Actor, orgId: string | undefined): Promise<string> {
    if (!orgId) return subtreePattern(actor.orgPath);
    const org = await orgs.loadInScope(ex, actor, orgId);
    return subtreePattern(org.path);
  }

  async function loadPairing(ex: Executor, actor: Actor, id: string): Promise<PairingRow> {
    const p = await repo.findPairing(ex, actor.countyId, id);
    if (!p || actor.role === 'member' || !orgInScope(actor, p.orgPath)) throw notFound('帮扶结对');
    return p;
  }

  async function list(actor: Actor, q: PairingListQuery) {
    requirePermission(actor, 'care.read');
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const on = today();
    const where = repo.pairingConds(actor.countyId, await scopePattern(ctx.db, actor, q.orgId), {
      kind: q.kind,
      active: q.active === undefined ? undefined : q.active === 'true',
      overdue: q.overdue === 'true' ? { today: on, rhythmMonths: q.kind === 'elderly' ? 3 : s.visitRhythmMonths } : undefined,
    });
    const { rows, total } = await repo.listPairings(ctx.db, where, q, false);
    return { items: rows.map((p) => toPairing(p, s, on)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<PairingDetail> {
    requirePermission(actor, 'care.read');
    const p = await loadPairing(ctx.db, actor, id);
    const s = await loadCareSettings(ctx.db, actor.countyId);
    return { ...toPairing(p, s, today()), visits: (await repo.visitsOf(ctx.db, actor.countyId, p.id)).map(toVisit) };
  }

  async function create(actor: Actor, body: unknown): Promise<PairingDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZPairingCreate, body);
    if (input.startedOn > today()) throw invalid(`结对日期 ${input.startedOn} 晚于今天`, [{ path: 'startedOn', message: '结对日期不能晚于今天' }]);
    const id = await ctx.db.transaction(async (tx) => {
      const { member } = await members.loadInScope(tx, actor, input.memberId);
      const cats = KIND_CATEGORIES[input.kind];
      if (!member.categories.some((c) => cats.includes(c))) {
        throw invalid(input.kind === 'hardship' ? `${member.name}不在困难党员名单中，请先在党员档案中标注“困难党员”` : `${member.name}不是老党员或年老体弱党员`, [{ path: 'memberId', message: '党员类别不符' }], 'CARE_CATEGORY_MISMATCH');
      }
      if (input.helperMemberId === input.memberId) throw invalid('帮扶人不能是帮扶对象本人', [{ path: 'helperMemberId', message: '请选择另一名党员或干部' }]);
      const helper = await members.loadInScope(tx, actor, input.helperMemberId);
      const existing = await repo.findActivePairing(tx, actor.countyId, member.id, input.kind);
      if (existing) throw conflict(`${member.name}已由${existing.helperName}结对帮扶（自 ${existing.startedOn}），请先退出原结对`, 'PAIRING_EXISTS');
      const now = ctx.clock();
      const row = await repo.insertPairing(tx, { countyId: actor.countyId, kind: input.kind, memberId: member.id, memberName: member.name, orgPath: member.orgPath, helperMemberId: helper.member.id, helperName: helper.member.name, needs: input.needs, startedOn: input.startedOn, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'care.pair', entityType: 'carePairing', entityId: row.id, after: { kind: input.kind, member: member.name, helper: helper.member.name, startedOn: input.startedOn } });
      return row.id;
    });
    return get(actor, id);
  }

  /** 脱困退出 (or the elderly member's care ends): the pairing stays, ended with the reason. */
  async function end(actor: Actor, id: string, body: unknown): Promise<PairingDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZPairingEnd, body);
    await ctx.db.transaction(async (tx) => {
      const p = await loadPairing(tx, actor, id);
      if (p.endedOn) throw conflict(`该结对已于 ${p.endedOn} 退出`, 'PAIRING_ENDED');
      if (input.endedOn < p.startedOn || input.endedOn > today()) throw invalid(`退出日期 ${input.endedOn} 须在结对日期 ${p.startedOn} 与今天之间`, [{ path: 'endedOn', message: '退出日期不正确' }]);
      if (!(await repo.updatePairing(tx, p.id, input.version, { endedOn: input.endedOn, endReason: input.reason, updatedAt: ctx.clock() }))) throw conflict('该结对已被他人修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, ctx.clock(), { action: 'care.endPairing', entityType: 'carePairing', entityId: p.id, before: { endedOn: null }, after: { endedOn: input.endedOn, endReason: input.reason }, note: `${p.memberName}退出帮扶名单` });
    });
    return get(actor, id);
  }

  async function insertVisit(tx: Executor, actor: Actor, p: PairingRow, input: z.infer<typeof ZVisitCreate>): Promise<VisitRow> {
    if (p.endedOn) throw conflict(`${p.memberName}已于 ${p.endedOn} 退出帮扶名单，不能再登记走访`, 'PAIRING_ENDED');
    const on = today();
    if (input.visitedOn > on) throw invalid(`走访日期 ${input.visitedOn} 晚于今天`, [{ path: 'visitedOn', message: '走访日期不能晚于今天' }]);
    if (input.visitedOn < p.startedOn) throw invalid(`走访日期 ${input.visitedOn} 早于结对日期 ${p.startedOn}`, [{ path: 'visitedOn', message: '走访日期不能早于结对日期' }]);
    const now = ctx.clock();
    const v = await repo.insertVisit(tx, { countyId: p.countyId, pairingId: p.id, memberId: p.memberId, orgPath: p.orgPath, visitedOn: input.visitedOn, kind: input.kind, occasion: input.occasion, content: input.content, assistance: input.assistance, visitorAccountId: actor.accountId, visitorName: actor.displayName, createdAt: now });
    await repo.touchLastVisit(tx, p.id, input.visitedOn);
    await writeAudit(tx, actor, now, { action: 'care.visit', entityType: 'carePairing', entityId: p.id, after: { member: p.memberName, visitedOn: input.visitedOn, kind: input.kind, occasion: input.occasion } });
    return v;
  }

  async function recordVisit(actor: Actor, id: string, body: unknown): Promise<PairingDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZVisitCreate, body);
    await ctx.db.transaction(async (tx) => insertVisit(tx, actor, await loadPairing(tx, actor, id), input));
    return get(actor, id);
  }

  // ---- the helper's phone ----
  async function myList(actor: Actor, q: { page: number; pageSize: number }) {
    requirePermission(actor, 'self.read');
    if (!actor.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const on = today();
    const where = repo.pairingConds(actor.countyId, '%', { active: true, helperMemberId: actor.memberId });
    const { rows, total } = await repo.listPairings(ctx.db, where, q, true);
    return { items: rows.map((p) => toPairing(p, s, on)), total, page: q.page, pageSize: q.pageSize };
  }

  /** A helper records a visit to someone they are paired with; anyone else's pairing is 404 (nothing written). */
  async function myVisit(actor: Actor, body: unknown): Promise<Pairing> {
    requirePermission(actor, 'self.write');
    const input = validate(ZMyVisitCreate, body);
    return ctx.db.transaction(async (tx) => {
      const p = await repo.findPairing(tx, actor.countyId, input.pairingId);
      if (!p || !actor.memberId || p.helperMemberId !== actor.memberId) throw notFound('帮扶对象');
      await insertVisit(tx, actor, p, input);
      const fresh = (await repo.findPairing(tx, actor.countyId, p.id))!;
      return toPairing(fresh, await loadCareSettings(tx, actor.countyId), today());
    });
  }

  /** The member's own helpers (帮扶人、包联干部) and their latest visits, on the member's phone. */
  async function myHelpers(actor: Actor, q: { page: number; pageSize: number }) {
    requirePermission(actor, 'self.read');
    if (!actor.memberId) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const on = today();
    const { rows, total } = await repo.listPairings(ctx.db, repo.pairingConds(actor.countyId, '%', { active: true, memberId: actor.memberId }), q, false);
    const items = await Promise.all(rows.map(async (p) => ({ ...toPairing(p, s, on), visits: (await repo.visitsOf(ctx.db, actor.countyId, p.id, 5)).map(toVisit) })));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function warnings(actor: Actor, q: { orgId?: string; period?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const { rows, total } = await repo.listWarnings(ctx.db, actor.countyId, await scopePattern(ctx.db, actor, q.orgId), q.period, q);
    return { items: rows.map((w) => ({ id: w.id, kind: w.kind, memberId: w.memberId, memberName: w.memberName, period: w.period, raisedAt: w.raisedAt.toISOString() })), total, page: q.page, pageSize: q.pageSize };
  }

  async function dashboard(actor: Actor, q: { orgId?: string }): Promise<CareDashboard> {
    requirePermission(actor, 'care.read');
    const pattern = await scopePattern(ctx.db, actor, q.orgId);
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const on = today();
    const quarter = quarterOf(on);
    const { start } = quarterRange(quarter);
    const d = await repo.dashboard(ctx.db, actor.countyId, pattern, { start, today: on, rhythmMonths: s.visitRhythmMonths, dueSoonDays: s.visitDueSoonDays, fromMonth: addMonths(on, -11).slice(0, 7), prevQuarter: previousQuarter(quarter) });
    const n = (x: unknown) => Number(x ?? 0);
    const elderlyActive = n(d.p.elderlyActive);
    const elderlyVisited = n(d.p.elderlyVisited);
    return {
      quarter,
      hardship: { active: n(d.p.hardshipActive), visitedThisQuarter: n(d.p.hardshipVisited), overdue: n(d.p.hardshipOverdue), dueSoon: n(d.p.hardshipDueSoon) },
      elderly: { active: elderlyActive, visitedThisQuarter: elderlyVisited, coveragePermille: elderlyActive ? Math.round((elderlyVisited * 1000) / elderlyActive) : null },
      visitsByMonth: d.byMonth,
      transfers: { openOut: n(d.t.openOut), receiptOverdue: n(d.t.overdue), openIn: n(d.t.openIn) },
      warningsLastQuarter: d.warnings,
      mobile: await createMobileLedgerService(ctx).figures(actor, pattern, s, start),
    };
  }

  /** 政治生日: the month's list per branch (printable), from the roster. */
  async function politicalBirthdays(actor: Actor, q: { orgId?: string; month: string; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const pattern = await scopePattern(ctx.db, actor, q.orgId);
    const { rows, total } = await members.politicalBirthdays(actor, pattern, q.month, q);
    const items: PoliticalBirthday[] = rows.flatMap((r) => {
      const b = politicalBirthdayInMonth(r.joinDate, q.month);
      return b ? [{ memberId: r.id, name: r.name, orgId: r.orgId, orgName: r.orgName, joinDate: r.joinDate, date: b.date, years: b.years }] : [];
    });
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  return { list, get, create, end, recordVisit, myList, myVisit, myHelpers, warnings, dashboard, politicalBirthdays };
}
