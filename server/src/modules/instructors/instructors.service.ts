// Two-new organizations and party-building instructors (issue #11): the registry and its coverage, the instructor
// pool (members with no 处分 in force) and assignments with history, verified time on site (signed enterprise codes
// scanned on arrival and departure; manual entries approved), the month's on-site figures, the work log and problems.
// An instructor sees only the enterprises assigned to them (404 otherwise); every write is audited.
import {
  ASSESSMENT_GRADE_LABELS,
  DEFAULT_ASSESSMENT_SETTINGS,
  DEFAULT_ONSITE_SETTINGS,
  INSTRUCTOR_SOURCE_LABELS,
  ZAssessmentInput,
  ZCallbackCreate,
  quarterOf,
  type Callback,
  assessmentScore,
  checkAssessmentSettings,
  gradeOf,
  staffRatingAggregate,
  staffRatingComponent,
  subsidyOf,
  type Assessment,
  type AssessmentGrade,
  type AssessmentSettings,
  DomainError,
  PARTY_ORG_FORMS,
  SIZE_BAND_LABELS,
  ZAssignmentCreate,
  ZInstructorCreate,
  ZManualDecision,
  ZManualEntryCreate,
  ZProblemSolve,
  ZSiteScan,
  ZWorkLogCreate,
  addMonthsToMonth,
  chineseWorkingDays,
  conflict,
  decideScan,
  instructorEligibility,
  memoCalendar,
  invalid,
  monthEnd,
  monthOf,
  monthOnsite,
  monthStart,
  notFound,
  onsiteWarning,
  requiredOnsiteDays,
  shouldBuild,
  signScopedToken,
  sizeBandOf,
  tallyCoverage,
  toChinaDate,
  verifyScopedToken,
  addDays,
  type Coverage,
  type DisciplineKind,
  type EnterpriseListQuery,
  type EnterpriseSummary,
  type InstructorDetail,
  type InstructorListQuery,
  type InstructorSummary,
  type ManualEntry,
  type MonthOnsite,
  type MyInstructor,
  type MyMonth,
  type OnsiteSettings,
  type OnsiteWarningLevel,
  type PartyOrgForm,
  type SiteCode,
  type SiteScanResult,
} from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { addSheet, sendXlsx } from '../../core/excel';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { readSetting } from '../../core/settings';
import { createAccountsService } from '../accounts/accounts.service';
import { disciplinesRepository } from '../members/member-disciplines.service';
import { createMembersService } from '../members/members.service';
import { orgRefsById } from '../orgs/orgs.service';
import { ratingsRepository } from './instructors-ratings.repository';
import { instructorsRepository as repo, type EnterpriseRow, type InstructorRow } from './instructors.repository';
import { validate } from '../../core/validate';

registerUniqueConflicts({
  instructors_member_uq: { code: 'INSTRUCTOR_EXISTS', message: '该党员已在党建工作指导员库中' },
  instructors_account_uq: { code: 'INSTRUCTOR_ACCOUNT_USED', message: '该账号已绑定另一名党建工作指导员' },
  instructor_assignments_active_uq: { code: 'ASSIGNMENT_CONFLICT', message: '该企业刚被指派了指导员，请刷新后重试' },
  site_visits_open_uq: { code: 'SITE_VISIT_OPEN', message: '您已扫码进场，请勿重复扫码' },
});

export const ONSITE_SETTINGS_KEY = 'instructors.onsite';
export const ASSESSMENT_SETTINGS_KEY = 'instructors.assessment';

/** The county's weights, grade thresholds and subsidy table (the domain's defaults when unset or not valid). */
export async function loadAssessmentSettings(ex: Executor, countyId: string): Promise<AssessmentSettings> {
  const raw = (await readSetting(ex, countyId, ASSESSMENT_SETTINGS_KEY)) as Partial<AssessmentSettings> | undefined;
  const merged: AssessmentSettings = { weights: { ...DEFAULT_ASSESSMENT_SETTINGS.weights, ...raw?.weights }, thresholds: { ...DEFAULT_ASSESSMENT_SETTINGS.thresholds, ...raw?.thresholds }, subsidyYuan: { ...DEFAULT_ASSESSMENT_SETTINGS.subsidyYuan, ...raw?.subsidyYuan } };
  return checkAssessmentSettings(merged).length === 0 ? merged : DEFAULT_ASSESSMENT_SETTINGS;
}
/**
 * After a staff-rating vote: a recorded assessment of that instructor and year takes the votes' score as its 职工评议
 * component (once the minimum is reached), with score, grade and subsidy recomputed under the county's settings.
 */
export async function refreshAssessmentStaffRating(ex: Executor, countyId: string, instructorId: string, year: number, now: Date): Promise<void> {
  const a = await repo.findAssessment(ex, countyId, instructorId, year);
  if (!a) return;
  const agg = staffRatingAggregate((await ratingsRepository.votesOf(ex, countyId, instructorId, year)).map((v) => v.scoreTenths));
  if (agg.componentScore === null) return;
  const s = await loadAssessmentSettings(ex, countyId);
  const scores = { daily: a.daily, report: a.report, records: a.records, talk: a.talk, staffRating: agg.componentScore };
  const score = assessmentScore(scores, s);
  const grade = gradeOf(score, s.thresholds);
  await repo.updateAssessment(ex, { countyId, instructorId, year }, a.version, { staffRating: agg.componentScore, staffRatingVotes: agg.votes, scoreTenths: Math.round(score * 10), grade, subsidyYuan: subsidyOf(grade, s), updatedAt: now });
  if (a.grade !== grade || a.staffRating !== agg.componentScore) {
    await writeAudit(ex, null, now, { action: 'instructor.assess', entityType: 'instructor', entityId: instructorId, countyId, actorName: '系统（职工评议）', before: { staffRating: a.staffRating, score: a.scoreTenths / 10, grade: a.grade }, after: { staffRating: agg.componentScore, votes: agg.votes, score, grade } });
  }
}

/** The purpose of the enterprises' printed codes in the signed token (a theme-day code is never accepted here). */
const SITE_TOKEN_PURPOSE = 'site';

const ZOnsiteSettings = z.object({
  minHoursPerDay: z.number().int().min(1).max(12),
  lowerNumerator: z.number().int().min(1),
  lowerDenominator: z.number().int().min(1),
  maxVisitHours: z.number().int().min(4).max(24),
  codeValidityDays: z.number().int().min(1).max(3660),
});

export async function loadOnsiteSettings(ex: Executor, countyId: string): Promise<OnsiteSettings> {
  const raw = await readSetting(ex, countyId, ONSITE_SETTINGS_KEY);
  const parsed = ZOnsiteSettings.safeParse({ ...DEFAULT_ONSITE_SETTINGS, ...((raw as object | undefined) ?? {}) });
  return parsed.success ? parsed.data : DEFAULT_ONSITE_SETTINGS;
}

const CST_MS = 8 * 3600 * 1000;
/** The instant a China-time date begins. */
const chinaDayStart = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - CST_MS);

/**
 * The month's on-site figures of many instructors from their visits and approved manual entries, in two queries
 * (the month close and the county's list share it).
 */
export async function computeMonths(ex: Executor, countyId: string, instructorIds: string[] | null, month: string, s: OnsiteSettings): Promise<Map<string, MonthOnsite>> {
  const from = chinaDayStart(monthStart(month));
  const to = chinaDayStart(addDays(monthEnd(month), 1));
  const visits = await repo.visitsBetween(ex, countyId, instructorIds, from, to, s.maxVisitHours * 3600 * 1000);
  const manual = await repo.approvedManualDates(ex, countyId, instructorIds, month);
  const vBy = new Map<string, { inAt: Date; outAt: Date | null }[]>();
  for (const v of visits) (vBy.get(v.instructorId) ?? vBy.set(v.instructorId, []).get(v.instructorId)!).push(v);
  const mBy = new Map<string, string[]>();
  for (const m of manual) (mBy.get(m.instructorId) ?? mBy.set(m.instructorId, []).get(m.instructorId)!).push(m.date);
  const ids = instructorIds ?? [...new Set([...vBy.keys(), ...mBy.keys()])];
  const out = new Map<string, MonthOnsite>();
  const calendar = memoCalendar(chineseWorkingDays);
  for (const id of ids) out.set(id, monthOnsite(month, vBy.get(id) ?? [], mBy.get(id) ?? [], calendar, s));
  return out;
}

/**
 * The month close: every instructor's figures of each month (in order), yellow below the lower bound and red when the
 * month before was too. Months closed together read the scans once (the demo closes a year in one call).
 */
export async function closeInstructorMonths(ex: Executor, countyId: string, months: readonly string[], now: Date): Promise<{ instructors: number; yellow: number; red: number }> {
  const sorted = [...months].sort();
  if (sorted.length === 0) return { instructors: 0, yellow: 0, red: 0 };
  const s = await loadOnsiteSettings(ex, countyId);
  const all = await repo.allInstructors(ex, countyId);
  const from = chinaDayStart(monthStart(sorted[0]));
  const to = chinaDayStart(addDays(monthEnd(sorted[sorted.length - 1]), 1));
  const visits = await repo.visitsBetween(ex, countyId, null, from, to, s.maxVisitHours * 3600 * 1000);
  const manual = sorted.length === 1 ? await repo.approvedManualDates(ex, countyId, null, sorted[0]) : await repo.approvedManualDatesBetween(ex, countyId, monthStart(sorted[0]), monthEnd(sorted[sorted.length - 1]));
  // By instructor and month: a visit belongs to the month it starts in, and to the next when it ends there.
  const vBy = new Map<string, { inAt: Date; outAt: Date | null }[]>();
  const put = (key: string, v: { inAt: Date; outAt: Date | null }) => (vBy.get(key) ?? vBy.set(key, []).get(key)!).push(v);
  for (const v of visits) {
    const m1 = monthOf(toChinaDate(v.inAt));
    put(`${v.instructorId}|${m1}`, v);
    if (v.outAt && monthOf(toChinaDate(v.outAt)) !== m1) put(`${v.instructorId}|${monthOf(toChinaDate(v.outAt))}`, v);
  }
  const mBy = new Map<string, string[]>();
  for (const m of manual) (mBy.get(m.instructorId) ?? mBy.set(m.instructorId, []).get(m.instructorId)!).push(m.date);
  const prev = await repo.monthsOf(ex, countyId, all.map((i) => i.id), [addMonthsToMonth(sorted[0], -1)]);
  let below = new Set(prev.filter((p) => p.below).map((p) => p.instructorId));
  const calendar = memoCalendar(chineseWorkingDays);
  let yellow = 0;
  let red = 0;
  const rows: Parameters<typeof repo.upsertMonths>[1] = [];
  for (const month of sorted) {
    const nextBelow = new Set<string>();
    const contiguous = rows.length === 0 || addMonthsToMonth(rows[rows.length - 1].month, 1) === month;
    if (!contiguous) below = new Set((await repo.monthsOf(ex, countyId, all.map((i) => i.id), [addMonthsToMonth(month, -1)])).filter((p) => p.below).map((p) => p.instructorId));
    for (const i of all) {
      const f = monthOnsite(month, vBy.get(`${i.id}|${month}`) ?? [], mBy.get(i.id) ?? [], calendar, s);
      const warning = onsiteWarning(f.belowLower, below.has(i.id));
      if (f.belowLower) nextBelow.add(i.id);
      if (month === sorted[sorted.length - 1]) {
        if (warning === 'yellow') yellow += 1;
        if (warning === 'red') red += 1;
      }
      rows.push({ countyId, instructorId: i.id, month, orgPath: i.orgPath, workingDays: f.workingDays, onsiteDays: f.onsiteDays, ratioPermille: f.ratioPermille, below: f.belowLower, warning, closedAt: now });
    }
    below = nextBelow;
  }
  await repo.upsertMonths(ex, rows);
  return { instructors: all.length, yellow, red };
}

export const closeInstructorMonth = (ex: Executor, countyId: string, month: string, now: Date) => closeInstructorMonths(ex, countyId, [month], now);

export function createInstructorsService(ctx: AppContext) {
  // The enterprises' code key: derived from the server's master key, never stored or sent.
  const hmac = (message: string) => ctx.crypto.hash(`site-code:${message}`);
  const members = createMembersService(ctx);
  const accounts = createAccountsService(ctx);
  const today = () => toChinaDate(ctx.clock());
  const thisMonth = () => monthOf(today());

  async function enterpriseInScope(ex: Executor, actor: Actor, id: string): Promise<EnterpriseRow> {
    const e = await repo.findEnterprise(ex, actor.countyId, id);
    if (!e || !orgInScope(actor, e.profile.orgPath)) throw notFound('两新组织');
    return e;
  }

  async function instructorInScope(ex: Executor, actor: Actor, id: string): Promise<InstructorRow> {
    const i = await repo.findInstructor(ex, actor.countyId, id);
    if (!i || !orgInScope(actor, i.orgPath)) throw notFound('党建工作指导员');
    return i;
  }

  /** The signed-in instructor (an account bound to the pool), else 404. */
  async function self(ex: Executor, actor: Actor): Promise<InstructorRow> {
    requirePermission(actor, 'instructors.work');
    const i = await repo.findByAccount(ex, actor.countyId, actor.accountId);
    if (!i) throw notFound('本人的党建工作指导员档案');
    return i;
  }

  /** An enterprise assigned (actively) to this instructor; any other is 404 (its existence is not revealed). */
  async function myEnterprise(ex: Executor, me: InstructorRow, enterpriseId: string) {
    const active = await repo.activeAssignment(ex, me.countyId, enterpriseId);
    if (!active || active.instructorId !== me.id) throw notFound('企业');
    const e = await repo.findEnterprise(ex, me.countyId, enterpriseId);
    if (!e) throw notFound('企业');
    return { enterprise: e, assignment: active };
  }

  // ---- the registry ----
  async function listEnterprises(actor: Actor, q: EnterpriseListQuery) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await repo.listEnterprises(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), townOrgId: q.townOrgId, q: q.q, shouldBuild: q.shouldBuild, orgForm: q.orgForm }, q);
    const towns = await orgRefsById(ctx.db, actor.countyId, rows.map((r) => r.townOrgId).filter((x): x is string => !!x));
    const items: EnterpriseSummary[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      industry: r.industry,
      employeeCount: r.employeeCount,
      sizeBand: sizeBandOf(r.employeeCount),
      townName: r.townOrgId ? (towns.get(r.townOrgId)?.shortName ?? towns.get(r.townOrgId)?.name ?? null) : null,
      address: r.profile.address,
      legalRepresentative: r.profile.legalRepresentative,
      orgForm: r.profile.orgForm as PartyOrgForm,
      membersEmployed: r.profile.membersEmployed,
      membersElsewhere: r.profile.membersElsewhere,
      newEmployment: r.profile.newEmployment,
      sanbaiSiqian: r.profile.sanbaiSiqian,
      shouldBuild: shouldBuild({ orgForm: r.profile.orgForm as PartyOrgForm, membersEmployed: r.profile.membersEmployed }),
      instructorName: r.instructorName,
    }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function coverage(actor: Actor, q: { by: 'town' | 'industry' | 'size' }): Promise<Coverage> {
    requirePermission(actor, 'instructors.read');
    const rows = (await repo.coverageFacts(ctx.db, actor.countyId, subtreePattern(actor.orgPath))).map((r) => ({ ...r, orgForm: (PARTY_ORG_FORMS as readonly string[]).includes(r.orgForm) ? (r.orgForm as PartyOrgForm) : 'none' }));
    const towns = q.by === 'town' ? await orgRefsById(ctx.db, actor.countyId, rows.map((r) => r.townOrgId).filter((x): x is string => !!x)) : new Map();
    const items = tallyCoverage(rows, (r) => {
      if (q.by === 'town') return { key: r.townOrgId ?? '-', label: r.townOrgId ? (towns.get(r.townOrgId)?.shortName ?? towns.get(r.townOrgId)?.name ?? '（已撤销的镇街）') : '（未登记镇街）' };
      if (q.by === 'industry') return { key: r.industry ?? '-', label: r.industry ?? '（未登记行业）' };
      const band = sizeBandOf(r.employeeCount);
      return { key: band, label: SIZE_BAND_LABELS[band] };
    }).sort((a, b) => (q.by === 'size' ? 0 : b.total - a.total));
    const [total] = tallyCoverage(rows, () => ({ key: 'total', label: '合计' }));
    return { by: q.by, overall: total ?? { key: 'total', label: '合计', total: 0, orgCovered: 0, workCovered: 0, shouldBuild: 0, orgRatePermille: null, workRatePermille: null }, items };
  }

  /** The enterprise's printed code (valid for the county's validity period; reprinted after). */
  async function siteCode(actor: Actor, enterpriseId: string): Promise<SiteCode> {
    requirePermission(actor, 'instructors.manage');
    const e = await enterpriseInScope(ctx.db, actor, enterpriseId);
    const s = await loadOnsiteSettings(ctx.db, actor.countyId);
    const t = signScopedToken(SITE_TOKEN_PURPOSE, e.id, ctx.clock(), hmac, s.codeValidityDays * 24 * 3600);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'instructor.siteCode', entityType: 'enterprise', entityId: e.id, note: `生成${e.name}的驻企二维码，有效期至 ${toChinaDate(t.expiresAt)}` });
    return { enterpriseId: e.id, enterpriseName: e.name, token: t.token, expiresAt: t.expiresAt.toISOString() };
  }

  // ---- the pool ----
  async function create(actor: Actor, body: unknown): Promise<InstructorDetail> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZInstructorCreate, body);
    if (input.accountId) {
      const acc = await accounts.get(actor, input.accountId).catch((e: unknown) => {
        if (e instanceof DomainError && (e.kind === 'notFound' || e.kind === 'forbidden')) throw invalid('所选账号不存在或不在本级管理范围内', [{ path: 'accountId', message: '请选择本级的党建工作指导员账号' }]);
        throw e;
      });
      if (acc.role !== 'instructor') throw invalid(`账号 ${acc.username} 的角色是${acc.role}，须为党建工作指导员账号`, [{ path: 'accountId', message: '须为党建工作指导员账号' }], 'ACCOUNT_NOT_INSTRUCTOR');
    }
    const id = await ctx.db.transaction(async (tx) => {
      const found = await members.loadInScope(tx, actor, input.memberId);
      const m = found.member;
      const records = (await disciplinesRepository.ofMembers(tx, actor.countyId, [m.id])).map((d) => ({ kind: d.kind as DisciplineKind, startDate: d.startDate, endDate: d.endDate, revoked: d.revokedAt !== null }));
      const issue = instructorEligibility(m.name, records, today());
      if (issue) throw new DomainError(issue.code, issue.message, { kind: 'rule', details: [{ path: 'memberId', message: issue.message }] });
      if (await repo.findByMember(tx, actor.countyId, m.id)) throw conflict(`${m.name}已在党建工作指导员库中`, 'INSTRUCTOR_EXISTS');
      const now = ctx.clock();
      const row = await repo.insertInstructor(tx, { countyId: actor.countyId, memberId: m.id, accountId: input.accountId, name: m.name, orgPath: m.orgPath, source: input.source, skills: input.skills, industry: input.industry, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'instructor.create', entityType: 'instructor', entityId: row.id, after: { memberId: m.id, name: m.name, source: input.source, skills: input.skills, industry: input.industry, accountId: input.accountId } });
      return row.id;
    });
    return get(actor, id);
  }

  /** Figures of a page of instructors for a month: the month close's row when there is one, else computed live. */
  async function monthFigures(ex: Executor, countyId: string, ids: string[], month: string) {
    const closed = new Map((await repo.monthsOf(ex, countyId, ids, [month])).map((r) => [r.instructorId, r]));
    const open = ids.filter((id) => !closed.has(id));
    const live = open.length ? await computeMonths(ex, countyId, open, month, await loadOnsiteSettings(ex, countyId)) : new Map<string, MonthOnsite>();
    return (id: string) => {
      const c = closed.get(id);
      if (c) return { workingDays: c.workingDays, onsiteDays: c.onsiteDays, ratioPermille: c.ratioPermille, closed: true, warning: c.warning as OnsiteWarningLevel | null };
      const l = live.get(id)!;
      return { workingDays: l.workingDays, onsiteDays: l.onsiteDays, ratioPermille: l.ratioPermille, closed: false, warning: null };
    };
  }

  async function summaries(ex: Executor, countyId: string, rows: InstructorRow[], month: string): Promise<InstructorSummary[]> {
    const ids = rows.map((r) => r.id);
    const assignments = await repo.assignmentsOf(ex, countyId, ids, true);
    const fig = await monthFigures(ex, countyId, ids, month);
    return rows.map((r) => ({
      id: r.id,
      memberId: r.memberId,
      name: r.name,
      source: r.source as InstructorSummary['source'],
      skills: r.skills,
      industry: r.industry,
      enterprises: assignments.filter((a) => a.a.instructorId === r.id).map((a) => ({ id: a.a.enterpriseId, name: a.enterpriseName })),
      month,
      ...fig(r.id),
      version: r.version,
    }));
  }

  async function list(actor: Actor, q: InstructorListQuery) {
    requirePermission(actor, 'instructors.read');
    const month = q.month ?? thisMonth();
    const { rows, total } = await repo.listInstructors(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), q: q.q, month, warning: q.warning }, q);
    return { items: await summaries(ctx.db, actor.countyId, rows, month), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<InstructorDetail> {
    requirePermission(actor, 'instructors.read');
    const i = await instructorInScope(ctx.db, actor, id);
    const [summary] = await summaries(ctx.db, actor.countyId, [i], thisMonth());
    const history = await repo.assignmentsOf(ctx.db, actor.countyId, [i.id], false);
    const months = await repo.recentMonths(ctx.db, actor.countyId, i.id, 12);
    return {
      ...summary,
      assignments: history.map((a) => ({ id: a.a.id, enterpriseId: a.a.enterpriseId, enterpriseName: a.enterpriseName, startDate: a.a.startDate, endDate: a.a.endDate, consentNote: a.a.consentNote, endedReason: a.a.endedReason, active: a.a.active, targetSigned: a.a.targetLetterFileId !== null, commitmentSigned: a.a.commitmentLetterFileId !== null })),
      months: months.map((m) => ({ month: m.month, workingDays: m.workingDays, onsiteDays: m.onsiteDays, ratioPermille: m.ratioPermille, warning: m.warning as OnsiteWarningLevel | null })),
    };
  }

  /** Assigns the instructor to an enterprise; the enterprise's current instructor (if another) is ended — history kept. */
  async function assign(actor: Actor, id: string, body: unknown): Promise<InstructorDetail> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZAssignmentCreate, body);
    await ctx.db.transaction(async (tx) => {
      const i = await instructorInScope(tx, actor, id);
      const e = await enterpriseInScope(tx, actor, input.enterpriseId);
      if (input.endDate && input.endDate < input.startDate) throw invalid(`任期结束日期（${input.endDate}）不能早于开始日期（${input.startDate}）`, [{ path: 'endDate', message: '结束日期不能早于开始日期' }]);
      const now = ctx.clock();
      const current = await repo.activeAssignment(tx, actor.countyId, e.id);
      if (current?.instructorId === i.id) throw conflict(`${i.name}已是${e.name}的党建工作指导员`, 'ASSIGNMENT_EXISTS');
      if (current) {
        if (input.startDate <= current.startDate) throw invalid(`改派日期（${input.startDate}）须晚于现任指导员的开始日期（${current.startDate}）`, [{ path: 'startDate', message: '须晚于现任指导员的开始日期' }]);
        const previous = await repo.findInstructor(tx, actor.countyId, current.instructorId);
        await repo.endAssignment(tx, current.id, addDays(input.startDate, -1), `改派给${i.name}`, now);
        await writeAudit(tx, actor, now, { action: 'instructor.assign', entityType: 'enterprise', entityId: e.id, before: { instructor: previous?.name ?? null, startDate: current.startDate }, after: { instructor: null, endDate: addDays(input.startDate, -1) }, note: `${e.name}的指导员${previous?.name ?? ''}任期结束（改派）` });
      }
      const row = await repo.insertAssignment(tx, { countyId: actor.countyId, instructorId: i.id, enterpriseId: e.id, orgPath: e.profile.orgPath, startDate: input.startDate, endDate: input.endDate, consentNote: input.consentNote, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'instructor.assign', entityType: 'instructor', entityId: i.id, after: { enterprise: e.name, startDate: row.startDate, endDate: row.endDate, consentNote: row.consentNote } });
    });
    return get(actor, id);
  }

  // ---- time on site ----
  async function scan(actor: Actor, body: unknown): Promise<SiteScanResult> {
    const input = validate(ZSiteScan, body);
    const v = verifyScopedToken(SITE_TOKEN_PURPOSE, input.token, ctx.clock(), hmac);
    if (!v.ok) {
      if (v.reason === 'expired') throw new DomainError('SITE_CODE_EXPIRED', '该企业的二维码已过有效期，请联系组织部重新打印张贴', { kind: 'rule' });
      throw new DomainError('SITE_CODE_INVALID', '二维码无效，请扫描企业张贴的驻企二维码', { kind: 'rule' });
    }
    return ctx.db.transaction(async (tx) => {
      const me = await self(tx, actor);
      const { enterprise } = await myEnterprise(tx, me, input.enterpriseId);
      if (v.id !== enterprise.id) {
        const other = await repo.findEnterprise(tx, actor.countyId, v.id);
        throw new DomainError('SITE_CODE_OTHER_ENTERPRISE', `这是${other?.name ?? '另一家单位'}的二维码，不是${enterprise.name}的，请扫描${enterprise.name}张贴的二维码`, { kind: 'rule' });
      }
      const s = await loadOnsiteSettings(tx, actor.countyId);
      const now = ctx.clock();
      const open = await repo.openVisit(tx, actor.countyId, me.id);
      const d = decideScan({ enterpriseId: enterprise.id }, open, now, s);
      if (d.action === 'refuse') throw new DomainError(d.code, d.message, { kind: 'rule' });
      if (d.action === 'out') {
        await repo.closeVisit(tx, d.visitId, now);
        const minutes = Math.round((now.getTime() - open!.inAt.getTime()) / 60000);
        await writeAudit(tx, actor, now, { action: 'instructor.scanOut', entityType: 'siteVisit', entityId: d.visitId, after: { enterprise: enterprise.name, minutes } });
        return { direction: 'out' as const, enterpriseName: enterprise.name, at: now.toISOString(), minutes };
      }
      // An open visit past the maximum is abandoned (closed at its start: it counts nothing).
      if (open) await repo.closeVisit(tx, open.id, open.inAt);
      const row = await repo.insertVisit(tx, { countyId: actor.countyId, instructorId: me.id, enterpriseId: enterprise.id, orgPath: enterprise.profile.orgPath, inAt: now });
      await writeAudit(tx, actor, now, { action: 'instructor.scanIn', entityType: 'siteVisit', entityId: row.id, after: { enterprise: enterprise.name }, note: open ? `上次在${open.enterpriseName}的进场超过 ${s.maxVisitHours} 小时未签离，不计入驻企时间` : undefined });
      return { direction: 'in' as const, enterpriseName: enterprise.name, at: now.toISOString(), minutes: null };
    });
  }

  async function addManual(actor: Actor, body: unknown): Promise<{ id: string }> {
    const input = validate(ZManualEntryCreate, body);
    return ctx.db.transaction(async (tx) => {
      const me = await self(tx, actor);
      const { enterprise, assignment } = await myEnterprise(tx, me, input.enterpriseId);
      if (input.date > today()) throw invalid(`补录日期（${input.date}）不能晚于今天`, [{ path: 'date', message: '不能晚于今天' }]);
      if (input.date < assignment.startDate) throw invalid(`补录日期（${input.date}）早于您到${enterprise.name}任职的日期（${assignment.startDate}）`, [{ path: 'date', message: '早于任职日期' }]);
      const [closed] = await repo.monthsOf(tx, actor.countyId, [me.id], [monthOf(input.date)]);
      if (closed) throw new DomainError('MONTH_CLOSED', `${monthOf(input.date)} 已月度结算，不能再补录该月的驻企时间`, { kind: 'rule', details: [{ path: 'date', message: '该月已结算' }] });
      const row = await repo.insertManual(tx, { countyId: actor.countyId, instructorId: me.id, enterpriseId: enterprise.id, orgPath: enterprise.profile.orgPath, date: input.date, hours: input.hours, reason: input.reason });
      if (!row) throw conflict(`${input.date} 在${enterprise.name}的驻企时间已补录过`, 'MANUAL_EXISTS');
      await writeAudit(tx, actor, ctx.clock(), { action: 'instructor.manualEntry', entityType: 'siteManualEntry', entityId: row.id, after: { enterprise: enterprise.name, date: input.date, hours: input.hours, reason: input.reason } });
      return { id: row.id };
    });
  }

  async function listManual(actor: Actor, q: { status?: 'pending' | 'approved' | 'rejected'; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.manage');
    const { rows, total } = await repo.listManual(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), status: q.status }, q);
    const items: ManualEntry[] = rows.map((r) => ({ id: r.id, instructorName: r.instructorName, enterpriseName: r.enterpriseName, date: r.date, hours: r.hours, reason: r.reason, status: r.status as ManualEntry['status'], decidedNote: r.decidedNote, version: r.version }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async function decideManual(actor: Actor, id: string, body: unknown) {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZManualDecision, body);
    return ctx.db.transaction(async (tx) => {
      const m = await repo.findManual(tx, actor.countyId, id);
      if (!m || !orgInScope(actor, m.orgPath)) throw notFound('补录记录');
      const me = await repo.findByAccount(tx, actor.countyId, actor.accountId);
      if (me?.id === m.instructorId) throw new DomainError('SELF_APPROVAL', '不能审核自己补录的驻企时间', { kind: 'rule' });
      if (m.status !== 'pending') throw conflict('该补录已审核过', 'ALREADY_DECIDED');
      const status = input.approve ? 'approved' : 'rejected';
      const now = ctx.clock();
      if (!(await repo.decideManual(tx, m.id, input.version, { status, decidedBy: actor.accountId, decidedAt: now, decidedNote: input.note, updatedAt: now }))) throw conflict('该补录已被他人处理，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'instructor.decideManual', entityType: 'siteManualEntry', entityId: m.id, before: { status: m.status }, after: { status, note: input.note } });
      return { ok: true as const };
    });
  }

  // ---- the phone ----
  async function mine(actor: Actor): Promise<MyInstructor> {
    const me = await self(ctx.db, actor);
    const assignments = await repo.assignmentsOf(ctx.db, actor.countyId, [me.id], true);
    const open = await repo.openVisit(ctx.db, actor.countyId, me.id);
    const month = thisMonth();
    const s = await loadOnsiteSettings(ctx.db, actor.countyId);
    const f = (await computeMonths(ctx.db, actor.countyId, [me.id], month, s)).get(me.id)!;
    return {
      name: me.name,
      enterprises: assignments.map((a) => ({ id: a.a.enterpriseId, name: a.enterpriseName, industry: a.industry, address: a.address, orgForm: a.orgForm as PartyOrgForm, membersEmployed: a.membersEmployed, startDate: a.a.startDate })),
      openVisit: open && !open.outAt ? { enterpriseId: open.enterpriseId, enterpriseName: open.enterpriseName, inAt: open.inAt.toISOString() } : null,
      month,
      workingDays: f.workingDays,
      onsiteDays: f.onsiteDays,
      requiredDays: requiredOnsiteDays(f.workingDays, s),
      ratioPermille: f.ratioPermille,
      openProblems: await repo.openProblemCount(ctx.db, actor.countyId, me.id),
    };
  }

  async function myMonth(actor: Actor, q: { month?: string }): Promise<MyMonth> {
    const me = await self(ctx.db, actor);
    const month = q.month ?? thisMonth();
    if (month > thisMonth()) throw invalid(`${month} 尚未到来`, [{ path: 'month', message: '不能查看未来的月份' }]);
    const s = await loadOnsiteSettings(ctx.db, actor.countyId);
    const f = (await computeMonths(ctx.db, actor.countyId, [me.id], month, s)).get(me.id)!;
    const manual = new Set((await repo.approvedManualDates(ctx.db, actor.countyId, [me.id], month)).map((m) => m.date));
    const [closed] = await repo.monthsOf(ctx.db, actor.countyId, [me.id], [month]);
    const days: MyMonth['days'] = [];
    for (let d = monthStart(month); d <= monthEnd(month); d = addDays(d, 1)) {
      const minutes = f.minutesByDay[d] ?? 0;
      const workday = chineseWorkingDays.isWorkday(d);
      days.push({ date: d, workday, minutes, manual: manual.has(d), counted: workday && (minutes >= s.minHoursPerDay * 60 || manual.has(d)) });
    }
    return { month, workingDays: f.workingDays, onsiteDays: f.onsiteDays, scannedDays: f.scannedDays, manualDays: f.manualDays, requiredDays: requiredOnsiteDays(f.workingDays, s), ratioPermille: f.ratioPermille, warning: (closed?.warning as OnsiteWarningLevel | null) ?? null, days };
  }

  async function addLog(actor: Actor, body: unknown): Promise<{ id: string; problemId: string | null }> {
    const input = validate(ZWorkLogCreate, body);
    return ctx.db.transaction(async (tx) => {
      const me = await self(tx, actor);
      const { enterprise, assignment } = await myEnterprise(tx, me, input.enterpriseId);
      if (input.date > today()) throw invalid(`纪实日期（${input.date}）不能晚于今天`, [{ path: 'date', message: '不能晚于今天' }]);
      if (input.date < assignment.startDate) throw invalid(`纪实日期（${input.date}）早于您到${enterprise.name}任职的日期（${assignment.startDate}）`, [{ path: 'date', message: '早于任职日期' }]);
      const now = ctx.clock();
      const duties = [...new Set(input.duties)];
      const row = await repo.insertLog(tx, { countyId: actor.countyId, instructorId: me.id, enterpriseId: enterprise.id, orgPath: enterprise.profile.orgPath, date: input.date, hours: input.hours, duties, content: input.content, createdAt: now });
      let problemId: string | null = null;
      if (input.problem) {
        const p = await repo.insertProblem(tx, { countyId: actor.countyId, instructorId: me.id, enterpriseId: enterprise.id, orgPath: enterprise.profile.orgPath, workLogId: row.id, raisedOn: input.date, description: input.problem, createdAt: now, updatedAt: now });
        problemId = p.id;
      }
      await writeAudit(tx, actor, now, { action: 'instructor.workLog', entityType: 'workLog', entityId: row.id, after: { enterprise: enterprise.name, date: input.date, hours: input.hours, duties, problem: input.problem } });
      return { id: row.id, problemId };
    });
  }

  async function myLogs(actor: Actor, q: { month?: string; page: number; pageSize: number }) {
    const me = await self(ctx.db, actor);
    const { rows, total } = await repo.listLogs(ctx.db, actor.countyId, me.id, q.month, q);
    return { items: rows.map((r) => ({ id: r.id, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, date: r.date, hours: r.hours, duties: r.duties as never, content: r.content, problemId: r.problemId })), total, page: q.page, pageSize: q.pageSize };
  }

  async function myProblems(actor: Actor, q: { status?: 'open' | 'solved'; page: number; pageSize: number }) {
    const me = await self(ctx.db, actor);
    const { rows, total } = await repo.listProblems(ctx.db, actor.countyId, me.id, q.status, q);
    return { items: rows.map((r) => ({ id: r.id, enterpriseName: r.enterpriseName, raisedOn: r.raisedOn, description: r.description, status: r.status as 'open', solvedOn: r.solvedOn, solution: r.solution, version: r.version })), total, page: q.page, pageSize: q.pageSize };
  }

  async function solveProblem(actor: Actor, id: string, body: unknown) {
    const input = validate(ZProblemSolve, body);
    return ctx.db.transaction(async (tx) => {
      const me = await self(tx, actor);
      const p = await repo.findProblem(tx, actor.countyId, id);
      if (!p || p.instructorId !== me.id) throw notFound('问题');
      if (p.status !== 'open') throw conflict('该问题已标记为解决', 'ALREADY_SOLVED');
      if (input.solvedOn < p.raisedOn || input.solvedOn > today()) throw invalid(`解决日期须在提出日期（${p.raisedOn}）与今天之间`, [{ path: 'solvedOn', message: '日期不在范围内' }]);
      const now = ctx.clock();
      if (!(await repo.solveProblem(tx, p.id, input.version, { status: 'solved', solvedOn: input.solvedOn, solution: input.solution, updatedAt: now }))) throw conflict('该问题已被修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'instructor.solveProblem', entityType: 'instructorProblem', entityId: p.id, before: { status: 'open' }, after: { status: 'solved', solvedOn: input.solvedOn, solution: input.solution } });
      return { ok: true as const };
    });
  }

  // ---- quarterly phone callbacks ----
  /** Records the quarter's callback to an enterprise about its current instructor (one per enterprise and quarter). */
  async function addCallback(actor: Actor, enterpriseId: string, body: unknown): Promise<{ id: string }> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZCallbackCreate, body);
    if (input.calledOn > today()) throw invalid(`回访日期（${input.calledOn}）不能晚于今天`, [{ path: 'calledOn', message: '不能晚于今天' }]);
    return ctx.db.transaction(async (tx) => {
      const e = await enterpriseInScope(tx, actor, enterpriseId);
      const current = await repo.activeAssignment(tx, actor.countyId, e.id);
      if (!current) throw new DomainError('NO_INSTRUCTOR', `${e.name}目前没有党建工作指导员，无需回访`, { kind: 'rule' });
      const quarter = quarterOf(input.calledOn);
      const row = await repo.insertCallback(tx, { countyId: actor.countyId, enterpriseId: e.id, instructorId: current.instructorId, orgPath: e.profile.orgPath, quarter, calledOn: input.calledOn, contactName: input.contactName, visitsOften: input.visitsOften, satisfaction: input.satisfaction, notes: input.notes, recordedBy: actor.accountId, createdAt: ctx.clock() });
      if (!row) throw conflict(`${e.name} ${quarter} 已回访过`, 'CALLBACK_EXISTS');
      await writeAudit(tx, actor, ctx.clock(), { action: 'instructor.callback', entityType: 'instructorCallback', entityId: row.id, after: { enterprise: e.name, quarter, contactName: input.contactName, visitsOften: input.visitsOften, satisfaction: input.satisfaction, notes: input.notes } });
      return { id: row.id };
    });
  }

  async function listCallbacks(actor: Actor, q: { quarter?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await repo.listCallbacks(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), quarter: q.quarter }, q);
    const items: Callback[] = rows.map((r) => ({ id: r.id, enterpriseId: r.enterpriseId, enterpriseName: r.enterpriseName, instructorName: r.instructorName, quarter: r.quarter, calledOn: r.calledOn, contactName: r.contactName, visitsOften: r.visitsOften, satisfaction: r.satisfaction as Callback['satisfaction'], notes: r.notes }));
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  // ---- the year-end assessment ----
  type AssessmentRow = NonNullable<Awaited<ReturnType<typeof repo.findAssessment>>>;
  const presentAssessment = (r: AssessmentRow, name: string): Assessment => ({
    instructorId: r.instructorId,
    name,
    year: r.year,
    scores: { daily: r.daily, report: r.report, records: r.records, talk: r.talk, staffRating: r.staffRating },
    score: r.scoreTenths / 10,
    grade: r.grade as AssessmentGrade,
    subsidyYuan: r.subsidyYuan,
    note: r.note,
    staffRatingVotes: r.staffRatingVotes,
    version: r.version,
  });

  /** Records (or corrects) the year's component scores: the score, grade and subsidy follow from the county's settings. */
  async function assess(actor: Actor, id: string, body: unknown): Promise<Assessment> {
    requirePermission(actor, 'instructors.manage');
    const input = validate(ZAssessmentInput, body);
    if (input.year > Number(today().slice(0, 4))) throw invalid(`${input.year} 年尚未到来，不能考核`, [{ path: 'year', message: '不能考核未来的年度' }]);
    return ctx.db.transaction(async (tx) => {
      const i = await instructorInScope(tx, actor, id);
      const s = await loadAssessmentSettings(tx, actor.countyId);
      // 职工评议: the votes' score once there are enough of them (it replaces what was typed); the hand entry below that.
      const agg = staffRatingAggregate((await ratingsRepository.votesOf(tx, actor.countyId, i.id, input.year)).map((v) => v.scoreTenths));
      const staff = staffRatingComponent(agg, input.scores.staffRating);
      if (!staff) throw invalid(`${i.name} ${input.year} 年的职工评议只有 ${agg.votes} 份（满 3 份才按评议计分），请填写职工评议得分`, [{ path: 'scores.staffRating', message: '请填写职工评议得分' }]);
      const scores = { ...input.scores, staffRating: staff.score };
      const score = assessmentScore(scores, s);
      const grade = gradeOf(score, s.thresholds);
      const values = { ...scores, staffRatingVotes: staff.fromVotes ? agg.votes : 0, scoreTenths: Math.round(score * 10), grade, subsidyYuan: subsidyOf(grade, s), note: input.note, assessedBy: actor.accountId, updatedAt: ctx.clock() };
      const existing = await repo.findAssessment(tx, actor.countyId, i.id, input.year);
      if (existing) {
        if (!(await repo.updateAssessment(tx, { countyId: actor.countyId, instructorId: i.id, year: input.year }, existing.version, values))) throw conflict('该考核已被他人修改，请刷新后重试', 'STALE_VERSION');
      } else {
        await repo.insertAssessment(tx, { countyId: actor.countyId, instructorId: i.id, year: input.year, orgPath: i.orgPath, ...values, createdAt: ctx.clock() });
      }
      await writeAudit(tx, actor, ctx.clock(), { action: 'instructor.assess', entityType: 'instructor', entityId: i.id, before: existing ? { grade: existing.grade, score: existing.scoreTenths / 10 } : undefined, after: { year: input.year, ...scores, staffRatingVotes: values.staffRatingVotes, score, grade, subsidyYuan: values.subsidyYuan } });
      return presentAssessment((await repo.findAssessment(tx, actor.countyId, i.id, input.year))!, i.name);
    });
  }

  async function listAssessments(actor: Actor, q: { year: number; grade?: AssessmentGrade; page: number; pageSize: number }) {
    requirePermission(actor, 'instructors.read');
    const { rows, total } = await repo.listAssessments(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), year: q.year, grade: q.grade }, q);
    return { items: rows.map((r) => presentAssessment(r, r.name)), total, page: q.page, pageSize: q.pageSize };
  }

  /** The subsidy payment list of a year (补贴发放名单), as Excel: every assessed instructor in scope with grade and amount. */
  async function exportPayments(actor: Actor, q: { year: number }, reply: FastifyReply) {
    requirePermission(actor, 'instructors.manage');
    const { rows, total } = await repo.listAssessments(ctx.db, actor.countyId, { pathPattern: subtreePattern(actor.orgPath), year: q.year }, { page: 1, pageSize: 100_000 });
    const pool = new Map<string, InstructorRow>();
    for (const r of rows) {
      const i = await repo.findInstructor(ctx.db, actor.countyId, r.instructorId);
      if (i) pool.set(i.id, i);
    }
    const sum = rows.reduce((n, r) => n + r.subsidyYuan, 0);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'instructor.exportPayments', entityType: 'instructor', entityId: null, note: `导出 ${q.year} 年党建工作指导员补贴发放名单 ${total} 人，合计 ${sum} 元` });
    return sendXlsx(reply, { name: `党建工作指导员补贴发放名单-${q.year}.xlsx`, ascii: `instructor-subsidy-${q.year}.xlsx` }, async (wb) => {
      const sheet = addSheet(wb, `${q.year}年补贴发放`, [
        { title: '序号', width: 6 }, { title: '姓名', width: 10 }, { title: '来源', width: 16 }, { title: '考核得分', width: 10 }, { title: '考核等次', width: 10 }, { title: '补贴金额（元）', width: 14 }, { title: '考核意见', width: 30 },
      ]);
      rows.forEach((r, k) => sheet.addRow([k + 1, r.name, INSTRUCTOR_SOURCE_LABELS[pool.get(r.instructorId)?.source as keyof typeof INSTRUCTOR_SOURCE_LABELS] ?? '', r.scoreTenths / 10, ASSESSMENT_GRADE_LABELS[r.grade as AssessmentGrade], r.subsidyYuan, r.note]));
      sheet.addRow(['合计', `${total} 人`, null, null, null, sum, null]);
      sheet.commit();
    });
  }

  return { addCallback, listCallbacks, assess, listAssessments, exportPayments, listEnterprises, coverage, siteCode, create, list, get, assign, scan, addManual, listManual, decideManual, mine, myMonth, addLog, myLogs, myProblems, solveProblem };
}
