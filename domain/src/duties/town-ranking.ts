// The board's town ranking: only town committees (镇党委) and street working committees (街道党工委) are ranked
// against each other; county-level units directly under the county committee (县直机关工委, 县中学, 县医院,
// 非公和社会组织工委) are shown beside them but not ranked — they are not comparable units.
import type { Sector } from '../orgs/org-types';

export const RANKED_TOWN_SECTORS: readonly Sector[] = ['town', 'street'];

export const isRankedTown = (sector: Sector | string): boolean => (RANKED_TOWN_SECTORS as readonly string[]).includes(sector);

type Rankable = { sector: Sector | string; yearRate: number | null; averageStars: number | null };

/**
 * Ranks the towns by the year's on-time rate, then average stars (a town without a rate ranks after those with one);
 * returns them in display order — ranked towns by rank, then the unranked units in their original order — each with
 * `rank` (1…n) or null for an unranked unit. Ties keep the original (org) order.
 */
export function rankTowns<T extends Rankable>(towns: readonly T[]): (T & { rank: number | null })[] {
  const ranked = towns
    .filter((t) => isRankedTown(t.sector))
    .map((t, i) => ({ t, i }))
    .sort((a, b) => (b.t.yearRate ?? -1) - (a.t.yearRate ?? -1) || (b.t.averageStars ?? 0) - (a.t.averageStars ?? 0) || a.i - b.i)
    .map(({ t }, i) => ({ ...t, rank: i + 1 }));
  const others = towns.filter((t) => !isRankedTown(t.sector)).map((t) => ({ ...t, rank: null }));
  return [...ranked, ...others];
}
