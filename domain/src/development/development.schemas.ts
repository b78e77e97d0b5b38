// API input and output schemas of the development module (shared by the server and the web app).
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, zList, zQueryInt, zQueryText, zStr } from '../core/schemas';
import { EDUCATIONS, ETHNICITIES, GENDERS, OCCUPATIONS } from '../members/member-vocabulary';
import { ZDevelopmentRuleParams } from './rule-set';
import { NEAR_RELATIONS } from './relatives';
import { ZPublicity } from './step-fields';
import { ZStoredFile } from '../files/file.schemas';
import { DEADLINE_KINDS } from './deadlines';
import { WARNING_KINDS } from './warnings';
import { FILE_STATUSES, PROSPECT_SOURCES } from './steps';

const name = zStr({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(50, '姓名过长');

export const ZProspectInput = z.object({
  orgId: ZId,
  name,
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  birthDate: ZIsoDate,
  source: z.enum(PROSPECT_SOURCES, { error: '请选择来源' }),
  note: zStr().trim().max(500).nullable().default(null),
});
export type ProspectInput = z.infer<typeof ZProspectInput>;
export const ZProspect = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS),
  /** `YYYY-MM`: a prospect's birth date is kept to the month. */
  birthMonth: z.string(),
  source: z.enum(PROSPECT_SOURCES),
  note: z.string().nullable(),
  fileId: ZId.nullable(),
  createdAt: z.string(),
});
export type Prospect = z.infer<typeof ZProspect>;
export const ZProspectList = zList(ZProspect);
export const ZProspectListQuery = ZPageQuery.extend({ orgId: ZId.optional() });

export const ZFamilyInput = z.object({
  name,
  relation: z.enum(NEAR_RELATIONS, { error: '请选择关系' }),
  memberId: ZId.nullable().default(null),
});

/** A development file is opened for a person with the identity the roster will need on admission. */
export const ZFileCreate = z.object({
  orgId: ZId,
  prospectId: ZId.nullable().default(null),
  name,
  gender: z.enum(GENDERS, { error: '请选择性别' }),
  ethnicity: z.enum(ETHNICITIES, { error: '民族不在56个民族名称之内' }).default('汉族'),
  birthDate: ZIsoDate,
  idNumber: zStr({ error: '请填写身份证号' }).trim().regex(/^\d{17}[\dXx]$/, '身份证号应为18位'),
  phone: zStr().trim().regex(/^1\d{10}$/, '手机号应为11位').nullable().default(null),
  education: z.enum(EDUCATIONS, { error: '请选择学历' }),
  occupation: z.enum(OCCUPATIONS, { error: '请选择职业' }),
  family: z.array(ZFamilyInput).max(30).default([]),
});
export type FileCreate = z.infer<typeof ZFileCreate>;

export const ZDeadline = z.object({ kind: z.enum(DEADLINE_KINDS), step: z.number().int(), due: z.string(), overdue: z.boolean() });

export const ZFileSummary = z.object({
  id: ZId,
  name: z.string(),
  gender: z.enum(GENDERS),
  /** `YYYY-MM` (出生年月); the exact date stays inside the encrypted ID number. */
  birthMonth: z.string(),
  /** The region code only (docs/DATA-MODEL.md). */
  idNumberMasked: z.string(),
  orgId: ZId,
  orgName: z.string(),
  currentStep: z.number().int(),
  stage: z.number().int(),
  status: z.enum(FILE_STATUSES),
  nextDeadline: ZDeadline.nullable(),
  applicationDate: z.string().nullable(),
  formNumber: z.string().nullable(),
  memberId: ZId.nullable(),
});
export type FileSummary = z.infer<typeof ZFileSummary>;
export const ZFileList = zList(ZFileSummary);
export const ZFileListQuery = ZPageQuery.extend({
  orgId: ZId.optional(),
  stage: zQueryInt(1, 5, '阶段').optional(),
  status: z.enum(FILE_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: zQueryText(50).optional(),
});
export type FileListQuery = z.infer<typeof ZFileListQuery>;

export const ZDevelopmentEvent = z.object({
  id: ZId,
  step: z.number().int(),
  date: z.string(),
  fields: z.record(z.string(), z.unknown()),
  publicity: ZPublicity.nullable(),
  note: z.string().nullable(),
  warnings: z.array(z.string()),
  overrideReason: z.string().nullable(),
  documentFileIds: z.array(ZId),
  /** The uploaded scans attached to this event (name, type, size, download URL). */
  documents: z.array(ZStoredFile),
  /** A branch assembly vote that did not pass: recorded with its counts, the file did not advance. */
  failedVote: z.boolean(),
  actorName: z.string(),
  actorOrgName: z.string(),
  recordedAt: z.string(),
});
export type DevelopmentEvent = z.infer<typeof ZDevelopmentEvent>;

export const ZFileDetail = ZFileSummary.extend({
  ethnicity: z.string(),
  education: z.enum(EDUCATIONS),
  occupation: z.enum(OCCUPATIONS),
  phoneMasked: z.string().nullable(),
  ruleSetVersion: z.number().int(),
  probationEnd: z.string().nullable(),
  closedReason: z.string().nullable(),
  family: z.array(z.object({ name: z.string(), relation: z.enum(NEAR_RELATIONS), memberId: ZId.nullable() })),
  events: z.array(ZDevelopmentEvent),
  /** Names of the roster members named in the events (mentors, sponsors), by member id, for the timeline. */
  people: z.record(z.string(), z.string()),
  nextSteps: z.array(z.number().int()),
  version: z.number().int(),
  can: z.object({ record: z.array(z.number().int()), close: z.boolean(), voidFormNumber: z.boolean(), failedVote: z.boolean() }),
});
export type FileDetail = z.infer<typeof ZFileDetail>;

export const ZRecordResult = z.object({ file: ZFileDetail, warnings: z.array(z.string()) });
export const ZFileClose = z.object({ reason: zStr({ error: '请填写终止原因' }).trim().min(1, '请填写终止原因').max(500), version: ZVersion });

export const ZFormNumber = z.object({
  id: ZId,
  number: z.string(),
  fileId: ZId,
  personName: z.string(),
  orgName: z.string(),
  status: z.enum(['issued', 'voided']),
  issuedAt: z.string(),
  issuedBy: z.string(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** Whether this user may void it now: issued, and the form not yet filled in (the file still at step 13). */
  canVoid: z.boolean(),
});
export const ZFormNumberList = zList(ZFormNumber);
export const ZFormNumberVoid = z.object({ reason: zStr({ error: '请填写作废原因' }).trim().min(1, '请填写作废原因').max(200), reissue: z.boolean().default(true) });

export const ZRuleSetView = z.object({
  current: z.object({ version: z.number().int(), effectiveFrom: z.string(), source: z.string(), params: ZDevelopmentRuleParams }),
  versions: z.array(z.object({ version: z.number().int(), effectiveFrom: z.string(), source: z.string(), createdAt: z.string() })),
});

export const ZPipelineQuery = z.object({ orgId: ZId.optional() });
export const ZPipeline = z.object({
  today: z.string(),
  stages: z.array(z.object({ stage: z.number().int(), name: z.string(), count: z.number().int() })),
  steps: z.array(z.object({ step: z.number().int(), count: z.number().int() })),
  overdue: z.number().int(),
  dueThisWeek: z.number().int(),
  dueThisMonth: z.number().int(),
  completedThisYear: z.number().int(),
  /** Open warnings marked by the daily job, per kind. */
  warnings: z.array(z.object({ kind: z.enum(WARNING_KINDS), label: z.string(), count: z.number().int() })),
  /** Committees over (or, counting files awaiting approval, about to go over) their annual quota (控制总量). */
  quotaWarnings: z.array(z.object({ orgId: ZId, orgName: z.string(), quota: z.number().int(), admitted: z.number().int(), pending: z.number().int(), exceeded: z.boolean(), message: z.string() })),
});
export type Pipeline = z.infer<typeof ZPipeline>;
export const ZDeadlineListQuery = ZPageQuery.extend({
  orgId: ZId.optional(),
  within: z.enum(['overdue', 'week', 'month']).default('overdue'),
});

export const ZWarningListQuery = ZPageQuery.extend({ orgId: ZId.optional(), kind: z.enum(WARNING_KINDS).optional() });
export const ZWarningList = zList(
  z.object({ id: ZId, fileId: ZId, name: z.string(), orgName: z.string(), kind: z.enum(WARNING_KINDS), step: z.number().int(), due: z.string(), message: z.string(), detectedOn: z.string() }),
);
