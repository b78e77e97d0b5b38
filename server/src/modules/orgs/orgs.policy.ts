// Who may do what to an org: write permission, inside the actor's subtree, and never above the actor's own org.
import type { OrgDetail } from '@yanzhen/domain';
import { can, orgInScope, type Actor } from '../../core/actor';
import type { OrgRow } from './orgs.repository';

export function orgAbilities(actor: Actor, org: OrgRow): OrgDetail['can'] {
  const write = can(actor, 'orgs.write') && orgInScope(actor, org.path);
  // An administrator cannot move or dissolve the org their own account is bound to (nor the county root).
  const below = write && org.path !== actor.orgPath && org.parentId !== null;
  return { update: write, createChild: write && org.type !== 'group', move: below, dissolve: below };
}
