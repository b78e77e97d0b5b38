import { describe, expect, it } from 'vitest';
import { DEFAULT_STAR_SETTINGS, ZStarSettings, emptyMonthRecords, scheduleStarSettings, scoreMonth, starSchemeFor, starSettingsFor, starSettingsIssues, starsFor, yearTotal, type MonthRecords } from './star-rules';

const rec = (o: Partial<MonthRecords>): MonthRecords => ({ ...emptyMonthRecords(), ...o });
const full = rec({ themeDayHeld: true, attended: true, duesDue: true, duesPaid: true, excellence: true, communityConfirmed: true });
const item = (r: ReturnType<typeof scoreMonth>, c: string) => r.items.find((i) => i.criterion === c)!.points;

describe('in-service criteria (1号活动、交纳党费、遵规守纪、岗位争先、社区报到)', () => {
  it('every criterion met: 100 points, 5 stars', () => {
    expect(scoreMonth('inService', full)).toMatchObject({ points: 100, stars: 5 });
  });
  it('theme day: absent loses 10; approved leave with make-up study counts; no theme day held costs nothing', () => {
    expect(item(scoreMonth('inService', { ...full, attended: false }), 'themeDay')).toBe(0);
    expect(item(scoreMonth('inService', { ...full, attended: false, leaveApprovedWithMakeup: true }), 'themeDay')).toBe(10);
    expect(item(scoreMonth('inService', { ...full, attended: false, themeDayHeld: false }), 'themeDay')).toBe(10);
  });
  it('dues: unpaid loses 10; nothing owed costs nothing', () => {
    expect(item(scoreMonth('inService', { ...full, duesPaid: false }), 'dues')).toBe(0);
    expect(item(scoreMonth('inService', { ...full, duesDue: false, duesPaid: false }), 'dues')).toBe(10);
  });
  it('discipline: deductions come off, and may exceed the weight', () => {
    expect(item(scoreMonth('inService', { ...full, deductionPoints: 3 }), 'discipline')).toBe(7);
    expect(scoreMonth('inService', { ...full, deductionPoints: 45 })).toMatchObject({ points: 55, stars: 0 });
  });
  it('excellence (岗位争先/示范岗) and community check-in only from verified records', () => {
    expect(item(scoreMonth('inService', { ...full, excellence: false }), 'excellence')).toBe(0);
    expect(item(scoreMonth('inService', { ...full, communityConfirmed: false }), 'communityCheckIn')).toBe(0);
    expect(scoreMonth('inService', { ...full, excellence: false, communityConfirmed: false })).toMatchObject({ points: 90, stars: 4 });
  });
  it('a month with nothing done: base 60 + discipline 10, + theme day and dues when nothing was due = 90', () => {
    expect(scoreMonth('inService', rec({})).points).toBe(90);
    expect(scoreMonth('inService', rec({ themeDayHeld: true, duesDue: true })).points).toBe(70);
  });
});

describe('mobile members (汇报情况、交纳党费)', () => {
  it('report accepted and dues paid: 100; no report: 80; neither: 60', () => {
    expect(scoreMonth('mobile', rec({ reportAccepted: true, duesDue: true, duesPaid: true }))).toMatchObject({ points: 100, stars: 5 });
    expect(scoreMonth('mobile', rec({ duesDue: true, duesPaid: true }))).toMatchObject({ points: 80, stars: 3 });
    expect(scoreMonth('mobile', rec({ duesDue: true }))).toMatchObject({ points: 60, stars: 1 });
  });
  it('the scheme follows the member category', () => {
    expect(starSchemeFor(['inService', 'mobile'])).toBe('mobile');
    expect(starSchemeFor(['elderly'])).toBe('inService');
  });
});

describe('adjustments and thresholds', () => {
  it('manual adjustments add or subtract, clamped to 0..100', () => {
    expect(scoreMonth('inService', { ...full, adjustmentPoints: 5 }).points).toBe(100);
    expect(scoreMonth('inService', { ...full, adjustmentPoints: -5 })).toMatchObject({ points: 95, stars: 4 });
    expect(scoreMonth('mobile', rec({ duesDue: true, adjustmentPoints: -80 })).points).toBe(0);
  });
  it('stars at every threshold and one point below', () => {
    const t = DEFAULT_STAR_SETTINGS.starThresholds;
    expect([59, 60, 69, 70, 79, 80, 89, 90, 95, 96, 100].map((p) => starsFor(p, t))).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
  it('uses the county settings instead of the defaults', () => {
    const s = { ...DEFAULT_STAR_SETTINGS, basePoints: 50, inService: { ...DEFAULT_STAR_SETTINGS.inService, themeDay: 20 } };
    expect(scoreMonth('inService', { ...full, communityConfirmed: false, excellence: false }, s).points).toBe(90);
  });
  it('settings validation refuses thresholds out of order', () => {
    expect(ZStarSettings.safeParse(DEFAULT_STAR_SETTINGS).success).toBe(true);
    expect(ZStarSettings.safeParse({ ...DEFAULT_STAR_SETTINGS, starThresholds: [60, 70, 70, 90, 96] }).success).toBe(false);
  });
});

describe('yearly totals and tiers (优秀/合格/基本合格/不合格)', () => {
  const months = (...p: number[]) => p.map((points) => ({ points, stars: starsFor(points, DEFAULT_STAR_SETTINGS.starThresholds) }));
  it('tiers from the average points', () => {
    expect(yearTotal(months(90, 90, 90))).toMatchObject({ tier: 'excellent', averagePoints: 90, totalStars: 12 });
    expect(yearTotal(months(90, 89))).toMatchObject({ tier: 'qualified', averagePoints: 89.5 });
    expect(yearTotal(months(70))).toMatchObject({ tier: 'qualified' });
    expect(yearTotal(months(69, 60))).toMatchObject({ tier: 'basic' });
    expect(yearTotal(months(59))).toMatchObject({ tier: 'unqualified' });
    expect(yearTotal([])).toMatchObject({ tier: null, months: 0 });
  });
});

describe('star settings over time', () => {
  const v2 = { ...DEFAULT_STAR_SETTINGS, version: 2, inService: { ...DEFAULT_STAR_SETTINGS.inService, themeDay: 12, excellence: 4 } };
  const v3 = { ...v2, version: 3, basePoints: 50, inService: { ...v2.inService, discipline: 20 } };
  it('a change applies from the month given; earlier months keep the scheme they had', () => {
    const h = scheduleStarSettings([], DEFAULT_STAR_SETTINGS, v2, '2026-07');
    expect(starSettingsFor(h, '2026-06', v2)).toBe(DEFAULT_STAR_SETTINGS);
    expect(starSettingsFor(h, '2026-07', v2)).toBe(v2);
    expect(starSettingsFor(h, '2027-01', v2)).toBe(v2);
    expect(starSettingsFor([], '2026-06', v2)).toBe(v2);
  });
  it('a second change in the same month replaces the pending one; a later one stacks', () => {
    const h1 = scheduleStarSettings([], DEFAULT_STAR_SETTINGS, v2, '2026-07');
    const h2 = scheduleStarSettings(h1, v2, v3, '2026-07');
    expect(h2.map((h) => h.stars.version)).toEqual([1, 3]);
    const h3 = scheduleStarSettings(h1, v2, v3, '2026-09');
    expect(h3.map((h) => [h.fromMonth, h.stars.version])).toEqual([['0000-01', 1], ['2026-07', 2], ['2026-09', 3]]);
    expect(starSettingsFor(h3, '2026-08', v3).version).toBe(2);
  });
  it('flags schemes where five stars cannot be reached or the total passes 100', () => {
    expect(starSettingsIssues(DEFAULT_STAR_SETTINGS)).toEqual([]);
    expect(starSettingsIssues({ ...DEFAULT_STAR_SETTINGS, inService: { ...DEFAULT_STAR_SETTINGS.inService, excellence: 0 } }).map((i) => i.message)).toEqual(['在职党员最高只能得 94 分，达不到五星分数线 96 分']);
    expect(starSettingsIssues({ ...DEFAULT_STAR_SETTINGS, mobile: { report: 30, dues: 20 } })[0].message).toContain('超过100分');
    expect(starSettingsIssues({ ...DEFAULT_STAR_SETTINGS, basePoints: 65 }).some((i) => i.path === 'basePoints')).toBe(true);
  });
});
