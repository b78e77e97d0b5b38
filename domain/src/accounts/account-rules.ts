// Which org an account of a given role may be bound to, and which roles an administrator may manage.
import type { OrgType } from '../orgs/org-types';
import { MANAGEABLE_ROLES, type Role } from './permissions';

export const canManageRole = (actorRole: Role, targetRole: Role): boolean => MANAGEABLE_ROLES[actorRole].includes(targetRole);

/** Why an org cannot hold an account of `role` (a Chinese message), or null when it can. */
export function accountOrgIssue(role: Role, org: { type: OrgType; isCountyRoot: boolean }): string | null {
  if (org.type === 'group') return '账号不能绑定到党小组，请选择党支部或上级组织';
  switch (role) {
    case 'countyAdmin':
      return org.isCountyRoot ? null : '县委组织部管理员账号须绑定到县委';
    case 'committeeAdmin':
      return org.type === 'branch' ? '党（工）委管理员账号须绑定到党委、党工委或党总支' : null;
    case 'branchSecretary':
      return org.type === 'branch' ? null : '支部书记账号须绑定到党支部';
    case 'member':
      return org.type === 'branch' ? null : '党员账号须绑定到本人所在党支部';
    case 'instructor':
      return null;
  }
}
