// Plans and structure (控制总量、优化结构): annual quotas per committee, the structure of those admitted, and branches
// with no new member for three years (they lose points in the annual assessment).
import { z } from 'zod';
import { addYears, yearsBetween, type IsoDate } from '../calendar/dates';
import { ZId } from '../core/schemas';
import { COLLEGE_EDUCATIONS, FRONTLINE_OCCUPATIONS, type Education, type Occupation } from '../members/member-vocabulary';

export const ZQuotaInput = z.object({ orgId: ZId, year: z.number().int().min(2000).max(2100), quota: z.number({ error: '请填写计划数' }).int().min(0, '计划数不能为负数').max(100000) });
export type QuotaInput = z.infer<typeof ZQuotaInput>;
export const ZQuotaRow = z.object({ orgId: ZId, orgName: z.string(), year: z.number().int(), quota: z.number().int().nullable(), admitted: z.number().int(), exceeded: z.boolean() });
export const ZQuotaList = z.object({ year: z.number().int(), items: z.array(ZQuotaRow) });
export const ZYearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), orgId: ZId.optional() });

export const ZStructure = z.object({
  year: z.number().int(),
  admitted: z.number().int(),
  under35: z.number().int(),
  women: z.number().int(),
  frontline: z.number().int(),
  college: z.number().int(),
  shares: z.object({ under35: z.number(), women: z.number(), frontline: z.number(), college: z.number() }),
});
export type Structure = z.infer<typeof ZStructure>;

export const ZStaleOrgs = z.object({ since: z.string(), items: z.array(z.object({ orgId: ZId, orgName: z.string(), lastJoinDate: z.string().nullable() })) });

export const quotaExceeded = (quota: number | null, admitted: number): boolean => quota !== null && admitted > quota;

export type AdmittedPerson = { birthDate: IsoDate; admittedOn: IsoDate; gender: 'male' | 'female'; education: Education; occupation: Occupation };

const share = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 1000) / 10);

/** Structure of the people admitted in a year: under 35 at admission, women, frontline workers, college-educated. */
export function structureOf(year: number, people: readonly AdmittedPerson[]): Structure {
  const under35 = people.filter((p) => yearsBetween(p.birthDate, p.admittedOn) < 35).length;
  const women = people.filter((p) => p.gender === 'female').length;
  const frontline = people.filter((p) => FRONTLINE_OCCUPATIONS.includes(p.occupation)).length;
  const college = people.filter((p) => COLLEGE_EDUCATIONS.includes(p.education)).length;
  const n = people.length;
  return { year, admitted: n, under35, women, frontline, college, shares: { under35: share(under35, n), women: share(women, n), frontline: share(frontline, n), college: share(college, n) } };
}

/** The first day of the window: a branch whose last new member joined before it has had none for `years` years. */
export const staleSince = (today: IsoDate, years = 3): IsoDate => addYears(today, -years);
export const isStale = (lastJoinDate: IsoDate | null, today: IsoDate, years = 3): boolean => lastJoinDate === null || lastJoinDate < staleSince(today, years);

/** The pipeline's quota warning of a committee: over plan already, or over once the files awaiting approval are approved. */
export function quotaPipelineWarning(orgName: string, year: number, quota: number | null, admitted: number, pending: number): { exceeded: boolean; message: string } | null {
  if (quota === null) return null;
  if (admitted > quota) return { exceeded: true, message: `${orgName}${year}年发展党员计划${quota}名，已审批接收${admitted}名，超出计划${admitted - quota}名（控制总量）` };
  if (admitted + pending > quota) return { exceeded: false, message: `${orgName}${year}年发展党员计划${quota}名，已审批接收${admitted}名，另有${pending}人待审批，全部审批后将超出计划（控制总量）` };
  return null;
}
