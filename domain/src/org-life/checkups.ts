// 党性（政治）体检: the yearly result per member (健康 / 亚健康 / 不健康); 亚健康 and 不健康 send the person to a training
// base (锻炼基地) session with a date, whose completion and re-check are tracked. Confidential: stored encrypted, seen
// only by the organization department and the committees above the person, every view audited; public figures are
// counts by town, never names.
import { z } from 'zod';
import { ZId, ZIsoDate, zOptionalText, zYear } from '../core/schemas';

export const CHECKUP_RESULTS = ['healthy', 'subHealthy', 'unhealthy'] as const;
export type CheckupResult = (typeof CHECKUP_RESULTS)[number];
export const CHECKUP_RESULT_LABELS: Record<CheckupResult, string> = { healthy: '健康', subHealthy: '亚健康', unhealthy: '不健康' };

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
});
export type CheckupInput = z.infer<typeof ZCheckupInput>;
const ZResult = z.enum(CHECKUP_RESULTS);
export const ZCheckup = z.object({
  memberId: z.string(), memberName: z.string(), orgName: z.string(), year: z.number().int(), result: ZResult,
  selfTest: z.string().nullable(), assessment: z.string().nullable(), interview: z.string().nullable(),
  baseSessionOn: z.string().nullable(), completedOn: z.string().nullable(), recheckResult: ZResult.nullable(),
});
export const ZCheckupCounts = z.object({
  year: z.number().int(),
  /** One row per town of the scope (bounded by the tree's second level): counts only, never names. */
  towns: z.array(z.object({ townName: z.string(), healthy: z.number().int(), subHealthy: z.number().int(), unhealthy: z.number().int(), assigned: z.number().int(), completed: z.number().int() })),
});

/** The follow-up rules: a base session for 亚健康/不健康 (and none for 健康); completion after the session; re-check after completion. */
export function checkupIssues(c: Pick<CheckupInput, 'result' | 'baseSessionOn' | 'completedOn' | 'recheckResult'>, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (c.result === 'healthy') {
    if (c.baseSessionOn || c.completedOn || c.recheckResult) issues.push({ path: 'baseSessionOn', message: '体检结果为健康，无需安排锻炼基地' });
    return issues;
  }
  if (!c.baseSessionOn) issues.push({ path: 'baseSessionOn', message: `体检结果为${CHECKUP_RESULT_LABELS[c.result]}，须安排锻炼基地锻炼日期` });
  if (c.completedOn && c.baseSessionOn && c.completedOn < c.baseSessionOn) issues.push({ path: 'completedOn', message: '完成日期不能早于锻炼开始日期' });
  if (c.completedOn && c.completedOn > today) issues.push({ path: 'completedOn', message: '完成日期不能晚于今天' });
  if (c.recheckResult && !c.completedOn) issues.push({ path: 'recheckResult', message: '须先完成锻炼基地锻炼，才能登记复查结果' });
  return issues;
}
