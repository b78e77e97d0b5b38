// 流动党员联络台账 (issue #13 item 4): per mobile member the branch's contact person, each contact made, the member's
// situation reports (read through the reports service) and the contact warning (N months → 未按期联系, 6 → 失联, with the
// steps the branch took). Members are read through the members service; every write checks scope and is audited.
import {
  ZMobileContactCreate,
  ZMobileContactPerson,
  ZMobileLostSteps,
  contactStatus,
  invalid,
  notFound,
  toChinaDate,
  type CareSettings,
  type MobileLedgerDetail,
  type MobileLedgerRow,
} from '@yanzhen/domain';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { createReportsService } from '../reports/reports.service';
import { careRepository as repo, type LedgerRow } from './care.repository';
import { loadCareSettings } from './care.service';
import { validate } from '../../core/validate';

type MobileMember = { id: string; name: string; orgName: string; destination: string | null; mobileSince: string | null; joinDate: string };

export function createMobileLedgerService(ctx: AppContext) {
  const members = createMembersService(ctx);
  const orgs = createOrgsService(ctx);
  const reports = createReportsService(ctx);
  const today = () => toChinaDate(ctx.clock());

  const toRow = (m: MobileMember, l: LedgerRow | undefined, s: CareSettings, on: string): MobileLedgerRow => {
    const c = contactStatus({ mobileSince: m.mobileSince ?? m.joinDate, lastContactOn: l?.lastContactOn ?? null, warnMonths: s.mobileContactMonths, lostMonths: s.mobileLostMonths, today: on });
    return {
      memberId: m.id, name: m.name, orgName: m.orgName, destination: m.destination, mobileSince: m.mobileSince,
      contactPersonName: l?.contactPersonName ?? null, lastContactOn: l?.lastContactOn ?? null,
      status: c.status, warnFrom: c.warnFrom, lostFrom: c.lostFrom, lostSteps: l?.lostSteps ?? null,
    };
  };

  async function pattern(actor: Actor, orgId: string | undefined): Promise<string> {
    if (!orgId) return subtreePattern(actor.orgPath);
    return subtreePattern((await orgs.loadInScope(ctx.db, actor, orgId)).path);
  }

  /** The ledger list: every mobile member of the scope, or (overdue) only those not contacted for N months or more. */
  async function list(actor: Actor, q: { orgId?: string; overdue?: 'true' | 'false'; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const p = await pattern(actor, q.orgId);
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const on = today();
    const stale = q.overdue === 'true' ? { months: s.mobileContactMonths, today: on, exceptIds: await repo.contactedWithin(ctx.db, actor.countyId, p, s.mobileContactMonths, on) } : undefined;
    const { rows, total } = await members.mobileMembers(actor, p, { stale }, q);
    const ledgers = new Map((await repo.ledgersOf(ctx.db, actor.countyId, rows.map((r) => r.id))).map((l) => [l.memberId, l]));
    return { items: rows.map((m) => toRow(m, ledgers.get(m.id), s, on)), total, page: q.page, pageSize: q.pageSize };
  }

  /** A mobile member of the caller's scope (another branch's → 404; not mobile → 400 on writes, plain ledger on reads). */
  async function loadMember(ex: Executor, actor: Actor, memberId: string) {
    const { member, orgName } = await members.loadInScope(ex, actor, memberId);
    if (!orgInScope(actor, member.orgPath)) throw notFound('党员');
    return { member, orgName };
  }
  const requireMobile = (m: { name: string; categories: string[] }) => {
    if (!m.categories.includes('mobile')) throw invalid(`${m.name}不是流动党员，请先在党员档案中标注“流动党员”并填写外出地点`, [{ path: 'memberId', message: '不是流动党员' }], 'NOT_MOBILE_MEMBER');
  };

  async function get(actor: Actor, memberId: string): Promise<MobileLedgerDetail> {
    requirePermission(actor, 'care.read');
    const { member, orgName } = await loadMember(ctx.db, actor, memberId);
    const s = await loadCareSettings(ctx.db, actor.countyId);
    const [ledger] = await repo.ledgersOf(ctx.db, actor.countyId, [member.id]);
    const row = toRow({ id: member.id, name: member.name, orgName, destination: member.mobileDestination, mobileSince: member.mobileSince, joinDate: member.joinDate }, ledger, s, today());
    const contacts = (await repo.contactsOf(ctx.db, actor.countyId, member.id)).map((c) => ({ id: c.id, memberId: c.memberId, contactedOn: c.contactedOn, channel: c.channel as MobileLedgerDetail['contacts'][number]['channel'], learned: c.learned, contactedByName: c.contactedByName }));
    return { ...row, contacts, reports: await reports.ofMember(ctx.db, actor.countyId, member.id) };
  }

  async function recordContact(actor: Actor, memberId: string, body: unknown): Promise<MobileLedgerDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZMobileContactCreate, body);
    await ctx.db.transaction(async (tx) => {
      const { member } = await loadMember(tx, actor, memberId);
      requireMobile(member);
      if (input.contactedOn > today()) throw invalid(`联系日期 ${input.contactedOn} 晚于今天`, [{ path: 'contactedOn', message: '联系日期不能晚于今天' }]);
      const since = member.mobileSince ?? member.joinDate;
      if (input.contactedOn < since) throw invalid(`联系日期 ${input.contactedOn} 早于外出日期 ${since}`, [{ path: 'contactedOn', message: '联系日期不能早于外出日期' }]);
      const now = ctx.clock();
      const ledger = await repo.openLedger(tx, actor.countyId, member.id, member.orgPath);
      await repo.insertContact(tx, { countyId: actor.countyId, memberId: member.id, orgPath: member.orgPath, contactedOn: input.contactedOn, channel: input.channel, learned: input.learned, contactedByAccountId: actor.accountId, contactedByName: actor.displayName, createdAt: now });
      // The last contact only moves forward (a late entry of an older contact leaves it).
      if (!ledger.lastContactOn || input.contactedOn > ledger.lastContactOn) await repo.updateLedger(tx, ledger.id, { lastContactOn: input.contactedOn });
      await writeAudit(tx, actor, now, { action: 'care.mobileContact', entityType: 'mobileLedger', entityId: ledger.id, after: { member: member.name, contactedOn: input.contactedOn, channel: input.channel } });
    });
    return get(actor, memberId);
  }

  async function setContactPerson(actor: Actor, memberId: string, body: unknown): Promise<MobileLedgerDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZMobileContactPerson, body);
    await ctx.db.transaction(async (tx) => {
      const { member } = await loadMember(tx, actor, memberId);
      requireMobile(member);
      if (input.contactPersonMemberId === member.id) throw invalid('联系人不能是流动党员本人', [{ path: 'contactPersonMemberId', message: '请选择支部的另一名党员' }]);
      const person = (await members.loadInScope(tx, actor, input.contactPersonMemberId)).member;
      const ledger = await repo.openLedger(tx, actor.countyId, member.id, member.orgPath);
      await repo.updateLedger(tx, ledger.id, { contactPersonMemberId: person.id, contactPersonName: person.name });
      await writeAudit(tx, actor, ctx.clock(), { action: 'care.mobileContactPerson', entityType: 'mobileLedger', entityId: ledger.id, before: { contactPerson: ledger.contactPersonName }, after: { member: member.name, contactPerson: person.name } });
    });
    return get(actor, memberId);
  }

  /** The steps taken to find a member flagged 失联: only once the member is 失联 (otherwise record a contact). */
  async function recordLostSteps(actor: Actor, memberId: string, body: unknown): Promise<MobileLedgerDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZMobileLostSteps, body);
    await ctx.db.transaction(async (tx) => {
      const { member } = await loadMember(tx, actor, memberId);
      requireMobile(member);
      const s = await loadCareSettings(tx, actor.countyId);
      const ledger = await repo.openLedger(tx, actor.countyId, member.id, member.orgPath);
      const c = contactStatus({ mobileSince: member.mobileSince ?? member.joinDate, lastContactOn: ledger.lastContactOn, warnMonths: s.mobileContactMonths, lostMonths: s.mobileLostMonths, today: today() });
      if (c.status !== 'lost') throw invalid(`${member.name}未失联（满 ${s.mobileLostMonths} 个月未联系上才算失联，自 ${c.lostFrom} 起），不能记录查找措施`, [{ path: 'steps', message: '该党员未失联' }], 'MOBILE_NOT_LOST');
      await repo.updateLedger(tx, ledger.id, { lostSteps: input.steps });
      await writeAudit(tx, actor, ctx.clock(), { action: 'care.mobileLostSteps', entityType: 'mobileLedger', entityId: ledger.id, before: { lostSteps: ledger.lostSteps }, after: { member: member.name, lostSteps: input.steps } });
    });
    return get(actor, memberId);
  }

  /** The dashboard's mobile figures: mobile members of the pattern, contacted this quarter (ledger), not contacted, 失联. */
  async function figures(actor: Actor, p: string, s: CareSettings, quarterStart: string) {
    const on = today();
    const one = { page: 1, pageSize: 1 };
    const count = async (months: number) => (await members.mobileMembers(actor, p, { stale: { months, today: on, exceptIds: await repo.contactedWithin(ctx.db, actor.countyId, p, months, on) } }, one)).total;
    const total = (await members.mobileMembers(actor, p, {}, one)).total;
    const lost = await count(s.mobileLostMonths);
    return { total, contactedThisQuarter: (await repo.contactedSince(ctx.db, actor.countyId, p, quarterStart)).length, notContacted: (await count(s.mobileContactMonths)) - lost, lost };
  }

  return { list, get, recordContact, setContactPerson, recordLostSteps, figures };
}
