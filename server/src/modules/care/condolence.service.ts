// Festival condolence rounds (节日慰问, issue #13 item 1): the county plans a round and allocates its budget to towns;
// towns (and their branches) pay members of their subtree; a mistaken payment is reversed by an entry with a reason,
// never edited or deleted; reconciliation per town and the ledger in Excel (ID numbers masked). Money in integer fen.
import {
  CONDOLENCE_CATEGORIES,
  CONDOLENCE_CATEGORY_LABELS,
  FESTIVAL_LABELS,
  FUNDING_SOURCE_LABELS,
  ZCondolenceAllocationSet,
  ZCondolencePaymentCreate,
  ZCondolenceReversal,
  ZCondolenceRoundClose,
  ZCondolenceRoundCreate,
  allocationRemaining,
  checkCondolenceAllocation,
  checkCondolencePayment,
  condolenceCategory,
  conflict,
  forbidden,
  formatYuan,
  invalid,
  notFound,
  toChinaDate,
  yuan,
  type CondolencePayment,
  type CondolenceRound,
  type CondolenceRoundDetail,
  type CondolenceTownRow,
} from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { registerUniqueConflicts } from '../../core/errors';
import { addSheet, sendXlsx } from '../../core/excel';
import { createMembersService } from '../members/members.service';
import { createOrgsService } from '../orgs/orgs.service';
import { validate } from '../../core/validate';
import { condolenceRepository as repo, type AllocationFigures, type AllocationRow, type PaymentRow, type RoundRow } from './condolence.repository';

registerUniqueConflicts({
  condolence_rounds_festival_uq: { code: 'CONDOLENCE_ROUND_EXISTS', message: '本县该节日本年度的慰问已有计划' },
  condolence_payments_reversal_uq: { code: 'CONDOLENCE_ALREADY_REVERSED', message: '该笔发放已冲正，不能重复冲正' },
});

const ELIGIBLE = [...CONDOLENCE_CATEGORIES];
const EXPORT_PAGE = 1000;

export function createCondolenceService(ctx: AppContext) {
  const members = createMembersService(ctx);
  const orgs = createOrgsService(ctx);
  const today = () => toChinaDate(ctx.clock());

  const toRound = (r: RoundRow): CondolenceRound => ({
    id: r.id, festival: r.festival as CondolenceRound['festival'], year: r.year, name: r.name, plannedOn: r.plannedOn, budgetFen: r.budgetFen,
    fundingSource: r.fundingSource as CondolenceRound['fundingSource'], fundingNote: r.fundingNote, standards: r.standards, allowOthers: r.allowOthers,
    status: r.status as CondolenceRound['status'], closedAt: r.closedAt?.toISOString() ?? null, version: r.version,
  });
  const toPayment = (p: PaymentRow): CondolencePayment => ({
    id: p.id, kind: p.kind as CondolencePayment['kind'], memberId: p.memberId, memberName: p.memberName, orgName: p.orgName, townName: p.townName,
    category: p.category as CondolencePayment['category'], amountFen: p.amountFen, paidOn: p.paidOn, note: p.note, reversesId: p.reversesId,
    reversedById: p.reversedById, paidByName: p.paidByName, createdAt: p.createdAt.toISOString(),
  });

  /** Only the county (an account of the county's top org) plans rounds and allocates them. */
  async function requireCounty(ex: Executor, actor: Actor) {
    const org = await orgs.loadInScope(ex, actor, actor.orgId);
    if (org.parentId !== null) throw forbidden('节日慰问由县委组织部计划和分配，镇（街道）和支部只能在分配额内发放');
    return org;
  }

  const isCounty = async (ex: Executor, actor: Actor) => (await orgs.loadInScope(ex, actor, actor.orgId)).parentId === null;

  /** The county sees every round of the county; a town or branch only the rounds allocated to its town (else 404). */
  async function loadRound(ex: Executor, actor: Actor, id: string, lock = false): Promise<RoundRow> {
    const r = await repo.findRound(ex, actor.countyId, id, lock);
    if (!r || (!(await isCounty(ex, actor)) && !(await repo.visibleBelowCounty(ex, actor.countyId, r.id, actor.orgPath)))) throw notFound('慰问计划');
    return r;
  }

  async function townRows(actor: Actor, round: RoundRow, allocations: AllocationRow[]): Promise<CondolenceTownRow[]> {
    const figures = await repo.figures(ctx.db, actor.countyId, round.id, subtreePattern(actor.orgPath));
    // A caller below the town (a branch) counts its own subtree's eligible members; a town or the county, the town's.
    const paths = allocations.map((a) => (orgInScope(actor, a.orgPath) ? a.orgPath : actor.orgPath));
    const eligible = await members.countWithCategories(ctx.db, actor, [...new Set(paths)], ELIGIBLE);
    return allocations.map((a, i) => {
      const f: AllocationFigures = figures.get(a.id) ?? { allocationId: a.id, paidFen: 0, reversedFen: 0, covered: 0 };
      return { orgId: a.orgId, orgName: a.orgName, allocationId: a.id, allocatedFen: a.amountFen, paidFen: f.paidFen, reversedFen: f.reversedFen, remainingFen: allocationRemaining({ allocatedFen: a.amountFen, ...f }), covered: f.covered, eligible: eligible.get(paths[i]) ?? 0 };
    });
  }

  async function list(actor: Actor, q: { status?: 'open' | 'closed'; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const { rows, total } = await repo.listRounds(ctx.db, actor.countyId, q.status, (await isCounty(ctx.db, actor)) ? null : actor.orgPath, q);
    return { items: rows.map(toRound), total, page: q.page, pageSize: q.pageSize };
  }

  /** The round with the totals of the caller's scope: the county sees the budget against all towns, a town its own. */
  async function get(actor: Actor, id: string): Promise<CondolenceRoundDetail> {
    requirePermission(actor, 'care.read');
    const round = await loadRound(ctx.db, actor, id);
    const all = await repo.allocationsOf(ctx.db, actor.countyId, round.id);
    const mine = all.filter((a) => orgInScope(actor, a.orgPath) || actor.orgPath.startsWith(a.orgPath));
    const rows = await townRows(actor, round, mine);
    const sum = (k: 'allocatedFen' | 'paidFen' | 'reversedFen' | 'remainingFen' | 'covered' | 'eligible') => rows.reduce((s, r) => s + r[k], 0);
    return {
      ...toRound(round),
      totals: { budgetFen: (await isCounty(ctx.db, actor)) ? round.budgetFen : sum('allocatedFen'), allocatedFen: sum('allocatedFen'), paidFen: sum('paidFen'), reversedFen: sum('reversedFen'), remainingFen: sum('remainingFen'), covered: sum('covered'), eligible: sum('eligible') },
    };
  }

  async function create(actor: Actor, body: unknown): Promise<CondolenceRoundDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCondolenceRoundCreate, body);
    if (input.allowOthers && input.standards.other === null) throw invalid('允许慰问其他党员时须填写其他党员的慰问标准', [{ path: 'standards.other', message: '请填写其他党员标准' }]);
    const id = await ctx.db.transaction(async (tx) => {
      await requireCounty(tx, actor);
      const now = ctx.clock();
      const row = await repo.insertRound(tx, { countyId: actor.countyId, festival: input.festival, year: input.year, name: input.name, plannedOn: input.plannedOn, budgetFen: input.budgetFen, fundingSource: input.fundingSource, fundingNote: input.fundingNote, standards: input.standards, allowOthers: input.allowOthers, createdBy: actor.accountId, createdAt: now, updatedAt: now });
      await writeAudit(tx, actor, now, { action: 'condolence.plan', entityType: 'condolenceRound', entityId: row.id, after: { name: input.name, festival: FESTIVAL_LABELS[input.festival], year: input.year, budget: yuan(input.budgetFen), fundingSource: FUNDING_SOURCE_LABELS[input.fundingSource] } });
      return row.id;
    });
    return get(actor, id);
  }

  /** Sets a town's allocation (0 withdraws it): the towns together stay within the budget and each above what it paid. */
  async function allocate(actor: Actor, id: string, body: unknown): Promise<CondolenceTownRow[]> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCondolenceAllocationSet, body);
    await ctx.db.transaction(async (tx) => {
      const round = await loadRound(tx, actor, id, true);
      const county = await requireCounty(tx, actor);
      if (round.status !== 'open') throw conflict(`${round.name}已结束，不能再调整分配`, 'CONDOLENCE_ROUND_CLOSED');
      const town = await orgs.loadInScope(tx, actor, input.orgId);
      if (town.parentId !== county.id) throw invalid(`${town.name}不是县委直属的镇（街道）党委，慰问资金只分配到镇（街道）`, [{ path: 'orgId', message: '请选择镇（街道）党委' }], 'CONDOLENCE_NOT_TOWN');
      const all = await repo.allocationsOf(tx, actor.countyId, round.id);
      const current = all.find((a) => a.orgId === town.id);
      const otherFen = all.filter((a) => a.orgId !== town.id).reduce((s, a) => s + a.amountFen, 0);
      const f = current ? (await repo.figures(tx, actor.countyId, round.id, '%')).get(current.id) : undefined;
      const netPaidFen = f ? f.paidFen - f.reversedFen : 0;
      const check = checkCondolenceAllocation({ budgetFen: round.budgetFen, otherFen, amountFen: input.amountFen, townName: town.name, netPaidFen });
      if (!check.ok) throw invalid(check.message, [{ path: 'amountFen', message: check.message }], check.code);
      const now = ctx.clock();
      await repo.upsertAllocation(tx, { countyId: actor.countyId, roundId: round.id, orgId: town.id, orgName: town.name, orgPath: town.path, amountFen: input.amountFen, now });
      await writeAudit(tx, actor, now, { action: 'condolence.allocate', entityType: 'condolenceRound', entityId: round.id, before: { town: town.name, amount: current ? yuan(current.amountFen) : null }, after: { town: town.name, amount: yuan(input.amountFen) }, note: `${round.name}：分配给${town.name} ${yuan(input.amountFen)}` });
    });
    return (await towns(actor, id, { page: 1, pageSize: 200 })).items;
  }

  async function close(actor: Actor, id: string, body: unknown): Promise<CondolenceRoundDetail> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCondolenceRoundClose, body);
    await ctx.db.transaction(async (tx) => {
      const round = await loadRound(tx, actor, id, true);
      await requireCounty(tx, actor);
      if (round.status !== 'open') throw conflict(`${round.name}已结束`, 'CONDOLENCE_ROUND_CLOSED');
      const now = ctx.clock();
      if (!(await repo.updateRound(tx, round.id, input.version, { status: 'closed', closedAt: now }))) throw conflict('该慰问计划已被他人修改，请刷新后重试', 'STALE_VERSION');
      await writeAudit(tx, actor, now, { action: 'condolence.close', entityType: 'condolenceRound', entityId: round.id, before: { status: 'open' }, after: { status: 'closed' }, note: `${round.name}结束发放` });
    });
    return get(actor, id);
  }

  /** Reconciliation (对账) per town, paged with the true total. */
  async function towns(actor: Actor, id: string, q: { page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const round = await loadRound(ctx.db, actor, id);
    const { rows, total } = await repo.listAllocations(ctx.db, actor.countyId, round.id, actor.orgPath, q);
    return { items: await townRows(actor, round, rows), total, page: q.page, pageSize: q.pageSize };
  }

  async function paymentPattern(actor: Actor, orgId: string | undefined): Promise<string> {
    if (!orgId) return subtreePattern(actor.orgPath);
    return subtreePattern((await orgs.loadInScope(ctx.db, actor, orgId)).path);
  }

  async function payments(actor: Actor, id: string, q: { orgId?: string; page: number; pageSize: number }) {
    requirePermission(actor, 'care.read');
    const round = await loadRound(ctx.db, actor, id);
    const { rows, total } = await repo.listPayments(ctx.db, repo.paymentConds(actor.countyId, round.id, await paymentPattern(actor, q.orgId)), q, true);
    return { items: rows.map(toPayment), total, page: q.page, pageSize: q.pageSize };
  }

  /** A payment to a member of the caller's subtree, from the allocation of the member's town, within what is left of it. */
  async function pay(actor: Actor, id: string, body: unknown): Promise<CondolencePayment> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCondolencePaymentCreate, body);
    const paymentId = await ctx.db.transaction(async (tx) => {
      const round = await loadRound(tx, actor, id);
      const { member, orgName } = await members.loadInScope(tx, actor, input.memberId);
      if (round.status !== 'open') throw conflict(`${round.name}已结束，不能再发放`, 'CONDOLENCE_ROUND_CLOSED');
      if (input.paidOn > today()) throw invalid(`发放日期 ${input.paidOn} 晚于今天`, [{ path: 'paidOn', message: '发放日期不能晚于今天' }]);
      const category = condolenceCategory(member.categories, round.allowOthers);
      if (!category) throw invalid(`${member.name}不是困难党员、老党员或年老体弱党员，本次慰问不包括其他党员`, [{ path: 'memberId', message: '不在慰问范围内' }], 'CONDOLENCE_NOT_ELIGIBLE');
      const allocation = await repo.allocationFor(tx, actor.countyId, round.id, member.orgPath);
      if (!allocation) throw invalid(`${orgName}所在的镇（街道）未分配本次慰问资金，请先由县委组织部分配`, [{ path: 'memberId', message: '所在镇未分配' }], 'CONDOLENCE_NO_ALLOCATION');
      // The allocation row is locked: payments of a town are checked and written one at a time.
      const live = await repo.livePaymentOf(tx, round.id, member.id);
      if (live) throw conflict(`${member.name}已于 ${live.paidOn} 领取本次慰问金 ${yuan(live.amountFen)}；发错的请先冲正再重新发放`, 'CONDOLENCE_ALREADY_PAID');
      const f = (await repo.figures(tx, actor.countyId, round.id, '%')).get(allocation.id) ?? { paidFen: 0, reversedFen: 0 };
      const check = checkCondolencePayment({ amountFen: input.amountFen, remainingFen: allocationRemaining({ allocatedFen: allocation.amountFen, paidFen: f.paidFen, reversedFen: f.reversedFen }), townName: allocation.orgName, memberName: member.name });
      if (!check.ok) throw invalid(check.message, [{ path: 'amountFen', message: check.message }], check.code);
      const now = ctx.clock();
      const pid = await repo.insertPayment(tx, { countyId: actor.countyId, roundId: round.id, allocationId: allocation.id, kind: 'payment', memberId: member.id, memberName: member.name, orgName, orgPath: member.orgPath, category, amountFen: input.amountFen, paidOn: input.paidOn, note: input.note, paidByAccountId: actor.accountId, paidByName: actor.displayName, createdAt: now });
      await writeAudit(tx, actor, now, { action: 'condolence.pay', entityType: 'condolenceRound', entityId: round.id, after: { member: member.name, category: CONDOLENCE_CATEGORY_LABELS[category], amount: yuan(input.amountFen), paidOn: input.paidOn }, note: `${round.name}：${member.name} ${yuan(input.amountFen)}` });
      return pid;
    });
    return toPayment((await repo.findPayment(ctx.db, actor.countyId, paymentId))!);
  }

  /** 冲正: a reversal entry of the same amount with the reason; the payment stays, and the member may be paid anew. */
  async function reverse(actor: Actor, paymentId: string, body: unknown): Promise<CondolencePayment> {
    requirePermission(actor, 'care.write');
    const input = validate(ZCondolenceReversal, body);
    const rid = await ctx.db.transaction(async (tx) => {
      const p = await repo.findPayment(tx, actor.countyId, paymentId);
      if (!p || !orgInScope(actor, p.orgPath)) throw notFound('慰问发放记录');
      if (p.kind !== 'payment') throw invalid('冲正记录不能再冲正', [{ path: 'id', message: '请选择一笔发放记录' }], 'CONDOLENCE_REVERSE_REVERSAL');
      const round = await loadRound(tx, actor, p.roundId);
      if (round.status !== 'open') throw conflict(`${round.name}已结束，不能再冲正`, 'CONDOLENCE_ROUND_CLOSED');
      await repo.allocationFor(tx, actor.countyId, round.id, p.orgPath);
      if (p.reversedById) throw conflict('该笔发放已冲正，不能重复冲正', 'CONDOLENCE_ALREADY_REVERSED');
      const now = ctx.clock();
      const id = await repo.insertPayment(tx, { countyId: actor.countyId, roundId: round.id, allocationId: p.allocationId, kind: 'reversal', memberId: p.memberId, memberName: p.memberName, orgName: p.orgName, orgPath: p.orgPath, category: p.category, amountFen: p.amountFen, paidOn: today(), note: input.reason, reversesId: p.id, paidByAccountId: actor.accountId, paidByName: actor.displayName, createdAt: now });
      await writeAudit(tx, actor, now, { action: 'condolence.reverse', entityType: 'condolenceRound', entityId: round.id, before: { member: p.memberName, amount: yuan(p.amountFen), paidOn: p.paidOn }, after: { reversed: true, reason: input.reason }, note: `冲正 ${p.memberName} ${yuan(p.amountFen)}：${input.reason}` });
      return id;
    });
    return toPayment((await repo.findPayment(ctx.db, actor.countyId, rid))!);
  }

  /** The ledger (台账) of the caller's subtree in Excel: every entry, ID numbers masked, and the reconciliation sheet. */
  async function exportLedger(actor: Actor, id: string, q: { orgId?: string }, reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(actor, 'care.read');
    const round = await loadRound(ctx.db, actor, id);
    const pattern = await paymentPattern(actor, q.orgId);
    const townList = (await towns(actor, id, { page: 1, pageSize: 200 })).items;
    const where = repo.paymentConds(actor.countyId, round.id, pattern);
    const first = await repo.listPayments(ctx.db, where, { page: 1, pageSize: 1 });
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'condolence.export', entityType: 'condolenceRound', entityId: round.id, after: { entries: first.total }, note: `导出${round.name}慰问金台账 ${first.total} 条（身份证号脱敏）` });
    const stamp = today();
    return sendXlsx(reply, { name: `${round.name}慰问金台账_${stamp}.xlsx`, ascii: `condolence-ledger_${stamp}.xlsx` }, async (wb) => {
      const sheet = addSheet(wb, '发放台账', [
        { title: '序号', width: 6 }, { title: '镇（街道）', width: 18 }, { title: '支部', width: 22 }, { title: '姓名', width: 10 }, { title: '身份证号（脱敏）', width: 22, text: true },
        { title: '类别', width: 12 }, { title: '类型', width: 8 }, { title: '金额（元）', width: 12 }, { title: '发放日期', width: 12 }, { title: '经办人', width: 12 }, { title: '备注/冲正原因', width: 30 },
      ]);
      let n = 0;
      for (let pg = 1; ; pg++) {
        const { rows } = await repo.listPayments(ctx.db, where, { page: pg, pageSize: EXPORT_PAGE });
        const ids = await members.maskedIdNumbers(ctx.db, actor, [...new Set(rows.map((r) => r.memberId))]);
        for (const r of rows) {
          n++;
          const amount = r.kind === 'reversal' ? -r.amountFen : r.amountFen;
          sheet.addRow([n, r.townName, r.orgName, r.memberName, ids.get(r.memberId) ?? '', CONDOLENCE_CATEGORY_LABELS[r.category as keyof typeof CONDOLENCE_CATEGORY_LABELS], r.kind === 'reversal' ? '冲正' : r.reversedById ? '发放（已冲正）' : '发放', Number(formatYuan(amount)), r.paidOn, r.paidByName, r.note ?? '']);
        }
        if (rows.length < EXPORT_PAGE) break;
      }
      sheet.commit();
      const rec = addSheet(wb, '对账', [{ title: '镇（街道）', width: 18 }, { title: '分配（元）', width: 12 }, { title: '发放（元）', width: 12 }, { title: '冲正（元）', width: 12 }, { title: '结余（元）', width: 12 }, { title: '已慰问人数', width: 10 }, { title: '应慰问人数', width: 10 }]);
      for (const t of townList) rec.addRow([t.orgName, Number(formatYuan(t.allocatedFen)), Number(formatYuan(t.paidFen)), Number(formatYuan(t.reversedFen)), Number(formatYuan(t.remainingFen)), t.covered, t.eligible]);
      rec.addRow([]);
      rec.addRow([`${round.name}：预算 ${yuan(round.budgetFen)}，经费来源 ${FUNDING_SOURCE_LABELS[round.fundingSource as keyof typeof FUNDING_SOURCE_LABELS]}${round.fundingNote ? `（${round.fundingNote}）` : ''}。本表身份证号已脱敏。`]);
      rec.commit();
    });
  }

  return { list, get, create, allocate, close, towns, payments, pay, reverse, exportLedger };
}
