// 党性（政治）体检: the yearly result per member (健康 / 亚健康 / 不健康); 亚健康 and 不健康 send the person to a training
// base (锻炼基地) session with a date, whose completion and re-check are tracked. Confidential: stored encrypted, seen
// only by the organization department and the committees above the person, every view audited; public figures are
// counts by town, never names.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, zInt, zList, zOptionalText, zQueryYear, zText, zYear } from '../core/schemas';

export const CHECKUP_RESULTS = ['healthy', 'subHealthy', 'unhealthy'] as const;
export type CheckupResult = (typeof CHECKUP_RESULTS)[number];
export const CHECKUP_RESULT_LABELS: Record<CheckupResult, string> = { healthy: '健康', subHealthy: '亚健康', unhealthy: '不健康' };

// ---- the county's check-up items: a versioned county setting (each save is a new version; a record keeps the version
// and the item names it was made with, so a later change of the list does not rewrite old results).
export const CHECKUP_ITEM_RESULTS = ['good', 'attention', 'problem'] as const;
export type CheckupItemResult = (typeof CHECKUP_ITEM_RESULTS)[number];
export const CHECKUP_ITEM_RESULT_LABELS: Record<CheckupItemResult, string> = { good: '良好', attention: '需关注', problem: '存在问题' };
export type CheckupItem = { key: string; label: string };
/** The default items (the seed's 党性（政治）体检: 理想信念, “两个维护”, 作风, 纪律 …); a county edits them. */
export const DEFAULT_CHECKUP_ITEMS: CheckupItem[] = [
  { key: 'belief', label: '理想信念与“两个维护”' },
  { key: 'theory', label: '理论学习' },
  { key: 'discipline', label: '纪律规矩' },
  { key: 'duty', label: '担当作为' },
  { key: 'style', label: '作风建设' },
  { key: 'integrity', label: '廉洁自律' },
];
const ZItemKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,29}$/, { message: '项目代码应为英文字母开头的字母数字（最多30位）' });
export const ZCheckupItemsInput = z.object({
  items: z
    .array(z.object({ key: ZItemKey, label: zText('体检项目名称', 1, 60) }))
    .min(1, { message: '至少设置一个体检项目' })
    .max(30, { message: '体检项目不能超过30个' }),
  /** The version read (optimistic lock). */
  version: zInt(0, 1_000_000, '版本号'),
}).refine((v) => new Set(v.items.map((i) => i.key)).size === v.items.length, { message: '体检项目代码不能重复' });
export const ZCheckupItems = z.object({ version: z.number().int(), items: z.array(z.object({ key: z.string(), label: z.string() })), updatedAt: z.string().nullable() });
export type CheckupItems = z.infer<typeof ZCheckupItems>;

const ZItemResultInput = z.object({ key: ZItemKey, result: z.enum(CHECKUP_ITEM_RESULTS, { error: '项目结果应为良好、需关注或存在问题' }), note: zOptionalText('项目说明', 500) });

export const ZCheckupInput = z.object({
  memberId: ZId,
  year: zYear(2000, 2100),
  result: z.enum(CHECKUP_RESULTS, { error: '体检结果应为健康、亚健康或不健康' }),
  selfTest: zOptionalText('自测情况', 2000),
  assessment: zOptionalText('组织评价', 2000),
  interview: zOptionalText('谈话了解情况', 2000),
  baseSessionOn: ZIsoDate.nullish().transform((v) => v ?? null),
  completedOn: ZIsoDate.nullish().transform((v) => v ?? null),
  recheckResult: z.enum(CHECKUP_RESULTS).nullish().transform((v) => v ?? null),
  /** The result per item of the county's list (the current version). */
  items: z.array(ZItemResultInput).max(30, { message: '体检项目不能超过30个' }).default([]),
  /** 整改（锻炼）完成期限 of a 亚健康/不健康 follow-up; without it the base session's date is the deadline. */
  dueOn: ZIsoDate.nullish().transform((v) => v ?? null),
});
export type CheckupInput = z.infer<typeof ZCheckupInput>;
const ZResult = z.enum(CHECKUP_RESULTS);
export const ZCheckup = z.object({
  memberId: z.string(), memberName: z.string(), orgName: z.string(), year: z.number().int(), result: ZResult,
  selfTest: z.string().nullable(), assessment: z.string().nullable(), interview: z.string().nullable(),
  baseSessionOn: z.string().nullable(), completedOn: z.string().nullable(), recheckResult: ZResult.nullable(),
  dueOn: z.string().nullable(),
  itemsVersion: z.number().int().nullable(),
  items: z.array(z.object({ key: z.string(), label: z.string(), result: z.enum(CHECKUP_ITEM_RESULTS), note: z.string().nullable() })),
});
export const ZCheckupCounts = z.object({
  year: z.number().int(),
  /** One row per town of the scope (bounded by the tree's second level): counts only, never names. */
  towns: z.array(z.object({ townName: z.string(), healthy: z.number().int(), subHealthy: z.number().int(), unhealthy: z.number().int(), assigned: z.number().int(), completed: z.number().int(), overdue: z.number().int() })),
});

/** The follow-up rules: a base session for 亚健康/不健康 (and none for 健康); completion after the session; re-check after completion. */
export function checkupIssues(c: Pick<CheckupInput, 'result' | 'baseSessionOn' | 'completedOn' | 'recheckResult'> & { dueOn?: string | null }, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (c.result === 'healthy') {
    if (c.baseSessionOn || c.completedOn || c.recheckResult || c.dueOn) issues.push({ path: 'baseSessionOn', message: '体检结果为健康，无需安排锻炼基地' });
    return issues;
  }
  if (!c.baseSessionOn) issues.push({ path: 'baseSessionOn', message: `体检结果为${CHECKUP_RESULT_LABELS[c.result]}，须安排锻炼基地锻炼日期` });
  if (c.completedOn && c.baseSessionOn && c.completedOn < c.baseSessionOn) issues.push({ path: 'completedOn', message: '完成日期不能早于锻炼开始日期' });
  if (c.completedOn && c.completedOn > today) issues.push({ path: 'completedOn', message: '完成日期不能晚于今天' });
  if (c.recheckResult && !c.completedOn) issues.push({ path: 'recheckResult', message: '须先完成锻炼基地锻炼，才能登记复查结果' });
  if (c.dueOn && c.baseSessionOn && c.dueOn < c.baseSessionOn) issues.push({ path: 'dueOn', message: '完成期限不能早于锻炼开始日期' });
  return issues;
}

/** Item results must name items of the county's current list, each once. */
export function checkupItemIssues(results: readonly { key: string }[], items: readonly CheckupItem[]): { path: string; message: string }[] {
  const known = new Set(items.map((i) => i.key));
  const seen = new Set<string>();
  const issues: { path: string; message: string }[] = [];
  results.forEach((r, i) => {
    if (!known.has(r.key)) issues.push({ path: `items.${i}.key`, message: `体检项目“${r.key}”不在本县当前的体检项目中，请刷新后重试` });
    else if (seen.has(r.key)) issues.push({ path: `items.${i}.key`, message: `体检项目“${items.find((x) => x.key === r.key)!.label}”重复登记` });
    seen.add(r.key);
  });
  return issues;
}

export const CHECKUP_FOLLOW_UP_STATES = ['open', 'overdue', 'done'] as const;
export type CheckupFollowUpState = (typeof CHECKUP_FOLLOW_UP_STATES)[number];
export const CHECKUP_FOLLOW_UP_STATE_LABELS: Record<CheckupFollowUpState, string> = { open: '锻炼整改中', overdue: '已逾期', done: '已完成' };

/**
 * The follow-up of a 亚健康/不健康 result (none for 健康): done once completed; overdue when its deadline (the 完成期限,
 * else the base session's date) has passed without completion — the deadline day itself is not yet overdue.
 */
export function checkupFollowUpState(c: { result: CheckupResult; baseSessionOn: string | null; dueOn?: string | null; completedOn: string | null }, today: string): CheckupFollowUpState | null {
  if (c.result === 'healthy') return null;
  if (c.completedOn) return 'done';
  const deadline = c.dueOn ?? c.baseSessionOn;
  return deadline && deadline < today ? 'overdue' : 'open';
}

export const ZCheckupFollowUpQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional(), state: z.enum(CHECKUP_FOLLOW_UP_STATES).optional() });
export const ZCheckupFollowUpList = zList(
  z.object({
    memberId: z.string(), memberName: z.string(), orgName: z.string(), year: z.number().int(), result: ZResult,
    baseSessionOn: z.string().nullable(), dueOn: z.string().nullable(), completedOn: z.string().nullable(), recheckResult: ZResult.nullable(),
    state: z.enum(CHECKUP_FOLLOW_UP_STATES), warnedAt: z.string().nullable(),
  }),
);
