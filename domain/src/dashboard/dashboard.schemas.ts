// The home dashboard: totals and structure breakdowns of the members and orgs inside one org's subtree.
import { z } from 'zod';
import { ZId } from '../core/schemas';

export const ZDashboardQuery = z.object({ orgId: ZId.optional() });

const ZBucket = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type DashboardBucket = z.infer<typeof ZBucket>;

export const ZDashboardSummary = z.object({
  orgId: ZId,
  orgName: z.string(),
  /** The China date the ages were computed at. */
  asOf: z.string(),
  totals: z.object({
    members: z.number().int(),
    full: z.number().int(),
    probationary: z.number().int(),
    orgs: z.number().int(),
    branches: z.number().int(),
    female: z.number().int(),
    /** 35岁及以下 */
    under35: z.number().int(),
    /** 大专及以上 */
    collegeEducated: z.number().int(),
  }),
  byCategory: z.array(ZBucket),
  byStatus: z.array(ZBucket),
  byGender: z.array(ZBucket),
  byEducation: z.array(ZBucket),
  byAgeBand: z.array(ZBucket),
  bySector: z.array(ZBucket),
  orgsByType: z.array(ZBucket),
  joinsByYear: z.array(z.object({ year: z.number().int(), count: z.number().int() })),
});
export type DashboardSummary = z.infer<typeof ZDashboardSummary>;
