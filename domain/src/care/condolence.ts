// Festival condolence rounds (节日慰问, issue #13 item 1): the county plans a round with a budget in integer fen,
// allocates it to towns, towns pay per member, mistakes are reversed (never edited or deleted). Rules and schemas.
import { z } from 'zod';
import { INT32_MAX, ZId, ZIsoDate, ZPageQuery, ZVersion, zInt, zList, zOptionalText, zText, zYear } from '../core/schemas';
import { formatYuan } from '../dues/dues-rules';

export const FESTIVALS = ['springFestival', 'partyDay', 'midAutumn', 'other'] as const;
export type Festival = (typeof FESTIVALS)[number];
export const FESTIVAL_LABELS: Record<Festival, string> = { springFestival: '春节', partyDay: '七一', midAutumn: '中秋', other: '其他' };

export const FUNDING_SOURCES = ['partyDues', 'finance', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = { partyDues: '党费', finance: '财政', other: '其他' };

/** The members a round is meant for, in the order a member's category is chosen when they carry several. */
export const CONDOLENCE_CATEGORIES = ['hardship', 'frail', 'elderly'] as const;
export type CondolenceCategory = (typeof CONDOLENCE_CATEGORIES)[number] | 'other';
export const CONDOLENCE_CATEGORY_LABELS: Record<CondolenceCategory, string> = { hardship: '困难党员', frail: '年老体弱党员', elderly: '老党员', other: '其他党员' };

/** 1234 → '12.34 元' */
export const yuan = (fen: number): string => `${formatYuan(fen)} 元`;

/**
 * The category a member is paid under: the first of hardship, frail, elderly they carry; 'other' only when the round
 * allows others; null when the member may not be paid in this round.
 */
export function condolenceCategory(categories: readonly string[], allowOthers: boolean): CondolenceCategory | null {
  const c = CONDOLENCE_CATEGORIES.find((k) => categories.includes(k));
  if (c) return c;
  return allowOthers ? 'other' : null;
}

export type RuleResult = { ok: true } | { ok: false; code: string; message: string };

/** The towns' allocations together may not exceed the budget: `otherFen` is what the other towns hold. */
export function checkCondolenceAllocation(input: { budgetFen: number; otherFen: number; amountFen: number; townName: string; netPaidFen: number }): RuleResult {
  const free = input.budgetFen - input.otherFen;
  if (input.amountFen > free) {
    return { ok: false, code: 'CONDOLENCE_OVER_BUDGET', message: `分配给${input.townName}的 ${yuan(input.amountFen)}超出预算：预算 ${yuan(input.budgetFen)}，已分配给其他镇 ${yuan(input.otherFen)}，最多还可分配 ${yuan(Math.max(free, 0))}` };
  }
  if (input.amountFen < input.netPaidFen) {
    return { ok: false, code: 'CONDOLENCE_BELOW_PAID', message: `${input.townName}已发放 ${yuan(input.netPaidFen)}，分配额不能少于已发放金额` };
  }
  return { ok: true };
}

/** What is left of an allocation: allocated − paid + reversed. */
export const allocationRemaining = (a: { allocatedFen: number; paidFen: number; reversedFen: number }): number => a.allocatedFen - a.paidFen + a.reversedFen;

/** A payment fits the town's remaining allocation (the amount itself is > 0 by the schema). */
export function checkCondolencePayment(input: { amountFen: number; remainingFen: number; townName: string; memberName: string }): RuleResult {
  if (input.amountFen > input.remainingFen) {
    return { ok: false, code: 'CONDOLENCE_OVER_ALLOCATION', message: `给${input.memberName}发放 ${yuan(input.amountFen)}超出${input.townName}的分配余额：余额 ${yuan(Math.max(input.remainingFen, 0))}` };
  }
  return { ok: true };
}

// ---- schemas ----
const ZFen = (label: string) => zInt(1, INT32_MAX, `${label}（分）`);
const ZFestival = z.enum(FESTIVALS, { error: '请选择节日（春节、七一、中秋或其他）' });
const ZFundingSource = z.enum(FUNDING_SOURCES, { error: '请选择经费来源（党费、财政或其他）' });

export const ZStandardAmounts = z.object({ hardship: ZFen('困难党员标准'), frail: ZFen('年老体弱党员标准'), elderly: ZFen('老党员标准'), other: ZFen('其他党员标准').nullable().default(null) });
export type StandardAmounts = z.infer<typeof ZStandardAmounts>;

export const ZCondolenceRoundCreate = z.object({
  festival: ZFestival,
  year: zYear(2000, 2100),
  name: zText('慰问名称', 2, 60),
  plannedOn: ZIsoDate,
  budgetFen: ZFen('预算'),
  fundingSource: ZFundingSource,
  fundingNote: zOptionalText('经费说明', 100),
  standards: ZStandardAmounts,
  allowOthers: z.boolean().default(false),
});
export type CondolenceRoundCreate = z.infer<typeof ZCondolenceRoundCreate>;
export const ZCondolenceRoundClose = z.object({ version: ZVersion });
export const ZCondolenceAllocationSet = z.object({ orgId: ZId, amountFen: zInt(0, INT32_MAX, '分配金额（分）') });
export const ZCondolencePaymentCreate = z.object({
  memberId: ZId,
  amountFen: ZFen('慰问金额'),
  paidOn: ZIsoDate,
  note: zOptionalText('备注', 200),
});
export type CondolencePaymentCreate = z.infer<typeof ZCondolencePaymentCreate>;
export const ZCondolenceReversal = z.object({ reason: zText('冲正原因', 2, 200) });

export const ZCondolenceTotals = z.object({
  budgetFen: z.number().int(),
  allocatedFen: z.number().int(),
  paidFen: z.number().int(),
  reversedFen: z.number().int(),
  remainingFen: z.number().int(),
  covered: z.number().int(),
  eligible: z.number().int(),
});
export type CondolenceTotals = z.infer<typeof ZCondolenceTotals>;

export const ZCondolenceRound = z.object({
  id: ZId,
  festival: z.enum(FESTIVALS),
  year: z.number().int(),
  name: z.string(),
  plannedOn: z.string(),
  budgetFen: z.number().int(),
  fundingSource: z.enum(FUNDING_SOURCES),
  fundingNote: z.string().nullable(),
  standards: z.object({ hardship: z.number().int(), frail: z.number().int(), elderly: z.number().int(), other: z.number().int().nullable() }),
  allowOthers: z.boolean(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type CondolenceRound = z.infer<typeof ZCondolenceRound>;
export const ZCondolenceRoundList = zList(ZCondolenceRound);
export const ZCondolenceRoundQuery = ZPageQuery.extend({ status: z.enum(['open', 'closed']).optional() });
/** A round with the totals of the caller's scope (the county: all towns; a town: its allocation). */
export const ZCondolenceRoundDetail = ZCondolenceRound.extend({ totals: ZCondolenceTotals });
export type CondolenceRoundDetail = z.infer<typeof ZCondolenceRoundDetail>;

/** Reconciliation per town (对账): allocated / paid / reversed / remaining, members covered vs eligible. */
export const ZCondolenceTownRow = ZCondolenceTotals.omit({ budgetFen: true }).extend({ orgId: ZId, orgName: z.string(), allocationId: ZId.nullable() });
export type CondolenceTownRow = z.infer<typeof ZCondolenceTownRow>;
export const ZCondolenceTownList = zList(ZCondolenceTownRow);
export const ZCondolenceTownQuery = ZPageQuery;

export const ZCondolencePayment = z.object({
  id: ZId,
  kind: z.enum(['payment', 'reversal']),
  memberId: ZId,
  memberName: z.string(),
  orgName: z.string(),
  townName: z.string(),
  category: z.enum(['hardship', 'frail', 'elderly', 'other']),
  amountFen: z.number().int(),
  paidOn: z.string(),
  note: z.string().nullable(),
  reversesId: ZId.nullable(),
  reversedById: ZId.nullable(),
  paidByName: z.string(),
  createdAt: z.string(),
});
export type CondolencePayment = z.infer<typeof ZCondolencePayment>;
export const ZCondolencePaymentList = zList(ZCondolencePayment);
export const ZCondolencePaymentQuery = ZPageQuery.extend({ orgId: ZId.optional() });
