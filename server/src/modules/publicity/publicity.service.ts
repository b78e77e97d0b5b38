// Party-building publicity (党建信息宣传, issue #14): the county issues monthly priorities; a unit's writer drafts an item
// and sends it to the unit's leader, who signs it off or returns it (谁报送、谁审核、谁负责); the county's editor adopts it
// at a level or declines it, and may raise it later; adoption refreshes the month rollup the rankings read and accepts
// the duty item “报送一篇党建信息” of the unit and month. Every write: role, scope (404 outside), one transaction, audit.
import {
  DEFAULT_LEVEL_POINTS,
  DEFAULT_NOTICE_THRESHOLDS,
  PUBLICITY_LEVEL_LABELS,
  PUBLICITY_LEVELS,
  ZAdopt,
  ZDecline,
  ZLevelTableInput,
  ZPriorityInput,
  ZPublicityDraft,
  ZPublicityUpdate,
  ZRaise,
  ZSignOff,
  assertNotOwnSignOff,
  assertShares,
  conflict,
  invalid,
  itemCentiPoints,
  levelRank,
  levelTableProblems,
  monthOf,
  nextStatus,
  notFound,
  quarterMonths,
  richTextPlain,
  sanitizeRichText,
  splitByShares,
  toChinaDate,
  type LevelTableView,
  type PublicityDetail,
  type PublicityItem,
  type PublicityLevel,
  type PublicityQuery,
  type PublicityStatus,
  type RankingPage,
  type RankingQuery,
  ZVersion,
} from '@yanzhen/domain';
import { and, eq, inArray, ne, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { can, orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { readSetting, writeSetting } from '../../core/settings';
import { publicityItems } from '../../db/schema/index';
import { acceptDutyByEvidence } from '../duties/duties-evidence.service';
import { createFilesService } from '../files/files.service';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { publicityRepository as repo, type PublicityItemRow } from './publicity.repository';
import { validate } from '../../core/validate';

export const PUBLICITY_SETTINGS_KEY = 'publicity';
/** The duty-list template item this module proves (domain/src/duties/default-templates.ts, key 'publicity'). */
export const PUBLICITY_DUTY_KEY = 'publicity';
type PublicitySettings = LevelTableView['thresholds'] & { dutyEvidenceOn: 'adopted' | 'signed' };
const DEFAULT_SETTINGS: PublicitySettings = { ...DEFAULT_NOTICE_THRESHOLDS, dutyEvidenceOn: 'adopted' };
const ZVersionOnly = z.object({ version: ZVersion });
const UNSIGNED: PublicityStatus[] = ['draft', 'submitted', 'returned'];

export function createPublicityService(ctx: AppContext) {
  const orgsService = createOrgsService(ctx);
  const membersService = createMembersService(ctx);
  const files = createFilesService(ctx);
  const month = () => monthOf(toChinaDate(ctx.clock()));

  async function settings(ex: Executor, countyId: string): Promise<PublicitySettings> {
    const v = (await readSetting(ex, countyId, PUBLICITY_SETTINGS_KEY)) as Partial<PublicitySettings> | undefined;
    return { ...DEFAULT_SETTINGS, ...(v ?? {}) };
  }
  async function levelTable(ex: Executor, countyId: string) {
    const row = await repo.currentLevelTable(ex, countyId);
    return row ? { version: row.version, effectiveFrom: row.effectiveFrom, points: row.points as Record<PublicityLevel, number> } : { version: 0, effectiveFrom: '2020-01-01', points: DEFAULT_LEVEL_POINTS };
  }

  /**
   * Who sees an item: it lies in the actor's subtree; an unsigned one (draft, awaiting sign-off, returned) only on the
   * unit's side — its writer, or a signer of the unit who is not the county's editor (the county never sees it unsigned).
   */
  const unitSide = (actor: Actor, item: { orgPath: string; orgId: string }) => !can(actor, 'publicity.adopt') || actor.orgId === item.orgId;
  function visible(actor: Actor, item: PublicityItemRow): boolean {
    if (!orgInScope(actor, item.orgPath)) return false;
    if (!UNSIGNED.includes(item.status as PublicityStatus)) return true;
    return item.writerAccountId === actor.accountId || (can(actor, 'publicity.signOff') && unitSide(actor, item) && item.status !== 'draft');
  }
  async function loadVisible(ex: Executor, actor: Actor, id: string) {
    const item = await repo.findItem(ex, actor.countyId, id);
    if (!item || !visible(actor, item)) throw notFound('稿件');
    return item;
  }
  const checkVersion = (item: PublicityItemRow, version: number) => {
    if (item.version !== version) throw conflict('该稿件已有新的变化，请刷新后重试', 'STALE_VERSION');
  };
  async function event(ex: Executor, actor: Actor, itemId: string, action: string, comment: string | null = null) {
    await repo.insertEvent(ex, { countyId: actor.countyId, itemId, action, byAccountId: actor.accountId, byName: actor.displayName, at: ctx.clock(), comment });
  }

  const summary = (r: PublicityItemRow, priorityTitle: string | null = null): PublicityItem => ({
    id: r.id, orgId: r.orgId, orgName: r.orgName, month: r.month, title: r.title, status: r.status as PublicityStatus, priorityTitle, writerName: r.writerName,
    authorNames: r.authorNames, signedByName: r.signedByName, level: (r.level as PublicityLevel | null) ?? null, centi: r.centi, updatedAt: r.updatedAt.toISOString(), version: r.version,
  });

  async function get(actor: Actor, id: string): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.read');
    const item = await loadVisible(ctx.db, actor, id);
    const [authors, adoptions, history, priority] = await Promise.all([
      repo.authors(ctx.db, actor.countyId, id),
      repo.adoptions(ctx.db, actor.countyId, id),
      repo.events(ctx.db, actor.countyId, id),
      item.priorityId ? repo.findPriority(ctx.db, actor.countyId, item.priorityId) : null,
    ]);
    const status = item.status as PublicityStatus;
    return {
      ...summary(item, priority?.title ?? null),
      priorityId: item.priorityId,
      body: item.body,
      authors: authors.map((a) => ({ memberId: a.memberId, name: a.name, share: a.share, centi: a.centi })),
      adoptions: adoptions.map((a) => ({ level: a.level as PublicityLevel, points: a.points, tableVersion: a.tableVersion, outlet: a.outlet, link: a.link, fileId: a.fileId, byName: a.byName, at: a.at.toISOString() })),
      history: history.map((e) => ({ action: e.action, byName: e.byName, at: e.at.toISOString(), comment: e.comment })),
      declineReason: item.declineReason,
      returnComment: item.returnComment,
      can: {
        edit: item.writerAccountId === actor.accountId && (status === 'draft' || status === 'returned'),
        signOff: status === 'submitted' && can(actor, 'publicity.signOff') && unitSide(actor, item) && item.writerAccountId !== actor.accountId,
        adopt: status === 'signed' && can(actor, 'publicity.adopt'),
        raise: status === 'adopted' && can(actor, 'publicity.adopt') && item.level !== 'national',
      },
    };
  }

  async function list(actor: Actor, q: PublicityQuery) {
    requirePermission(actor, 'publicity.read');
    const c = repo.cols;
    const conds: (SQL | undefined)[] = [eq(c.countyId, actor.countyId), repo.subtree(subtreePattern(actor.orgPath))];
    if (q.orgId) {
      const org = await orgsService.loadInScope(ctx.db, actor, q.orgId);
      conds.push(repo.subtree(subtreePattern(org.path)));
    }
    const signed = inArray(c.status, ['signed', 'adopted', 'declined']);
    const unitSideOk = can(actor, 'publicity.adopt') ? eq(c.orgId, actor.orgId) : undefined;
    switch (q.view) {
      case 'mine':
        conds.push(eq(c.writerAccountId, actor.accountId));
        break;
      case 'signOff':
        if (!can(actor, 'publicity.signOff')) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        conds.push(eq(c.status, 'submitted'), ne(c.writerAccountId, actor.accountId), unitSideOk);
        break;
      case 'county':
        conds.push(signed);
        break;
      default:
        conds.push(or(signed, eq(c.writerAccountId, actor.accountId), and(inArray(c.status, ['submitted', 'returned']), can(actor, 'publicity.signOff') ? unitSideOk : eq(c.writerAccountId, actor.accountId))));
    }
    if (q.status) conds.push(eq(c.status, q.status));
    if (q.month) conds.push(eq(c.month, q.month));
    if (q.q) conds.push(repo.titleSearch(q.q));
    const { rows, total } = await repo.listItems(ctx.db, and(...conds), q);
    return { items: rows.map((r) => summary(r)), total, page: q.page, pageSize: q.pageSize };
  }

  /** Authors: members inside the writer's scope, shares adding up to 100. */
  async function loadAuthors(tx: Executor, actor: Actor, authors: { memberId: string; share: number }[]) {
    assertShares(authors);
    const out: { memberId: string; name: string; orgName: string; share: number }[] = [];
    for (const [i, a] of authors.entries()) {
      try {
        const m = await membersService.loadInScope(tx, actor, a.memberId);
        out.push({ memberId: a.memberId, name: m.member.name, orgName: m.orgName, share: a.share });
      } catch {
        throw invalid(`第${i + 1}位作者不存在或不在本单位管辖范围内`, [{ path: `authors.${i}.memberId`, message: '作者须为本单位（含下级）党员' }], 'PUBLICITY_AUTHOR');
      }
    }
    return out;
  }

  async function checkPriority(tx: Executor, actor: Actor, priorityId: string | null) {
    if (!priorityId) return null;
    const p = await repo.findPriority(tx, actor.countyId, priorityId);
    if (!p) throw invalid('所选宣传重点不存在', [{ path: 'priorityId', message: '请重新选择宣传重点' }]);
    return p;
  }

  async function create(actor: Actor, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.submit');
    const input = validate(ZPublicityDraft, body);
    const id = await ctx.db.transaction(async (tx) => {
      const org = await orgsService.loadInScope(tx, actor, input.orgId);
      if (org.dissolvedAt) throw notFound('组织');
      const priority = await checkPriority(tx, actor, input.priorityId);
      const authors = await loadAuthors(tx, actor, input.authors);
      const bodyHtml = sanitizeRichText(input.body);
      if (richTextPlain(bodyHtml).length < 20 && !bodyHtml.includes('<img')) throw invalid('正文至少20个字', [{ path: 'body', message: '正文至少20个字' }]);
      const now = ctx.clock();
      const row = await repo.insertItem(tx, {
        countyId: actor.countyId, orgId: org.id, orgPath: org.path, orgName: org.name, month: priority?.month ?? month(), priorityId: priority?.id ?? null, title: input.title, body: bodyHtml,
        status: 'draft', writerAccountId: actor.accountId, writerName: actor.displayName, authorNames: authors.map((a) => a.name).join('、'), createdAt: now, updatedAt: now,
      });
      await repo.replaceAuthors(tx, actor.countyId, row.id, authors);
      await event(tx, actor, row.id, 'create');
      await writeAudit(tx, actor, now, { action: 'publicity.create', entityType: 'publicityItem', entityId: row.id, after: { orgName: org.name, title: row.title, month: row.month, authors: authors.map((a) => `${a.name} ${a.share}%`).join('、') } });
      return row.id;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.submit');
    const input = validate(ZPublicityUpdate, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      if (item.writerAccountId !== actor.accountId) throw notFound('稿件');
      nextStatus(item.status as PublicityStatus, 'edit');
      checkVersion(item, input.version);
      const org = input.orgId === item.orgId ? { id: item.orgId, path: item.orgPath, name: item.orgName } : await orgsService.loadInScope(tx, actor, input.orgId);
      const priority = await checkPriority(tx, actor, input.priorityId);
      const authors = await loadAuthors(tx, actor, input.authors);
      const bodyHtml = sanitizeRichText(input.body);
      const now = ctx.clock();
      await repo.updateItem(tx, id, item.version, { orgId: org.id, orgPath: org.path, orgName: org.name, priorityId: priority?.id ?? null, month: priority?.month ?? item.month, title: input.title, body: bodyHtml, authorNames: authors.map((a) => a.name).join('、'), updatedAt: now });
      await repo.replaceAuthors(tx, actor.countyId, id, authors);
      await event(tx, actor, id, 'edit');
      await writeAudit(tx, actor, now, { action: 'publicity.update', entityType: 'publicityItem', entityId: id, before: { title: item.title, orgName: item.orgName, authors: item.authorNames }, after: { title: input.title, orgName: org.name, authors: authors.map((a) => `${a.name} ${a.share}%`).join('、') } });
    });
    return get(actor, id);
  }

  async function submit(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.submit');
    const { version } = validate(ZVersionOnly, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      if (item.writerAccountId !== actor.accountId) throw notFound('稿件');
      const to = nextStatus(item.status as PublicityStatus, 'submit');
      checkVersion(item, version);
      await repo.updateItem(tx, id, version, { status: to, updatedAt: ctx.clock() });
      await event(tx, actor, id, 'submit');
      await writeAudit(tx, actor, ctx.clock(), { action: 'publicity.submit', entityType: 'publicityItem', entityId: id, changes: { status: { before: item.status, after: to } }, note: `${item.orgName}《${item.title}》送单位负责人审签` });
    });
    return get(actor, id);
  }

  async function signOff(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.signOff');
    const input = validate(ZSignOff, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      if (!unitSide(actor, item)) throw notFound('稿件');
      assertNotOwnSignOff(item.writerAccountId, actor.accountId);
      const to = nextStatus(item.status as PublicityStatus, input.decision === 'approve' ? 'approve' : 'return');
      checkVersion(item, input.version);
      const now = ctx.clock();
      const values = input.decision === 'approve' ? { status: to, signedBy: actor.accountId, signedByName: actor.displayName, signedAt: now, returnComment: null, updatedAt: now } : { status: to, returnComment: input.comment, updatedAt: now };
      await repo.updateItem(tx, id, input.version, values);
      await event(tx, actor, id, input.decision, input.comment);
      await writeAudit(tx, actor, now, {
        action: input.decision === 'approve' ? 'publicity.signOff' : 'publicity.return',
        entityType: 'publicityItem', entityId: id, changes: { status: { before: item.status, after: to } },
        note: input.decision === 'approve' ? `${actor.displayName}审签《${item.title}》，对内容负责${input.comment ? `：${input.comment}` : ''}` : `退回《${item.title}》：${input.comment}`,
      });
      if (input.decision === 'approve' && (await settings(tx, actor.countyId)).dutyEvidenceOn === 'signed') await proveDuty(tx, actor, item, '单位负责人审签的党建信息');
    });
    return get(actor, id);
  }

  async function proveDuty(tx: Executor, actor: Actor, item: PublicityItemRow, how: string) {
    await acceptDutyByEvidence(ctx, tx, actor, { orgId: item.orgId, orgPath: item.orgPath, month: item.month, templateKey: PUBLICITY_DUTY_KEY, text: `党建信息《${item.title}》`, source: `${how}《${item.title}》` });
  }

  /** Scores the item from its adoptions (highest level counts), splits among the authors, refreshes the rollups. */
  async function rescore(tx: Executor, actor: Actor, item: PublicityItemRow) {
    const adoptions = await repo.adoptions(tx, actor.countyId, item.id);
    const centi = itemCentiPoints(adoptions.map((a) => ({ level: a.level as PublicityLevel, points: a.points })));
    const best = adoptions.reduce<PublicityLevel | null>((b, a) => (b === null || levelRank(a.level as PublicityLevel) > levelRank(b) ? (a.level as PublicityLevel) : b), null);
    const authors = await repo.authors(tx, actor.countyId, item.id);
    await repo.setAuthorPoints(tx, actor.countyId, item.id, splitByShares(centi, authors));
    await tx.update(publicityItems).set({ centi, level: best }).where(eq(publicityItems.id, item.id));
    await repo.refreshMonthly(tx, actor.countyId, item.month, item.orgId, authors.map((a) => a.memberId));
    return centi;
  }

  async function adoptAt(tx: Executor, actor: Actor, item: PublicityItemRow, input: z.infer<typeof ZAdopt>) {
    const table = await levelTable(tx, actor.countyId);
    if (input.fileId) await files.requireAttachable(tx, actor, [input.fileId], item.orgPath);
    await repo.insertAdoption(tx, { countyId: actor.countyId, itemId: item.id, level: input.level, points: table.points[input.level], tableVersion: table.version, outlet: input.outlet, link: input.link, fileId: input.fileId, byAccountId: actor.accountId, byName: actor.displayName, at: ctx.clock() });
  }

  async function adopt(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.adopt');
    const input = validate(ZAdopt, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      const to = nextStatus(item.status as PublicityStatus, 'adopt');
      checkVersion(item, input.version);
      const now = ctx.clock();
      await repo.updateItem(tx, id, input.version, { status: to, adoptedAt: now, updatedAt: now });
      await adoptAt(tx, actor, item, input);
      const centi = await rescore(tx, actor, { ...item, status: to });
      await event(tx, actor, id, 'adopt', `${PUBLICITY_LEVEL_LABELS[input.level]}${input.outlet ? `（${input.outlet}）` : ''}`);
      await writeAudit(tx, actor, now, { action: 'publicity.adopt', entityType: 'publicityItem', entityId: id, changes: { status: { before: item.status, after: to }, level: { before: null, after: input.level } }, note: `采用《${item.title}》：${PUBLICITY_LEVEL_LABELS[input.level]}，${centi / 100}分` });
      if ((await settings(tx, actor.countyId)).dutyEvidenceOn === 'adopted') await proveDuty(tx, actor, item, '县委组织部采用的党建信息');
    });
    return get(actor, id);
  }

  async function raise(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.adopt');
    const input = validate(ZRaise, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      nextStatus(item.status as PublicityStatus, 'raise');
      checkVersion(item, input.version);
      if (item.level && levelRank(input.level) <= levelRank(item.level as PublicityLevel)) {
        throw invalid(`稿件已按${PUBLICITY_LEVEL_LABELS[item.level as PublicityLevel]}采用，只能提升到更高级别`, [{ path: 'level', message: '请选择更高的采用级别' }], 'PUBLICITY_LEVEL_NOT_HIGHER');
      }
      const now = ctx.clock();
      await repo.updateItem(tx, id, input.version, { updatedAt: now });
      await adoptAt(tx, actor, item, input);
      const centi = await rescore(tx, actor, item);
      await event(tx, actor, id, 'raise', `${PUBLICITY_LEVEL_LABELS[input.level]}${input.link ? ` ${input.link}` : ''}`);
      await writeAudit(tx, actor, now, { action: 'publicity.raise', entityType: 'publicityItem', entityId: id, changes: { level: { before: item.level, after: input.level } }, note: `《${item.title}》提升为${PUBLICITY_LEVEL_LABELS[input.level]}采用，按最高级别计${centi / 100}分` });
    });
    return get(actor, id);
  }

  async function decline(actor: Actor, id: string, body: unknown): Promise<PublicityDetail> {
    requirePermission(actor, 'publicity.adopt');
    const input = validate(ZDecline, body);
    await ctx.db.transaction(async (tx) => {
      const item = await loadVisible(tx, actor, id);
      const to = nextStatus(item.status as PublicityStatus, 'decline');
      checkVersion(item, input.version);
      await repo.updateItem(tx, id, input.version, { status: to, declineReason: input.reason, updatedAt: ctx.clock() });
      await event(tx, actor, id, 'decline', input.reason);
      await writeAudit(tx, actor, ctx.clock(), { action: 'publicity.decline', entityType: 'publicityItem', entityId: id, changes: { status: { before: item.status, after: to } }, note: `不予采用《${item.title}》：${input.reason}` });
    });
    return get(actor, id);
  }

  // ---- priorities, the level table and thresholds ----
  async function createPriority(actor: Actor, body: unknown) {
    requirePermission(actor, 'publicity.adopt');
    const input = validate(ZPriorityInput, body);
    return ctx.db.transaction(async (tx) => {
      const now = ctx.clock();
      const row = await repo.insertPriority(tx, { countyId: actor.countyId, month: input.month, title: input.title, direction: input.direction, issuedBy: actor.accountId, issuedByName: actor.displayName, issuedAt: now });
      await writeAudit(tx, actor, now, { action: 'publicity.priority', entityType: 'publicityPriority', entityId: row.id, after: { month: row.month, title: row.title } });
      return { id: row.id, month: row.month, title: row.title, direction: row.direction, issuedByName: row.issuedByName, issuedAt: row.issuedAt.toISOString(), items: 0 };
    });
  }
  async function listPriorities(actor: Actor, q: { month?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'publicity.read');
    const { rows, total } = await repo.listPriorities(ctx.db, actor.countyId, q.month, q);
    return { items: rows.map(({ p, items }) => ({ id: p.id, month: p.month, title: p.title, direction: p.direction, issuedByName: p.issuedByName, issuedAt: p.issuedAt.toISOString(), items: Number(items) })), total, page: q.page, pageSize: q.pageSize };
  }
  async function getLevels(actor: Actor): Promise<LevelTableView> {
    requirePermission(actor, 'publicity.read');
    const t = await levelTable(ctx.db, actor.countyId);
    const s = await settings(ctx.db, actor.countyId);
    return { version: t.version, effectiveFrom: t.effectiveFrom, points: t.points, thresholds: { praiseUnits: s.praiseUnits, praisePeople: s.praisePeople, minUnitPoints: s.minUnitPoints }, dutyEvidenceOn: s.dutyEvidenceOn };
  }
  async function setLevels(actor: Actor, body: unknown): Promise<LevelTableView> {
    requirePermission(actor, 'publicity.adopt');
    const input = validate(ZLevelTableInput, body);
    const problems = levelTableProblems(input.points);
    if (problems.length > 0) throw invalid(`采用级别分值有误：${problems.join('；')}`, problems.map((message) => ({ path: 'points', message })), 'PUBLICITY_LEVELS');
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock();
      const cur = await levelTable(tx, actor.countyId);
      const changed = PUBLICITY_LEVELS.some((l) => cur.points[l] !== input.points[l]);
      if (changed) await repo.insertLevelTable(tx, { countyId: actor.countyId, version: cur.version + 1, effectiveFrom: input.effectiveFrom, points: input.points, createdBy: actor.accountId, createdAt: now });
      const before = await settings(tx, actor.countyId);
      const after: PublicitySettings = { ...input.thresholds, dutyEvidenceOn: input.dutyEvidenceOn };
      await writeSetting(tx, actor.countyId, PUBLICITY_SETTINGS_KEY, after, actor.accountId, now);
      await writeAudit(tx, actor, now, { action: 'publicity.levels', entityType: 'publicityLevels', entityId: String(changed ? cur.version + 1 : cur.version), before: { points: cur.points, ...before }, after: { points: input.points, ...after } });
    });
    return getLevels(actor);
  }

  // ---- rankings, tally, notice ----
  function periodMonths(q: RankingQuery): { period: string; months: string[] } {
    if (q.quarter !== undefined) {
      const y = q.year ?? Number(month().slice(0, 4));
      return { period: `${y}年第${q.quarter}季度`, months: quarterMonths(y, q.quarter) };
    }
    if (q.year !== undefined && q.month === undefined) return { period: `${q.year}年`, months: Array.from({ length: 12 }, (_, i) => `${q.year}-${String(i + 1).padStart(2, '0')}`) };
    const m = q.month ?? month();
    return { period: m, months: [m] };
  }
  async function ranking(actor: Actor, q: RankingQuery): Promise<RankingPage> {
    requirePermission(actor, 'publicity.read');
    const { period, months } = periodMonths(q);
    const rows = await repo.ranking(ctx.db, actor.countyId, q.kind, months, q);
    const total = rows.length > 0 ? Number(rows[0].total) : await repo.rankingTotal(ctx.db, actor.countyId, q.kind, months);
    return {
      period, kind: q.kind, total, page: q.page, pageSize: q.pageSize,
      items: rows.map((r) => ({ rank: Number(r.rank), id: r.id, name: r.name, orgName: r.org_name, items: Number(r.items), centi: Number(r.centi), points: Number(r.centi) / 100 })),
    };
  }

  /** The annual tally per person or unit (the assessment module reads it through this service). */
  async function annualTally(countyId: string, year: number, kind: 'unit' | 'person', page: { page: number; pageSize: number }) {
    const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
    const rows = await repo.ranking(ctx.db, countyId, kind, months, page);
    return { rows, total: rows.length > 0 ? Number(rows[0].total) : 0 };
  }

  return { get, list, create, update, submit, signOff, adopt, raise, decline, createPriority, listPriorities, getLevels, setLevels, ranking, annualTally, settings, orgsService };
}

export type PublicityService = ReturnType<typeof createPublicityService>;

/** Each unit's adopted items and centi-points in a year, by org id (what the annual assessment reads of publicity). */
export async function publicityUnitYear(ex: Executor, countyId: string, year: number): Promise<Map<string, { items: number; centi: number }>> {
  const rows = await repo.unitYear(ex, countyId, year);
  return new Map(rows.map((r) => [r.id, { items: Number(r.items), centi: Number(r.centi) }]));
}
