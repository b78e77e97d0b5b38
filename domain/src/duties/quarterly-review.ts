// 每季一讲评: the quarterly review of a town or the county — completion, stars, warnings, town ranking, the best and
// worst orgs and items — computed from the monthly rollups, ready for an Excel workbook and a Word notice (通报).
import { z } from 'zod';

export const ZQuarterlyReviewQuery = z.object({
  year: z.coerce.number().int().min(2020).max(2100),
  quarter: z.coerce.number().int().min(1).max(4),
  /** The town (or any org) reviewed; default: the caller's own org (the county for the organization department). */
  orgId: z.uuid().optional(),
  format: z.enum(['xlsx', 'docx']).default('xlsx'),
});

export type ReviewOrgMonth = { orgId: string; orgName: string; secretaryName: string | null; townName: string; month: string; dueWeight: number; onTimeWeight: number; dueCount: number; onTimeCount: number; stars: number | null };
export type ReviewItemStat = { title: string; dueCount: number; onTimeCount: number };
export type ReviewWarning = { orgName: string; townName: string; month: string; level: 'yellow' | 'red'; reasons: string[]; cleared: boolean };

export type ReviewOrgRow = { orgName: string; secretaryName: string | null; townName: string; stars: (number | null)[]; totalStars: number; rate: number | null };
export type ReviewTownRow = { rank: number; townName: string; orgs: number; rate: number | null; totalStars: number; averageStars: number; red: number; yellow: number };
export type ReviewItemRow = ReviewItemStat & { rate: number | null };

export type QuarterlyReview = {
  title: string;
  scopeName: string;
  year: number;
  quarter: number;
  months: string[];
  totals: { orgs: number; dueCount: number; onTimeCount: number; rate: number | null; stars: number; red: number; yellow: number };
  towns: ReviewTownRow[];
  orgs: ReviewOrgRow[];
  best: ReviewOrgRow[];
  worst: ReviewOrgRow[];
  /** Every item with a due count, best first (the Excel sheet lists them all). */
  items: ReviewItemRow[];
  bestItems: ReviewItemRow[];
  worstItems: ReviewItemRow[];
  warnings: ReviewWarning[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const pct = (a: number, b: number) => (b > 0 ? round1((100 * a) / b) : null);

export const quarterMonths = (year: number, quarter: number): string[] => [0, 1, 2].map((i) => `${year}-${String((quarter - 1) * 3 + i + 1).padStart(2, '0')}`);

export function buildQuarterlyReview(input: { scopeName: string; year: number; quarter: number; rows: readonly ReviewOrgMonth[]; items: readonly ReviewItemStat[]; warnings: readonly ReviewWarning[]; topN?: number }): QuarterlyReview {
  const months = quarterMonths(input.year, input.quarter);
  const topN = input.topN ?? 10;
  const byOrg = new Map<string, ReviewOrgRow & { due: number; on: number }>();
  let dueCount = 0;
  let onTimeCount = 0;
  for (const r of input.rows) {
    const i = months.indexOf(r.month);
    if (i < 0) continue;
    const o = byOrg.get(r.orgId) ?? { orgName: r.orgName, secretaryName: r.secretaryName, townName: r.townName, stars: [null, null, null], totalStars: 0, rate: null, due: 0, on: 0 };
    o.stars[i] = r.stars;
    o.totalStars += r.stars ?? 0;
    o.due += r.dueWeight;
    o.on += r.onTimeWeight;
    dueCount += r.dueCount;
    onTimeCount += r.onTimeCount;
    byOrg.set(r.orgId, o);
  }
  const orgs: ReviewOrgRow[] = [...byOrg.values()].map(({ due, on, ...o }) => ({ ...o, rate: pct(on, due) }));
  const towns = new Map<string, { orgs: number; due: number; on: number; stars: number; red: number; yellow: number }>();
  for (const o of byOrg.values()) {
    const t = towns.get(o.townName) ?? { orgs: 0, due: 0, on: 0, stars: 0, red: 0, yellow: 0 };
    t.orgs += 1;
    t.due += o.due;
    t.on += o.on;
    t.stars += o.totalStars;
    towns.set(o.townName, t);
  }
  let red = 0;
  let yellow = 0;
  for (const w of input.warnings) {
    const t = towns.get(w.townName);
    if (w.level === 'red') red += 1;
    else yellow += 1;
    if (t) t[w.level] += 1;
  }
  const townRows: ReviewTownRow[] = [...towns]
    .map(([townName, t]) => ({ rank: 0, townName, orgs: t.orgs, rate: pct(t.on, t.due), totalStars: t.stars, averageStars: round1(t.stars / t.orgs), red: t.red, yellow: t.yellow }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.averageStars - a.averageStars || a.townName.localeCompare(b.townName, 'zh'))
    .map((t, i) => ({ ...t, rank: i + 1 }));
  const ranked = orgs.filter((o) => o.rate !== null).sort((a, b) => b.rate! - a.rate! || b.totalStars - a.totalStars || a.orgName.localeCompare(b.orgName, 'zh'));
  const items = input.items.map((i) => ({ ...i, rate: pct(i.onTimeCount, i.dueCount) })).filter((i) => i.rate !== null);
  const byRate = [...items].sort((a, b) => b.rate! - a.rate! || b.dueCount - a.dueCount || a.title.localeCompare(b.title, 'zh'));
  return {
    title: `${input.scopeName}${input.year}年第${'一二三四'[input.quarter - 1]}季度基层党组织书记抓党建履职情况讲评`,
    scopeName: input.scopeName,
    year: input.year,
    quarter: input.quarter,
    months,
    totals: { orgs: orgs.length, dueCount, onTimeCount, rate: pct(onTimeCount, dueCount), stars: orgs.reduce((n, o) => n + o.totalStars, 0), red, yellow },
    towns: townRows,
    orgs: [...orgs].sort((a, b) => a.townName.localeCompare(b.townName, 'zh') || a.orgName.localeCompare(b.orgName, 'zh')),
    best: ranked.slice(0, topN),
    worst: ranked.slice(-topN).reverse().filter((o) => !ranked.slice(0, topN).includes(o)),
    items: byRate,
    // At most five each, never the same item named both 较好 and 较差 when the quarter has few items.
    bestItems: byRate.slice(0, Math.min(5, Math.ceil(byRate.length / 2))),
    worstItems: byRate.slice(byRate.length - Math.min(5, Math.floor(byRate.length / 2))).reverse(),
    warnings: [...input.warnings].sort((a, b) => (a.level === b.level ? a.month.localeCompare(b.month) : a.level === 'red' ? -1 : 1)),
  };
}
