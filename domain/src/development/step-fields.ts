// The required fields of each step's record, as one zod schema per step (shared by the API and the web form).
import { z } from 'zod';
import { ZId, ZIsoDate, ZVersion, zInt, zStr } from '../core/schemas';
import { REVIEW_DEPARTMENTS } from './rule-set';

const text = (label: string, max = 2000) => zStr({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}过长`);
const count = (label: string) => z.number({ error: `请填写${label}` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(100_000, `${label}过大`);

export const RECOMMENDATION_SOURCES = ['memberRecommendation', 'massOrgRecommendation'] as const;
export const RECOMMENDATION_SOURCE_LABELS: Record<(typeof RECOMMENDATION_SOURCES)[number], string> = {
  memberRecommendation: '党员推荐',
  massOrgRecommendation: '群团组织推优',
};

/** The branch assembly's vote (支部大会表决) on one candidate. */
export const ZVote = z.object({
  /** 应到会有表决权的正式党员 (probationary members do not vote). */
  dueFullMembers: count('应到会有表决权的正式党员人数'),
  /** 实到会有表决权的正式党员. */
  presentFullMembers: count('实到会有表决权的正式党员人数'),
  /** Written votes of absent full members (书面表决), counted with the yes votes they cast. */
  writtenYes: count('书面表决赞成票数'),
  yes: count('到会赞成票数'),
  no: count('反对票数'),
  abstain: count('弃权票数'),
  /** Who of the roster's full members is not counted in 应到会, and why; required when 应到会 is below the roster. */
  dueExclusionNote: zStr().trim().max(300, '未计入应到会人数的党员及原因过长').optional(),
});
export type Vote = z.infer<typeof ZVote>;

const ZCommittee = z.object({ meetingDate: ZIsoDate, opinion: text('会议意见', 500) });

export const CONVERSION_OUTCOMES = ['onTime', 'extend', 'cancel'] as const;
export type ConversionOutcome = (typeof CONVERSION_OUTCOMES)[number];
export const CONVERSION_OUTCOME_LABELS: Record<ConversionOutcome, string> = { onTime: '按期转正', extend: '延长预备期', cancel: '取消预备党员资格' };

/** Each step's own fields; empty objects for steps that are just a dated act. */
export const STEP_FIELD_SCHEMAS = {
  1: z.object({ receivedBy: text('接收党组织', 100) }),
  2: z.object({ talker: text('谈话人', 50), summary: text('谈话记录', 2000) }),
  3: z.object({
    recommendations: z.array(z.enum(RECOMMENDATION_SOURCES, { error: '推荐方式不正确' })).min(1, '请选择推荐方式（党员推荐或群团组织推优）'),
    committeeMeetingDate: ZIsoDate,
  }),
  4: z.object({ filedWith: text('备案党委', 100) }),
  5: z.object({ mentorMemberIds: z.array(ZId).min(1, '请指定培养联系人').max(5) }),
  6: z.object({ period: text('考察期间', 50), summary: text('考察意见', 2000) }),
  7: z.object({ opinions: text('党小组、培养联系人、党员和群众意见', 2000), committeeMeetingDate: ZIsoDate }),
  8: z.object({ filedWith: text('备案党委', 100) }),
  9: z.object({ sponsorMemberIds: z.array(ZId).min(1, '请确定入党介绍人').max(5) }),
  10: z.object({
    conclusion: text('政治审查结论', 2000),
    departmentsConsulted: z.array(z.enum(REVIEW_DEPARTMENTS)).min(1, '请选择征求意见的部门'),
    negativeListHits: z.array(zStr().max(40)).default([]),
  }),
  11: z.object({
    days: z.number({ error: '请填写培训天数' }).min(0).max(3650),
    hours: z.number({ error: '请填写培训学时' }).min(0).max(100_000),
    examScore: z.number({ error: '请填写考试成绩' }).min(0).max(100),
  }),
  12: ZCommittee,
  13: z.object({ opinion: text('预审意见', 500), leavingWithinThreeMonths: z.boolean().default(false) }),
  14: z.object({ formNumber: text('入党志愿书编号', 40) }),
  15: ZVote,
  16: z.object({ talker: text('谈话人', 50), summary: text('谈话记录', 2000) }),
  17: z.object({
    decision: text('审批意见', 500),
    special: z.boolean().default(false),
    specialReason: zStr().trim().max(500).nullable().default(null),
  }),
  18: z.object({ filedWith: text('备案组织部门', 100) }),
  19: z.object({ groupId: ZId.nullable().default(null) }),
  20: z.object({ place: text('宣誓地点', 100) }),
  21: z.object({ period: text('考察期间', 50), summary: text('考察意见', 2000) }),
  22: z.object({ summary: text('转正申请要点', 2000) }),
  23: ZVote.extend({
    outcome: z.enum(CONVERSION_OUTCOMES, { error: '请选择讨论结果' }),
    extensionMonths: zInt(0, 120, '延长预备期月数').nullable().default(null),
  }),
  24: z.object({ decision: text('审批意见', 500) }),
  25: z.object({ checklist: z.array(zStr().max(100)).default([]) }),
} as const;
export type StepFields = { [K in keyof typeof STEP_FIELD_SCHEMAS]: z.infer<(typeof STEP_FIELD_SCHEMAS)[K]> };

export const ZPublicity = z.object({
  start: ZIsoDate,
  end: ZIsoDate,
  result: z.enum(['noObjection', 'objectionResolved'], { error: '请选择公示结果' }),
});
export type Publicity = z.infer<typeof ZPublicity>;

/** A step record as the API receives it; `fields` are checked against the step's own schema. */
export const ZStepRecordInput = z.object({
  step: zInt(1, 25, '步骤'),
  date: ZIsoDate,
  fields: z.record(z.string(), z.unknown()).default({}),
  publicity: ZPublicity.nullable().default(null),
  note: zStr().trim().max(500).nullable().default(null),
  /** A reason to go ahead despite a near-relative flag (防止近亲属违规入党). */
  overrideReason: zStr().trim().max(500).nullable().default(null),
  documentFileIds: z.array(ZId).max(20).default([]),
  version: ZVersion,
});
export type StepRecordInput = z.infer<typeof ZStepRecordInput>;

export function parseStepFields(step: number, fields: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; issues: { path: string; message: string }[] } {
  const schema = STEP_FIELD_SCHEMAS[step as keyof typeof STEP_FIELD_SCHEMAS];
  if (!schema) return { ok: false, issues: [{ path: 'step', message: '步骤编号应为 1–25' }] };
  const r = (schema as z.ZodType).safeParse(fields ?? {});
  if (r.success) return { ok: true, value: r.data as Record<string, unknown> };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: ['fields', ...i.path].join('.'), message: i.message })) };
}

/** A branch assembly vote that did not pass (admission step 15 or conversion step 23), recorded with its counts. */
export const ZFailedVoteInput = z.object({
  step: z.union([z.literal(15), z.literal(23)], { error: '只有第15步和第23步的支部大会可以记录表决未通过' }),
  date: ZIsoDate,
  fields: ZVote.extend({
    /** For a conversion vote: what the failed resolution proposed. */
    proposal: z.enum(CONVERSION_OUTCOMES).nullable().default(null),
  }),
  note: zStr().trim().max(500).nullable().default(null),
  documentFileIds: z.array(ZId).max(20).default([]),
  version: ZVersion,
});
export type FailedVoteInput = z.infer<typeof ZFailedVoteInput>;
