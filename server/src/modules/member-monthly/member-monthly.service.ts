// What the roster tells issue #5's monthly records: a member who joins the roster (entered by hand, imported, admitted
// as a probationary member by the development module) gets this month's rollup row in the same transaction, so they
// are on the branch wall chart and in the dues collection rate at once rather than after the next monthly close.
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { refreshMembers } from '../stars/stars.service';
import { thisMonth } from './monthly-common';

/** Called by the services that add members to the roster, inside their transaction. */
export async function membersJoinedRoster(ctx: AppContext, ex: Executor, countyId: string, memberIds: string[]): Promise<void> {
  const month = thisMonth(ctx);
  for (let i = 0; i < memberIds.length; i += 1000) await refreshMembers(ctx, ex, countyId, memberIds.slice(i, i + 1000), [month]);
}
