// Who may do what to an account: write permission, the account's org inside the actor's subtree, a role the actor may manage.
import { canManageRole, type Account, type Role } from '@yanzhen/domain';
import { can, orgInScope, type Actor } from '../../core/actor';

type Target = { id: string; role: string; orgPath: string; lockedUntil: Date | null };

export function accountAbilities(actor: Actor, target: Target, now: Date): Account['can'] {
  const manage = can(actor, 'accounts.write') && orgInScope(actor, target.orgPath) && canManageRole(actor.role, target.role as Role);
  const self = target.id === actor.accountId;
  return {
    update: manage,
    // One's own password is changed with the current password (/api/auth/password), not reset.
    resetPassword: manage && !self,
    unlock: manage && target.lockedUntil !== null && target.lockedUntil > now,
    disable: manage && !self,
  };
}
