// Inputs and outputs of the checks of instructors (随机抽查、集中督导、明察暗访), their findings and rectifications.
import { z } from 'zod';
import { QUARTER_RE } from '../care/care-rules';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, zList, zOptionalText, zStr, zText } from '../core/schemas';
import { CHECK_KINDS, FINDING_SEVERITIES } from './supervision';

export const ZFindingInput = z.object({
  severity: z.enum(FINDING_SEVERITIES, { error: '问题程度应为一般、较重或严重' }),
  description: zText('问题描述', 2, 300),
  rectify: z.boolean({ error: '请选择是否列入整改' }),
  deadline: ZIsoDate.nullable().default(null),
});
export const ZCheckCreate = z.object({
  instructorId: ZId,
  enterpriseId: ZId,
  kind: z.enum(CHECK_KINDS, { error: '检查方式应为随机抽查、集中督导或明察暗访' }),
  checkedOn: ZIsoDate,
  inspectors: zText('检查人员', 2, 100),
  inPost: z.boolean({ error: '请选择指导员是否在岗' }),
  summary: zOptionalText('检查情况', 1000),
  findings: z.array(ZFindingInput, { error: '发现的问题应为列表' }).max(20, '一次检查最多记录20条问题').default([]),
});
export type CheckCreate = z.infer<typeof ZCheckCreate>;

export const ZFinding = z.object({
  id: z.string(),
  severity: z.enum(FINDING_SEVERITIES),
  description: z.string(),
  rectify: z.boolean(),
  rectification: z.object({ status: z.enum(['open', 'closed']), deadline: z.string(), overdue: z.boolean(), reportNote: z.string().nullable(), closingNote: z.string().nullable(), version: z.number().int() }).nullable(),
});
export const ZCheck = z.object({
  id: z.string(),
  kind: z.enum(CHECK_KINDS),
  checkedOn: z.string(),
  quarter: z.string(),
  instructorId: z.string(),
  instructorName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  inspectors: z.string(),
  inPost: z.boolean(),
  summary: z.string().nullable(),
  findings: z.array(ZFinding),
});
export type Check = z.infer<typeof ZCheck>;
export const ZCheckList = zList(ZCheck);
export const ZCheckListQuery = ZPageQuery.extend({ quarter: zStr().regex(QUARTER_RE, '季度格式应为 YYYY-Qn，如 2026-Q3').optional(), instructorId: ZId.optional() });
export const ZCheckNoticeQuery = z.object({ quarter: zStr({ error: '请选择季度' }).regex(QUARTER_RE, '季度格式应为 YYYY-Qn，如 2026-Q3') });
export const ZFindingReport = z.object({ note: zText('整改情况', 2, 500), version: ZVersion });
export const ZFindingClose = z.object({ note: zText('销号意见', 2, 500), version: ZVersion });
