// Which committees may approve admissions and conversions (审批权, 细则第二十四条): by default the county committee
// and the town/street committees (党（工）委) directly under it; a 党总支, a branch or a 基层党委 under a town committee
// may not. The county organization department can grant or withdraw the authority per committee (recorded with a
// reason), e.g. a large 两新 committee granted approval authority by the county committee.
import { z } from 'zod';
import { ZId, zStr } from '../core/schemas';

export type ApproverOrg = { type: string; depth: number };

/** The default authority of an org, before any county decision. */
export const defaultApprovalEntitled = (org: ApproverOrg): boolean => ['committee', 'workingCommittee'].includes(org.type) && org.depth <= 1;

/** Whether an org may approve: the county's recorded decision wins, otherwise the default. Only committees can hold it. */
export function approvalEntitled(org: ApproverOrg, granted: boolean | null | undefined): boolean {
  if (!['committee', 'workingCommittee'].includes(org.type)) return false;
  return granted ?? defaultApprovalEntitled(org);
}

export const ZApprovalAuthorityInput = z.object({
  orgId: ZId,
  /** true: granted; false: withdrawn; null: back to the default. */
  entitled: z.boolean().nullable(),
  reason: zStr({ error: '请填写依据或原因' }).trim().min(1, '请填写依据或原因').max(300),
});
export type ApprovalAuthorityInput = z.infer<typeof ZApprovalAuthorityInput>;

export const ZApprovalAuthority = z.object({
  orgId: ZId,
  orgName: z.string(),
  orgType: z.string(),
  depth: z.number().int(),
  defaultEntitled: z.boolean(),
  granted: z.boolean().nullable(),
  entitled: z.boolean(),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const ZApprovalAuthorityList = z.object({ items: z.array(ZApprovalAuthority) });
