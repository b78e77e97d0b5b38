// 两个覆盖: organization coverage (the enterprise has a party org: own or joint, or attached to one) and work coverage
// (a party org, or an instructor / party-building work reaches it). ≥ 3 full members and no party org → 应建未建.
import type { PartyOrgForm } from './vocabulary';

/** 中办发〔2012〕11号: three or more full members form a party org of their own. */
export const SHOULD_BUILD_MIN_MEMBERS = 3;

export type CoverageFacts = { orgForm: PartyOrgForm; membersEmployed: number; hasInstructor: boolean; hasWorkCoverage: boolean };

export const hasOrgCoverage = (e: Pick<CoverageFacts, 'orgForm'>): boolean => e.orgForm !== 'none';
export const hasWorkCoverage = (e: CoverageFacts): boolean => hasOrgCoverage(e) || e.hasInstructor || e.hasWorkCoverage;
export const shouldBuild = (e: Pick<CoverageFacts, 'orgForm' | 'membersEmployed'>): boolean => e.orgForm === 'none' && e.membersEmployed >= SHOULD_BUILD_MIN_MEMBERS;

export type CoverageTally = { key: string; label: string; total: number; orgCovered: number; workCovered: number; shouldBuild: number; orgRatePermille: number | null; workRatePermille: number | null };

const rate = (n: number, d: number) => (d > 0 ? Math.floor((n * 1000) / d + 0.5) : null);

/** Coverage rates grouped by a key (town, industry or size band), in the order of first appearance of each key. */
export function tallyCoverage<T extends CoverageFacts>(rows: readonly T[], keyOf: (r: T) => { key: string; label: string }): CoverageTally[] {
  const groups = new Map<string, CoverageTally>();
  for (const r of rows) {
    const { key, label } = keyOf(r);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label, total: 0, orgCovered: 0, workCovered: 0, shouldBuild: 0, orgRatePermille: null, workRatePermille: null }));
    g.total += 1;
    if (hasOrgCoverage(r)) g.orgCovered += 1;
    if (hasWorkCoverage(r)) g.workCovered += 1;
    if (shouldBuild(r)) g.shouldBuild += 1;
  }
  return [...groups.values()].map((g) => ({ ...g, orgRatePermille: rate(g.orgCovered, g.total), workRatePermille: rate(g.workCovered, g.total) }));
}
