// The annual score per organization (年度考核得分, issue #15 item 8): a versioned scheme of components, each with its
// weight and its source; each source yields a measure (a ratio 0–1000‰, or "no data"), the component's points follow
// from the weight, and the total from the components. Points are kept in hundredths (centi-points) so that sums and
// ranks are exact integers.
//
// No data (the source had nothing to judge: no closed duty month, no dues falling due, no meeting due, a committee
// without branches) is NOT the same as a poor record (meetings due and not held = 0‰, that is data). Each component
// says what no data means: 'excluded' (the default) leaves the component out and scales the total to the full score
// over the components that had data, so an org is neither rewarded nor punished for what no module recorded; 'zero'
// scores it 0 (publicity: no adopted item is simply no points).
import { invalid } from '../core/errors';

export const ASSESSMENT_SOURCES = ['dutyStars', 'meetingCompliance', 'duesRate', 'memberStars', 'development', 'publicity', 'weakOrg', 'manual'] as const;
export type AssessmentSource = (typeof ASSESSMENT_SOURCES)[number];
export const ASSESSMENT_SOURCE_LABELS: Record<AssessmentSource, string> = {
  dutyStars: '书记抓党建履职月度贴星',
  meetingCompliance: '三会一课、主题党日按期召开',
  duesRate: '党费按月交纳率',
  memberStars: '党员星级管理平均星级',
  development: '发展党员（三年未发展扣分）',
  publicity: '党建信息宣传积分',
  weakOrg: '软弱涣散党组织整顿',
  manual: '人工评定（述职评议、观摩等）',
};

export const NO_DATA_RULES = ['excluded', 'zero'] as const;
export type NoDataRule = (typeof NO_DATA_RULES)[number];
export const NO_DATA_LABELS: Record<NoDataRule, string> = { excluded: '无数据不计入（总分按有数据的项折算）', zero: '无数据计 0 分' };

export const ASSESSMENT_LEVELS = ['committee', 'generalBranch', 'branch'] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];
export const ASSESSMENT_LEVEL_LABELS: Record<AssessmentLevel, string> = { committee: '党（工）委', generalBranch: '党总支', branch: '党支部' };

/** Which level an org is ranked in (the county's root, depth 0, and party groups are not scored). */
export function assessmentLevelOf(type: string, depth: number): AssessmentLevel | null {
  if (depth <= 0) return null;
  if (type === 'committee' || type === 'workingCommittee') return 'committee';
  if (type === 'generalBranch') return 'generalBranch';
  if (type === 'branch') return 'branch';
  return null;
}

export type SchemeComponent = {
  key: string;
  label: string;
  source: AssessmentSource;
  /** Full points of the component (whole points; the components add up to 100). */
  weight: number;
  whenNoData: NoDataRule;
  /** publicity: the year's points that earn the full component; development: years without a new member (default 3). */
  target?: number | null;
};
export type ScoringScheme = { version: number; fromYear: number; components: SchemeComponent[] };

export const SCHEME_TOTAL = 100;
export const DEFAULT_SCHEME_COMPONENTS: SchemeComponent[] = [
  { key: 'duties', label: '书记抓党建履职', source: 'dutyStars', weight: 25, whenNoData: 'excluded' },
  { key: 'meetings', label: '组织生活', source: 'meetingCompliance', weight: 20, whenNoData: 'excluded' },
  { key: 'dues', label: '党费交纳', source: 'duesRate', weight: 10, whenNoData: 'excluded' },
  { key: 'memberStars', label: '党员星级管理', source: 'memberStars', weight: 10, whenNoData: 'excluded' },
  { key: 'development', label: '发展党员', source: 'development', weight: 10, whenNoData: 'excluded', target: 3 },
  { key: 'publicity', label: '信息宣传', source: 'publicity', weight: 5, whenNoData: 'zero', target: 10 },
  { key: 'weakOrg', label: '软弱涣散整顿', source: 'weakOrg', weight: 10, whenNoData: 'excluded' },
  { key: 'review', label: '述职评议', source: 'manual', weight: 10, whenNoData: 'excluded' },
];
export const DEFAULT_SCHEME: ScoringScheme = { version: 0, fromYear: 2000, components: DEFAULT_SCHEME_COMPONENTS };

/** What is wrong with a scheme's components (empty when it can be saved). */
export function schemeProblems(components: readonly SchemeComponent[]): string[] {
  const problems: string[] = [];
  if (components.length === 0) return ['考核方案至少要有一项'];
  const seen = new Set<string>();
  components.forEach((c, i) => {
    const where = `第${i + 1}项（${c.label}）`;
    if (seen.has(c.key)) problems.push(`${where}的代码“${c.key}”与前面的项重复`);
    seen.add(c.key);
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > SCHEME_TOTAL) problems.push(`${where}的分值应为 1 至 ${SCHEME_TOTAL} 的整数`);
    if (c.source === 'publicity' && (c.target == null || c.target <= 0)) problems.push(`${where}须设定满分所需的宣传积分`);
  });
  const sum = components.reduce((s, c) => s + c.weight, 0);
  if (sum !== SCHEME_TOTAL) problems.push(`各项分值合计应为 ${SCHEME_TOTAL} 分，现为 ${sum} 分`);
  return problems;
}

export function assertScheme(components: readonly SchemeComponent[]): void {
  const problems = schemeProblems(components);
  if (problems.length > 0) throw invalid(problems[0], problems.map((message) => ({ path: 'components', message })));
}

/** The scheme in force for a year: the latest version whose first year is not after it (versions sorted any way). */
export function schemeForYear(versions: readonly ScoringScheme[], year: number): ScoringScheme {
  const fit = versions.filter((v) => v.fromYear <= year).sort((a, b) => b.version - a.version)[0];
  return fit ?? DEFAULT_SCHEME;
}

// ---- measures: what a source says about one org in one year, as a ratio in permille (null = no data) ----

const clampPermille = (x: number) => Math.max(0, Math.min(1000, Math.round(x)));

/** A part of a whole (held ÷ due, paid ÷ due): no whole → no data. */
export const shareOfPermille = (part: number, whole: number): number | null => (whole <= 0 ? null : clampPermille((part * 1000) / whole));

/** Duty stars: the stars of the closed months against the most a month can earn; no closed month → no data. */
export function dutyStarsPermille(monthStars: readonly (number | null)[], maxStars: number): number | null {
  const closed = monthStars.filter((s): s is number => s !== null);
  if (closed.length === 0 || maxStars <= 0) return null;
  return clampPermille((closed.reduce((a, b) => a + b, 0) * 1000) / (closed.length * maxStars));
}

/** Member stars: the average monthly stars of the members (0–5) against 5. */
export const memberStarsPermille = (starSum: number, memberMonths: number, maxStars = 5): number | null =>
  memberMonths <= 0 ? null : clampPermille((starSum * 1000) / (memberMonths * maxStars));

/**
 * Development: the share of branches that took in a new member within the last `years` years (as of the year's end).
 * A branch with no member ever admitted counts as stale; a committee is judged by the branches below it.
 */
export const developmentPermille = (freshBranches: number, branches: number): number | null => shareOfPermille(freshBranches, branches);

/** Publicity: the year's adopted points against the target that earns the full component (capped). */
export const publicityPermille = (centi: number, targetPoints: number): number => (targetPoints <= 0 ? 1000 : clampPermille((centi * 10) / targetPoints));

// ---- points and total ----

/** A component's centi-points from its measure: weight × ratio; no data → 0 ('zero') or null ('excluded'). */
export function componentCenti(weight: number, permille: number | null, whenNoData: NoDataRule): number | null {
  if (permille === null) return whenNoData === 'zero' ? 0 : null;
  return Math.round((weight * 100 * clampPermille(permille)) / 1000);
}

export type ScoredComponent = { key: string; weight: number; permille: number | null; centi: number | null };

/**
 * The total in centi-points out of 100: the components' points, scaled to the full score over the weights that had data
 * (an excluded component's weight is shared out). Nothing with data at all → null (the org is not ranked).
 */
export function totalCenti(components: readonly ScoredComponent[]): number | null {
  const counted = components.filter((c) => c.centi !== null);
  if (counted.length === 0) return null;
  const weight = counted.reduce((s, c) => s + c.weight, 0);
  const sum = counted.reduce((s, c) => s + (c.centi ?? 0), 0);
  const all = components.reduce((s, c) => s + c.weight, 0);
  return weight === all ? sum : Math.round((sum * all) / weight);
}

/** Competition ranks (1, 2, 2, 4) by total, highest first; unranked (null total) get null. Input order kept. */
export function competitionRanks(totals: readonly (number | null)[]): (number | null)[] {
  const sorted = totals.filter((t): t is number => t !== null).sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  sorted.forEach((t, i) => {
    if (!firstIndex.has(t)) firstIndex.set(t, i + 1);
  });
  return totals.map((t) => (t === null ? null : firstIndex.get(t)!));
}

/** "85.25" from 8525 centi-points. */
export const centiText = (centi: number | null): string => (centi === null ? '—' : (centi / 100).toFixed(2).replace(/\.?0+$/, ''));
