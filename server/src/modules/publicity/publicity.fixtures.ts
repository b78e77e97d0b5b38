// Permission-matrix fixture: one signed-off publicity item per org (readable inside the scope, 404 outside).
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { orgs, publicityItems } from '../../db/schema/index';

const byOrg = new Map<string, string>();
export const publicityItemFor = (orgId: string): string | null => byOrg.get(orgId) ?? null;

export async function seedPublicityMatrixItems(ctx: AppContext, orgIds: string[], writerAccountId: string): Promise<void> {
  for (const orgId of orgIds) {
    const [o] = await ctx.db.select().from(orgs).where(eq(orgs.id, orgId));
    const [row] = await ctx.db
      .insert(publicityItems)
      .values({ countyId: o.countyId, orgId, orgPath: o.path, orgName: o.name, month: '2026-06', title: '矩阵测试稿件', body: '<p>矩阵测试</p>', status: 'signed', writerAccountId, writerName: '矩阵', authorNames: '矩阵' })
      .returning();
    byOrg.set(orgId, row.id);
  }
}
