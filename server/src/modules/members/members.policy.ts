// Who may do what to a member record: the permission, and the record's branch inside the actor's subtree.
import type { MemberDetail } from '@yanzhen/domain';
import { can, orgInScope, type Actor } from '../../core/actor';

/** Whether the actor may see this member at all (a member-role account only through /me/member). */
export const memberInScope = (actor: Actor, member: { orgPath: string }): boolean => orgInScope(actor, member.orgPath);

export function memberAbilities(actor: Actor, member: { orgPath: string }): MemberDetail['can'] {
  const inScope = memberInScope(actor, member);
  const write = inScope && can(actor, 'members.write');
  // Moving needs another branch in reach: an account bound to the member's own branch (a branch secretary) has none.
  const move = write && member.orgPath !== actor.orgPath;
  return { update: write, move, viewSensitive: inScope && can(actor, 'members.viewSensitive') };
}
