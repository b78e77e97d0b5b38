// Inputs and outputs of the staff ratings (职工评议): codes issued for an assignment and year, the public rating page
// (/api/staff-rating/*, no login), the aggregates, the county's items (zod, Chinese messages).
import { z } from 'zod';
import { ZId, ZPageQuery, zInt, zList, zStr } from '../core/schemas';
import { STAFF_RATING_LEVELS, STAFF_RATING_MAX_CODES } from './staff-rating';

const zYearQuery = z.coerce.number({ error: '年度应为数字' }).int('年度应为整数').min(2000, '年度不能早于2000').max(2100, '年度不能晚于2100');

export const ZRatingCodesIssue = z.object({
  year: zInt(2000, 2100, '评议年度'),
  count: zInt(1, STAFF_RATING_MAX_CODES, '评议码数量'),
  validityDays: zInt(1, 90, '有效天数').optional(),
});
export type RatingCodesIssue = z.infer<typeof ZRatingCodesIssue>;
export const ZRatingCodesIssued = z.object({
  batchId: z.string(),
  instructorName: z.string(),
  enterpriseName: z.string(),
  year: z.number().int(),
  items: z.array(z.string()),
  expiresAt: z.string(),
  /** The codes as printed (ABCDE-FGHJK): shown this once, stored only as keyed hashes. */
  codes: z.array(z.string()),
});
export type RatingCodesIssued = z.infer<typeof ZRatingCodesIssued>;

export const ZRatingBatch = z.object({
  id: z.string(),
  instructorId: z.string(),
  instructorName: z.string(),
  enterpriseName: z.string(),
  year: z.number().int(),
  issued: z.number().int(),
  used: z.number().int(),
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type RatingBatch = z.infer<typeof ZRatingBatch>;
export const ZRatingBatchList = zList(ZRatingBatch);
export const ZRatingBatchListQuery = ZPageQuery.extend({ year: zYearQuery, instructorId: ZId.optional() });

export const ZStaffRatingItemTally = z.object({ item: z.string(), satisfied: z.number().int(), basic: z.number().int(), unsatisfied: z.number().int() });
export const ZStaffRatingSummary = z.object({
  instructorId: z.string(),
  name: z.string(),
  year: z.number().int(),
  votes: z.number().int(),
  minVotes: z.number().int(),
  visible: z.boolean(),
  /** Mean of the votes, one decimal (null below the minimum). */
  score: z.number().nullable(),
  componentScore: z.number().int().nullable(),
  /** Per item, how many answered each level (empty below the minimum). */
  items: z.array(ZStaffRatingItemTally),
});
export type StaffRatingSummary = z.infer<typeof ZStaffRatingSummary>;
/** The year (default: this year in China time). */
export const ZStaffRatingQuery = z.object({ year: zYearQuery.optional() });

export const ZStaffRatingSettingsInput = z.object({
  items: z.array(zStr({ error: '评议项目应为文字' }).trim(), { error: '请填写评议项目' }).min(1, '请填写评议项目').max(20, '评议项目过多'),
  validityDays: zInt(1, 90, '评议码有效天数'),
});
export const ZStaffRatingSettingsView = z.object({ items: z.array(z.string()), validityDays: z.number().int(), version: z.number().int(), custom: z.boolean() });
export type StaffRatingSettingsView = z.infer<typeof ZStaffRatingSettingsView>;

// ---- the public page ----
export const ZRatingCodeInput = z.object({ code: zStr({ error: '请输入评议码' }).trim().min(1, '请输入评议码').max(40, '评议码不正确') });
export const ZRatingForm = z.object({ instructorName: z.string(), enterpriseName: z.string(), year: z.number().int(), items: z.array(z.string()), expiresAt: z.string() });
export type RatingForm = z.infer<typeof ZRatingForm>;
export const ZRatingVote = ZRatingCodeInput.extend({
  answers: z.array(z.enum(STAFF_RATING_LEVELS, { error: '评价应为满意、基本满意或不满意' }), { error: '请作出评价' }).min(1, '请作出评价').max(8, '评价项目过多'),
});
export type RatingVote = z.infer<typeof ZRatingVote>;
