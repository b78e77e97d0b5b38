// The signed-in user as services see it, and the organization scope every read and write is limited to.
import { hasPermission, forbidden, type Permission, type Role } from '@yanzhen/domain';

export type Actor = {
  accountId: string;
  username: string;
  displayName: string;
  role: Role;
  countyId: string;
  orgId: string;
  /** Materialized path of the account's org: the scope is every org whose path starts with it. */
  orgPath: string;
  memberId: string | null;
  ip: string | null;
};

export const can = (actor: Actor, permission: Permission): boolean => hasPermission(actor.role, permission);

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/** Whether an org (by its path) lies inside the actor's subtree. Members see no orgs beyond their own. */
export const orgInScope = (actor: Actor, orgPath: string): boolean => orgPath.startsWith(actor.orgPath);

/** The LIKE pattern for the actor's subtree (paths contain only digits and slashes, so no escaping is needed). */
export const subtreePattern = (orgPath: string): string => `${orgPath}%`;
