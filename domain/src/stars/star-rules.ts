// Member star rating (党员星级管理) and points (量化积分): criteria, weights and thresholds are county settings;
// the defaults follow the seed's scheme (在职: 1号活动、交纳党费、遵规守纪、岗位争先、社区报到; 流动: 汇报情况、交纳党费).
import { z } from 'zod';
import { ZVersion, zInt } from '../core/schemas';

export const STAR_SCHEMES = ['inService', 'mobile'] as const;
export type StarScheme = (typeof STAR_SCHEMES)[number];
export const STAR_SCHEME_LABELS: Record<StarScheme, string> = { inService: '在职党员', mobile: '流动党员' };

export const STAR_CRITERIA = ['themeDay', 'dues', 'discipline', 'excellence', 'communityCheckIn', 'report'] as const;
export type StarCriterion = (typeof STAR_CRITERIA)[number];
export const STAR_CRITERION_LABELS: Record<StarCriterion, string> = {
  themeDay: '1号活动',
  dues: '交纳党费',
  discipline: '遵规守纪',
  excellence: '岗位争先',
  communityCheckIn: '社区报到',
  report: '汇报情况',
};

const ZWeight = z.number().int().min(0).max(100);
export const ZStarSettings = z
  .object({
    /** Bumped on every change; a month's stars record the version they were computed under. */
    version: ZVersion,
    basePoints: z.number().int().min(0).max(100),
    inService: z.object({ themeDay: ZWeight, dues: ZWeight, discipline: ZWeight, excellence: ZWeight, communityCheckIn: ZWeight }),
    mobile: z.object({ report: ZWeight, dues: ZWeight }),
    /** Minimum points for 1..5 stars, ascending; below the first: no star (不合格). */
    starThresholds: z.array(z.number().int().min(0).max(100)).length(5),
    /** Yearly tiers from the year's average points. */
    tierThresholds: z.object({ excellent: zInt(0, 100, '分数线'), qualified: zInt(0, 100, '分数线'), basic: zInt(0, 100, '分数线') }),
  })
  .refine((s) => s.starThresholds.every((t, i) => i === 0 || t > s.starThresholds[i - 1]), { message: '星级分数线须逐级升高', path: ['starThresholds'] })
  .refine((s) => s.tierThresholds.excellent > s.tierThresholds.qualified && s.tierThresholds.qualified > s.tierThresholds.basic, {
    message: '优秀、合格、基本合格的分数线须依次降低',
    path: ['tierThresholds'],
  });
export type StarSettings = z.infer<typeof ZStarSettings>;

/** The common county scheme: base 60, in-service items 10+10+10+6+4, mobile 20+20; 60/70/80/90/96 for 1–5 stars. */
export const DEFAULT_STAR_SETTINGS: StarSettings = {
  version: 1,
  basePoints: 60,
  inService: { themeDay: 10, dues: 10, discipline: 10, excellence: 6, communityCheckIn: 4 },
  mobile: { report: 20, dues: 20 },
  starThresholds: [60, 70, 80, 90, 96],
  tierThresholds: { excellent: 90, qualified: 70, basic: 60 },
};

/** Mobile members are rated on the mobile module; everyone else on the in-service criteria. */
export const starSchemeFor = (categories: readonly string[]): StarScheme => (categories.includes('mobile') ? 'mobile' : 'inService');

/** The verified records of one member in one month (never self-declared clicks). */
export type MonthRecords = {
  /** A theme day was held for the member's branch that month. */
  themeDayHeld: boolean;
  attended: boolean;
  /** Absent with approved leave and the make-up study (补学) recorded: counts as attended. */
  leaveApprovedWithMakeup: boolean;
  /** Dues owed that month (false: not yet a member, no base, exempt). */
  duesDue: boolean;
  duesPaid: boolean;
  /** Sum of discipline deductions (positive numbers of points). */
  deductionPoints: number;
  /** An excellence record (岗位争先 / 党员示范岗) verified by the branch. */
  excellence: boolean;
  /** Community service confirmed by the residential community (双报到). */
  communityConfirmed: boolean;
  /** Situation report accepted by the branch. */
  reportAccepted: boolean;
  /** Manual adjustments (with reason, audited), signed. */
  adjustmentPoints: number;
};

export const emptyMonthRecords = (): MonthRecords => ({
  themeDayHeld: false,
  attended: false,
  leaveApprovedWithMakeup: false,
  duesDue: false,
  duesPaid: false,
  deductionPoints: 0,
  excellence: false,
  communityConfirmed: false,
  reportAccepted: false,
  adjustmentPoints: 0,
});

export type CriterionScore = { criterion: StarCriterion; points: number; max: number };
export type MonthScore = { scheme: StarScheme; items: CriterionScore[]; adjustment: number; points: number; stars: number };

/** Stars for points: the number of thresholds reached (0 = below the first, 不合格). */
export function starsFor(points: number, thresholds: readonly number[]): number {
  return thresholds.filter((t) => points >= t).length;
}

/** A month's points and stars for one member, clamped to 0..100. */
export function scoreMonth(scheme: StarScheme, r: MonthRecords, s: StarSettings = DEFAULT_STAR_SETTINGS): MonthScore {
  const duesPoints = (max: number) => (!r.duesDue || r.duesPaid ? max : 0);
  const items: CriterionScore[] =
    scheme === 'mobile'
      ? [
          { criterion: 'report', points: r.reportAccepted ? s.mobile.report : 0, max: s.mobile.report },
          { criterion: 'dues', points: duesPoints(s.mobile.dues), max: s.mobile.dues },
        ]
      : [
          // No theme day held for the branch: nothing the member could miss.
          { criterion: 'themeDay', points: !r.themeDayHeld || r.attended || r.leaveApprovedWithMakeup ? s.inService.themeDay : 0, max: s.inService.themeDay },
          { criterion: 'dues', points: duesPoints(s.inService.dues), max: s.inService.dues },
          // Deductions may exceed the item's weight: a serious breach pulls the month below a star.
          { criterion: 'discipline', points: s.inService.discipline - r.deductionPoints, max: s.inService.discipline },
          { criterion: 'excellence', points: r.excellence ? s.inService.excellence : 0, max: s.inService.excellence },
          { criterion: 'communityCheckIn', points: r.communityConfirmed ? s.inService.communityCheckIn : 0, max: s.inService.communityCheckIn },
        ];
  const raw = s.basePoints + items.reduce((sum, i) => sum + i.points, 0) + r.adjustmentPoints;
  const points = Math.max(0, Math.min(100, raw));
  return { scheme, items, adjustment: r.adjustmentPoints, points, stars: starsFor(points, s.starThresholds) };
}

export const MEMBER_TIERS = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type MemberTier = (typeof MEMBER_TIERS)[number];
export const MEMBER_TIER_LABELS: Record<MemberTier, string> = { excellent: '优秀', qualified: '合格', basic: '基本合格', unqualified: '不合格' };

export type YearTotal = { months: number; totalPoints: number; averagePoints: number; totalStars: number; tier: MemberTier | null };

/** The year's totals from its rated months; the tier (优秀/合格/基本合格/不合格) from the average points. */
export function yearTotal(monthPoints: readonly { points: number; stars: number }[], s: StarSettings = DEFAULT_STAR_SETTINGS): YearTotal {
  const months = monthPoints.length;
  const totalPoints = monthPoints.reduce((sum, m) => sum + m.points, 0);
  const totalStars = monthPoints.reduce((sum, m) => sum + m.stars, 0);
  if (months === 0) return { months, totalPoints, averagePoints: 0, totalStars, tier: null };
  // Average in tenths, rounded half up, so 89.95 is not 优秀.
  const averagePoints = Math.floor((totalPoints * 10) / months + 0.5) / 10;
  const t = s.tierThresholds;
  const tier: MemberTier = averagePoints >= t.excellent ? 'excellent' : averagePoints >= t.qualified ? 'qualified' : averagePoints >= t.basic ? 'basic' : 'unqualified';
  return { months, totalPoints, averagePoints, totalStars, tier };
}

/** A star scheme and the first month it rates; a county's history of schemes, oldest first. */
export type StarSettingsPeriod = { fromMonth: string; stars: StarSettings };

/** The scheme in force for a month: the last one starting at or before it (none recorded: the current settings). */
export function starSettingsFor(history: readonly StarSettingsPeriod[], month: string, current: StarSettings): StarSettings {
  let found: StarSettings | null = null;
  for (const h of history) if (h.fromMonth <= month) found = h.stars;
  return found ?? current;
}

/**
 * A changed scheme applies from `fromMonth` (the next month): months already running keep the scheme they started
 * with. The first change records the scheme in force until then; a second change before `fromMonth` replaces the
 * pending one instead of stacking.
 */
export function scheduleStarSettings(history: readonly StarSettingsPeriod[], before: StarSettings, next: StarSettings, fromMonth: string): StarSettingsPeriod[] {
  const kept = history.length ? history.filter((h) => h.fromMonth < fromMonth) : [{ fromMonth: '0000-01', stars: before }];
  return [...kept, { fromMonth, stars: next }];
}

/** What a county administrator's scheme must also satisfy (beyond its schema): five stars must be reachable. */
export function starSettingsIssues(s: StarSettings): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const inService = s.basePoints + s.inService.themeDay + s.inService.dues + s.inService.discipline + s.inService.excellence + s.inService.communityCheckIn;
  const mobile = s.basePoints + s.mobile.report + s.mobile.dues;
  const top = s.starThresholds[4];
  if (inService > 100) issues.push({ path: 'inService', message: `在职党员基础分加各项满分为 ${inService} 分，超过100分` });
  if (mobile > 100) issues.push({ path: 'mobile', message: `流动党员基础分加各项满分为 ${mobile} 分，超过100分` });
  if (inService < top) issues.push({ path: 'starThresholds', message: `在职党员最高只能得 ${inService} 分，达不到五星分数线 ${top} 分` });
  if (mobile < top) issues.push({ path: 'starThresholds', message: `流动党员最高只能得 ${mobile} 分，达不到五星分数线 ${top} 分` });
  if (s.basePoints > s.starThresholds[0]) issues.push({ path: 'basePoints', message: `基础分 ${s.basePoints} 高于一星分数线 ${s.starThresholds[0]}，所有党员都至少一星` });
  return issues;
}
