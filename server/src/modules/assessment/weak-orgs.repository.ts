// Queries of the weak-organization tables (owned by the assessment module).
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../core/db';
import { weakOrgs } from '../../db/schema/index';

export const weakOrgsRepository = {
  async standings(ex: Executor, countyId: string, year: number) {
    return ex.select({ orgId: weakOrgs.orgId, status: weakOrgs.status }).from(weakOrgs).where(and(eq(weakOrgs.countyId, countyId), eq(weakOrgs.year, year)));
  },
};
