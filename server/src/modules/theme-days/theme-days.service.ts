// Theme days (1号活动 / 主题党日): planning per branch and month, check-in by a short-lived signed code or by the
// secretary, leave requests with approval, make-up study, attendance rates. Every write refreshes the member's month.
import {
  QR_REFRESH_SECONDS,
  ZAttendanceMark,
  ZCheckIn,
  ZLeaveDecision,
  ZLeaveRequestCreate,
  ZMakeupCreate,
  ZThemeDayCreate,
  ZThemeDayUpdate,
  conflict,
  invalid,
  monthOf,
  notFound,
  ratePermille,
  signCheckInToken,
  themeDayComplete,
  toChinaDate,
  themeDayDate,
  type BirthdayTopic,
  verifyCheckInToken,
  DomainError,
  type AttendanceRates,
  type CheckInCode,
  type CheckInResult,
  type MyThemeDay,
  type ThemeDayDetail,
  type ThemeDayListQuery,
  type ThemeDaySummary,
} from '@yanzhen/domain';
import { can, orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { birthdayTopicsOf } from '../../core/theme-day-topics';
import { loadMemberInScope, loadMonthlySettings, loadOrgInScope, loadSelf, thisMonth } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';
import { refreshMembers } from '../stars/stars.service';
import { themeDaysRepository, type ThemeDayRow } from './theme-days.repository';

// Two secretaries arranging the same branch's month at once: the unique index decides, the error edge answers 409.
registerUniqueConflicts({
  theme_days_org_month_uq: { code: 'THEME_DAY_EXISTS', message: '该党支部本月的主题党日已安排，请修改原安排' },
  leave_requests_uq: { code: 'LEAVE_EXISTS', message: '已为这次主题党日提交过请假申请' },
  makeup_studies_uq: { code: 'MAKEUP_EXISTS', message: '该党员这次主题党日的补学已登记' },
});

/** Theme days held in a subtree in a year (org id and date): the fifth kind of org life's frequency compliance. */
export const themeDayDatesInYear = (ex: Executor, countyId: string, pathPattern: string, year: number) => themeDaysRepository.datesInYear(ex, countyId, pathPattern, year);

/** Theme days each of these members attended in a year (org life's training hours). */
export const themeDaysAttendedInYear = (ex: Executor, countyId: string, memberIds: string[], year: number) => themeDaysRepository.attendedInYear(ex, countyId, memberIds, year);

export function createThemeDaysService(ctx: AppContext) {
  // The check-in code's key: derived from the server's master key (the keyed hash), never stored or sent.
  const hmac = (message: string) => ctx.crypto.hash(`checkin-code:${message}`);

  async function loadInScope(ex: Executor, actor: Actor, id: string) {
    const td = await themeDaysRepository.findById(ex, actor.countyId, id);
    if (!td || !orgInScope(actor, td.orgPath) || actor.role === 'member') throw notFound('主题党日');
    return td;
  }

  const NO_TOPIC: BirthdayTopic = { required: false, members: 0, celebratedOn: null, done: true };
  const topicsOf = (ex: Executor, countyId: string, rows: { orgId: string; month: string }[]) => birthdayTopicsOf(ctx, ex, countyId, rows.map((r) => ({ orgId: r.orgId, month: r.month })));
  const summary = (td: ThemeDayRow & { orgName: string }, expected: number, attended: number, topics: Map<string, BirthdayTopic>): ThemeDaySummary => ({
    id: td.id,
    orgId: td.orgId,
    orgName: td.orgName,
    month: td.month,
    date: td.date,
    topic: td.topic,
    place: td.place,
    content: td.content,
    expected,
    attended,
    ratePermille: ratePermille(attended, expected),
    version: td.version,
    birthdayTopic: topics.get(`${td.orgId}|${td.month}`) ?? NO_TOPIC,
    complete: themeDayComplete({ date: td.date, today: toChinaDate(ctx.clock()), attended, topicDone: (topics.get(`${td.orgId}|${td.month}`) ?? NO_TOPIC).done }),
  });

  async function list(actor: Actor, q: ThemeDayListQuery) {
    requirePermission(actor, 'themeDays.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const { rows, total } = await themeDaysRepository.list(ctx.db, actor.countyId, subtreePattern(org.path), { month: q.month, year: q.year }, q);
    const topics = await topicsOf(ctx.db, actor.countyId, rows);
    return { items: rows.map((r) => summary(r, r.expected, r.attended, topics)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<ThemeDayDetail> {
    requirePermission(actor, 'themeDays.read');
    const td = await loadInScope(ctx.db, actor, id);
    const roster = await themeDaysRepository.roster(ctx.db, td);
    const attended = roster.filter((r) => r.method !== null).length;
    return {
      ...summary(td, roster.length, attended, await topicsOf(ctx.db, actor.countyId, [td])),
      roster: roster.map((r) => ({
        memberId: r.memberId,
        name: r.name,
        categories: r.categories,
        attended: r.method !== null,
        method: r.method as 'qr' | 'manual' | null,
        checkedInAt: r.checkedInAt?.toISOString() ?? null,
        leave: r.leaveId ? { id: r.leaveId, reason: r.leaveReason!, status: r.leaveStatus as 'pending', version: r.leaveVersion! } : null,
        makeup: r.makeupOn ? { studiedOn: r.makeupOn, content: r.makeupContent! } : null,
      })),
      can: { update: can(actor, 'themeDays.write') },
    };
  }

  async function create(actor: Actor, body: unknown): Promise<ThemeDayDetail> {
    requirePermission(actor, 'themeDays.write');
    const input = validate(ZThemeDayCreate, body);
    const id = await ctx.db.transaction(async (tx) => {
      const org = await loadOrgInScope(tx, actor, input.orgId);
      if (org.type !== 'branch') throw invalid('主题党日以党支部为单位开展，请选择党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
      const settings = await loadMonthlySettings(tx, actor.countyId);
      const date = input.date ?? themeDayDate(input.month, settings.themeDayOfMonth);
      if (monthOf(date) !== input.month) throw invalid(`活动日期 ${date} 不在 ${input.month} 内`, [{ path: 'date', message: '活动日期须在所选月份内' }]);
      const existing = await themeDaysRepository.findForOrgMonth(tx, actor.countyId, org.id, input.month);
      if (existing) throw conflict(`${org.name} ${input.month} 的主题党日已安排（${existing.topic}），请修改原安排`, 'THEME_DAY_EXISTS');
      const now = ctx.clock();
      const row = await themeDaysRepository.insert(tx, { countyId: actor.countyId, orgId: org.id, orgPath: org.path, month: input.month, date, topic: input.topic, place: input.place, content: input.content, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'themeDay.create', entityType: 'themeDay', entityId: row.id, after: { orgName: org.name, month: row.month, date, topic: row.topic, place: row.place } });
      // Members of the branch now have a theme day to attend this month.
      const roster = await themeDaysRepository.roster(tx, row);
      await refreshMembers(ctx, tx, actor.countyId, roster.map((r) => r.memberId), [row.month]);
      return row.id;
    });
    return get(actor, id);
  }

  async function update(actor: Actor, id: string, body: unknown): Promise<ThemeDayDetail> {
    requirePermission(actor, 'themeDays.write');
    const input = validate(ZThemeDayUpdate, body);
    await ctx.db.transaction(async (tx) => {
      const td = await loadInScope(tx, actor, id);
      if (monthOf(input.date) !== td.month) throw invalid(`活动日期 ${input.date} 不在 ${td.month} 内`, [{ path: 'date', message: '活动日期须在原月份内' }]);
      const values = { date: input.date, topic: input.topic, place: input.place, content: input.content, updatedAt: ctx.clock() };
      if (!(await themeDaysRepository.updateVersioned(tx, id, input.version, values))) throw conflict('该主题党日已被他人修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, ctx.clock(), { action: 'themeDay.update', entityType: 'themeDay', entityId: id, before: { date: td.date, topic: td.topic, place: td.place, content: td.content }, after: { date: input.date, topic: input.topic, place: input.place, content: input.content } });
    });
    return get(actor, id);
  }

  /** A fresh signed code for the secretary's screen; it expires within minutes, so a forwarded photo stops working. */
  async function code(actor: Actor, id: string): Promise<CheckInCode> {
    requirePermission(actor, 'themeDays.write');
    const td = await loadInScope(ctx.db, actor, id);
    if (td.month > thisMonth(ctx)) throw invalid(`${td.month} 的主题党日尚未到来，不能签到`);
    const t = signCheckInToken(td.id, ctx.clock(), hmac);
    return { token: t.token, expiresAt: t.expiresAt.toISOString(), refreshSeconds: QR_REFRESH_SECONDS };
  }

  async function record(ex: Executor, actor: Actor, td: ThemeDayRow, member: { id: string; orgPath: string }, method: 'qr' | 'manual') {
    const now = ctx.clock();
    const inserted = await themeDaysRepository.insertAttendance(ex, { countyId: td.countyId, themeDayId: td.id, memberId: member.id, orgPath: member.orgPath, month: td.month, method, checkedInAt: now, recordedBy: actor.accountId });
    if (inserted) {
      await writeAudit(ex, actor, now, { action: method === 'qr' ? 'themeDay.checkIn' : 'themeDay.markAttended', entityType: 'themeDay', entityId: td.id, after: { memberId: member.id, method } });
      await refreshMembers(ctx, ex, td.countyId, [member.id], [td.month]);
    }
    return inserted;
  }

  async function checkIn(actor: Actor, body: unknown): Promise<CheckInResult> {
    requirePermission(actor, 'self.write');
    const { token } = validate(ZCheckIn, body);
    const v = verifyCheckInToken(token, ctx.clock(), hmac);
    if (!v.ok) throw new DomainError(v.reason === 'expired' ? 'CHECKIN_CODE_EXPIRED' : 'CHECKIN_CODE_INVALID', v.message, { kind: 'rule' });
    return ctx.db.transaction(async (tx) => {
      const me = await loadSelf(tx, actor);
      const td = await themeDaysRepository.findById(tx, actor.countyId, v.themeDayId);
      if (!td) throw notFound('主题党日');
      if (td.orgId !== me.orgId) throw new DomainError('CHECKIN_OTHER_BRANCH', `该签到码属于${td.orgName}的主题党日，您所在的是${me.orgName}`, { kind: 'rule' });
      const inserted = await record(tx, actor, td, me, 'qr');
      const att = await themeDaysRepository.findAttendance(tx, td, me.id);
      return { themeDayId: td.id, topic: td.topic, checkedInAt: att!.checkedInAt.toISOString(), alreadyCheckedIn: !inserted };
    });
  }

  async function mark(actor: Actor, id: string, body: unknown): Promise<ThemeDayDetail> {
    requirePermission(actor, 'themeDays.write');
    const input = validate(ZAttendanceMark, body);
    await ctx.db.transaction(async (tx) => {
      const td = await loadInScope(tx, actor, id);
      const m = await loadMemberInScope(tx, actor, input.memberId);
      if (m.orgId !== td.orgId) throw invalid(`${m.name}不是${td.orgName}的党员`, [{ path: 'memberId', message: '须为本支部党员' }]);
      if (input.attended) await record(tx, actor, td, m, 'manual');
      else if (await themeDaysRepository.deleteAttendance(tx, td, m.id)) {
        await writeAudit(tx, actor, ctx.clock(), { action: 'themeDay.unmarkAttended', entityType: 'themeDay', entityId: td.id, before: { memberId: m.id }, note: `取消${m.name}的出席记录` });
        await refreshMembers(ctx, tx, actor.countyId, [m.id], [td.month]);
      }
    });
    return get(actor, id);
  }

  async function requestLeave(actor: Actor, body: unknown) {
    requirePermission(actor, 'self.write');
    const input = validate(ZLeaveRequestCreate, body);
    return ctx.db.transaction(async (tx) => {
      const me = await loadSelf(tx, actor);
      const td = await themeDaysRepository.findById(tx, actor.countyId, input.themeDayId);
      if (!td || td.orgId !== me.orgId) throw notFound('主题党日');
      if (await themeDaysRepository.findAttendance(tx, td, me.id)) throw invalid('您已签到，无需请假');
      if (await themeDaysRepository.findLeaveOf(tx, td, me.id)) throw conflict('您已提交过本次主题党日的请假', 'LEAVE_EXISTS');
      const row = await themeDaysRepository.insertLeave(tx, { countyId: actor.countyId, themeDayId: td.id, memberId: me.id, orgPath: me.orgPath, month: td.month, reason: input.reason });
      await writeAudit(tx, actor, ctx.clock(), { action: 'themeDay.requestLeave', entityType: 'leaveRequest', entityId: row.id, after: { themeDayId: td.id, reason: input.reason } });
      return { id: row.id };
    });
  }

  async function decideLeave(actor: Actor, leaveId: string, body: unknown) {
    requirePermission(actor, 'themeDays.write');
    const input = validate(ZLeaveDecision, body);
    return ctx.db.transaction(async (tx) => {
      const leave = await themeDaysRepository.findLeave(tx, actor.countyId, leaveId);
      if (!leave || !orgInScope(actor, leave.orgPath)) throw notFound('请假申请');
      const status = input.approve ? 'approved' : 'rejected';
      if (!(await themeDaysRepository.decideLeave(tx, leave.id, input.version, { status, decidedBy: actor.accountId, decidedAt: ctx.clock(), updatedAt: ctx.clock() }))) {
        throw conflict('该请假申请已被他人处理，请刷新后重试', 'STALE_VERSION');
      }
      await writeAudit(tx, actor, ctx.clock(), { action: 'themeDay.decideLeave', entityType: 'leaveRequest', entityId: leave.id, before: { status: leave.status }, after: { status } });
      await refreshMembers(ctx, tx, actor.countyId, [leave.memberId], [leave.month]);
      return { ok: true as const };
    });
  }

  async function makeup(actor: Actor, id: string, body: unknown): Promise<ThemeDayDetail> {
    requirePermission(actor, 'themeDays.write');
    const input = validate(ZMakeupCreate, body);
    await ctx.db.transaction(async (tx) => {
      const td = await loadInScope(tx, actor, id);
      const m = await loadMemberInScope(tx, actor, input.memberId);
      if (m.orgId !== td.orgId) throw invalid(`${m.name}不是${td.orgName}的党员`, [{ path: 'memberId', message: '须为本支部党员' }]);
      if (input.studiedOn < td.date) throw invalid('补学日期不能早于主题党日', [{ path: 'studiedOn', message: '补学日期不能早于主题党日' }]);
      await themeDaysRepository.upsertMakeup(tx, { countyId: actor.countyId, themeDayId: td.id, memberId: m.id, orgPath: m.orgPath, month: td.month, studiedOn: input.studiedOn, content: input.content, recordedBy: actor.accountId });
      await writeAudit(tx, actor, ctx.clock(), { action: 'themeDay.makeup', entityType: 'themeDay', entityId: td.id, after: { memberId: m.id, studiedOn: input.studiedOn, content: input.content } });
      await refreshMembers(ctx, tx, actor.countyId, [m.id], [td.month]);
    });
    return get(actor, id);
  }

  async function rates(actor: Actor, q: { month?: string; orgId?: string }): Promise<AttendanceRates> {
    requirePermission(actor, 'themeDays.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const month = q.month ?? thisMonth(ctx);
    const rows = await themeDaysRepository.rates(ctx.db, actor.countyId, subtreePattern(org.path), month);
    const items = rows.map((r) => ({ orgId: r.org_id, orgName: r.org_name, themeDays: Number(r.theme_days), expected: Number(r.expected), attended: Number(r.attended), ratePermille: ratePermille(Number(r.attended), Number(r.expected)) }));
    const sum = (k: 'themeDays' | 'expected' | 'attended') => items.reduce((s, i) => s + i[k], 0);
    return { month, total: { themeDays: sum('themeDays'), expected: sum('expected'), attended: sum('attended'), ratePermille: ratePermille(sum('attended'), sum('expected')) }, items };
  }

  async function mine(actor: Actor): Promise<MyThemeDay> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const month = thisMonth(ctx);
    const td = await themeDaysRepository.findForOrgMonth(ctx.db, actor.countyId, me.orgId, month);
    const att = td ? await themeDaysRepository.findAttendance(ctx.db, td, me.id) : null;
    const leave = td ? await themeDaysRepository.findLeaveOf(ctx.db, td, me.id) : null;
    return {
      month,
      orgName: me.orgName,
      themeDay: td ? { id: td.id, date: td.date, topic: td.topic, place: td.place, content: td.content } : null,
      checkedInAt: att?.checkedInAt.toISOString() ?? null,
      method: (att?.method as 'qr' | 'manual' | undefined) ?? null,
      leave: leave ? { reason: leave.reason, status: leave.status as 'pending' } : null,
    };
  }

  return { list, get, create, update, code, checkIn, mark, requestLeave, decideLeave, makeup, rates, mine };
}
