// Input and output schemas of the duty-list API (/api/duties) and the public quality board (/api/board).
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, zInt, zList, zQueryYear, zStr, zYear } from '../core/schemas';
import { ZStoredFile } from '../files/file.schemas';
import { ZEvidenceSpec, ZTemplateItemFields } from './default-templates';
import { ZDueRule, ZMonth } from './duty-periods';
import { DUTY_CATEGORIES, DUTY_FREQUENCIES, DUTY_ITEM_STATUSES, WARNING_LEVELS } from './duty-vocabulary';


export const ZDutyTemplateItem = z.object({
  id: ZId,
  templateId: ZId,
  key: z.string(),
  title: z.string(),
  description: z.string(),
  frequency: z.enum(DUTY_FREQUENCIES),
  dueRule: ZDueRule,
  dueLabel: z.string(),
  evidence: ZEvidenceSpec,
  weight: z.number().int(),
  isKey: z.boolean(),
  version: z.number().int(),
});
export type DutyTemplateItem = z.infer<typeof ZDutyTemplateItem>;

export const ZDutyTemplate = z.object({
  id: ZId,
  category: z.enum(DUTY_CATEGORIES),
  categoryLabel: z.string(),
  year: z.number().int(),
  name: z.string(),
  version: z.number().int(),
  items: z.array(ZDutyTemplateItem),
});
export type DutyTemplate = z.infer<typeof ZDutyTemplate>;
export const ZDutyTemplateList = zList(ZDutyTemplate);

export const ZYearBody = z.object({ year: zYear(2020, 2100) });
export const ZTemplatesQuery = z.object({ year: zQueryYear(2020, 2100).optional() });
export const ZTemplateItemCreate = ZTemplateItemFields.extend({ templateId: ZId });
export type TemplateItemCreate = z.infer<typeof ZTemplateItemCreate>;
export const ZTemplateItemUpdate = ZTemplateItemFields.extend({ version: ZVersion });
export type TemplateItemUpdate = z.infer<typeof ZTemplateItemUpdate>;
export const ZVersionBody = z.object({ version: ZVersion });

export const ZGenerateResult = z.object({ year: z.number().int(), orgs: z.number().int(), created: z.number().int() });

export const ZDutyItem = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  title: z.string(),
  frequency: z.enum(DUTY_FREQUENCIES),
  periodKey: z.string(),
  dueDate: z.string(),
  month: z.string(),
  weight: z.number().int(),
  isKey: z.boolean(),
  status: z.enum(DUTY_ITEM_STATUSES),
  /** upcoming / due / late / returned / submitted / accepted, as of today. */
  view: z.enum(['upcoming', 'due', 'late', 'returned', 'submitted', 'accepted', 'cancelled']),
  onTime: z.boolean().nullable(),
  secretaryName: z.string().nullable(),
  lastSubmittedAt: z.string().nullable(),
  version: z.number().int(),
});
export type DutyItem = z.infer<typeof ZDutyItem>;
export const ZDutyItemList = zList(ZDutyItem);

export const ZDutyItemListQuery = ZPageQuery.extend({
  /** mine: my org's items; review: items I supervise waiting for review; all: every item in my scope. */
  scope: z.enum(['mine', 'review', 'all']).default('all'),
  view: z.enum(['open', 'upcoming', 'due', 'late', 'returned', 'submitted', 'accepted']).optional(),
  orgId: ZId.optional(),
  month: ZMonth.optional(),
});
export type DutyItemListQuery = z.infer<typeof ZDutyItemListQuery>;

export const ZDutySubmission = z.object({
  id: ZId,
  text: z.string(),
  count: z.number().int().nullable(),
  participants: z.array(z.string()),
  files: z.array(ZStoredFile),
  submittedBy: z.string(),
  submittedAt: z.string(),
  status: z.enum(['submitted', 'returned', 'accepted']),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  feedback: z.string().nullable(),
});
export type DutySubmission = z.infer<typeof ZDutySubmission>;

export const ZRectification = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  itemId: ZId.nullable(),
  itemTitle: z.string().nullable(),
  problem: z.string(),
  deadline: z.string(),
  status: z.enum(['open', 'closed']),
  overdue: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  reportedAt: z.string().nullable(),
  reportedBy: z.string().nullable(),
  reportNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  version: z.number().int(),
});
export type Rectification = z.infer<typeof ZRectification>;
export const ZRectificationList = zList(ZRectification);
export const ZRectificationListQuery = ZPageQuery.extend({ status: z.enum(['open', 'closed']).optional() });

export const ZDutyItemDetail = ZDutyItem.extend({
  description: z.string(),
  dueLabel: z.string(),
  evidence: ZEvidenceSpec,
  submissions: z.array(ZDutySubmission),
  rectifications: z.array(ZRectification),
  can: z.object({ submit: z.boolean(), review: z.boolean(), rectify: z.boolean() }),
});
export type DutyItemDetail = z.infer<typeof ZDutyItemDetail>;

export const ZDutySubmit = z.object({
  text: zStr().trim().max(2000, { message: '文字说明不能超过2000个字' }).default(''),
  count: zInt(0, 1_000_000, '数量').nullable().default(null),
  participants: z.array(zStr().trim().min(1).max(20)).max(500).default([]),
  fileIds: z.array(ZId).max(20, { message: '每次最多上传20个文件' }).default([]),
  version: ZVersion,
});
export type DutySubmit = z.infer<typeof ZDutySubmit>;

export const ZDutyReview = z
  .object({
    decision: z.enum(['accept', 'return'], { error: '请选择通过或退回' }),
    feedback: zStr().trim().max(500, { message: '反馈意见不能超过500个字' }).default(''),
    version: ZVersion,
  })
  .refine((v) => v.decision === 'accept' || v.feedback.length >= 2, { message: '退回时请填写反馈意见', path: ['feedback'] });
export type DutyReview = z.infer<typeof ZDutyReview>;

export const ZRectificationCreate = z.object({
  problem: zStr({ error: '请填写发现的问题' }).trim().min(4, { message: '问题描述至少4个字' }).max(500),
  deadline: ZIsoDate,
});
export const ZRectificationReport = z.object({ note: zStr().trim().min(2, { message: '请填写整改情况' }).max(500, { message: '整改情况不超过500字' }), version: ZVersion });
export const ZRectificationClose = z.object({ note: zStr().trim().min(2, { message: '请填写整改情况' }).max(500), version: ZVersion });

export const ZMonthBody = z.object({ month: ZMonth });
export const ZRecomputeBody = z.object({ month: ZMonth, reason: zStr().trim().min(4, { message: '请填写重新计算的原因（至少4个字）' }).max(200) });
export const ZCloseResult = z.object({ month: z.string(), orgs: z.number().int(), warningsRaised: z.number().int(), warningsCleared: z.number().int() });

export const ZDutyWarning = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  townName: z.string().nullable(),
  secretaryName: z.string().nullable(),
  month: z.string(),
  level: z.enum(WARNING_LEVELS),
  /** daily: an overdue warning of a month still open (the daily job); month: decided when the month closed. */
  source: z.enum(['daily', 'month']),
  reasons: z.array(z.string()),
  raisedAt: z.string(),
  clearedAt: z.string().nullable(),
  clearedReason: z.string().nullable(),
});
export type DutyWarning = z.infer<typeof ZDutyWarning>;
export const ZDutyWarningList = zList(ZDutyWarning);
export const ZDutyWarningListQuery = ZPageQuery.extend({ active: z.enum(['true', 'false']).optional(), townId: ZId.optional(), orgId: ZId.optional() });

export const ZDutyHome = z.object({
  orgName: z.string().nullable(),
  counts: z.object({ due: z.number().int(), late: z.number().int(), returned: z.number().int(), submitted: z.number().int(), upcoming: z.number().int() }),
  months: z.array(z.object({ month: z.string(), rate: z.number().nullable(), stars: z.number().nullable(), closed: z.boolean() })),
  warnings: z.array(ZDutyWarning),
  openRectifications: z.number().int(),
  /** Warning notices sent to this account (as the org's secretary or as a supervisor), latest first. */
  notices: z.array(z.object({ id: ZId, text: z.string(), createdAt: z.string(), readAt: z.string().nullable() })),
  /** Notices of this account not yet marked read. */
  unreadNotices: z.number().int(),
});
export type DutyHome = z.infer<typeof ZDutyHome>;

export const ZSupervisor = z.object({ id: ZId, accountId: ZId, accountName: z.string(), orgId: ZId, orgName: z.string(), createdAt: z.string() });
export const ZSupervisorList = zList(ZSupervisor);
export const ZSupervisorCreate = z.object({ accountId: ZId, orgId: ZId });

export const ZBoardLink = z.object({ id: ZId, name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable(), lastSeenAt: z.string().nullable(), url: z.string().nullable() });
export type BoardLink = z.infer<typeof ZBoardLink>;
export const ZBoardLinkList = zList(ZBoardLink);
export const ZBoardLinkCreate = z.object({ name: zStr().trim().min(2, { message: '请填写名称（如：县委院内大屏）' }).max(40) });

export const ZBoardQuery = z.object({ year: zQueryYear(2020, 2100).optional() });
export const ZBoardOrg = z.object({
  id: ZId,
  name: z.string(),
  secretaryName: z.string().nullable(),
  /** Index 0 = January: stars of a closed month, null otherwise. */
  stars: z.array(z.number().nullable()),
  /** Index 0 = January: on-time completion % (live for the open month), null when nothing fell due. */
  rates: z.array(z.number().nullable()),
  marks: z.array(z.enum(['yellow', 'red']).nullable()),
  warning: z.enum(['yellow', 'red']).nullable(),
  yearRate: z.number().nullable(),
  totalStars: z.number().int(),
});
export type BoardOrg = z.infer<typeof ZBoardOrg>;
/** `rank` is null for a county-level unit shown beside the towns (县中学, 县医院…): only towns and streets are ranked. */
export const ZBoardTown = z.object({ id: ZId, name: z.string(), rank: z.number().int().nullable(), yearRate: z.number().nullable(), averageStars: z.number().nullable(), red: z.number().int(), yellow: z.number().int(), orgs: z.array(ZBoardOrg) });
export type BoardTown = z.infer<typeof ZBoardTown>;
export const ZBoardTicker = z.object({ id: z.string(), at: z.string(), orgName: z.string(), secretaryName: z.string().nullable(), title: z.string(), status: z.enum(['submitted', 'accepted']) });
export type BoardTicker = z.infer<typeof ZBoardTicker>;
export const ZBoardData = z.object({
  countyName: z.string(),
  year: z.number().int(),
  currentMonth: z.string(),
  generatedAt: z.string(),
  totals: z.object({ orgs: z.number().int(), yearRate: z.number().nullable(), monthRate: z.number().nullable(), red: z.number().int(), yellow: z.number().int(), stars: z.number().int() }),
  towns: z.array(ZBoardTown),
  ticker: z.array(ZBoardTicker),
});
export type BoardData = z.infer<typeof ZBoardData>;

export const ZDutyNotice = z.object({ id: ZId, text: z.string(), createdAt: z.string(), readAt: z.string().nullable() });
export type DutyNotice = z.infer<typeof ZDutyNotice>;
export const ZDutyNoticeList = zList(ZDutyNotice).extend({ unread: z.number().int() });
export const ZDutyNoticeListQuery = ZPageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const ZNoticesReadResult = z.object({ marked: z.number().int(), unread: z.number().int() });

/** Chinese names of the duty forms' fields, for validation messages ("反馈意见：退回时请填写反馈意见", never "feedback：…"). */
export const DUTY_FIELD_LABELS: Record<string, string> = {
  text: '文字说明',
  participants: '参加人员',
  count: '数量',
  fileIds: '佐证材料',
  decision: '审核结论',
  feedback: '反馈意见',
  problem: '发现的问题',
  deadline: '整改期限',
  note: '说明',
  month: '月份',
  year: '年度',
  quarter: '季度',
  templateId: '清单模板',
  title: '标题',
  description: '说明',
  frequency: '频次',
  dueRule: '截止规则',
  'evidence.kinds': '佐证材料',
  'evidence.countLabel': '数量名称',
  'evidence.minPhotos': '照片张数',
  weight: '权重',
  isKey: '重点事项',
  accountId: '督导人员',
  orgId: '组织',
  name: '名称',
  starThresholds: '贴星标准',
  keyMissedMaxStars: '重点事项未完成最多得星',
  resubmitGraceDays: '退回后补报宽限',
  yellowBelowRate: '黄色预警完成率',
  redBelowRate: '红色预警完成率',
  clearAtRate: '预警解除完成率',
};
