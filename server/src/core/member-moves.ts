// Members moved to another branch (one member moved, or every member of a merged branch). The members and orgs
// modules announce it here, inside the move's transaction; a module whose records follow the member registers a
// handler (dues: the dues bases), so members and orgs do not import that module and no module cycle forms.
import type { Executor } from './db';

export type MembersMoved = { countyId: string; memberIds: readonly string[]; targetOrgPath: string };
type Handler = (tx: Executor, moved: MembersMoved) => Promise<void>;

const handlers = new Map<string, Handler>();

/** Registers (or replaces) the handler of a module, by name: registering twice keeps one. */
export function onMembersMoved(module: string, handler: Handler): void {
  handlers.set(module, handler);
}

/** Runs every registered handler in the caller's transaction. */
export async function announceMembersMoved(tx: Executor, moved: MembersMoved): Promise<void> {
  if (moved.memberIds.length === 0) return;
  // Nothing registered means the app was assembled without the modules that follow a move: refuse rather than
  // leave their records behind.
  if (handlers.size === 0) throw new Error('announceMembersMoved: no module registered (is the dues module loaded?)');
  for (const handler of handlers.values()) await handler(tx, moved);
}
