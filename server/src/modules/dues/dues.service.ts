// Party dues: bases (yearly, with mid-year changes and hardship reductions approved by the next level), payments
// (arrears and up to 6 months in advance), the monthly ledger with arrears warnings, collection rates, my dues.
import {
  duesCategoryHasBase,
  ZDuesBaseInput,
  ZDuesPaymentInput,
  ZReductionDecision,
  addMonthsToMonth,
  arrears,
  checkPayment,
  conflict,
  duesRulesOn,
  duesSchedule,
  forbidden,
  invalid,
  monthRange,
  notFound,
  ratePermille,
  yearSchedule,
  ARREARS_RED_MONTHS,
  ARREARS_LEVEL_LABELS,
  DUES_CATEGORY_LABELS,
  formatYuan,
  type ArrearsLevel,
  type CollectionRates,
  type DuesBasePeriod,
  type DuesCategory,
  type DuesLedger,
  type DuesLedgerRow,
  type DuesPayment,
  type MonthlySettings,
  type MyDues,
  type PaymentMethod,
} from '@yanzhen/domain';
import type { FastifyReply } from 'fastify';
import { orgInScope, requirePermission, subtreePattern, type Actor } from '../../core/actor';
import { addSheet, sendXlsx } from '../../core/excel';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { onMembersMoved } from '../../core/member-moves';
import { registerUniqueConflicts } from '../../core/errors';
import { loadMemberInScope, loadMonthlySettings, loadOrgInScope, loadSelf, thisMonth } from '../member-monthly/monthly-common';
import { validate } from '../../core/validate';
import { duesCollectionFromRollup, refreshMembers } from '../stars/stars.service';
import { refreshMemberWarnings } from '../stars/stars.jobs';
import { orgsRepository } from '../orgs/orgs.repository';
import { duesRepository, type DuesBaseRow } from './dues.repository';

/** How far back the arrears streak is looked for: beyond the red flag, a longer window adds nothing. */
const ARREARS_WINDOW_MONTHS = 12;

const periodOf = (b: DuesBaseRow): DuesBasePeriod => ({
  fromMonth: b.fromMonth,
  category: b.category as DuesCategory,
  baseFen: b.baseFen,
  ruleVersion: b.ruleVersion,
  reducedFen: b.reductionStatus === 'approved' ? b.reducedFen : null,
});

type MemberStatus = { memberId: string; dueFen: number; due: boolean; paid: boolean; paidOn: string | null; streak: number; level: ArrearsLevel; unpaidFen: number; base: DuesBaseRow | null };

/** The dues status of members for a month: what is due, whether it is paid, the arrears streak up to that month. */
async function statusOf(ex: Executor, countyId: string, list: { id: string; joinDate: string }[], pathPattern: string, month: string, settings: MonthlySettings, current: string, windowMonths = ARREARS_WINDOW_MONTHS): Promise<Map<string, MemberStatus>> {
  const from = addMonthsToMonth(month, -windowMonths);
  // By subtree (a join on members), not by a list of thousands of ids.
  const [bases, paidRows] = await Promise.all([duesRepository.basesOf(ex, countyId, { pathPattern }, month), duesRepository.paidMonthsOf(ex, countyId, { pathPattern }, from, month)]);
  const basesBy = new Map<string, DuesBaseRow[]>();
  for (const b of bases) basesBy.set(b.memberId, [...(basesBy.get(b.memberId) ?? []), b]);
  const paidBy = new Map<string, Map<string, string>>();
  for (const p of paidRows) {
    const m = paidBy.get(p.memberId) ?? new Map<string, string>();
    m.set(p.month, p.paidOn);
    paidBy.set(p.memberId, m);
  }
  const months = monthRange(from, month);
  const out = new Map<string, MemberStatus>();
  for (const m of list) {
    const b = basesBy.get(m.id) ?? [];
    const schedule = duesSchedule(months, b.map(periodOf), m.joinDate, settings.duesRounding);
    const paid = paidBy.get(m.id) ?? new Map<string, string>();
    // A past month is over and counts; the current month is still open (dues are paid within the month).
    const a = arrears(schedule, new Set(paid.keys()), month < current ? addMonthsToMonth(month, 1) : month);
    const cur = schedule[schedule.length - 1];
    out.set(m.id, { memberId: m.id, dueFen: cur.dueFen, due: cur.due, paid: paid.has(month), paidOn: paid.get(month) ?? null, streak: a.streak, level: a.level, unpaidFen: a.unpaidFen, base: b[b.length - 1] ?? null });
  }
  return out;
}

/** When members move (members and orgs services announce it, in their transaction): the dues bases follow them. */
onMembersMoved('dues', (tx, moved) => duesRepository.moveBasesOf(tx, moved.countyId, [...moved.memberIds], moved.targetOrgPath));

// Concurrent duplicates the services' own checks cannot see: the keys decide, the error edge answers 409.
registerUniqueConflicts({
  dues_paid_months_county_id_member_id_month_pk: { code: 'DUES_ALREADY_PAID', message: '所选月份的党费已由他人登记，请刷新后重试' },
  dues_payments_receipt_uq: { code: 'DUES_RECEIPT_TAKEN', message: '收据编号已被同时登记的另一笔党费占用，请重试' },
  dues_bases_member_from_uq: { code: 'DUES_BASE_EXISTS', message: '该党员这一月份起的党费基数已由他人登记，请刷新后修改' },
});

export function createDuesService(ctx: AppContext) {
  async function setBase(actor: Actor, body: unknown) {
    requirePermission(actor, 'dues.write');
    const input = validate(ZDuesBaseInput, body);
    if (Number(input.fromMonth.slice(0, 4)) !== input.year) throw invalid(`起始月份 ${input.fromMonth} 不在 ${input.year} 年内`, [{ path: 'fromMonth', message: '起始月份须在所选年度内' }]);
    return ctx.db.transaction(async (tx) => {
      const m = await loadMemberInScope(tx, actor, input.memberId);
      const rules = duesRulesOn(`${input.fromMonth}-01`);
      const now = ctx.clock();
      const values = {
        category: input.category,
        baseFen: input.baseFen,
        ruleVersion: rules.version,
        reducedFen: input.reducedFen,
        // A hardship reduction is the branch's proposal until the next level approves it.
        reductionStatus: input.reducedFen === null ? null : 'pending',
        reductionReason: input.reducedFen === null ? null : input.reductionReason,
        reductionDecidedBy: null,
        updatedAt: now,
      };
      if (input.reducedFen !== null && !input.reductionReason) throw invalid('减免党费须填写困难情况说明', [{ path: 'reductionReason', message: '请填写减免原因' }]);
      const existing = await duesRepository.findBaseAt(tx, actor.countyId, m.id, input.fromMonth);
      let id: string;
      if (existing) {
        if (!(await duesRepository.updateBase(tx, existing.id, existing.version, values))) throw conflict('该党费基数已被他人修改，请刷新后重试', 'STALE_VERSION');
        id = existing.id;
        await writeAudit(tx, actor, now, { action: 'dues.setBase', entityType: 'duesBase', entityId: id, before: { category: existing.category, baseFen: existing.baseFen, reducedFen: existing.reducedFen }, after: { category: input.category, baseFen: input.baseFen, reducedFen: input.reducedFen }, note: `${m.name} ${input.fromMonth} 起` });
      } else {
        id = (await duesRepository.insertBase(tx, { countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, year: input.year, fromMonth: input.fromMonth, createdAt: now, ...values })).id;
        await writeAudit(tx, actor, now, { action: 'dues.setBase', entityType: 'duesBase', entityId: id, after: { category: input.category, baseFen: input.baseFen, reducedFen: input.reducedFen }, note: `${m.name} ${input.fromMonth} 起` });
      }
      await refreshMembers(ctx, tx, actor.countyId, [m.id], monthRange(input.fromMonth, thisMonth(ctx)));
      return { id };
    });
  }

  async function decideReduction(actor: Actor, baseId: string, body: unknown) {
    requirePermission(actor, 'dues.write');
    const input = validate(ZReductionDecision, body);
    return ctx.db.transaction(async (tx) => {
      const base = await duesRepository.findBase(tx, actor.countyId, baseId);
      if (!base || !orgInScope(actor, base.orgPath) || base.reductionStatus === null) throw notFound('党费减免申请');
      // The branch proposes; only an org above it approves.
      if (base.orgPath === actor.orgPath) throw forbidden('党费减免须由上级党组织审批');
      const status = input.approve ? 'approved' : 'rejected';
      if (!(await duesRepository.updateBase(tx, base.id, input.version, { reductionStatus: status, reductionDecidedBy: actor.accountId, updatedAt: ctx.clock() }))) {
        throw conflict('该减免申请已被他人处理，请刷新后重试', 'STALE_VERSION');
      }
      await writeAudit(tx, actor, ctx.clock(), { action: 'dues.decideReduction', entityType: 'duesBase', entityId: base.id, before: { reductionStatus: base.reductionStatus }, after: { reductionStatus: status } });
      await refreshMembers(ctx, tx, actor.countyId, [base.memberId], monthRange(base.fromMonth, thisMonth(ctx)));
      return { ok: true as const };
    });
  }

  async function pay(actor: Actor, body: unknown): Promise<DuesPayment> {
    requirePermission(actor, 'dues.write');
    const input = validate(ZDuesPaymentInput, body);
    const months = [...input.months].sort();
    return ctx.db.transaction(async (tx) => {
      const m = await loadMemberInScope(tx, actor, input.memberId);
      const settings = await loadMonthlySettings(tx, actor.countyId);
      const current = thisMonth(ctx);
      const range = monthRange(months[0], months[months.length - 1]);
      const bases = (await duesRepository.basesOf(tx, actor.countyId, [m.id], range[range.length - 1])).map(periodOf);
      const schedule = duesSchedule(range, bases, m.joinDate, settings.duesRounding);
      const paid = new Set((await duesRepository.paidMonthsOf(tx, actor.countyId, [m.id], range[0], range[range.length - 1])).map((p) => p.month));
      const check = checkPayment(months, input.amountFen, schedule, paid, current);
      if (!check.ok) throw invalid(`${m.name}：${check.issue.message}`, [{ path: check.issue.code === 'DUES_AMOUNT_SHORT' ? 'amountFen' : 'months', message: check.issue.message }], check.issue.code);
      const seq = (await duesRepository.countPaymentsOn(tx, actor.countyId, input.paidOn)) + 1;
      const receiptNo = `DF${input.paidOn.replace(/-/g, '')}-${String(seq).padStart(4, '0')}-${m.id.slice(0, 4).toUpperCase()}`;
      const byMonth = new Map(schedule.map((s) => [s.month, s.dueFen]));
      // Two collectors recording the same month at once: the paid-months key decides (409 DUES_ALREADY_PAID at the edge).
      const row = await duesRepository.insertPayment(
        tx,
        { countyId: actor.countyId, memberId: m.id, orgPath: m.orgPath, receiptNo, months, amountFen: input.amountFen, dueFen: check.dueFen, method: input.method, collector: input.collector, paidOn: input.paidOn, recordedBy: actor.accountId },
        months.map((month) => ({ month, dueFen: byMonth.get(month) ?? 0 })),
      );
      await writeAudit(tx, actor, ctx.clock(), { action: 'dues.pay', entityType: 'duesPayment', entityId: row.id, after: { memberId: m.id, months, amountFen: input.amountFen, method: input.method, collector: input.collector, paidOn: input.paidOn, receiptNo }, note: `${m.name}交纳党费 ${months.join('、')}` });
      await refreshMembers(ctx, tx, actor.countyId, [m.id], months);
      // Paying arrears withdraws or lowers the member's open warnings at once (not at the next monthly close).
      await refreshMemberWarnings(tx, actor.countyId, m.id, ctx.clock());
      return { id: row.id, receiptNo, memberId: m.id, memberName: m.name, months, amountFen: row.amountFen, dueFen: row.dueFen, method: row.method as PaymentMethod, collector: row.collector, paidOn: row.paidOn };
    });
  }

  async function ledger(actor: Actor, q: { orgId?: string; month?: string; level?: ArrearsLevel; page: number; pageSize: number }): Promise<DuesLedger> {
    requirePermission(actor, 'dues.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const month = q.month ?? thisMonth(ctx);
    const settings = await loadMonthlySettings(ctx.db, actor.countyId);
    const list = await duesRepository.membersOf(ctx.db, actor.countyId, subtreePattern(org.path));
    const status = await statusOf(ctx.db, actor.countyId, list, subtreePattern(org.path), month, settings, thisMonth(ctx));
    const rank: Record<ArrearsLevel, number> = { none: 0, yellow: 1, red: 2 };
    const filtered = q.level ? list.filter((m) => rank[status.get(m.id)!.level] >= rank[q.level!]) : list;
    const pageRows = filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    const last = new Map((await duesRepository.lastPaidMonth(ctx.db, actor.countyId, pageRows.map((m) => m.id))).map((r) => [r.memberId, r.month]));
    const items: DuesLedgerRow[] = pageRows.map((m) => {
      const s = status.get(m.id)!;
      const b = s.base;
      return {
        memberId: m.id,
        name: m.name,
        orgName: m.orgName,
        category: (b?.category as DuesCategory | undefined) ?? null,
        // A farmer's or student's stored base (0) is no base: shown as “—”, not “0.00”.
        baseFen: b && duesCategoryHasBase(b.category as DuesCategory) ? b.baseFen : null,
        reduction: b && b.reductionStatus && b.reducedFen !== null ? { reducedFen: b.reducedFen, status: b.reductionStatus as 'pending', reason: b.reductionReason, baseId: b.id, version: b.version } : null,
        dueFen: s.dueFen,
        paid: s.paid,
        paidOn: s.paidOn,
        streak: s.streak,
        level: s.level,
        unpaidFen: s.unpaidFen,
        paidThrough: last.get(m.id) ?? null,
      };
    });
    let dueFen = 0;
    let paidFen = 0;
    for (const s of status.values()) {
      dueFen += s.dueFen;
      if (s.paid) paidFen += s.dueFen;
    }
    return { items, total: filtered.length, page: q.page, pageSize: q.pageSize, month, dueFen, paidFen };
  }

  /** Collection rates per child org, read from the member_monthly rollup (one grouped statement, no records scanned). */
  async function collection(actor: Actor, q: { orgId?: string; month?: string }): Promise<CollectionRates> {
    requirePermission(actor, 'dues.read');
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    const month = q.month ?? thisMonth(ctx);
    const current = thisMonth(ctx);
    // Warnings are those of the last month that is over (raised by the monthly close, withdrawn as arrears are paid).
    const closedTo = month < current ? month : addMonthsToMonth(month, -1);
    const byPath = await duesCollectionFromRollup(ctx.db, actor.countyId, subtreePattern(org.path), month, closedTo);
    const depth = org.path.split('/').filter(Boolean).length;
    // Rows: the org's direct children (or the branch itself); each member counts under the child its path passes through.
    const children = org.type === 'branch' ? [] : (await orgsRepository.subtree(ctx.db, actor.countyId, org.path)).filter((o) => o.path.split('/').filter(Boolean).length === depth + 1 && o.type !== 'group' && !o.dissolvedAt);
    const keyOf = (path: string) => (org.type === 'branch' ? org.path : `/${path.split('/').filter(Boolean).slice(0, depth + 1).join('/')}/`);
    const rows = new Map<string, { orgId: string; orgName: string; members: number; due: number; paid: number; yellow: number; red: number }>();
    for (const c of org.type === 'branch' ? [{ id: org.id, name: org.name, path: org.path }] : children) rows.set(c.path, { orgId: c.id, orgName: c.name, members: 0, due: 0, paid: 0, yellow: 0, red: 0 });
    for (const b of byPath) {
      const row = rows.get(keyOf(b.orgPath));
      if (!row) continue;
      row.members += b.members;
      row.due += b.due;
      row.paid += b.paid;
      row.yellow += b.yellow;
      row.red += b.red;
    }
    const items = [...rows.values()].map((r) => ({ ...r, ratePermille: ratePermille(r.paid, r.due) }));
    const sum = (k: 'members' | 'due' | 'paid' | 'yellow' | 'red') => items.reduce((s, i) => s + i[k], 0);
    return { month, total: { members: sum('members'), due: sum('due'), paid: sum('paid'), yellow: sum('yellow'), red: sum('red'), ratePermille: ratePermille(sum('paid'), sum('due')) }, items };
  }

  async function mine(actor: Actor): Promise<MyDues> {
    requirePermission(actor, 'self.read');
    const me = await loadSelf(ctx.db, actor);
    const current = thisMonth(ctx);
    const year = Number(current.slice(0, 4));
    const settings = await loadMonthlySettings(ctx.db, actor.countyId);
    const baseRows = await duesRepository.basesOf(ctx.db, actor.countyId, [me.id], `${year}-12`);
    const schedule = yearSchedule(year, baseRows.map(periodOf), me.joinDate, settings.duesRounding);
    const paidRows = await duesRepository.paidMonthsOf(ctx.db, actor.countyId, [me.id], addMonthsToMonth(`${year}-01`, -ARREARS_WINDOW_MONTHS), `${year + 1}-12`);
    const paid = new Set(paidRows.map((p) => p.month));
    const window = duesSchedule(monthRange(addMonthsToMonth(current, -ARREARS_WINDOW_MONTHS), current), baseRows.map(periodOf), me.joinDate, settings.duesRounding);
    const a = arrears(window, paid, current);
    const base = baseRows.filter((b) => b.fromMonth <= current).pop() ?? null;
    const payments = await duesRepository.paymentsOf(ctx.db, actor.countyId, me.id, 20);
    return {
      year,
      category: (base?.category as DuesCategory | undefined) ?? null,
      baseFen: base && duesCategoryHasBase(base.category as DuesCategory) ? base.baseFen : null,
      monthlyFen: schedule.find((s) => s.month === current)?.dueFen ?? 0,
      months: schedule.map((s) => ({ ...s, paid: paid.has(s.month) })),
      unpaidFen: a.unpaidFen,
      streak: a.streak,
      level: a.level,
      payments: payments.map((p) => ({ id: p.id, receiptNo: p.receiptNo, memberId: p.memberId, memberName: me.name, months: p.months, amountFen: p.amountFen, dueFen: p.dueFen, method: p.method as PaymentMethod, collector: p.collector, paidOn: p.paidOn })),
    };
  }

  /** The month's ledger as Excel (every row of the scope, formula-safe); the export itself is audited. */
  async function exportLedger(actor: Actor, q: { orgId?: string; month?: string }, reply: FastifyReply) {
    requirePermission(actor, 'dues.read');
    const data = await ledger(actor, { ...q, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
    const org = await loadOrgInScope(ctx.db, actor, q.orgId);
    await writeAudit(ctx.db, actor, ctx.clock(), { action: 'dues.exportLedger', entityType: 'org', entityId: org.id, note: `导出${org.name} ${data.month} 党费收缴台账 ${data.total} 行` });
    const yuan = (fen: number | null) => (fen === null ? null : Number(formatYuan(fen)));
    return sendXlsx(reply, { name: `党费收缴台账-${org.name}-${data.month}.xlsx`, ascii: `dues-ledger-${data.month}.xlsx` }, async (wb) => {
      const sheet = addSheet(wb, `${data.month}党费台账`, [
        { title: '姓名', width: 10 }, { title: '所在支部', width: 24 }, { title: '党费类别', width: 16 }, { title: '月交纳基数（元）', width: 14 }, { title: '本月应交（元）', width: 12 },
        { title: '本月是否已交', width: 10 }, { title: '交纳日期', width: 12 }, { title: '已交至', width: 10 }, { title: '连续欠缴月数', width: 10 }, { title: '欠缴金额（元）', width: 12 }, { title: '预警', width: 22 },
      ]);
      for (const r of data.items) {
        sheet.addRow([r.name, r.orgName, r.category ? DUES_CATEGORY_LABELS[r.category] : '未核定', yuan(r.baseFen), yuan(r.dueFen), r.paid ? '是' : '否', r.paidOn, r.paidThrough, r.streak, yuan(r.unpaidFen), ARREARS_LEVEL_LABELS[r.level]]);
      }
      sheet.addRow(['合计', null, null, null, yuan(data.dueFen), null, null, null, null, null, `已交 ${formatYuan(data.paidFen)} 元`]);
      sheet.commit();
    });
  }

  return { setBase, decideReduction, pay, ledger, collection, mine, exportLedger };
}
