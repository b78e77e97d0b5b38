// Zod schemas of the weak-organization rectification (软弱涣散党组织整顿), shared by the server and the web app.
import { z } from 'zod';
import { ZId, ZIsoDate, ZPageQuery, ZVersion, ZYearMonth, zList, zQueryInt, zText, zYear } from '../core/schemas';
import { WEAK_CRITERIA, WEAK_STATUSES } from './weak-orgs';

export const ZWeakCriterion = z.enum(WEAK_CRITERIA, { error: '软弱涣散认定标准不正确' });
export const ZWeakStatus = z.enum(WEAK_STATUSES, { error: '整顿状态不正确' });

export const ZWeakOrgQuery = ZPageQuery.extend({ year: zQueryInt(2000, 2100, '年度'), orgId: ZId.optional(), status: ZWeakStatus.optional() });
export type WeakOrgQuery = z.infer<typeof ZWeakOrgQuery>;
export const ZWeakCandidatesQuery = ZPageQuery.extend({ year: zQueryInt(2000, 2100, '年度'), orgId: ZId.optional() });
export type WeakCandidatesQuery = z.infer<typeof ZWeakCandidatesQuery>;

export const ZCriterionFound = z.object({ key: ZWeakCriterion, auto: z.boolean(), detail: z.string() });
export type CriterionFound = z.infer<typeof ZCriterionFound>;

export const ZWeakCandidate = z.object({ id: ZId, orgId: ZId, orgName: z.string(), townName: z.string(), criteria: z.array(ZCriterionFound), listed: z.boolean() });
export const ZWeakCandidatePage = zList(ZWeakCandidate).extend({ year: z.number().int(), asOf: z.string() });

/** Identification: the org and the criteria the town found (the ones the records show are added by the server). */
export const ZWeakIdentify = z.object({
  year: zYear(2000, 2100),
  orgId: ZId,
  criteria: z.array(z.object({ key: ZWeakCriterion, detail: zText('情况说明', 2, 300) })).max(15, { message: '认定标准最多 15 项' }),
});
export type WeakIdentify = z.infer<typeof ZWeakIdentify>;

/** 四个一: a county leader in contact, a working group, a rectification plan, a deadline. */
export const ZWeakPlan = z.object({
  leaderName: zText('联系县领导', 2, 40),
  workingGroup: zText('整顿工作组', 2, 200),
  plan: zText('整顿方案', 5, 2000),
  deadline: ZIsoDate,
  version: ZVersion,
});
export type WeakPlan = z.infer<typeof ZWeakPlan>;
export const ZWeakProgressInput = z.object({ month: ZYearMonth, note: zText('本月整顿进展', 5, 1000) });
export const ZWeakAccept = z.object({ note: zText('验收意见', 2, 500), version: ZVersion });
export const ZWeakRemove = z.object({ version: ZVersion });

export const ZWeakOrg = z.object({
  id: ZId,
  year: z.number().int(),
  orgId: ZId,
  orgName: z.string(),
  townName: z.string(),
  status: ZWeakStatus,
  criteria: z.array(ZCriterionFound),
  identifiedAt: z.string(),
  identifiedByName: z.string(),
  leaderName: z.string().nullable(),
  workingGroup: z.string().nullable(),
  plan: z.string().nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  acceptedAt: z.string().nullable(),
  acceptanceNote: z.string().nullable(),
  removedAt: z.string().nullable(),
  progressMonths: z.number().int(),
  version: z.number().int(),
});
export type WeakOrgView = z.infer<typeof ZWeakOrg>;
export const ZWeakOrgPage = zList(ZWeakOrg);
export const ZWeakOrgDetail = ZWeakOrg.extend({
  progress: z.array(z.object({ month: z.string(), note: z.string(), byName: z.string(), at: z.string() })),
  can: z.object({ plan: z.boolean(), progress: z.boolean(), accept: z.boolean(), remove: z.boolean() }),
});
export type WeakOrgDetail = z.infer<typeof ZWeakOrgDetail>;
export const ZWeakCounts = z.object({
  year: z.number().int(),
  items: z.array(z.object({ townId: ZId.nullable(), townName: z.string(), identified: z.number().int(), rectifying: z.number().int(), accepted: z.number().int(), removed: z.number().int() })),
});
export type WeakCounts = z.infer<typeof ZWeakCounts>;
