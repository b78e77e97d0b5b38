// What each source says about every scored org of a county in a year (issue #15 item 8): read through the source
// modules' exported functions (never their tables), then turned into component points by the domain rules. Branch
// figures are summed up every ancestor's path, so a committee is judged by the branches below it (one pass).
import {
  ASSESSMENT_SOURCE_LABELS,
  assessmentLevelOf,
  centiText,
  componentCenti,
  competitionRanks,
  developmentPermille,
  dutyStarsPermille,
  memberStarsPermille,
  publicityPermille,
  shareOfPermille,
  staleSince,
  totalCenti,
  type AssessmentLevel,
  type Evidence,
  type SchemeComponent,
  type ScoringScheme,
} from '@yanzhen/domain';
import type { Executor } from '../../core/db';
import { lastJoinDatesByBranch } from '../development/development-plans.service';
import { dutyStarsOfYear } from '../duties/duties-months.service';
import { computeCompliance, loadOrgLifeSettings } from '../org-life/org-life.service';
import { subtreeOrgs } from '../orgs/orgs.service';
import { publicityUnitYear } from '../publicity/publicity.service';
import { memberYearByBranch } from '../stars/stars.service';

/** A weak org's standing in the year, for the weakOrg component: listed and not yet removed, or rectified and removed. */
export type WeakStanding = { orgId: string; status: 'identified' | 'rectifying' | 'accepted' | 'removed' };
export type ManualEntry = { orgId: string; key: string; centi: number; note: string; byName: string };

export type OrgScore = {
  orgId: string;
  orgPath: string;
  orgName: string;
  townId: string | null;
  townName: string;
  level: AssessmentLevel;
  centi: number | null;
  rank: number | null;
  components: { component: SchemeComponent; permille: number | null; centi: number | null; evidence: Evidence }[];
};

type Sums = { branches: number; fresh: number; held: number; due: number; memberMonths: number; starSum: number; duesDue: number; duesPaid: number; weakValue: number; weakListed: number };
const emptySums = (): Sums => ({ branches: 0, fresh: 0, held: 0, due: 0, memberMonths: 0, starSum: 0, duesDue: 0, duesPaid: 0, weakValue: 0, weakListed: 0 });

/** The weakOrg component of one branch: never listed 1000‰, rectified and removed 500‰, still on the list 0‰. */
const weakValueOf = (status: WeakStanding['status'] | undefined): number => (status === undefined ? 1000 : status === 'removed' ? 500 : 0);
const WEAK_STATUS_TEXT: Record<WeakStanding['status'], string> = { identified: '已列入软弱涣散名单', rectifying: '整顿中', accepted: '整顿已验收，待销号', removed: '整顿验收后已销号' };

const pct = (permille: number | null) => (permille === null ? '—' : `${(permille / 10).toFixed(1).replace(/\.0$/, '')}%`);

/** Reads every source and scores every scored org of the county for the year, as of `asOf` (China date). */
export async function scoreCounty(ex: Executor, countyId: string, year: number, asOf: string, scheme: ScoringScheme, extra: { weak: readonly WeakStanding[]; manual: readonly ManualEntry[] }): Promise<OrgScore[]> {
  const orgs = await subtreeOrgs(ex, countyId, '/');
  const sources = new Set(scheme.components.map((c) => c.source));
  const devYears = scheme.components.find((c) => c.source === 'development')?.target ?? 3;
  const [duty, compliance, rollup, joins, publicity] = await Promise.all([
    sources.has('dutyStars') ? dutyStarsOfYear(ex, countyId, '/%', year) : null,
    sources.has('meetingCompliance') ? loadOrgLifeSettings(ex, countyId).then((s) => computeCompliance(ex, countyId, '/', year, asOf, s)) : null,
    sources.has('duesRate') || sources.has('memberStars') ? memberYearByBranch(ex, countyId, '/%', year) : null,
    sources.has('development') ? lastJoinDatesByBranch(ex, countyId, '/%') : null,
    sources.has('publicity') ? publicityUnitYear(ex, countyId, year) : null,
  ]);
  const compliant = new Map((compliance ?? []).map((c) => [c.orgId, c.figures]));
  const weak = new Map(extra.weak.map((w) => [w.orgId, w.status]));
  const manual = new Map(extra.manual.map((m) => [`${m.orgId}|${m.key}`, m]));
  const staleBefore = staleSince(asOf, devYears);

  // Branch figures, added to the branch and to every ancestor (by path segment).
  const bySeq = new Map(orgs.map((o) => [String(o.seq), o]));
  const sums = new Map<string, Sums>();
  const sumOf = (id: string) => sums.get(id) ?? sums.set(id, emptySums()).get(id)!;
  for (const b of orgs) {
    if (b.type !== 'branch') continue;
    const c = compliant.get(b.id);
    const r = rollup?.get(b.id);
    const last = joins?.get(b.id) ?? null;
    const status = weak.get(b.id);
    for (const seq of b.path.split('/').filter(Boolean)) {
      const anc = bySeq.get(seq);
      if (!anc) continue;
      const s = sumOf(anc.id);
      s.branches += 1;
      if (last !== null && last >= staleBefore) s.fresh += 1;
      if (c) {
        s.held += c.held;
        s.due += c.due;
      }
      if (r) {
        s.memberMonths += r.memberMonths;
        s.starSum += r.starSum;
        s.duesDue += r.due;
        s.duesPaid += r.paid;
      }
      s.weakValue += weakValueOf(status);
      if (status !== undefined && status !== 'removed') s.weakListed += 1;
    }
  }

  const scored: OrgScore[] = [];
  for (const o of orgs) {
    const level = assessmentLevelOf(o.type, o.depth);
    if (!level) continue;
    const segments = o.path.split('/').filter(Boolean);
    const town = (segments.length > 1 ? bySeq.get(segments[1]) : null) ?? o;
    const s = sums.get(o.id) ?? emptySums();
    const unit = level === 'branch' ? '本支部' : `所辖 ${s.branches} 个党支部`;
    const components = scheme.components.map((component) => {
      let permille: number | null = null;
      let evidence: Evidence;
      switch (component.source) {
        case 'dutyStars': {
          const months = duty?.byOrg.get(o.id) ?? [];
          permille = dutyStarsPermille(months.map((m) => m.stars), duty?.maxStars ?? 0);
          const stars = months.reduce((a, m) => a + (m.stars ?? 0), 0);
          evidence = {
            summary: months.length === 0 ? `${year}年尚无已贴星的月份` : `已贴星 ${months.length} 个月，共 ${stars} 颗星（每月最多 ${duty?.maxStars ?? 0} 颗），得星率 ${pct(permille)}`,
            figures: { closedMonths: months.length, stars, maxStars: duty?.maxStars ?? 0, months: months.map((m) => `${m.month}:${m.stars ?? '-'}`).join(' ') },
            link: `/duties?orgId=${o.id}`,
          };
          break;
        }
        case 'meetingCompliance':
          permille = shareOfPermille(s.held, s.due);
          evidence = { summary: s.due === 0 ? `${unit}截至 ${asOf} 尚无应召开的会议` : `${unit}应召开 ${s.due} 次（期），按期召开 ${s.held} 次，按期率 ${pct(permille)}`, figures: { held: s.held, due: s.due, asOf }, link: `/org-life/compliance?orgId=${o.id}&year=${year}` };
          break;
        case 'duesRate':
          permille = shareOfPermille(s.duesPaid, s.duesDue);
          evidence = { summary: s.duesDue === 0 ? `${unit}${year}年无应交党费的月份` : `${unit}应交 ${s.duesDue} 人次·月，已交 ${s.duesPaid} 人次·月，交纳率 ${pct(permille)}`, figures: { due: s.duesDue, paid: s.duesPaid }, link: `/dues?orgId=${o.id}` };
          break;
        case 'memberStars':
          permille = memberStarsPermille(s.starSum, s.memberMonths);
          evidence = {
            summary: s.memberMonths === 0 ? `${unit}${year}年尚无党员星级记录` : `${unit}党员 ${s.memberMonths} 人次·月，平均 ${(s.starSum / s.memberMonths).toFixed(2)} 星（满 5 星）`,
            figures: { memberMonths: s.memberMonths, starSum: s.starSum },
            link: `/stars/wall?orgId=${o.id}&year=${year}`,
          };
          break;
        case 'development':
          permille = developmentPermille(s.fresh, s.branches);
          evidence = {
            summary: s.branches === 0 ? '没有所辖党支部' : level === 'branch' ? (s.fresh === 1 ? `${devYears}年内（${staleBefore} 以后）发展了新党员（最近入党 ${joins?.get(o.id)}）` : `${devYears}年内（${staleBefore} 以后）未发展党员${joins?.get(o.id) ? `（最近入党 ${joins.get(o.id)}）` : ''}，扣除本项`) : `${s.branches} 个党支部中 ${s.fresh} 个${devYears}年内发展了党员，${s.branches - s.fresh} 个未发展`,
            figures: { branches: s.branches, fresh: s.fresh, since: staleBefore },
            link: `/development?orgId=${o.id}`,
          };
          break;
        case 'publicity': {
          const p = publicity?.get(o.id);
          const target = component.target ?? 10;
          permille = p ? publicityPermille(p.centi, target) : null;
          evidence = { summary: p ? `${year}年采用稿件 ${p.items} 篇，积 ${centiText(p.centi)} 分（${target} 分得满分）` : `${year}年没有采用的稿件`, figures: { items: p?.items ?? 0, centi: p?.centi ?? 0, target }, link: `/publicity` };
          break;
        }
        case 'weakOrg': {
          const status = weak.get(o.id);
          if (level === 'branch') {
            permille = weakValueOf(status);
            evidence = { summary: status ? WEAK_STATUS_TEXT[status] : '未列入软弱涣散党组织', figures: { status: status ?? null }, link: `/assessment/weak-orgs?year=${year}` };
          } else {
            permille = s.branches === 0 ? null : Math.round(s.weakValue / s.branches);
            evidence = { summary: s.branches === 0 ? '没有所辖党支部' : `${s.branches} 个党支部中 ${s.weakListed} 个在软弱涣散名单上`, figures: { branches: s.branches, listed: s.weakListed }, link: `/assessment/weak-orgs?year=${year}` };
          }
          break;
        }
        case 'manual': {
          const m = manual.get(`${o.id}|${component.key}`);
          permille = m ? Math.round((m.centi * 10) / component.weight) : null;
          evidence = { summary: m ? `${m.byName}评定 ${centiText(m.centi)} 分（满分 ${component.weight} 分）：${m.note}` : '尚未评定', figures: { centi: m?.centi ?? null }, link: null };
          break;
        }
      }
      const centi = componentCenti(component.weight, permille, component.whenNoData);
      if (permille === null) evidence.summary += component.whenNoData === 'zero' ? '（无数据，计 0 分）' : '（无数据，本项不计入，总分按其余各项折算）';
      return { component, permille, centi, evidence };
    });
    const centi = totalCenti(components.map((c) => ({ key: c.component.key, weight: c.component.weight, permille: c.permille, centi: c.centi })));
    scored.push({ orgId: o.id, orgPath: o.path, orgName: o.name, townId: town.id, townName: town.name, level, centi, rank: null, components });
  }
  // Ranks within each level, county-wide.
  for (const level of new Set(scored.map((s) => s.level))) {
    const inLevel = scored.filter((s) => s.level === level);
    competitionRanks(inLevel.map((s) => s.centi)).forEach((r, i) => (inLevel[i].rank = r));
  }
  return scored;
}

export const sourceLabel = (s: SchemeComponent['source']) => ASSESSMENT_SOURCE_LABELS[s];

/** The stored rows of a scored year: one per org, its components (points per key) and their detail with evidence. */
export function yearRows(countyId: string, year: number, schemeVersion: number, scores: readonly OrgScore[], now: Date) {
  return scores.map((s) => ({
    countyId, year, orgId: s.orgId, orgPath: s.orgPath, orgName: s.orgName, townId: s.townId, townName: s.townName, level: s.level, centi: s.centi, rank: s.rank,
    components: Object.fromEntries(s.components.map((c) => [c.component.key, c.centi])),
    detail: s.components.map((c) => ({ key: c.component.key, label: c.component.label, source: c.component.source, weight: c.component.weight, whenNoData: c.component.whenNoData, permille: c.permille, centi: c.centi, evidence: c.evidence })),
    schemeVersion, computedAt: now,
  }));
}
