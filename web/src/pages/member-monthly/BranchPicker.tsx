// The branch (or org) a console page of theme days, dues, stars and reports looks at: the user's own org by default.
import type { OrgNode } from '@yanzhen/domain';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../members/org-tree';

export function useDefaultOrg(): string {
  return useCurrentUser().orgId;
}

const isBranch = (n: OrgNode) => n.type === 'branch';

// Half the screen at most, so a card's title beside it stays readable on a 360-px phone.
export function BranchPicker({ value, onChange, branchesOnly }: { value: string | undefined; onChange: (id: string | undefined) => void; branchesOnly?: boolean }) {
  return <OrgSelect value={value} onChange={onChange} selectable={branchesOnly ? isBranch : undefined} placeholder={branchesOnly ? '请选择党支部' : '请选择组织'} style={{ width: 'clamp(180px, 50vw, 360px)' }} id="org-picker" />;
}
