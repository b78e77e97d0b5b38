// The branch (or org) a console page of theme days, dues, stars and reports looks at: the user's own org by default.
import type { OrgNode } from '@yanzhen/domain';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../members/org-tree';

export function useDefaultOrg(): string {
  return useCurrentUser().orgId;
}

const isBranch = (n: OrgNode) => n.type === 'branch';

export function BranchPicker({ value, onChange, branchesOnly }: { value: string | undefined; onChange: (id: string | undefined) => void; branchesOnly?: boolean }) {
  return <OrgSelect value={value} onChange={onChange} selectable={branchesOnly ? isBranch : undefined} placeholder={branchesOnly ? '请选择党支部' : '请选择组织'} style={{ minWidth: 240, maxWidth: 360 }} id="org-picker" />;
}
