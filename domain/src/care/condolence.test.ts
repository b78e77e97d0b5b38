import { describe, expect, it } from 'vitest';
import { ZCondolencePaymentCreate, ZCondolenceRoundCreate, allocationRemaining, checkCondolenceAllocation, checkCondolencePayment, condolenceCategory, yuan } from './condolence';

describe('condolence rules', () => {
  it('chooses the category a member is paid under, or refuses', () => {
    expect(condolenceCategory(['hardship', 'elderly'], false)).toBe('hardship');
    expect(condolenceCategory(['elderly', 'frail'], false)).toBe('frail');
    expect(condolenceCategory(['elderly'], false)).toBe('elderly');
    expect(condolenceCategory(['mobile'], false)).toBeNull();
    expect(condolenceCategory([], false)).toBeNull();
    expect(condolenceCategory(['mobile'], true)).toBe('other');
  });

  it('keeps the sum of allocations within the budget, to the fen', () => {
    const base = { budgetFen: 1_000_000, otherFen: 600_000, townName: '城关镇党委', netPaidFen: 0 };
    expect(checkCondolenceAllocation({ ...base, amountFen: 400_000 })).toEqual({ ok: true });
    const over = checkCondolenceAllocation({ ...base, amountFen: 400_001 });
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.code).toBe('CONDOLENCE_OVER_BUDGET');
      expect(over.message).toContain('预算 10000.00 元');
      expect(over.message).toContain('已分配给其他镇 6000.00 元');
      expect(over.message).toContain('最多还可分配 4000.00 元');
    }
    expect(checkCondolenceAllocation({ ...base, amountFen: 0 })).toEqual({ ok: true });
    // an allocation may not fall below what the town has already paid (net of reversals)
    expect(checkCondolenceAllocation({ ...base, amountFen: 49_999, netPaidFen: 50_000 }).ok).toBe(false);
    expect(checkCondolenceAllocation({ ...base, amountFen: 50_000, netPaidFen: 50_000 })).toEqual({ ok: true });
  });

  it('keeps a payment within the remaining allocation; reversals give the money back', () => {
    expect(allocationRemaining({ allocatedFen: 100_000, paidFen: 80_000, reversedFen: 20_000 })).toBe(40_000);
    const p = { townName: '城关镇党委', memberName: '王秀兰' };
    expect(checkCondolencePayment({ ...p, amountFen: 40_000, remainingFen: 40_000 })).toEqual({ ok: true });
    const over = checkCondolencePayment({ ...p, amountFen: 40_001, remainingFen: 40_000 });
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.message).toBe('给王秀兰发放 400.01 元超出城关镇党委的分配余额：余额 400.00 元');
    expect(yuan(5)).toBe('0.05 元');
  });

  it('refuses amounts that are not whole positive fen', () => {
    const ok = { memberId: '00000000-0000-4000-8000-000000000001', amountFen: 50_000, paidOn: '2026-06-28' };
    expect(ZCondolencePaymentCreate.safeParse(ok).success).toBe(true);
    for (const amountFen of [0, -1, 12.5, 2_147_483_648]) {
      const r = ZCondolencePaymentCreate.safeParse({ ...ok, amountFen });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0].message).toMatch(/慰问金额/);
    }
    const round = { festival: 'partyDay', year: 2026, name: '2026年七一走访慰问', plannedOn: '2026-06-20', budgetFen: 1_000_000, fundingSource: 'partyDues', standards: { hardship: 50_000, frail: 30_000, elderly: 30_000 } };
    expect(ZCondolenceRoundCreate.parse(round)).toMatchObject({ allowOthers: false, standards: { other: null } });
    expect(ZCondolenceRoundCreate.safeParse({ ...round, fundingSource: 'bank' }).error?.issues[0].message).toContain('经费来源');
  });
});
