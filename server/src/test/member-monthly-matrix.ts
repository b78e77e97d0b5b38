// Permission-matrix fixtures for issue #5: a theme day, a leave request, a dues base with a pending reduction and a
// situation report around a member, so the matrix can fill :id of those routes inside and outside each scope.
import { eq } from 'drizzle-orm';
import type { AppContext } from '../core/context';
import { branchNotices, carePairings, communityRegistrations, communityServices, duesArrearsWarnings, duesBases, duesPayments, leaveRequests, members, situationReports, themeDays, transfers } from '../db/schema/index';

export type MonthlyIds = { pairingId: string; transferId: string; themeDayId: string; leaveId: string; baseId: string; reportId: string; serviceId: string; paymentId: string; warningId: string; noticeId: string };
const byMember = new Map<string, MonthlyIds>();

export const monthlyIdsFor = (memberId: string): MonthlyIds | null => byMember.get(memberId) ?? null;

export async function seedMonthlyMatrixRecords(ctx: AppContext, memberIds: string[]): Promise<void> {
  for (const memberId of memberIds) {
    const [m] = await ctx.db.select().from(members).where(eq(members.id, memberId));
    const base = { countyId: m.countyId, orgPath: m.orgPath };
    const [td] = await ctx.db.insert(themeDays).values({ ...base, orgId: m.orgId, month: '2026-06', date: '2026-06-01', topic: '矩阵测试', place: '会议室', content: '矩阵测试' }).returning();
    const [leave] = await ctx.db.insert(leaveRequests).values({ ...base, themeDayId: td.id, memberId, month: '2026-06', reason: '矩阵测试' }).returning();
    const [dues] = await ctx.db
      .insert(duesBases)
      .values({ ...base, memberId, year: 2026, fromMonth: '2026-01', category: 'employee', baseFen: 400000, ruleVersion: 1, reducedFen: 0, reductionStatus: 'pending', reductionReason: '矩阵测试' })
      .returning();
    const [report] = await ctx.db.insert(situationReports).values({ ...base, memberId, month: '2026-06', content: '矩阵测试汇报内容', location: '西安' }).returning();
    // The member's residential community is their own branch's org here (any org in the same scope will do).
    await ctx.db.insert(communityRegistrations).values({ ...base, memberId, communityName: '矩阵社区', communityOrgId: m.orgId, registeredOn: '2026-01-05' });
    const [service] = await ctx.db.insert(communityServices).values({ ...base, memberId, month: '2026-06', servedOn: '2026-06-10', content: '矩阵测试服务', hours: 20 }).returning();
    const [payment] = await ctx.db.insert(duesPayments).values({ ...base, memberId, receiptNo: `MATRIX-${memberId.slice(0, 8)}`, months: ['2026-05'], amountFen: 4000, dueFen: 4000, method: 'cash', collector: '矩阵测试', paidOn: '2026-05-10' }).returning();
    const [warning] = await ctx.db.insert(duesArrearsWarnings).values({ ...base, memberId, orgId: m.orgId, month: '2026-05', level: 'red', streak: 6, raisedAt: new Date('2026-06-01T00:00:00Z') }).returning();
    const [notice] = await ctx.db.insert(branchNotices).values({ countyId: m.countyId, orgId: m.orgId, orgPath: m.orgPath, title: '矩阵测试通知', body: '矩阵测试', postedByName: '矩阵', postedAt: new Date('2026-06-01T00:00:00Z') }).returning();
    // Care (issue #13): a pairing and an outgoing transfer around the member.
    const [pairing] = await ctx.db.insert(carePairings).values({ ...base, kind: 'hardship', memberId, memberName: m.name, helperMemberId: memberId, helperName: m.name, startedOn: '2026-01-05' }).returning();
    const [transfer] = await ctx.db.insert(transfers).values({ ...base, direction: 'out', status: 'open', memberId, memberName: m.name, orgId: m.orgId, counterpart: '矩阵测试', letterNo: `MATRIX-${memberId.slice(0, 8)}`, issuedOn: '2026-06-01', validUntil: '2026-09-01', receiptDueBy: '2026-07-01', duesPaidTo: '2026-05', reason: '矩阵测试' }).returning();
    byMember.set(memberId, { pairingId: pairing.id, transferId: transfer.id, noticeId: notice.id, warningId: warning.id, themeDayId: td.id, leaveId: leave.id, baseId: dues.id, reportId: report.id, serviceId: service.id, paymentId: payment.id });
  }
}
