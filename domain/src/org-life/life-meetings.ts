// 组织生活会 (the yearly organizational-life meeting, or a special one): its preparation steps, the meeting itself (a
// row of the one meeting model, kind `lifeMeeting`), then the 整改清单 and the 通报 of the results. The 民主评议党员 round
// of the branch and year attaches to the yearly one. Pure rules; the server loads the record and calls these.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, zInt, zList, zOptionalText, zQueryYear, zText, zYear } from '../core/schemas';

/**
 * The steps before the meeting (《中国共产党支部工作条例（试行）》第十九条 and the county's practice): study, solicit
 * opinions, heart-to-heart talks, write the 对照检查材料 (查摆问题). All four must be done on or before the meeting's date.
 */
export const LIFE_MEETING_STEPS = ['study', 'solicit', 'talks', 'materials'] as const;
export type LifeMeetingStep = (typeof LIFE_MEETING_STEPS)[number];
export const LIFE_MEETING_STEP_LABELS: Record<LifeMeetingStep, string> = {
  study: '学习研讨',
  solicit: '征求意见',
  talks: '谈心谈话',
  materials: '撰写对照检查材料（查摆问题）',
};

export const LIFE_MEETING_TYPES = ['annual', 'special'] as const;
export type LifeMeetingType = (typeof LIFE_MEETING_TYPES)[number];
export const LIFE_MEETING_TYPE_LABELS: Record<LifeMeetingType, string> = { annual: '年度组织生活会', special: '专题组织生活会' };

export const LIFE_MEETING_STATES = ['preparing', 'ready', 'held'] as const;
export type LifeMeetingState = (typeof LIFE_MEETING_STATES)[number];
export const LIFE_MEETING_STATE_LABELS: Record<LifeMeetingState, string> = { preparing: '准备中', ready: '准备就绪，待召开', held: '已召开' };

const ZStepRecord = z.object({ doneOn: ZIsoDate, note: zOptionalText('完成情况', 2000) });
export const ZLifeMeetingSteps = z.object(
  Object.fromEntries(LIFE_MEETING_STEPS.map((k) => [k, ZStepRecord.nullish().transform((v) => v ?? null)])) as Record<LifeMeetingStep, z.ZodPipe<z.ZodOptional<z.ZodNullable<typeof ZStepRecord>>, z.ZodTransform<z.infer<typeof ZStepRecord> | null, z.infer<typeof ZStepRecord> | null | undefined>>>,
);
export type LifeMeetingSteps = Record<LifeMeetingStep, { doneOn: string; note: string | null } | null>;

export const ZLifeRectification = z.object({
  problem: zText('查摆问题', 1, 500),
  measure: zText('整改措施', 1, 1000),
  owner: zText('责任人', 1, 40),
  dueOn: ZIsoDate,
  doneOn: ZIsoDate.nullish().transform((v) => v ?? null),
});
export type LifeRectification = z.infer<typeof ZLifeRectification>;
export const ZLifeMeetingNotice = z.object({ notifiedOn: ZIsoDate, text: zText('通报内容', 1, 2000) });

const fields = {
  title: zText('组织生活会名称', 1, 100),
  steps: ZLifeMeetingSteps.default({ study: null, solicit: null, talks: null, materials: null }),
  rectifications: z.array(ZLifeRectification).max(100, { message: '整改清单不能超过100项' }).default([]),
  notice: ZLifeMeetingNotice.nullish().transform((v) => v ?? null),
};
export const ZLifeMeetingCreate = z.object({ orgId: ZId, year: zYear(2000, 2100), type: z.enum(LIFE_MEETING_TYPES, { error: '类型应为年度组织生活会或专题组织生活会' }), ...fields });
export type LifeMeetingCreate = z.infer<typeof ZLifeMeetingCreate>;
export const ZLifeMeetingUpdate = z.object({ ...fields, version: zInt(1, 1_000_000, '版本号') });
export type LifeMeetingUpdate = z.infer<typeof ZLifeMeetingUpdate>;
export const ZLifeMeetingQuery = ZPageQuery.extend({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() });

const ZStepView = z.object({ key: z.enum(LIFE_MEETING_STEPS), label: z.string(), doneOn: z.string().nullable(), note: z.string().nullable() });
export const ZLifeMeetingSummary = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  year: z.number().int(),
  type: z.enum(LIFE_MEETING_TYPES),
  title: z.string(),
  state: z.enum(LIFE_MEETING_STATES),
  /** The labels of the preparation steps not yet done. */
  missing: z.array(z.string()),
  meeting: z.object({ id: z.string(), date: z.string(), topic: z.string(), present: z.number().int(), expected: z.number().int() }).nullable(),
  rectifications: z.object({ total: z.number().int(), done: z.number().int(), overdue: z.number().int() }),
  notifiedOn: z.string().nullable(),
  version: z.number().int(),
});
export const ZLifeMeetingList = zList(ZLifeMeetingSummary);
export const ZLifeMeetingDetail = ZLifeMeetingSummary.extend({
  steps: z.array(ZStepView),
  rectificationItems: z.array(z.object({ problem: z.string(), measure: z.string(), owner: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
  notice: z.object({ notifiedOn: z.string(), text: z.string() }).nullable(),
  /** The branch's 民主评议党员 round of the year (the yearly 组织生活会 only): counts, no names. */
  appraisal: z.object({ members: z.number().int(), appraised: z.number().int(), excellent: z.number().int(), qualified: z.number().int(), basic: z.number().int(), unqualified: z.number().int() }).nullable(),
  can: z.object({ update: z.boolean() }),
});
export type LifeMeetingDetail = z.infer<typeof ZLifeMeetingDetail>;

/** The labels of the required steps not done on or before `date` (a step dated after the meeting does not count). */
export function missingSteps(steps: LifeMeetingSteps, date: string): string[] {
  return LIFE_MEETING_STEPS.filter((k) => !steps[k] || steps[k]!.doneOn > date).map((k) => LIFE_MEETING_STEP_LABELS[k]);
}

/** The refusal of a 组织生活会 recorded before its preparation, naming the missing steps. */
export function notReadyMessage(missing: string[]): string {
  return `组织生活会不能记录为已召开：尚未完成${missing.map((m) => `“${m}”`).join('、')}（须在会议召开前完成准备步骤）`;
}

export function lifeMeetingState(steps: LifeMeetingSteps, heldOn: string | null, today: string): LifeMeetingState {
  if (heldOn) return 'held';
  return missingSteps(steps, today).length === 0 ? 'ready' : 'preparing';
}

/**
 * The checks of a save: steps not in the future (and, once held, not after the meeting — the preparation came first);
 * the 整改清单 and the 通报 only after the meeting, their dates not before it; a rectification done not after today.
 */
export function lifeMeetingIssues(
  v: { year: number; steps: LifeMeetingSteps; rectifications: readonly LifeRectification[]; notice: { notifiedOn: string } | null },
  heldOn: string | null,
  today: string,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const k of LIFE_MEETING_STEPS) {
    const s = v.steps[k];
    if (!s) {
      if (heldOn) issues.push({ path: `steps.${k}`, message: `组织生活会已召开，不能撤销“${LIFE_MEETING_STEP_LABELS[k]}”` });
      continue;
    }
    if (s.doneOn > today) issues.push({ path: `steps.${k}.doneOn`, message: `“${LIFE_MEETING_STEP_LABELS[k]}”的完成日期 ${s.doneOn} 晚于今天` });
    else if (heldOn && s.doneOn > heldOn) issues.push({ path: `steps.${k}.doneOn`, message: `“${LIFE_MEETING_STEP_LABELS[k]}”须在会议召开（${heldOn}）前完成` });
    if (Number(s.doneOn.slice(0, 4)) < v.year - 1) issues.push({ path: `steps.${k}.doneOn`, message: `“${LIFE_MEETING_STEP_LABELS[k]}”的完成日期 ${s.doneOn} 不在${v.year}年度组织生活会的准备期内` });
  }
  if (!heldOn && v.rectifications.length > 0) issues.push({ path: 'rectifications', message: '组织生活会召开后才能制定整改清单' });
  if (!heldOn && v.notice) issues.push({ path: 'notice', message: '组织生活会召开后才能通报结果' });
  v.rectifications.forEach((r, i) => {
    if (heldOn && r.dueOn < heldOn) issues.push({ path: `rectifications.${i}.dueOn`, message: `第${i + 1}项整改（${r.problem}）的整改期限不能早于会议日期 ${heldOn}` });
    if (r.doneOn && r.doneOn > today) issues.push({ path: `rectifications.${i}.doneOn`, message: `第${i + 1}项整改（${r.problem}）的完成日期不能晚于今天` });
    if (r.doneOn && heldOn && r.doneOn < heldOn) issues.push({ path: `rectifications.${i}.doneOn`, message: `第${i + 1}项整改（${r.problem}）的完成日期不能早于会议日期 ${heldOn}` });
  });
  if (heldOn && v.notice && (v.notice.notifiedOn < heldOn || v.notice.notifiedOn > today)) {
    issues.push({ path: 'notice.notifiedOn', message: `通报日期须在会议日期 ${heldOn} 至今天之间` });
  }
  return issues;
}

/** LifeRectification figures as of today: done, and overdue (past the deadline, not done). */
export function rectificationFigures(list: readonly { dueOn: string; doneOn: string | null }[], today: string) {
  return { total: list.length, done: list.filter((r) => r.doneOn).length, overdue: list.filter((r) => !r.doneOn && r.dueOn < today).length };
}
