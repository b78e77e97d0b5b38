// Request and response shapes of /api/publicity.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zInt, zList, zQueryInt, zQueryText, zStr, zText, zOptionalText } from '../core/schemas';
import { PUBLICITY_LEVELS, PUBLICITY_STATUSES } from './rules';

export const ZPublicityLevel = z.enum(PUBLICITY_LEVELS, { error: '采用级别应为县级平台、市级、省级或国家级媒体' });
export const ZPublicityStatus = z.enum(PUBLICITY_STATUSES);

export const ZPriorityInput = z.object({
  month: ZYearMonth,
  title: zText('宣传重点', 2, 80),
  direction: zText('宣传方向', 2, 1000),
});
export type PriorityInput = z.infer<typeof ZPriorityInput>;
export const ZPriority = z.object({ id: ZId, month: z.string(), title: z.string(), direction: z.string(), issuedByName: z.string(), issuedAt: z.string(), items: z.number().int() });
export type Priority = z.infer<typeof ZPriority>;
export const ZPriorityQuery = ZPageQuery.extend({ month: ZYearMonth.optional() });
export const ZPriorityPage = zList(ZPriority);

/** Up to 200,000 characters of HTML (inline images included) before sanitizing. */
export const ZRichText = zStr({ error: '请填写正文' }).max(200_000, { message: '正文不能超过20万个字符（图片请压缩后插入）' });
export const ZAuthorInput = z.object({ memberId: ZId, share: zInt(1, 100, '作者分成') });
export const ZPublicityDraft = z.object({
  orgId: ZId,
  priorityId: ZId.nullish().transform((v) => v ?? null),
  title: zText('稿件标题', 4, 100),
  body: ZRichText,
  authors: z.array(ZAuthorInput).min(1, { message: '请至少填写一位作者' }).max(10, { message: '作者不能超过10位' }),
});
export type PublicityDraft = z.infer<typeof ZPublicityDraft>;
export const ZPublicityUpdate = ZPublicityDraft.extend({ version: ZVersion });
export type PublicityUpdate = z.infer<typeof ZPublicityUpdate>;

export const ZSignOff = z
  .object({ decision: z.enum(['approve', 'return'], { error: '审签意见应为通过或退回' }), comment: zOptionalText('审签意见', 500), version: ZVersion })
  .refine((v) => v.decision === 'approve' || !!v.comment, { message: '退回时请填写修改意见', path: ['comment'] });
export type SignOff = z.infer<typeof ZSignOff>;

const ZLink = zStr()
  .trim()
  .max(500, { message: '链接不能超过500个字符' })
  .refine((s) => s === '' || /^https?:\/\/[^\s]+$/i.test(s), { message: '链接应以 http:// 或 https:// 开头' })
  .nullish()
  .transform((v) => v || null);
export const ZAdopt = z.object({ level: ZPublicityLevel, outlet: zOptionalText('刊发平台', 100), link: ZLink, fileId: ZId.nullish().transform((v) => v ?? null), version: ZVersion });
export type Adopt = z.infer<typeof ZAdopt>;
export const ZRaise = ZAdopt.refine((v) => !!v.link || !!v.fileId, { message: '提升采用级别须附上刊发链接或扫描件', path: ['link'] });
export const ZDecline = z.object({ reason: zText('不予采用的理由', 2, 500), version: ZVersion });
export type Decline = z.infer<typeof ZDecline>;

export const ZPublicityAuthor = z.object({ memberId: ZId, name: z.string(), share: z.number().int(), centi: z.number().int() });
export const ZPublicityAdoption = z.object({ level: ZPublicityLevel, points: z.number(), tableVersion: z.number().int(), outlet: z.string().nullable(), link: z.string().nullable(), fileId: z.string().nullable(), byName: z.string(), at: z.string() });
export const ZPublicityEvent = z.object({ action: z.string(), byName: z.string(), at: z.string(), comment: z.string().nullable() });

export const ZPublicityItem = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  month: z.string(),
  title: z.string(),
  status: ZPublicityStatus,
  priorityTitle: z.string().nullable(),
  writerName: z.string(),
  authorNames: z.string(),
  signedByName: z.string().nullable(),
  level: ZPublicityLevel.nullable(),
  centi: z.number().int(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PublicityItem = z.infer<typeof ZPublicityItem>;
export const ZPublicityDetail = ZPublicityItem.extend({
  priorityId: ZId.nullable(),
  body: z.string(),
  authors: z.array(ZPublicityAuthor),
  adoptions: z.array(ZPublicityAdoption),
  history: z.array(ZPublicityEvent),
  declineReason: z.string().nullable(),
  returnComment: z.string().nullable(),
  can: z.object({ edit: z.boolean(), signOff: z.boolean(), adopt: z.boolean(), raise: z.boolean() }),
});
export type PublicityDetail = z.infer<typeof ZPublicityDetail>;
export const ZPublicityView = z.enum(['mine', 'signOff', 'county', 'all']);
export const ZPublicityQuery = ZPageQuery.extend({
  view: ZPublicityView.default('all'),
  status: ZPublicityStatus.optional(),
  month: ZYearMonth.optional(),
  orgId: ZId.optional(),
  q: zQueryText().optional(),
});
export type PublicityQuery = z.infer<typeof ZPublicityQuery>;
export const ZPublicityPage = zList(ZPublicityItem);

export const ZLevelTable = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  points: z.record(ZPublicityLevel, z.number()),
  thresholds: z.object({ praiseUnits: z.number().int(), praisePeople: z.number().int(), minUnitPoints: z.number() }),
  dutyEvidenceOn: z.enum(['adopted', 'signed']),
});
export type LevelTableView = z.infer<typeof ZLevelTable>;
const zPoints = (label: string) => z.number({ error: `请填写${label}分值` }).min(0, { message: `${label}分值不能小于0` }).max(1000, { message: `${label}分值不能大于1000` });
export const ZLevelTableInput = z.object({
  effectiveFrom: ZIsoDate,
  points: z.object({ county: zPoints('县级平台'), city: zPoints('市级媒体'), province: zPoints('省级媒体'), national: zPoints('国家级媒体') }),
  thresholds: z.object({ praiseUnits: zInt(0, 100, '表扬单位数'), praisePeople: zInt(0, 100, '表扬个人数'), minUnitPoints: z.number().min(0, { message: '单位季度最低分不能小于0' }).max(1000, { message: '单位季度最低分不能大于1000' }) }),
  dutyEvidenceOn: z.enum(['adopted', 'signed'], { error: '履职佐证时点应为采用或审签' }),
});
export type LevelTableInput = z.infer<typeof ZLevelTableInput>;

export const ZRankingKind = z.enum(['unit', 'person']);
export const ZRankingQuery = ZPageQuery.extend({
  kind: ZRankingKind.default('unit'),
  month: ZYearMonth.optional(),
  year: zQueryInt(1900, 2100, '年度').optional(),
  quarter: zQueryInt(1, 4, '季度').optional(),
});
export type RankingQuery = z.infer<typeof ZRankingQuery>;
export const ZRankingRow = z.object({ rank: z.number().int(), id: ZId, name: z.string(), orgName: z.string(), items: z.number().int(), centi: z.number().int(), points: z.number() });
export type RankingRow = z.infer<typeof ZRankingRow>;
export const ZRankingPage = zList(ZRankingRow).extend({ period: z.string(), kind: ZRankingKind });
export type RankingPage = z.infer<typeof ZRankingPage>;
export type PriorityPage = z.infer<typeof ZPriorityPage>;
export type PublicityPage = z.infer<typeof ZPublicityPage>;
