// Input and output schemas of theme days, dues, stars and situation reports (shared by the server and the web pages).
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zInt, zList, zOptionalText, zQueryText, zQueryYear, zStr, zText, zYear } from '../core/schemas';
import { DUES_CATEGORIES, DUES_ROUNDINGS } from '../dues/dues-rules';
import { MEMBER_TIERS, STAR_SCHEMES, ZStarSettings } from '../stars/star-rules';
import { ZStoredFile } from '../files/file.schemas';
import { ZBirthdayTopic } from '../care/care.schemas';

export { ZYearMonth };
const text = zText;

// ---- settings ----
export const ZMonthlySettings = z.object({
  themeDayOfMonth: zInt(1, 28, '主题党日日期'),
  duesRounding: z.enum(DUES_ROUNDINGS),
  stars: ZStarSettings,
});
export type MonthlySettings = z.infer<typeof ZMonthlySettings>;

// ---- theme days ----
export const ATTENDANCE_METHODS = ['qr', 'manual'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];
export const ATTENDANCE_METHOD_LABELS: Record<AttendanceMethod, string> = { qr: '扫码签到', manual: '书记登记' };
export const LEAVE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];
export const LEAVE_STATUS_LABELS: Record<LeaveStatus, string> = { pending: '待审批', approved: '已批准', rejected: '未批准' };

export const ZThemeDayCreate = z.object({
  orgId: ZId,
  month: ZYearMonth,
  /** Omitted: the county's theme-day date of that month. */
  date: ZIsoDate.nullish().transform((v) => v ?? null),
  topic: text('活动主题', 2, 100),
  place: text('活动地点', 2, 100),
  content: text('活动内容', 2, 2000),
});
export type ThemeDayCreate = z.infer<typeof ZThemeDayCreate>;
export const ZThemeDayUpdate = ZThemeDayCreate.omit({ orgId: true, month: true }).extend({ date: ZIsoDate, version: ZVersion });
export type ThemeDayUpdate = z.infer<typeof ZThemeDayUpdate>;

export const ZThemeDaySummary = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  month: z.string(),
  date: z.string(),
  topic: z.string(),
  place: z.string(),
  content: z.string(),
  expected: z.number().int(),
  attended: z.number().int(),
  /** Attendance in tenths of a percent. */
  ratePermille: z.number().int().nullable(),
  version: z.number().int(),
  /** 主题党日必选题: the branch's political birthdays of the month (required when the county says so). */
  birthdayTopic: ZBirthdayTopic,
  /** Held (its day has come, someone attended) and the required topic done. */
  complete: z.boolean(),
});
export type ThemeDaySummary = z.infer<typeof ZThemeDaySummary>;
export const ZThemeDayList = zList(ZThemeDaySummary);
export const ZThemeDayListQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth.optional(), year: zQueryYear(2000, 2100).optional() });
export type ThemeDayListQuery = z.infer<typeof ZThemeDayListQuery>;

export const ZAttendanceRow = z.object({
  memberId: ZId,
  name: z.string(),
  categories: z.array(z.string()),
  attended: z.boolean(),
  method: z.enum(ATTENDANCE_METHODS).nullable(),
  checkedInAt: z.string().nullable(),
  leave: z.object({ id: ZId, reason: z.string(), status: z.enum(LEAVE_STATUSES), version: z.number().int() }).nullable(),
  makeup: z.object({ studiedOn: z.string(), content: z.string() }).nullable(),
});
export type AttendanceRow = z.infer<typeof ZAttendanceRow>;
export const ZThemeDayDetail = ZThemeDaySummary.extend({ roster: z.array(ZAttendanceRow), can: z.object({ update: z.boolean() }) });
export type ThemeDayDetail = z.infer<typeof ZThemeDayDetail>;

export const ZCheckInCode = z.object({ token: z.string(), expiresAt: z.string(), refreshSeconds: z.number().int() });
export type CheckInCode = z.infer<typeof ZCheckInCode>;
export const ZCheckIn = z.object({ token: zStr({ error: '请扫描或输入签到码' }).trim().min(10, { message: '签到码不完整' }).max(500) });
export const ZCheckInResult = z.object({ themeDayId: ZId, topic: z.string(), checkedInAt: z.string(), alreadyCheckedIn: z.boolean() });
export type CheckInResult = z.infer<typeof ZCheckInResult>;
export const ZAttendanceMark = z.object({ memberId: ZId, attended: z.boolean() });
export const ZLeaveRequestCreate = z.object({ themeDayId: ZId, reason: text('请假事由', 2, 200) });
export const ZLeaveDecision = z.object({ approve: z.boolean(), version: ZVersion });
export const ZMakeupCreate = z.object({ memberId: ZId, studiedOn: ZIsoDate, content: text('补学内容', 2, 500) });

export const ZAttendanceRateRow = z.object({ orgId: ZId, orgName: z.string(), themeDays: z.number().int(), expected: z.number().int(), attended: z.number().int(), ratePermille: z.number().int().nullable() });
export const ZAttendanceRates = z.object({ month: z.string(), total: ZAttendanceRateRow.omit({ orgId: true, orgName: true }), items: z.array(ZAttendanceRateRow) });
export type AttendanceRates = z.infer<typeof ZAttendanceRates>;

export const ZMyThemeDay = z.object({
  month: z.string(),
  orgName: z.string(),
  themeDay: ZThemeDaySummary.pick({ id: true, date: true, topic: true, place: true, content: true }).nullable(),
  checkedInAt: z.string().nullable(),
  method: z.enum(ATTENDANCE_METHODS).nullable(),
  leave: z.object({ reason: z.string(), status: z.enum(LEAVE_STATUSES) }).nullable(),
});
export type MyThemeDay = z.infer<typeof ZMyThemeDay>;

// ---- dues ----
export const ZDuesBaseInput = z.object({
  memberId: ZId,
  year: zYear(2000, 2100),
  /** The month the (new) pay starts; January for the yearly base. */
  fromMonth: ZYearMonth,
  category: z.enum(DUES_CATEGORIES, { error: '请选择党费类别' }),
  baseFen: zInt(0, 100_000_000, '交纳基数'),
  /** A hardship reduction: the monthly amount in fen (0 = exempt); the next level approves it. */
  reducedFen: zInt(0, 100_000_000, '减免后月交金额').nullish().transform((v) => v ?? null),
  reductionReason: zOptionalText('减免原因', 200),
});
export type DuesBaseInput = z.infer<typeof ZDuesBaseInput>;
export const ZReductionDecision = z.object({ approve: z.boolean(), version: ZVersion });

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'payroll'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { cash: '现金', wechat: '微信', alipay: '支付宝', bank: '银行转账', payroll: '工资代扣' };
export const ZDuesPaymentInput = z.object({
  memberId: ZId,
  months: z.array(ZYearMonth).min(1, { message: '请选择交纳的月份' }).max(24),
  amountFen: zInt(1, 100_000_000, '交纳金额'),
  method: z.enum(PAYMENT_METHODS, { error: '请选择交纳方式' }),
  collector: text('收缴人', 1, 30),
  paidOn: ZIsoDate,
});
export type DuesPaymentInput = z.infer<typeof ZDuesPaymentInput>;
export const ZDuesPayment = z.object({ id: ZId, receiptNo: z.string(), memberId: ZId, memberName: z.string(), months: z.array(z.string()), amountFen: z.number().int(), dueFen: z.number().int(), method: z.enum(PAYMENT_METHODS), collector: z.string(), paidOn: z.string() });
export type DuesPayment = z.infer<typeof ZDuesPayment>;

export const ARREARS_LEVELS = ['none', 'yellow', 'red'] as const;
export const ZDuesLedgerRow = z.object({
  memberId: ZId,
  name: z.string(),
  orgName: z.string(),
  category: z.enum(DUES_CATEGORIES).nullable(),
  baseFen: z.number().int().nullable(),
  reduction: z.object({ reducedFen: z.number().int(), status: z.enum(['pending', 'approved', 'rejected']), reason: z.string().nullable(), baseId: ZId, version: z.number().int() }).nullable(),
  dueFen: z.number().int(),
  paid: z.boolean(),
  paidOn: z.string().nullable(),
  streak: z.number().int(),
  level: z.enum(ARREARS_LEVELS),
  unpaidFen: z.number().int(),
  paidThrough: z.string().nullable(),
});
export type DuesLedgerRow = z.infer<typeof ZDuesLedgerRow>;
export const ZDuesLedgerQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth.optional(), level: z.enum(ARREARS_LEVELS).optional() });
export const ZDuesLedger = zList(ZDuesLedgerRow).extend({ month: z.string(), dueFen: z.number().int(), paidFen: z.number().int() });
export type DuesLedger = z.infer<typeof ZDuesLedger>;

export const ZCollectionRow = z.object({ orgId: ZId, orgName: z.string(), members: z.number().int(), due: z.number().int(), paid: z.number().int(), ratePermille: z.number().int().nullable(), yellow: z.number().int(), red: z.number().int() });
export const ZCollectionRates = z.object({ month: z.string(), total: ZCollectionRow.omit({ orgId: true, orgName: true }), items: z.array(ZCollectionRow) });
export type CollectionRates = z.infer<typeof ZCollectionRates>;

export const ZMyDues = z.object({
  year: z.number().int(),
  category: z.enum(DUES_CATEGORIES).nullable(),
  baseFen: z.number().int().nullable(),
  monthlyFen: z.number().int(),
  months: z.array(z.object({ month: z.string(), dueFen: z.number().int(), due: z.boolean(), paid: z.boolean() })),
  unpaidFen: z.number().int(),
  streak: z.number().int(),
  level: z.enum(ARREARS_LEVELS),
  payments: z.array(ZDuesPayment),
});
export type MyDues = z.infer<typeof ZMyDues>;

// ---- stars ----
export const ZStarCompute = z.object({ month: ZYearMonth, orgId: ZId.optional() });
export const ZStarComputeResult = z.object({ month: z.string(), members: z.number().int(), settingsVersion: z.number().int(), seconds: z.number() });
export const ADJUSTMENT_KINDS = ['deduction', 'excellence', 'adjustment'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_KIND_LABELS: Record<AdjustmentKind, string> = { deduction: '违规扣分（遵规守纪）', excellence: '岗位争先 / 党员示范岗', adjustment: '人工调整' };
export const ZPointAdjustmentInput = z
  .object({
    memberId: ZId,
    month: ZYearMonth,
    kind: z.enum(ADJUSTMENT_KINDS),
    /** Deductions: points taken off (positive); adjustments: signed; excellence: ignored (the weight applies). */
    points: zInt(-100, 100, '分值'),
    reason: text('原因', 2, 200),
  })
  .refine((a) => a.kind !== 'deduction' || a.points > 0, { message: '扣分分值须大于0', path: ['points'] })
  .refine((a) => a.kind !== 'adjustment' || a.points !== 0, { message: '调整分值不能为0', path: ['points'] });
export type PointAdjustmentInput = z.infer<typeof ZPointAdjustmentInput>;

export const ZMonthCell = z.object({ month: z.string(), points: z.number().int(), stars: z.number().int(), attended: z.boolean(), paid: z.boolean(), reportAccepted: z.boolean() });
export type MonthCell = z.infer<typeof ZMonthCell>;
export const ZWallRow = z.object({
  memberId: ZId,
  name: z.string(),
  scheme: z.enum(STAR_SCHEMES),
  months: z.array(ZMonthCell),
  totalStars: z.number().int(),
  averagePoints: z.number(),
  tier: z.enum(MEMBER_TIERS).nullable(),
});
export type WallRow = z.infer<typeof ZWallRow>;
export const ZWallChart = z.object({ orgId: ZId, orgName: z.string(), year: z.number().int(), months: z.array(z.string()), inService: z.array(ZWallRow), mobile: z.array(ZWallRow), updatedAt: z.string().nullable() });
export type WallChart = z.infer<typeof ZWallChart>;
export const ZWallQuery = z.object({ orgId: ZId.optional(), year: zQueryYear(2000, 2100).optional() });

export const ZMyStarMonth = ZMonthCell.extend({ items: z.array(z.object({ criterion: z.string(), points: z.number().int(), max: z.number().int() })), adjustment: z.number().int() });
export const ZMyStars = z.object({
  year: z.number().int(),
  scheme: z.enum(STAR_SCHEMES),
  months: z.array(ZMyStarMonth),
  totalStars: z.number().int(),
  averagePoints: z.number(),
  tier: z.enum(MEMBER_TIERS).nullable(),
  adjustments: z.array(z.object({ month: z.string(), kind: z.enum(ADJUSTMENT_KINDS), points: z.number().int(), reason: z.string() })),
});
export type MyStars = z.infer<typeof ZMyStars>;

// ---- situation reports ----
export const REPORT_STATUSES = ['submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = { submitted: '待审阅', accepted: '已认可', returned: '已退回' };
/** Photos are optional, at most 6, uploaded first through /api/files. */
export const MAX_REPORT_PHOTOS = 6;
export const ZReportSubmit = z.object({
  month: ZYearMonth,
  content: text('汇报内容', 10, 2000),
  location: text('所在地', 2, 100),
  photoFileIds: z.array(ZId).max(MAX_REPORT_PHOTOS, { message: `照片最多${MAX_REPORT_PHOTOS}张` }).default([]),
});
export type ReportSubmit = z.infer<typeof ZReportSubmit>;
export const ZReport = z.object({
  id: ZId,
  memberId: ZId,
  memberName: z.string(),
  orgName: z.string(),
  month: z.string(),
  content: z.string(),
  location: z.string(),
  status: z.enum(REPORT_STATUSES),
  reviewNote: z.string().nullable(),
  submittedAt: z.string(),
  photos: z.array(ZStoredFile),
  version: z.number().int(),
});
export type Report = z.infer<typeof ZReport>;
export const ZReportList = zList(ZReport);
export const ZReportListQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth.optional(), status: z.enum(REPORT_STATUSES).optional() });
export const ZReportReview = z.object({ accept: z.boolean(), note: zOptionalText('审阅意见', 200), version: ZVersion });
/** Mobile members without a report for the month: a page of them and the true total (a county has over a thousand). */
export const ZMissingReportsQuery = ZPageQuery.extend({ month: ZYearMonth.optional(), orgId: ZId.optional() });
export type MissingReportsQuery = z.infer<typeof ZMissingReportsQuery>;
export const ZMissingReport = z.object({ memberId: ZId, name: z.string(), orgName: z.string(), mobileDestination: z.string().nullable() });
export type MissingReport = z.infer<typeof ZMissingReport>;
export const ZMissingReports = zList(ZMissingReport).extend({ month: z.string() });
export type MissingReports = z.infer<typeof ZMissingReports>;

// ---- the member's home page ----
export const ZMyOverview = z.object({
  name: z.string(),
  orgName: z.string(),
  scheme: z.enum(STAR_SCHEMES),
  joinDate: z.string(),
  partyYears: z.number().int(),
  nextPartyBirthday: z.string(),
  daysToPartyBirthday: z.number().int(),
  notices: z.array(z.object({ kind: z.string(), text: z.string() })),
});
export type MyOverview = z.infer<typeof ZMyOverview>;

// ---- community check-in (双报到) ----
export const ZCommunityRegistrationInput = z.object({
  /** The residential community's party org, when it is in the county's tree. */
  communityOrgId: ZId.nullish().transform((v) => v ?? null),
  communityName: text('社区名称', 2, 100),
});
/** A community party org in the county a member can register with (the community confirms their service). */
export const ZCommunityOption = z.object({ id: ZId, name: z.string() });
export type CommunityOption = z.infer<typeof ZCommunityOption>;
/** The community orgs matching a typed name, a page at a time with the true total (the picker says when to type more). */
export const ZCommunityOptions = zList(ZCommunityOption);
export type CommunityOptions = z.infer<typeof ZCommunityOptions>;
export const ZCommunityOptionQuery = ZPageQuery.extend({ q: zQueryText(50).optional() });
export type CommunityOptionQuery = z.infer<typeof ZCommunityOptionQuery>;
export const ZCommunityServiceInput = z.object({
  servedOn: ZIsoDate,
  content: text('服务内容', 2, 500),
  /** Hours in tenths (15 = 1.5 hours). */
  hoursTenths: zInt(1, 240, '服务时长'),
});
export const COMMUNITY_SERVICE_STATUSES = ['submitted', 'confirmed', 'rejected'] as const;
export const COMMUNITY_SERVICE_STATUS_LABELS: Record<(typeof COMMUNITY_SERVICE_STATUSES)[number], string> = { submitted: '待社区确认', confirmed: '社区已确认', rejected: '社区未确认' };
export const ZCommunityService = z.object({
  id: ZId,
  memberId: ZId,
  memberName: z.string(),
  communityName: z.string(),
  month: z.string(),
  servedOn: z.string(),
  content: z.string(),
  hoursTenths: z.number().int(),
  status: z.enum(COMMUNITY_SERVICE_STATUSES),
  version: z.number().int(),
});
export type CommunityService = z.infer<typeof ZCommunityService>;
export const ZMyCommunity = z.object({
  registration: z.object({ communityName: z.string(), communityOrgId: ZId.nullable(), registeredOn: z.string() }).nullable(),
  services: z.array(ZCommunityService),
});
export type MyCommunity = z.infer<typeof ZMyCommunity>;
export const ZCommunityServiceList = zList(ZCommunityService);
export const ZCommunityServiceQuery = ZPageQuery.extend({ status: z.enum(COMMUNITY_SERVICE_STATUSES).optional() });
export const ZCommunityConfirm = z.object({ confirm: z.boolean(), version: ZVersion });

/** A printable receipt of one dues payment (收据): the payment, the member's branch, the amount in capitals. */
export const ZDuesReceipt = ZDuesPayment.extend({ orgName: z.string(), amountInWords: z.string(), recordedAt: z.string(), countyName: z.string() });
export type DuesReceipt = z.infer<typeof ZDuesReceipt>;

/** A dues arrears warning raised by the monthly close; a red flag is handled by the branch with a note. */
export const ZArrearsWarning = z.object({
  id: ZId,
  memberId: ZId,
  name: z.string(),
  orgName: z.string(),
  month: z.string(),
  level: z.enum(['yellow', 'red']),
  streak: z.number().int(),
  raisedAt: z.string(),
  handledAt: z.string().nullable(),
  handlingNote: z.string().nullable(),
  version: z.number().int(),
});
export type ArrearsWarning = z.infer<typeof ZArrearsWarning>;
export const ZArrearsWarningList = zList(ZArrearsWarning);
export const ZArrearsWarningQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth.optional(), open: z.enum(['true', 'false']).optional() });
export const ZArrearsHandle = z.object({ note: zStr().trim().min(2, { message: '请填写处置情况（至少2个字）' }).max(300, { message: '处置情况不能超过300字' }), version: ZVersion });
