// 职工评议 (issue #11 item 6): the town or county issues one-time codes for an assignment and year (random, shown once,
// stored only as keyed hashes); an employee opens the public phone page with a code and rates the instructor once on
// the county's items (setting `instructors.staffRating`, versioned; each batch keeps the items it was issued with).
// Votes are anonymous: a vote row names its batch, never its code. Aggregates show from STAFF_RATING_MIN_VOTES votes,
// to the county and to the instructor alike, and then become the assessment's 职工评议 component.
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_STAFF_RATING_SETTINGS,
  DomainError,
  STAFF_RATING_ATTEMPT_LIMIT,
  STAFF_RATING_LEVELS,
  STAFF_RATING_MIN_VOTES,
  LOGIN_BLOCK_MINUTES,
  ZRatingCodeInput,
  ZRatingCodesIssue,
  ZRatingVote,
  ZStaffRatingSettingsInput,
  checkRatingAnswers,
  checkStaffRatingItems,
  conflict,
  formatRatingCode,
  invalid,
  normalizeRatingCode,
  notFound,
  ratingCodeFrom,
  ratingCodeRefusal,
  ratingVoteTenths,
  staffRatingAggregate,
  toChinaDate,
  type RatingBatch,
  type RatingCodesIssued,
  type RatingForm,
  type StaffRatingLevel,
  type StaffRatingSettings,
  type StaffRatingSettingsView,
  type StaffRatingSummary,
} from '@yanzhen/domain';
import { z } from 'zod';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { readSetting, writeSetting } from '../../core/settings';
import { loginThrottleRepository } from '../accounts/accounts.service';
import { refreshAssessmentStaffRating } from './instructors.service';
import { instructorsRepository as repo } from './instructors.repository';
import { ratingsRepository as ratings } from './instructors-ratings.repository';
import { validate } from '../../core/validate';

export const STAFF_RATING_SETTINGS_KEY = 'instructors.staffRating';
const ZStored = z.object({ version: z.number().int().min(0), items: z.array(z.string()), validityDays: z.number().int().min(1).max(90) });

/** The county's items and code validity (the default when unset or no longer valid). */
export async function loadStaffRatingSettings(ex: Executor, countyId: string): Promise<StaffRatingSettings & { custom: boolean }> {
  const parsed = ZStored.safeParse(await readSetting(ex, countyId, STAFF_RATING_SETTINGS_KEY));
  if (parsed.success && checkStaffRatingItems(parsed.data.items).length === 0) return { ...parsed.data, custom: true };
  return { ...DEFAULT_STAFF_RATING_SETTINGS, custom: false };
}

const CST_MS = 8 * 3600 * 1000;
/** The instant a China-time date ends (the next day's 00:00 China time). */
const chinaDayEnd = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - CST_MS + 24 * 3600 * 1000);
const throttleKey = (ip: string | null) => `rating:${ip ?? 'unknown'}`;

export function createInstructorRatingsService(ctx: AppContext) {
  const codeHash = (code: string) => ctx.crypto.hash(`staff-rating:${code}`);
  const today = () => toChinaDate(ctx.clock());

  /** The year's aggregate of one instructor, with the per-item tallies (empty below the minimum). */
  async function summaryOf(ex: Executor, countyId: string, instructorId: string, name: string, year: number): Promise<StaffRatingSummary> {
    const votes = await ratings.votesOf(ex, countyId, instructorId, year);
    const agg = staffRatingAggregate(votes.map((v) => v.scoreTenths));
    const items: StaffRatingSummary['items'] = [];
    if (agg.visible) {
      const batches = new Map((await ratings.batchItems(ex, countyId, instructorId, year)).map((b) => [b.id, b.items]));
      const byItem = new Map<string, Record<StaffRatingLevel, number>>();
      for (const v of votes) {
        const names = batches.get(v.batchId) ?? [];
        v.answers.forEach((a, k) => {
          const item = names[k] ?? `第${k + 1}项`;
          const t = byItem.get(item) ?? byItem.set(item, { satisfied: 0, basic: 0, unsatisfied: 0 }).get(item)!;
          if ((STAFF_RATING_LEVELS as readonly string[]).includes(a)) t[a as StaffRatingLevel] += 1;
        });
      }
      for (const [item, t] of byItem) items.push({ item, ...t });
    }
    return { instructorId, name, year, votes: agg.votes, minVotes: STAFF_RATING_MIN_VOTES, visible: agg.visible, score: agg.scoreTenths === null ? null : agg.scoreTenths / 10, componentScore: agg.componentScore, items };
  }

  // ---- the county and towns ----
  async function issue(actor: Actor, assignmentId: string, body: unknown): Promise<RatingCodesIssued> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZRatingCodesIssue, body);
    const now = ctx.clock();
    const thisYear = Number(today().slice(0, 4));
    if (input.year > thisYear) throw invalid(`${input.year} 年尚未到来，不能发放评议码`, [{ path: 'year', message: '不能为未来的年度发放' }]);
    return ctx.db.transaction(async (tx) => {
      const a = await repo.findAssignmentWithNames(tx, actor.countyId, assignmentId);
      if (!a || !orgInScope(actor, a.a.orgPath)) throw notFound('指导员指派');
      if (a.a.startDate > `${input.year}-12-31` || (a.a.endDate !== null && a.a.endDate < `${input.year}-01-01`)) {
        throw new DomainError('RATING_YEAR_OUTSIDE', `${a.instructorName}在${a.enterpriseName}的任职期（${a.a.startDate} 至 ${a.a.endDate ?? '今'}）不含 ${input.year} 年，不能发放该年度的评议码`, { kind: 'rule', details: [{ path: 'year', message: '不在任职期内' }] });
      }
      const s = await loadStaffRatingSettings(tx, actor.countyId);
      const days = input.validityDays ?? s.validityDays;
      const expiresAt = chinaDayEnd(toChinaDate(new Date(now.getTime() + (days - 1) * 24 * 3600 * 1000)));
      const batch = await ratings.insertBatch(tx, { countyId: actor.countyId, instructorId: a.a.instructorId, assignmentId: a.a.id, enterpriseId: a.a.enterpriseId, orgPath: a.a.orgPath, year: input.year, items: s.items, settingsVersion: s.version, issued: input.count, expiresAt, issuedBy: actor.accountId, createdAt: now });
      const codes = new Set<string>();
      while (codes.size < input.count) codes.add(ratingCodeFrom((n) => randomBytes(n)));
      await ratings.insertCodes(tx, [...codes].map((c) => ({ countyId: actor.countyId, codeHash: codeHash(c), batchId: batch.id, expiresAt })));
      // The codes themselves are never logged: only how many, for whom, until when.
      await writeAudit(tx, actor, now, { action: 'instructor.ratingCodes', entityType: 'staffRatingBatch', entityId: batch.id, note: `为${a.instructorName}（${a.enterpriseName}）发放 ${input.year} 年职工评议码 ${input.count} 个，有效期至 ${toChinaDate(new Date(expiresAt.getTime() - 1))}`, after: { year: input.year, count: input.count, items: s.items, settingsVersion: s.version } });
      return { batchId: batch.id, instructorName: a.instructorName, enterpriseName: a.enterpriseName, year: input.year, items: s.items, expiresAt: expiresAt.toISOString(), codes: [...codes].map(formatRatingCode) };
    });
  }

  async function listBatches(actor: Actor, q: { year: number; instructorId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await ratings.listBatches(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), year: q.year, instructorId: q.instructorId }, q);
    const items: RatingBatch[] = rows.map((r) => ({ id: r.b.id, instructorId: r.b.instructorId, instructorName: r.instructorName, enterpriseName: r.enterpriseName, year: r.b.year, issued: r.b.issued, used: r.used, expiresAt: r.b.expiresAt.toISOString(), createdAt: r.b.createdAt.toISOString() }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function summary(actor: Actor, instructorId: string, year = Number(today().slice(0, 4))): Promise<StaffRatingSummary> {
    requirePermission(actor, 'instructors.read');
    const i = await repo.findInstructor(ctx.db, actor.countyId, instructorId);
    if (!i || !orgInScope(actor, i.orgPath)) throw notFound('党建工作指导员');
    return summaryOf(ctx.db, actor.countyId, i.id, i.name, year);
  }

  /** The instructor's own aggregate: the same figures, only from the minimum number of votes on. */
  async function mine(actor: Actor, year = Number(today().slice(0, 4))): Promise<StaffRatingSummary> {
    requirePermission(actor, 'instructors.work');
    const me = await repo.findByAccount(ctx.db, actor.countyId, actor.accountId);
    if (!me) throw notFound('本人的党建工作指导员档案');
    return summaryOf(ctx.db, actor.countyId, me.id, me.name, year);
  }

  async function settings(actor: Actor): Promise<StaffRatingSettingsView> {
    requirePermission(actor, 'instructors.read');
    const s = await loadStaffRatingSettings(ctx.db, actor.countyId);
    return { items: s.items, validityDays: s.validityDays, version: s.version, custom: s.custom };
  }

  /** A new version of the items: batches already issued keep theirs. */
  async function saveSettings(actor: Actor, body: unknown): Promise<StaffRatingSettingsView> {
    requirePermission(actor, 'instructors.settings');
    const input = validate(ZStaffRatingSettingsInput, body);
    const issues = checkStaffRatingItems(input.items);
    if (issues.length) throw invalid(issues[0], issues.map((m) => ({ path: 'items', message: m })));
    await ctx.db.transaction(async (tx) => {
      const before = await loadStaffRatingSettings(tx, actor.countyId);
      const value = { version: before.version + 1, items: input.items, validityDays: input.validityDays };
      await writeSetting(tx, actor.countyId, STAFF_RATING_SETTINGS_KEY, value, actor.accountId, ctx.clock());
      await writeAudit(tx, actor, ctx.clock(), { action: 'instructor.ratingSettings', entityType: 'instructor', entityId: null, before: { items: before.items, validityDays: before.validityDays }, after: { items: input.items, validityDays: input.validityDays }, note: `职工评议项目第 ${value.version} 版` });
    });
    return settings(actor);
  }

  // ---- the public page (no login) ----
  /** Counts the attempt against the address first (a parallel burst gets its own numbers), like login. */
  async function throttle(ip: string | null): Promise<void> {
    const n = await loginThrottleRepository.hit(ctx.db, throttleKey(ip), null, ctx.clock());
    if (n > STAFF_RATING_ATTEMPT_LIMIT) throw new DomainError('RATING_THROTTLED', `本网络地址输入评议码错误次数过多，请${LOGIN_BLOCK_MINUTES}分钟后再试`, { kind: 'locked' });
  }
  const refund = (ip: string | null) => loginThrottleRepository.refund(ctx.db, throttleKey(ip));

  /** The code's batch, if it can be used now by this caller; else the reason, in Chinese. */
  async function usable(ex: Executor, raw: string, caller: Actor | null) {
    const code = normalizeRatingCode(raw);
    const found = code ? await ratings.findCode(ex, codeHash(code)) : null;
    if (!code || !found) throw new DomainError('RATING_CODE_INVALID', '评议码不正确，请核对纸条上的评议码后重新输入', { kind: 'notFound', details: [{ path: 'code', message: '评议码不正确' }] });
    const refusal = ratingCodeRefusal(found.code, ctx.clock());
    if (refusal === 'used') throw conflict('该评议码已使用过：每个评议码只能评议一次', 'RATING_CODE_USED');
    if (refusal === 'expired') throw new DomainError('RATING_CODE_EXPIRED', `该评议码已于 ${toChinaDate(new Date(found.code.expiresAt.getTime() - 1))} 过期，请向企业索取新的评议码`, { kind: 'rule' });
    if (caller && found.accountId && caller.accountId === found.accountId && caller.countyId === found.code.countyId) {
      throw new DomainError('RATING_SELF', '党建工作指导员本人不能参加对自己的职工评议', { kind: 'forbidden' });
    }
    return found;
  }

  async function open(body: unknown, caller: Actor | null, ip: string | null): Promise<RatingForm> {
    const input = validate(ZRatingCodeInput, body);
    await throttle(ip);
    const f = await usable(ctx.db, input.code, caller);
    await refund(ip);
    return { instructorName: f.instructorName, enterpriseName: f.enterpriseName, year: f.batch.year, items: f.batch.items, expiresAt: f.code.expiresAt.toISOString() };
  }

  async function vote(body: unknown, caller: Actor | null, ip: string | null): Promise<{ ok: true }> {
    const input = validate(ZRatingVote, body);
    await throttle(ip);
    await ctx.db.transaction(async (tx) => {
      const f = await usable(tx, input.code, caller);
      const issues = checkRatingAnswers(f.batch.items, input.answers);
      if (issues.length) throw invalid(issues[0], issues.map((m) => ({ path: 'answers', message: m })));
      const now = ctx.clock();
      const day = toChinaDate(now);
      // Of two votes racing with one code, the second finds it spent (the update is the lock).
      if (!(await ratings.spendCode(tx, f.code.countyId, f.code.codeHash, day, now))) throw conflict('该评议码已使用过：每个评议码只能评议一次', 'RATING_CODE_USED');
      await ratings.insertVote(tx, { countyId: f.code.countyId, batchId: f.batch.id, instructorId: f.batch.instructorId, year: f.batch.year, orgPath: f.batch.orgPath, answers: input.answers, scoreTenths: ratingVoteTenths(input.answers), votedOn: day });
      // Anonymous: neither the answers nor the code nor the address go into the log.
      await writeAudit(tx, null, now, { action: 'instructor.staffRate', entityType: 'staffRatingBatch', entityId: f.batch.id, countyId: f.code.countyId, actorName: '匿名职工', note: `${f.enterpriseName}职工评议${f.instructorName}（${f.batch.year} 年）` });
      await refreshAssessmentStaffRating(tx, f.code.countyId, f.batch.instructorId, f.batch.year, now);
    });
    await refund(ip);
    return { ok: true };
  }

  return { issue, listBatches, summary, mine, settings, saveSettings, open, vote };
}
