// Zod schemas of the assessment module (input and output), shared by the server and the web app.
import { z } from 'zod';
import { ZId, ZPageQuery, zInt, zList, zOptionalText, zQueryInt, zStr, zText, zYear } from '../core/schemas';
import { ASSESSMENT_LEVELS, ASSESSMENT_SOURCES, NO_DATA_RULES } from './scoring';

export const ZAssessmentSource = z.enum(ASSESSMENT_SOURCES, { error: '评分来源不正确' });
export const ZAssessmentLevel = z.enum(ASSESSMENT_LEVELS, { error: '考核层级应为 党（工）委、党总支 或 党支部' });

export const ZSchemeComponent = z.object({
  key: zStr()
    .trim()
    .regex(/^[a-zA-Z][a-zA-Z0-9]{0,30}$/, { message: '考核项代码应为字母开头的英文字母或数字（最多31位）' }),
  label: zText('考核项名称', 1, 30),
  source: ZAssessmentSource,
  weight: zInt(1, 100, '分值'),
  whenNoData: z.enum(NO_DATA_RULES, { error: '无数据时的处理应为 不计入 或 计 0 分' }),
  target: z.number().positive({ message: '目标值应大于 0' }).max(100_000, { message: '目标值过大' }).nullish(),
});
export const ZSchemeInput = z.object({
  fromYear: zYear(2000, 2100),
  components: z.array(ZSchemeComponent).min(1, { message: '考核方案至少要有一项' }).max(30, { message: '考核方案最多 30 项' }),
});
export type SchemeInput = z.infer<typeof ZSchemeInput>;
export const ZScheme = z.object({ version: z.number().int(), fromYear: z.number().int(), components: z.array(ZSchemeComponent), createdAt: z.string().nullable(), createdByName: z.string().nullable() });
export type SchemeView = z.infer<typeof ZScheme>;
export const ZSchemeVersions = z.object({ items: z.array(ZScheme), current: ZScheme });

export const ZAssessmentYear = z.object({
  year: z.number().int(),
  status: z.enum(['open', 'closed']),
  schemeVersion: z.number().int().nullable(),
  computedAt: z.string().nullable(),
  asOf: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedByName: z.string().nullable(),
  recomputedAt: z.string().nullable(),
  recomputeReason: z.string().nullable(),
  orgs: z.number().int(),
});
export type AssessmentYear = z.infer<typeof ZAssessmentYear>;
export const ZAssessmentYears = z.object({ items: z.array(ZAssessmentYear) });

export const ZComputeInput = z.object({
  year: zYear(2000, 2100),
  /** Required when the year is closed: a recompute after closing is explicit. */
  reason: zOptionalText('重新计算的理由', 200),
});
export const ZCloseInput = z.object({ year: zYear(2000, 2100) });
export const ZComputeResult = ZAssessmentYear.extend({ millis: z.number().int() });

export const ZAssessmentRankingQuery = ZPageQuery.extend({
  year: zQueryInt(2000, 2100, '年度'),
  level: ZAssessmentLevel.default('branch'),
  /** A town (or any org) whose subtree to list; default the caller's scope. */
  orgId: ZId.optional(),
});
export type AssessmentRankingQuery = z.infer<typeof ZAssessmentRankingQuery>;
export const ZAssessmentRankingRow = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  townName: z.string(),
  level: ZAssessmentLevel,
  rank: z.number().int().nullable(),
  centi: z.number().int().nullable(),
  /** Centi-points per component key (null: excluded for want of data). */
  components: z.record(z.string(), z.number().int().nullable()),
});
export type AssessmentRankingRow = z.infer<typeof ZAssessmentRankingRow>;
export const ZAssessmentRankingPage = zList(ZAssessmentRankingRow).extend({
  year: z.number().int(),
  level: ZAssessmentLevel,
  status: z.enum(['open', 'closed', 'none']),
  columns: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number().int() })),
});
export type AssessmentRankingPage = z.infer<typeof ZAssessmentRankingPage>;

export const ZEvidence = z.object({
  summary: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** The console page that shows the records behind the figures. */
  link: z.string().nullable(),
});
export type Evidence = z.infer<typeof ZEvidence>;
export const ZScoreComponent = z.object({
  key: z.string(),
  label: z.string(),
  source: ZAssessmentSource,
  weight: z.number().int(),
  whenNoData: z.enum(NO_DATA_RULES),
  permille: z.number().int().nullable(),
  centi: z.number().int().nullable(),
  evidence: ZEvidence,
});
export type ScoreComponentView = z.infer<typeof ZScoreComponent>;
export const ZAssessmentOrgQuery = z.object({ year: zQueryInt(2000, 2100, '年度').optional() });
export const ZAssessmentOrgScore = z.object({
  year: z.number().int(),
  status: z.enum(['open', 'closed', 'none']),
  orgId: ZId,
  orgName: z.string(),
  townName: z.string(),
  level: ZAssessmentLevel.nullable(),
  rank: z.number().int().nullable(),
  rankOf: z.number().int(),
  centi: z.number().int().nullable(),
  schemeVersion: z.number().int().nullable(),
  computedAt: z.string().nullable(),
  components: z.array(ZScoreComponent),
  can: z.object({ enter: z.boolean() }),
});
export type AssessmentOrgScore = z.infer<typeof ZAssessmentOrgScore>;

/** A manual component (述职评议 and the like) entered for one org: points out of the component's weight. */
export const ZManualScoreInput = z.object({
  year: zYear(2000, 2100),
  key: zStr().trim().min(1, { message: '请选择考核项' }).max(31),
  points: z.number({ error: '请填写得分' }).min(0, { message: '得分不能小于 0' }).max(100, { message: '得分不能大于 100' }),
  note: zText('评定依据', 2, 200),
});
export type ManualScoreInput = z.infer<typeof ZManualScoreInput>;
export const ZManualScore = z.object({ orgId: ZId, year: z.number().int(), key: z.string(), centi: z.number().int(), note: z.string(), byName: z.string(), at: z.string() });
