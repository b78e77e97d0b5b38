// Relationship transfers out of and into the county (组织关系转接, issue #13): the three-part letter (存根、介绍信、回执)
// with a county number that is never reused, validity and receipt deadlines (holiday-aware), the receipt, the reissue
// of a letter lost in transit (the old one voided), incoming letters and the member's arrival.
// While a letter is open the member stays on the sending branch's roster (dues, stars and duty items stay with it);
// the receipt takes them off the roster.
import {
  TRANSFER_DIRECTION_LABELS,
  ZTransferArrive,
  ZTransferInCreate,
  ZTransferOutCreate,
  ZTransferReceipt,
  ZTransferReissue,
  chineseWorkingDays,
  conflict,
  duesPaidToValid,
  invalid,
  notFound,
  receiptOverdue,
  toChinaDate,
  transferDeadlines,
  transferLetterNumber,
  type Transfer,
  type TransferListQuery,
} from '@yanzhen/domain';
import { AlignmentType, Document, Packer, PageBreak, Paragraph, TextRun } from 'docx';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { contentDisposition } from '../../core/excel';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { careRepository as repo, type TransferRow } from './care.repository';
import { loadCareSettings } from './care.service';
import { validate } from '../../core/validate';

const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const FONT = '仿宋';
const LETTER_PREFIX = '组';
const cn = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
const cnMonth = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
/** Whole months from the issue date to the end of validity (the validity the letter was issued with). */
const validityMonthsOf = (t: { issuedOn: string; validUntil: string }) => Math.max(1, Number(t.validUntil.slice(0, 4)) * 12 + Number(t.validUntil.slice(5, 7)) - (Number(t.issuedOn.slice(0, 4)) * 12 + Number(t.issuedOn.slice(5, 7))));

export function createTransfersService(ctx: AppContext) {
  const members = createMembersService(ctx);
  const orgs = createOrgsService(ctx);
  const today = () => toChinaDate(ctx.clock());

  const toTransfer = (t: TransferRow, on: string): Transfer => ({
    id: t.id, direction: t.direction as Transfer['direction'], status: t.status as Transfer['status'], memberId: t.memberId, memberName: t.memberName, orgId: t.orgId, counterpart: t.counterpart,
    letterNo: t.letterNo, issuedOn: t.issuedOn, validUntil: t.validUntil, receiptDueBy: t.receiptDueBy, receiptOverdue: t.direction === 'out' && t.receiptDueBy !== null && receiptOverdue({ status: t.status as 'open', receiptDueBy: t.receiptDueBy }, on),
    duesPaidTo: t.duesPaidTo, reason: t.reason, receiptOn: t.receiptOn, arrivedOn: t.arrivedOn, voidReason: t.voidReason, reissueOf: t.reissueOf, version: t.version,
  });

  async function loadInScope(ex: Executor, actor: Actor, id: string): Promise<TransferRow> {
    const t = await repo.findTransfer(ex, actor.countyId, id);
    if (!t || actor.role === 'member' || !orgInScope(actor, t.orgPath)) throw notFound('组织关系转接');
    return t;
  }

  async function list(actor: Actor, q: TransferListQuery) {
    requirePermission(actor, 'care.read');
    const pattern = q.orgId ? subtreePattern((await orgs.loadInScope(ctx.db, actor, q.orgId)).path) : subtreePattern(actor.orgPath);
    const on = today();
    const { rows, total } = await repo.listTransfers(ctx.db, actor.countyId, pattern, { direction: q.direction, status: q.status, overdueOn: q.overdue === 'true' ? on : undefined }, q);
    return { items: rows.map((t) => toTransfer(t, on)), total, page: q.page, pageSize: q.pageSize };
  }

  async function get(actor: Actor, id: string): Promise<Transfer> {
    requirePermission(actor, 'care.read');
    return toTransfer(await loadInScope(ctx.db, actor, id), today());
  }

  /** Issues a letter: the next county number, the deadlines from the county settings. */
  async function issue(tx: Executor, actor: Actor, base: { memberId: string; memberName: string; orgId: string; orgPath: string; counterpart: string; reason: string; duesPaidTo: string }, issuedOn: string, validityMonths: number, reissueOf: string | null): Promise<TransferRow> {
    const s = await loadCareSettings(tx, actor.countyId);
    const months = Math.min(validityMonths, s.letterValidityMonths);
    const { validUntil, receiptDueBy } = transferDeadlines(issuedOn, months, s.receiptMonths, chineseWorkingDays);
    const year = Number(issuedOn.slice(0, 4));
    const seq = await repo.nextLetterSeq(tx, actor.countyId, year);
    const now = ctx.clock();
    return repo.insertTransfer(tx, {
      countyId: actor.countyId, direction: 'out', status: 'open', ...base, letterNo: transferLetterNumber(LETTER_PREFIX, year, seq), letterYear: year, letterSeq: seq,
      issuedOn, validUntil, receiptDueBy, reissueOf, createdBy: actor.accountId, createdAt: now, updatedAt: now,
    });
  }

  function checkIssueDate(issuedOn: string) {
    const on = today();
    if (issuedOn > on) throw invalid(`开具日期 ${issuedOn} 晚于今天`, [{ path: 'issuedOn', message: '开具日期不能晚于今天' }]);
  }

  async function createOut(actor: Actor, body: unknown): Promise<Transfer> {
    requirePermission(actor, 'care.write');
    const input = validate(ZTransferOutCreate, body);
    checkIssueDate(input.issuedOn);
    if (!duesPaidToValid(input.duesPaidTo, input.issuedOn)) throw invalid(`党费交至 ${input.duesPaidTo} 晚于开具月份`, [{ path: 'duesPaidTo', message: '党费交至月份不能晚于开具月份' }]);
    const s = await loadCareSettings(ctx.db, actor.countyId);
    if (input.validityMonths > s.letterValidityMonths) throw invalid(`介绍信有效期不能超过${s.letterValidityMonths}个月（本县设置）`, [{ path: 'validityMonths', message: `不能超过${s.letterValidityMonths}个月` }]);
    const row = await ctx.db.transaction(async (tx) => {
      const { member } = await members.loadInScope(tx, actor, input.memberId);
      const open = await repo.openTransferOf(tx, actor.countyId, member.id);
      if (open) throw conflict(`${member.name}已有在途的介绍信（${open.letterNo}，${open.issuedOn} 开具），不能再开；如介绍信遗失请补开`, 'TRANSFER_OPEN');
      const t = await issue(tx, actor, { memberId: member.id, memberName: member.name, orgId: member.orgId, orgPath: member.orgPath, counterpart: input.counterpart, reason: input.reason, duesPaidTo: input.duesPaidTo }, input.issuedOn, input.validityMonths, null);
      await writeAudit(tx, actor, ctx.clock(), { action: 'transfer.issue', entityType: 'transfer', entityId: t.id, after: { letterNo: t.letterNo, member: member.name, counterpart: t.counterpart, validUntil: t.validUntil, duesPaidTo: t.duesPaidTo } });
      return t;
    });
    return toTransfer(row, today());
  }

  /** The receipt came back: the transfer is closed and the member leaves the county's roster. */
  async function receipt(actor: Actor, id: string, body: unknown): Promise<Transfer> {
    requirePermission(actor, 'care.write');
    const input = validate(ZTransferReceipt, body);
    await ctx.db.transaction(async (tx) => {
      const t = await loadInScope(tx, actor, id);
      if (t.direction !== 'out') throw invalid('转入的介绍信没有回执可登记，请登记党员报到', [], 'TRANSFER_DIRECTION');
      if (t.status !== 'open') throw conflict(`介绍信 ${t.letterNo} 已${t.status === 'voided' ? '作废' : '退回回执'}，不能再登记回执`, 'TRANSFER_NOT_OPEN');
      if (input.receiptOn < t.issuedOn || input.receiptOn > today()) throw invalid(`回执日期 ${input.receiptOn} 须在开具日期 ${t.issuedOn} 与今天之间`, [{ path: 'receiptOn', message: '回执日期不正确' }]);
      if (!(await repo.updateTransfer(tx, t.id, input.version, { status: 'received', receiptOn: input.receiptOn, receiptNote: input.note }))) throw conflict('该转接已被他人修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, ctx.clock(), { action: 'transfer.receipt', entityType: 'transfer', entityId: t.id, before: { status: 'open' }, after: { status: 'received', receiptOn: input.receiptOn }, note: `${t.letterNo} 回执退回` });
      if (t.memberId) await members.leaveRoster(tx, actor, t.memberId, `组织关系转出至${t.counterpart}（${t.letterNo}）`);
    });
    return get(actor, id);
  }

  /** A letter lost in transit: the old one is voided (its number is never reused) and a new one issued. */
  async function reissue(actor: Actor, id: string, body: unknown): Promise<Transfer> {
    requirePermission(actor, 'care.write');
    const input = validate(ZTransferReissue, body);
    checkIssueDate(input.issuedOn);
    const row = await ctx.db.transaction(async (tx) => {
      const t = await loadInScope(tx, actor, id);
      if (t.direction !== 'out' || t.status !== 'open') throw conflict(`介绍信 ${t.letterNo} 不在途，不能补开`, 'TRANSFER_NOT_OPEN');
      if (input.issuedOn < t.issuedOn) throw invalid(`补开日期 ${input.issuedOn} 早于原介绍信 ${t.issuedOn}`, [{ path: 'issuedOn', message: '补开日期不能早于原介绍信' }]);
      if (!(await repo.updateTransfer(tx, t.id, input.version, { status: 'voided', voidedAt: ctx.clock(), voidReason: input.reason }))) throw conflict('该转接已被他人修改，请刷新后重试', 'STALE_VERSION');
      const months = Math.min(3, validityMonthsOf(t));
      const fresh = await issue(tx, actor, { memberId: t.memberId!, memberName: t.memberName, orgId: t.orgId, orgPath: t.orgPath, counterpart: t.counterpart, reason: t.reason, duesPaidTo: t.duesPaidTo }, input.issuedOn, months, t.id);
      await writeAudit(tx, actor, ctx.clock(), { action: 'transfer.reissue', entityType: 'transfer', entityId: fresh.id, before: { letterNo: t.letterNo, status: 'open' }, after: { letterNo: fresh.letterNo, voided: t.letterNo }, note: input.reason });
      return fresh;
    });
    return toTransfer(row, today());
  }

  /** An incoming letter from outside the county, registered by the receiving branch. */
  async function createIn(actor: Actor, body: unknown): Promise<Transfer> {
    requirePermission(actor, 'care.write');
    const input = validate(ZTransferInCreate, body);
    if (input.validUntil < input.issuedOn) throw invalid('有效期至早于开具日期', [{ path: 'validUntil', message: '有效期至不能早于开具日期' }]);
    if (input.issuedOn > today()) throw invalid(`开具日期 ${input.issuedOn} 晚于今天`, [{ path: 'issuedOn', message: '开具日期不能晚于今天' }]);
    const row = await ctx.db.transaction(async (tx) => {
      const org = await orgs.loadInScope(tx, actor, input.orgId);
      if (org.type !== 'branch') throw invalid('转入须落到党支部，请选择党支部', [{ path: 'orgId', message: '请选择党支部' }], 'ORG_NOT_BRANCH');
      const now = ctx.clock();
      const t = await repo.insertTransfer(tx, { countyId: actor.countyId, direction: 'in', status: 'open', memberId: null, memberName: input.memberName, orgId: org.id, orgPath: org.path, counterpart: input.counterpart, letterNo: input.letterNo, issuedOn: input.issuedOn, validUntil: input.validUntil, duesPaidTo: input.duesPaidTo, reason: input.reason, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'transfer.registerIn', entityType: 'transfer', entityId: t.id, after: { letterNo: t.letterNo, member: t.memberName, from: t.counterpart, org: org.name } });
      return t;
    });
    return toTransfer(row, today());
  }

  /** The member reported: their roster record (entered with the history they bring) is linked and the letter closed. */
  async function arrive(actor: Actor, id: string, body: unknown): Promise<Transfer> {
    requirePermission(actor, 'care.write');
    const input = validate(ZTransferArrive, body);
    await ctx.db.transaction(async (tx) => {
      const t = await loadInScope(tx, actor, id);
      if (t.direction !== 'in' || t.status !== 'open') throw conflict('该转入已办结，不能重复报到', 'TRANSFER_NOT_OPEN');
      if (input.arrivedOn < t.issuedOn || input.arrivedOn > today()) throw invalid(`报到日期 ${input.arrivedOn} 须在开具日期 ${t.issuedOn} 与今天之间`, [{ path: 'arrivedOn', message: '报到日期不正确' }]);
      const { member } = await members.loadInScope(tx, actor, input.memberId);
      if (member.orgId !== t.orgId) throw invalid(`${member.name}不在接收的党支部，请先在党员名册中把其录入到接收支部`, [{ path: 'memberId', message: '须为接收支部的党员' }]);
      if (!(await repo.updateTransfer(tx, t.id, input.version, { status: 'arrived', arrivedOn: input.arrivedOn, memberId: member.id }))) throw conflict('该转接已被他人修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, ctx.clock(), { action: 'transfer.arrive', entityType: 'transfer', entityId: t.id, after: { member: member.name, arrivedOn: input.arrivedOn }, note: `${t.letterNo} 报到` });
    });
    return get(actor, id);
  }

  /** The three parts (存根、介绍信、回执) on one Word document, one page each. */
  async function letter(actor: Actor, id: string, reply: FastifyReply) {
    requirePermission(actor, 'care.read');
    const t = await loadInScope(ctx.db, actor, id);
    if (t.direction !== 'out') throw invalid('只有转出的介绍信可以打印', [], 'TRANSFER_DIRECTION');
    const org = await orgs.loadInScope(ctx.db, actor, t.orgId).catch(() => null);
    const from = org?.name ?? '本县党组织';
    const p = (text: string, opts: { center?: boolean; bold?: boolean; size?: number; right?: boolean } = {}) =>
      new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, spacing: { after: 160, line: 460 }, children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 30, font: FONT })] });
    const voided = t.status === 'voided' ? [p('（本介绍信已作废，不得使用）', { center: true, bold: true })] : [];
    const body = `${t.memberName}同志（中共党员），组织关系由${from}转往${t.counterpart}，党费已交到${cnMonth(t.duesPaidTo)}。`;
    const children = [
      p('中国共产党党员组织关系介绍信', { center: true, bold: true, size: 36 }), p('（存根）', { center: true }), p(`${t.letterNo}`, { right: true }), ...voided,
      p(body), p(`转接原因：${t.reason}。`), p(`有效期至 ${cn(t.validUntil)}；回执应于 ${cn(t.receiptDueBy ?? t.validUntil)} 前退回。`), p(`开具日期：${cn(t.issuedOn)}`, { right: true }),
      new Paragraph({ children: [new PageBreak()] }),
      p('中国共产党党员组织关系介绍信', { center: true, bold: true, size: 36 }), p(`${t.letterNo}`, { right: true }), ...voided,
      p(`${t.counterpart}：`), p(`兹介绍${t.memberName}同志（中共党员）的党员组织关系转去你处，请接洽。该同志党费已交到${cnMonth(t.duesPaidTo)}。`),
      p(`该同志须在有效期内（至 ${cn(t.validUntil)}）持本介绍信到接收党组织报到。`), p(`（有效期${validityMonthsOf(t)}个月）`),
      p(`${from}（盖章）`, { right: true }), p(cn(t.issuedOn), { right: true }),
      new Paragraph({ children: [new PageBreak()] }),
      p('中国共产党党员组织关系介绍信回执', { center: true, bold: true, size: 36 }), p(`${t.letterNo}`, { right: true }),
      p(`${from}：`), p(`${t.memberName}同志的党员组织关系已转达我处，特此回执。`), p('接收党组织（盖章）', { right: true }), p('年    月    日', { right: true }),
    ];
    const buffer = await Packer.toBuffer(new Document({ creator: '雁阵党建工作管理平台', title: `组织关系介绍信 ${t.letterNo}`, sections: [{ children }] }));
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'transfer.printLetter', entityType: 'transfer', entityId: t.id, note: `打印${TRANSFER_DIRECTION_LABELS.out}介绍信 ${t.letterNo}` });
    return reply.header('content-type', DOCX_MIME).header('content-disposition', contentDisposition(`组织关系介绍信-${t.memberName}-${t.letterNo}.docx`, 'transfer-letter.docx')).header('cache-control', 'no-store').send(buffer);
  }

  return { list, get, createOut, receipt, reissue, createIn, arrive, letter };
}
