// Weak organizations (软弱涣散党组织整顿, issue #15 item 5): yearly identification, rectification, acceptance, removal.
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import type { WeakStanding } from './assessment-measures.service';
import { weakOrgsRepository as repo } from './weak-orgs.repository';

export function createWeakOrgsService(_ctx: AppContext) {
  /** Each listed org's standing in a year (the assessment's weakOrg component). */
  async function standings(ex: Executor, countyId: string, year: number): Promise<WeakStanding[]> {
    return (await repo.standings(ex, countyId, year)).map((r) => ({ orgId: r.orgId, status: r.status as WeakStanding['status'] }));
  }
  return { standings };
}
