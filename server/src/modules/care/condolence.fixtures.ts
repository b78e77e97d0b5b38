// Permission-matrix fixture: per member, a condolence round of the member's county allocated to the member's town
// (the org under the county) with one payment to the member — readable inside the scope, 404 outside.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../core/context';
import { condolenceAllocations, condolencePayments, condolenceRounds, members, orgs } from '../../db/schema/index';

const byMember = new Map<string, { roundId: string; paymentId: string }>();
export const condolenceIdsFor = (memberId: string) => byMember.get(memberId) ?? null;

export async function seedCondolenceMatrixRecords(ctx: AppContext, memberIds: string[], payerAccountId: string): Promise<void> {
  let year = 2001;
  for (const memberId of memberIds) {
    const [m] = await ctx.db.select().from(members).where(eq(members.id, memberId));
    const townPath = m.orgPath.split('/').filter(Boolean).slice(0, 2).join('/');
    const [town] = await ctx.db.select().from(orgs).where(eq(orgs.path, m.orgPath.startsWith('/') ? `/${townPath}/` : `${townPath}/`));
    const [round] = await ctx.db
      .insert(condolenceRounds)
      .values({ countyId: m.countyId, festival: 'springFestival', year: year++, name: '矩阵测试慰问', plannedOn: '2026-01-20', budgetFen: 100_000, fundingSource: 'partyDues', standards: { hardship: 50_000, frail: 30_000, elderly: 30_000, other: null } })
      .returning();
    const [a] = await ctx.db.insert(condolenceAllocations).values({ countyId: m.countyId, roundId: round.id, orgId: town.id, orgName: town.name, orgPath: town.path, amountFen: 100_000 }).returning();
    const [p] = await ctx.db
      .insert(condolencePayments)
      .values({ countyId: m.countyId, roundId: round.id, allocationId: a.id, kind: 'payment', memberId, memberName: m.name, orgName: '矩阵', orgPath: m.orgPath, category: 'hardship', amountFen: 100, paidOn: '2026-01-20', paidByAccountId: payerAccountId, paidByName: '矩阵' })
      .returning();
    byMember.set(memberId, { roundId: round.id, paymentId: p.id });
  }
}
