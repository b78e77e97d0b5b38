// Permission-matrix fixtures for issue #12: a meeting in a branch, so the matrix can fill :id of the meeting routes
// inside and outside each scope.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { orgLifeLifeMeetings, orgLifeMeetings, orgs } from '../../db/schema/index';

const meetingByOrg = new Map<string, string>();
const lifeMeetingByOrg = new Map<string, string>();
export const orgLifeMeetingFor = (orgId: string): string | null => meetingByOrg.get(orgId) ?? null;
export const orgLifeLifeMeetingFor = (orgId: string): string | null => lifeMeetingByOrg.get(orgId) ?? null;

export async function seedOrgLifeMatrixRecords(ctx: AppContext, orgIds: string[]): Promise<void> {
  for (const orgId of orgIds) {
    const [o] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
    const [m] = await ctx.db
      .insert(orgLifeMeetings)
      .values({ countyId: o.countyId, orgId, orgPath: o.path, kind: 'partyLecture', date: '2026-06-01', place: '会议室', chair: '矩阵', recorder: '矩阵', topic: '矩阵测试党课' })
      .returning();
    meetingByOrg.set(orgId, m.id);
    const [l] = await ctx.db
      .insert(orgLifeLifeMeetings)
      .values({ countyId: o.countyId, orgId, orgPath: o.path, year: 2026, type: 'special', title: '矩阵测试组织生活会', steps: { study: null, solicit: null, talks: null, materials: null } })
      .returning();
    lifeMeetingByOrg.set(orgId, l.id);
  }
}

export const ORG_LIFE_MATRIX_LIFE_UPDATE = { title: '矩阵测试组织生活会', version: 1 };
export const ORG_LIFE_MATRIX_UPDATE = { date: '2026-06-02', place: '会议室', chair: '矩阵', recorder: '矩阵', topic: '矩阵测试党课', version: 1 };
