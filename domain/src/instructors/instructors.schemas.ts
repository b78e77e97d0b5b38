import { QUARTER_RE } from '../care/care-rules';
// Inputs and outputs of /api/instructors, /api/enterprises and /api/me/instructor (zod, Chinese messages).
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zInt, zList, zOptionalText, zQueryText, zStr, zText } from '../core/schemas';
import { INSTRUCTOR_DUTIES, INSTRUCTOR_SOURCES, MANUAL_ENTRY_STATUSES, PARTY_ORG_FORMS, PROBLEM_STATUSES, SIZE_BANDS } from './vocabulary';
import { ONSITE_WARNING_LEVELS } from './onsite';
import { LETTER_KINDS, LETTER_TEMPLATE_MAX } from './letters';
import { ZStoredFile } from '../files/file.schemas';

const zBool = z.enum(['true', 'false'], { error: '应为 true 或 false' }).transform((v) => v === 'true');

// ---- the two-new registry ----
export const ZEnterpriseListQuery = ZPageQuery.extend({
  townOrgId: ZId.optional(),
  q: zQueryText().optional(),
  shouldBuild: zBool.optional(),
  orgForm: z.enum(PARTY_ORG_FORMS, { error: '组建形式不正确' }).optional(),
});
export type EnterpriseListQuery = z.infer<typeof ZEnterpriseListQuery>;

export const ZEnterpriseSummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  industry: z.string().nullable(),
  employeeCount: z.number().int().nullable(),
  sizeBand: z.enum(SIZE_BANDS),
  townName: z.string().nullable(),
  address: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  orgForm: z.enum(PARTY_ORG_FORMS),
  membersEmployed: z.number().int(),
  membersElsewhere: z.number().int(),
  newEmployment: z.boolean(),
  sanbaiSiqian: z.boolean(),
  shouldBuild: z.boolean(),
  instructorName: z.string().nullable(),
});
export type EnterpriseSummary = z.infer<typeof ZEnterpriseSummary>;
export const ZEnterpriseList = zList(ZEnterpriseSummary);

export const ZCoverageQuery = z.object({ by: z.enum(['town', 'industry', 'size'], { error: '统计口径应为 town、industry 或 size' }).default('town') });
export const ZCoverageRow = z.object({ key: z.string(), label: z.string(), total: z.number().int(), orgCovered: z.number().int(), workCovered: z.number().int(), shouldBuild: z.number().int(), orgRatePermille: z.number().int().nullable(), workRatePermille: z.number().int().nullable() });
export const ZCoverage = z.object({ by: z.enum(['town', 'industry', 'size']), overall: ZCoverageRow, items: z.array(ZCoverageRow) });
export type Coverage = z.infer<typeof ZCoverage>;

export const ZSiteCode = z.object({ enterpriseId: z.string(), enterpriseName: z.string(), token: z.string(), expiresAt: z.string() });
export type SiteCode = z.infer<typeof ZSiteCode>;

// ---- the instructor pool and assignments ----
export const ZInstructorCreate = z.object({
  memberId: ZId,
  source: z.enum(INSTRUCTOR_SOURCES, { error: '请选择来源（镇街干部、年轻后备干部或退休领导干部）' }),
  skills: zText('专长', 1, 200),
  industry: zOptionalText('熟悉行业', 50),
  accountId: ZId.nullish().transform((v) => v ?? null),
});
export type InstructorCreate = z.infer<typeof ZInstructorCreate>;

export const ZAssignmentCreate = z.object({
  enterpriseId: ZId,
  startDate: ZIsoDate,
  endDate: ZIsoDate.nullish().transform((v) => v ?? null),
  consent: z.literal(true, { error: '须经企业同意（请记录企业的同意）' }),
  consentNote: zText('企业同意情况', 1, 200),
});
export type AssignmentCreate = z.infer<typeof ZAssignmentCreate>;

export const ZInstructorListQuery = ZPageQuery.extend({ month: ZYearMonth.optional(), q: zQueryText().optional(), warning: z.enum(ONSITE_WARNING_LEVELS, { error: '预警级别不正确' }).optional() });
export type InstructorListQuery = z.infer<typeof ZInstructorListQuery>;

const ZWarning = z.enum(ONSITE_WARNING_LEVELS).nullable();
export const ZInstructorSummary = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  source: z.enum(INSTRUCTOR_SOURCES),
  skills: z.string(),
  industry: z.string().nullable(),
  enterprises: z.array(z.object({ id: z.string(), name: z.string() })),
  month: z.string(),
  workingDays: z.number().int(),
  onsiteDays: z.number().int(),
  ratioPermille: z.number().int().nullable(),
  /** Whether the figures are from the month close (else computed live for a running month). */
  closed: z.boolean(),
  warning: ZWarning,
  version: z.number().int(),
});
export type InstructorSummary = z.infer<typeof ZInstructorSummary>;
export const ZInstructorList = zList(ZInstructorSummary);

export const ZAssignment = z.object({ id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), startDate: z.string(), endDate: z.string().nullable(), consentNote: z.string(), endedReason: z.string().nullable(), active: z.boolean(), targetSigned: z.boolean(), commitmentSigned: z.boolean() });
export type Assignment = z.infer<typeof ZAssignment>;
export const ZInstructorDetail = ZInstructorSummary.extend({ assignments: z.array(ZAssignment), months: z.array(z.object({ month: z.string(), workingDays: z.number().int(), onsiteDays: z.number().int(), ratioPermille: z.number().int().nullable(), warning: ZWarning })) });
export type InstructorDetail = z.infer<typeof ZInstructorDetail>;

// ---- time on site ----
export const ZSiteScan = z.object({ enterpriseId: ZId, token: zStr({ error: '请扫描企业的二维码' }).trim().min(1, '请扫描企业的二维码').max(400, '二维码内容不正确') });
export const ZSiteScanResult = z.object({ direction: z.enum(['in', 'out']), enterpriseName: z.string(), at: z.string(), minutes: z.number().int().nullable() });
export type SiteScanResult = z.infer<typeof ZSiteScanResult>;

export const ZManualEntryCreate = z.object({
  enterpriseId: ZId,
  date: ZIsoDate,
  hours: zInt(1, 24, '驻企小时数'),
  reason: zText('补录原因', 2, 300),
});
export const ZManualEntry = z.object({ id: z.string(), instructorName: z.string(), enterpriseName: z.string(), date: z.string(), hours: z.number().int(), reason: z.string(), status: z.enum(MANUAL_ENTRY_STATUSES), decidedNote: z.string().nullable(), version: z.number().int() });
export type ManualEntry = z.infer<typeof ZManualEntry>;
export const ZManualEntryList = zList(ZManualEntry);
export const ZManualEntryListQuery = ZPageQuery.extend({ status: z.enum(MANUAL_ENTRY_STATUSES, { error: '状态不正确' }).optional() });
export const ZManualDecision = z.object({ approve: z.boolean({ error: '请选择通过或不通过' }), note: zOptionalText('审核意见', 200), version: ZVersion });

// ---- the work log (工作纪实手册) and problems (急难愁盼) ----
export const ZWorkLogCreate = z.object({
  enterpriseId: ZId,
  date: ZIsoDate,
  hours: zInt(0, 24, '驻企小时数'),
  duties: z.array(z.enum(INSTRUCTOR_DUTIES, { error: '职责不正确' }), { error: '请选择履行的职责' }).min(1, '请至少选择一项职责').max(6),
  content: zText('工作内容', 2, 2000),
  problem: zOptionalText('发现的问题（急难愁盼）', 500),
});
export type WorkLogCreate = z.infer<typeof ZWorkLogCreate>;
export const ZWorkLog = z.object({ id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), date: z.string(), hours: z.number().int(), duties: z.array(z.enum(INSTRUCTOR_DUTIES)), content: z.string(), problemId: z.string().nullable() });
export const ZWorkLogList = zList(ZWorkLog);
export const ZWorkLogListQuery = ZPageQuery.extend({ month: ZYearMonth.optional() });

export const ZProblem = z.object({ id: z.string(), enterpriseName: z.string(), raisedOn: z.string(), description: z.string(), status: z.enum(PROBLEM_STATUSES), solvedOn: z.string().nullable(), solution: z.string().nullable(), version: z.number().int() });
export const ZProblemList = zList(ZProblem);
export const ZProblemListQuery = ZPageQuery.extend({ status: z.enum(PROBLEM_STATUSES, { error: '状态不正确' }).optional() });
export const ZProblemSolve = z.object({ solvedOn: ZIsoDate, solution: zText('解决情况', 2, 500), version: ZVersion });

// ---- the instructor's phone ----
export const ZMyEnterprise = z.object({ id: z.string(), name: z.string(), industry: z.string().nullable(), address: z.string().nullable(), orgForm: z.enum(PARTY_ORG_FORMS), membersEmployed: z.number().int(), startDate: z.string() });
export const ZMyInstructor = z.object({
  name: z.string(),
  enterprises: z.array(ZMyEnterprise),
  openVisit: z.object({ enterpriseId: z.string(), enterpriseName: z.string(), inAt: z.string() }).nullable(),
  month: z.string(),
  workingDays: z.number().int(),
  onsiteDays: z.number().int(),
  requiredDays: z.number().int(),
  ratioPermille: z.number().int().nullable(),
  openProblems: z.number().int(),
});
export type MyInstructor = z.infer<typeof ZMyInstructor>;
export const ZMyMonth = z.object({
  month: z.string(),
  workingDays: z.number().int(),
  onsiteDays: z.number().int(),
  scannedDays: z.number().int(),
  manualDays: z.number().int(),
  requiredDays: z.number().int(),
  ratioPermille: z.number().int().nullable(),
  warning: ZWarning,
  days: z.array(z.object({ date: z.string(), workday: z.boolean(), minutes: z.number().int(), manual: z.boolean(), counted: z.boolean() })),
});
export type MyMonth = z.infer<typeof ZMyMonth>;
export const ZMonthQuery = z.object({ month: ZYearMonth.optional() });
export const ZMonthClose = z.object({ month: ZYearMonth });
export const ZMonthCloseResult = z.object({ month: z.string(), instructors: z.number().int(), yellow: z.number().int(), red: z.number().int() });

// ---- the year-end assessment ----
const zScore = (label: string) => zInt(0, 100, `${label}得分`);
export const ZAssessmentInput = z.object({
  year: zInt(2000, 2100, '考核年度'),
  scores: z.object({ daily: zScore('日常考核'), report: zScore('听取汇报'), records: zScore('查阅资料'), talk: zScore('座谈'), staffRating: zScore('职工评议').optional() }, { error: '请填写各项得分' }),
  note: zOptionalText('考核意见', 500),
});
export type AssessmentInput = z.infer<typeof ZAssessmentInput>;
export const ZAssessment = z.object({
  instructorId: z.string(),
  name: z.string(),
  year: z.number().int(),
  scores: z.object({ daily: z.number().int(), report: z.number().int(), records: z.number().int(), talk: z.number().int(), staffRating: z.number().int() }),
  score: z.number(),
  grade: z.enum(['excellent', 'competent', 'basic', 'incompetent']),
  subsidyYuan: z.number().int(),
  note: z.string().nullable(),
  /** 职工评议 computed from this many votes (0: entered by hand, fewer than the minimum had voted). */
  staffRatingVotes: z.number().int(),
  version: z.number().int(),
});
export type Assessment = z.infer<typeof ZAssessment>;
export const ZAssessmentList = zList(ZAssessment);
export const ZAssessmentListQuery = ZPageQuery.extend({ year: z.coerce.number({ error: '考核年度应为数字' }).int('考核年度应为整数').min(2000, '考核年度不能早于2000').max(2100, '考核年度不能晚于2100'), grade: z.enum(['excellent', 'competent', 'basic', 'incompetent'], { error: '等次不正确' }).optional() });
export const ZAssessmentExportQuery = z.object({ year: z.coerce.number({ error: '考核年度应为数字' }).int('考核年度应为整数').min(2000, '考核年度不能早于2000').max(2100, '考核年度不能晚于2100') });

// ---- quarterly phone callbacks (电话回访) ----
export const CALLBACK_SATISFACTION = ['satisfied', 'basic', 'unsatisfied'] as const;
export const CALLBACK_SATISFACTION_LABELS: Record<(typeof CALLBACK_SATISFACTION)[number], string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };
/** The quarter (YYYY-Qn) of a date. */
export const ZCallbackCreate = z.object({
  calledOn: ZIsoDate,
  contactName: zText('受访人', 1, 30),
  visitsOften: z.boolean({ error: '请回答指导员是否经常到企业' }),
  satisfaction: z.enum(CALLBACK_SATISFACTION, { error: '请选择满意度' }),
  notes: zOptionalText('回访记录', 500),
});
export const ZCallback = z.object({ id: z.string(), enterpriseId: z.string(), enterpriseName: z.string(), instructorName: z.string(), quarter: z.string(), calledOn: z.string(), contactName: z.string(), visitsOften: z.boolean(), satisfaction: z.enum(CALLBACK_SATISFACTION), notes: z.string().nullable() });
export type Callback = z.infer<typeof ZCallback>;
export const ZCallbackList = zList(ZCallback);
export const ZCallbackListQuery = ZPageQuery.extend({ quarter: zStr().regex(QUARTER_RE, '季度格式应为 YYYY-Qn，如 2026-Q3').optional() });

// ---- 两书一册: the two letters of an assignment ----
export const ZLetterKind = z.enum(LETTER_KINDS, { error: '文书种类应为 target（目标责任书）或 commitment（承诺书）' });
export const ZLetterParams = z.object({ id: ZId, kind: ZLetterKind });
export const ZLetterState = z.object({ signed: z.boolean(), file: ZStoredFile.nullable(), signedAt: z.string().nullable() });
export type LetterState = z.infer<typeof ZLetterState>;
export const ZLetterSign = z.object({ fileId: ZId });
export const ZLetterListQuery = ZPageQuery.extend({ missing: zBool.optional(), townOrgId: ZId.optional() });
export type LetterListQuery = z.infer<typeof ZLetterListQuery>;
export const ZAssignmentLetters = z.object({
  assignmentId: z.string(),
  instructorId: z.string(),
  instructorName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townName: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  active: z.boolean(),
  target: ZLetterState,
  commitment: ZLetterState,
  missing: z.array(ZLetterKind),
});
export type AssignmentLetters = z.infer<typeof ZAssignmentLetters>;
export const ZLetterList = zList(ZAssignmentLetters);
export const ZLetterTemplates = z.object({
  target: zText('目标责任书模板', 10, LETTER_TEMPLATE_MAX),
  commitment: zText('承诺书模板', 10, LETTER_TEMPLATE_MAX),
});
export type LetterTemplatesInput = z.infer<typeof ZLetterTemplates>;
export const ZLetterTemplatesView = z.object({ target: z.string(), commitment: z.string(), placeholders: z.array(z.string()), custom: z.boolean() });
