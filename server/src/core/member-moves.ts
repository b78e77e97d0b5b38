// Transactional hooks: a lower module (members, orgs) announces a change inside its transaction, and the modules
// whose records follow it register a handler, so the lower module imports none of them and no module cycle forms.
// - membersMoved: members moved to another branch (one member, or every member of a merged org); dues bases follow.
// - orgMerged: an org merged into another, before it is dissolved; the development files on it follow.
import type { Executor } from './db';

type Handler<T> = (tx: Executor, event: T) => Promise<void>;

function transactionalHook<T>(name: string) {
  const handlers = new Map<string, Handler<T>>();
  return {
    /** Registers (or replaces) the handler of a module, by name: registering twice keeps one. */
    on(module: string, handler: Handler<T>): void {
      handlers.set(module, handler);
    },
    /** Runs every registered handler in the caller's transaction. */
    async announce(tx: Executor, event: T): Promise<void> {
      // Nothing registered means the app was assembled without the modules that follow: refuse rather than leave
      // their records behind.
      if (handlers.size === 0) throw new Error(`${name}: no module registered a handler`);
      for (const handler of handlers.values()) await handler(tx, event);
    },
  };
}

export type MembersMoved = { countyId: string; memberIds: readonly string[]; targetOrgPath: string };
export const membersMoved = transactionalHook<MembersMoved>('membersMoved');

export type OrgMerged = { countyId: string; from: { id: string; path: string }; into: { id: string; path: string } };
export const orgMerged = transactionalHook<OrgMerged>('orgMerged');

export const onMembersMoved = membersMoved.on;
/** Announces a move; nothing to do for no members. */
export async function announceMembersMoved(tx: Executor, moved: MembersMoved): Promise<void> {
  if (moved.memberIds.length > 0) await membersMoved.announce(tx, moved);
}
