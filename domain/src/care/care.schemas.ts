// Input and output schemas of care (pairings, visits, warnings, dashboard) and relationship transfers.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zInt, zList, zOptionalText, zText } from '../core/schemas';
import { MAX_LETTER_VALIDITY_MONTHS } from './care-rules';

export const CARE_KINDS = ['hardship', 'elderly'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
export const CARE_KIND_LABELS: Record<CareKind, string> = { hardship: '困难党员结对帮扶', elderly: '老党员、体弱党员包联' };

/** 两定三送五必访: a regular visit, a delivery (三送) or a must-visit occasion (五必访). */
export const VISIT_KINDS = ['visit', 'delivery', 'mustVisit'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];
export const VISIT_KIND_LABELS: Record<VisitKind, string> = { visit: '定期走访', delivery: '三送', mustVisit: '五必访' };
/** The county's lists (the seed names 送温暖/送学上门 and 重大节日慰问、重大疾病探望、重大灾害事件援助; the county completes them). */
export const VISIT_OCCASIONS: Record<VisitKind, readonly string[]> = {
  visit: ['定期服务关怀', '上门走访', '电话视频联系'],
  delivery: ['送温暖', '送学上门', '送政策'],
  mustVisit: ['重大节日慰问', '重大疾病探望', '重大灾害事件援助', '生活特别困难', '家庭发生重大变故'],
};

const ZVisitKind = z.enum(VISIT_KINDS, { error: '请选择走访类别（定期走访、三送或五必访）' });

export const ZPairingCreate = z.object({
  kind: z.enum(CARE_KINDS, { error: '请选择帮扶类别' }),
  memberId: ZId,
  helperMemberId: ZId,
  needs: zText('帮扶需求', 0, 500).default(''),
  startedOn: ZIsoDate,
});
export type PairingCreate = z.infer<typeof ZPairingCreate>;
export const ZPairingEnd = z.object({ endedOn: ZIsoDate, reason: zText('退出原因', 2, 200), version: ZVersion });

export const ZVisitCreate = z
  .object({
    visitedOn: ZIsoDate,
    kind: ZVisitKind,
    occasion: zText('走访事由', 2, 40),
    content: zText('走访内容', 2, 1000),
    assistance: zText('帮办事项', 0, 500).default(''),
  })
  .refine((v) => VISIT_OCCASIONS[v.kind].includes(v.occasion), { message: '走访事由须从本县清单中选择', path: ['occasion'] });
export type VisitCreate = z.infer<typeof ZVisitCreate>;
export const ZMyVisitCreate = z.intersection(z.object({ pairingId: ZId }), ZVisitCreate);

export const RHYTHM_STATUSES = ['ok', 'dueSoon', 'overdue', 'ended'] as const;
export const RHYTHM_STATUS_LABELS: Record<(typeof RHYTHM_STATUSES)[number], string> = { ok: '正常', dueSoon: '近期应访', overdue: '逾期未访', ended: '已退出' };

export const ZPairing = z.object({
  id: ZId,
  kind: z.enum(CARE_KINDS),
  memberId: ZId,
  memberName: z.string(),
  helperMemberId: ZId,
  helperName: z.string(),
  needs: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  lastVisitOn: z.string().nullable(),
  nextDue: z.string().nullable(),
  status: z.enum(RHYTHM_STATUSES),
  version: z.number().int(),
});
export type Pairing = z.infer<typeof ZPairing>;
export const ZPairingList = zList(ZPairing);
export const ZPairingListQuery = ZPageQuery.extend({
  orgId: ZId.optional(),
  kind: z.enum(CARE_KINDS).optional(),
  active: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type PairingListQuery = z.infer<typeof ZPairingListQuery>;

export const ZVisit = z.object({
  id: ZId,
  pairingId: ZId,
  memberId: ZId,
  visitedOn: z.string(),
  kind: z.enum(VISIT_KINDS),
  occasion: z.string(),
  content: z.string(),
  assistance: z.string(),
  visitorName: z.string(),
});
export type Visit = z.infer<typeof ZVisit>;
export const ZVisitList = zList(ZVisit);
export const ZPairingDetail = ZPairing.extend({ visits: z.array(ZVisit) });
export type PairingDetail = z.infer<typeof ZPairingDetail>;
export const ZPairingDetailList = zList(ZPairingDetail);

export const ZCareWarning = z.object({ id: ZId, kind: z.string(), memberId: ZId, memberName: z.string(), period: z.string(), raisedAt: z.string() });
export const ZCareWarningList = zList(ZCareWarning);
export const ZCareWarningQuery = ZPageQuery.extend({ orgId: ZId.optional(), period: z.string().regex(/^\d{4}-Q[1-4]$/, { message: '季度格式应为 YYYY-Qn' }).optional() });

export const ZCareDashboard = z.object({
  quarter: z.string(),
  hardship: z.object({ active: z.number().int(), visitedThisQuarter: z.number().int(), overdue: z.number().int(), dueSoon: z.number().int() }),
  elderly: z.object({ active: z.number().int(), visitedThisQuarter: z.number().int(), coveragePermille: z.number().int().nullable() }),
  visitsByMonth: z.array(z.object({ month: z.string(), visits: z.number().int() })),
  transfers: z.object({ openOut: z.number().int(), receiptOverdue: z.number().int(), openIn: z.number().int() }),
  warningsLastQuarter: z.number().int(),
  /** Mobile members of the scope, those with a ledger contact this quarter, not contacted for N months, and 失联. */
  mobile: z.object({ total: z.number().int(), contactedThisQuarter: z.number().int(), notContacted: z.number().int(), lost: z.number().int() }),
});
export type CareDashboard = z.infer<typeof ZCareDashboard>;

// ---- transfers ----
export const TRANSFER_STATUS_LABELS = { open: '在途（待回执）', received: '回执已退回', voided: '已作废（已补开）', arrived: '已报到入册', cancelled: '已撤销' } as const;
export const TRANSFER_DIRECTION_LABELS = { out: '转出县外', in: '从县外转入' } as const;

export const ZTransferOutCreate = z.object({
  memberId: ZId,
  counterpart: zText('接收党组织', 2, 100),
  reason: zText('转接原因', 2, 200),
  duesPaidTo: ZYearMonth,
  issuedOn: ZIsoDate,
  validityMonths: zInt(1, MAX_LETTER_VALIDITY_MONTHS, '有效期（月）').default(MAX_LETTER_VALIDITY_MONTHS),
});
export type TransferOutCreate = z.infer<typeof ZTransferOutCreate>;
export const ZTransferInCreate = z.object({
  orgId: ZId,
  memberName: zText('党员姓名', 2, 30),
  counterpart: zText('转出党组织', 2, 100),
  letterNo: zText('介绍信编号', 2, 40),
  issuedOn: ZIsoDate,
  validUntil: ZIsoDate,
  duesPaidTo: ZYearMonth,
  reason: zText('转接原因', 2, 200),
});
export type TransferInCreate = z.infer<typeof ZTransferInCreate>;
export const ZTransferReceipt = z.object({ receiptOn: ZIsoDate, note: zOptionalText('回执说明', 200), version: ZVersion });
export const ZTransferReissue = z.object({ reason: zText('补开原因', 2, 200), issuedOn: ZIsoDate, version: ZVersion });
export const ZTransferArrive = z.object({ arrivedOn: ZIsoDate, memberId: ZId, version: ZVersion });

export const ZTransfer = z.object({
  id: ZId,
  direction: z.enum(['out', 'in']),
  status: z.enum(['open', 'received', 'voided', 'arrived', 'cancelled']),
  memberId: ZId.nullable(),
  memberName: z.string(),
  orgId: ZId,
  counterpart: z.string(),
  letterNo: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  receiptDueBy: z.string().nullable(),
  receiptOverdue: z.boolean(),
  duesPaidTo: z.string(),
  reason: z.string(),
  receiptOn: z.string().nullable(),
  arrivedOn: z.string().nullable(),
  voidReason: z.string().nullable(),
  reissueOf: ZId.nullable(),
  version: z.number().int(),
});
export type Transfer = z.infer<typeof ZTransfer>;
export const ZTransferList = zList(ZTransfer);
export const ZTransferListQuery = ZPageQuery.extend({
  orgId: ZId.optional(),
  direction: z.enum(['out', 'in']).optional(),
  status: z.enum(['open', 'received', 'voided', 'arrived', 'cancelled']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
});
export type TransferListQuery = z.infer<typeof ZTransferListQuery>;

// ---- political birthdays ----
export const ZPoliticalBirthdayQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth });
export const ZPoliticalBirthday = z.object({ memberId: ZId, name: z.string(), orgId: ZId, orgName: z.string(), joinDate: z.string(), date: z.string(), years: z.number().int() });
export type PoliticalBirthday = z.infer<typeof ZPoliticalBirthday>;
export const ZPoliticalBirthdayList = zList(ZPoliticalBirthday);
export const ZPoliticalBirthdayExportQuery = z.object({ orgId: ZId.optional(), month: ZYearMonth });
/** The celebration of a branch's political birthdays in a month (a topic of that month's theme day). */
export const ZBirthdayCelebrationCreate = z.object({ orgId: ZId, month: ZYearMonth, celebratedOn: ZIsoDate, content: zText('庆祝活动内容', 2, 500) });
export const ZBirthdayCelebration = z.object({ id: ZId, orgId: ZId, orgName: z.string(), month: z.string(), celebratedOn: z.string(), content: z.string(), members: z.number().int(), recordedByName: z.string() });
export type BirthdayCelebration = z.infer<typeof ZBirthdayCelebration>;
export const ZBirthdayCelebrationList = zList(ZBirthdayCelebration);
export const ZBirthdayCelebrationQuery = ZPageQuery.extend({ orgId: ZId.optional(), month: ZYearMonth });
/** The theme day's political-birthday topic (主题党日必选题), as the theme-day plan shows it. */
export const ZBirthdayTopic = z.object({ required: z.boolean(), members: z.number().int(), celebratedOn: z.string().nullable(), done: z.boolean() });
export type BirthdayTopic = z.infer<typeof ZBirthdayTopic>;
export const ZCareBirthdaySetting = z.object({ birthdayRequiredTopic: z.boolean({ error: '请选择是否将政治生日列为主题党日必选题' }) });
export const ZCareSettingsView = z.object({ visitRhythmMonths: z.number().int(), visitDueSoonDays: z.number().int(), mobileContactMonths: z.number().int(), mobileLostMonths: z.number().int(), letterValidityMonths: z.number().int(), receiptMonths: z.number().int(), birthdayRequiredTopic: z.boolean() });

// ---- mobile members' contact ledger (流动党员联络台账) ----
export const CONTACT_CHANNELS = ['phone', 'wechat', 'visit', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = { phone: '电话', wechat: '微信', visit: '走访', other: '其他' };
export const CONTACT_STATUS_LABELS = { ok: '正常联系', notContacted: '未按期联系', lost: '失联' } as const;

export const ZMobileContactCreate = z.object({
  contactedOn: ZIsoDate,
  channel: z.enum(CONTACT_CHANNELS, { error: '请选择联系方式（电话、微信、走访或其他）' }),
  learned: zText('了解到的情况', 2, 1000),
});
export type MobileContactCreate = z.infer<typeof ZMobileContactCreate>;
/** The branch's contact person (联系人) of a mobile member: a member of the branch's scope. */
export const ZMobileContactPerson = z.object({ contactPersonMemberId: ZId });
/** The steps the branch took to find a member flagged 失联 (查找措施). */
export const ZMobileLostSteps = z.object({ steps: zText('查找措施', 4, 1000) });

export const ZMobileContact = z.object({ id: ZId, memberId: ZId, contactedOn: z.string(), channel: z.enum(CONTACT_CHANNELS), learned: z.string(), contactedByName: z.string() });
export type MobileContact = z.infer<typeof ZMobileContact>;
export const ZMobileLedgerRow = z.object({
  memberId: ZId,
  name: z.string(),
  orgName: z.string(),
  destination: z.string().nullable(),
  mobileSince: z.string().nullable(),
  contactPersonName: z.string().nullable(),
  lastContactOn: z.string().nullable(),
  status: z.enum(['ok', 'notContacted', 'lost']),
  warnFrom: z.string().nullable(),
  lostFrom: z.string().nullable(),
  lostSteps: z.string().nullable(),
});
export type MobileLedgerRow = z.infer<typeof ZMobileLedgerRow>;
export const ZMobileLedgerList = zList(ZMobileLedgerRow);
export const ZMobileLedgerQuery = ZPageQuery.extend({ orgId: ZId.optional(), overdue: z.enum(['true', 'false']).optional() });
export const ZMobileLedgerReport = z.object({ id: ZId, month: z.string(), location: z.string().nullable(), content: z.string(), status: z.string() });
export const ZMobileLedgerDetail = ZMobileLedgerRow.extend({ contacts: z.array(ZMobileContact), reports: z.array(ZMobileLedgerReport) });
export type MobileLedgerDetail = z.infer<typeof ZMobileLedgerDetail>;
