// Training hours (学时): credited per meeting kind attended, plus entries recorded by hand or imported; the yearly
// requirement is 32 for members and 56 for branch secretaries and committee members (党员教育管理工作条例; settings).
import type { ComplianceKind } from './meetings';

export type HoursPerKind = Record<ComplianceKind, number>;
export const DEFAULT_HOURS_PER_KIND: HoursPerKind = { branchAssembly: 2, branchCommittee: 2, groupMeeting: 1, partyLecture: 3, lifeMeeting: 3, themeDay: 2 };
export type HourRequirements = { member: number; cadre: number };
export const DEFAULT_HOUR_REQUIREMENTS: HourRequirements = { member: 32, cadre: 56 };

export const TRAINING_SOURCES = ['meeting', 'partySchool', 'online', 'other'] as const;
export type TrainingSource = (typeof TRAINING_SOURCES)[number];
export const TRAINING_SOURCE_LABELS: Record<TrainingSource, string> = { meeting: '三会一课', partySchool: '党校培训', online: '网络学习', other: '其他学习' };

export const requiredHours = (cadre: boolean, req: HourRequirements = DEFAULT_HOUR_REQUIREMENTS): number => (cadre ? req.cadre : req.member);

export type HoursProgress = { total: number; required: number; shortfall: number; met: boolean; permille: number };

/**
 * A member's year: every entry counts wherever it was earned (a member transferred mid-year keeps the hours of the
 * old branch); the requirement is the cadre's when the member is a secretary or committee member now.
 */
export function hoursProgress(entries: readonly { hours: number }[], cadre: boolean, req: HourRequirements = DEFAULT_HOUR_REQUIREMENTS): HoursProgress {
  const total = entries.reduce((s, e) => s + e.hours, 0);
  const required = requiredHours(cadre, req);
  const shortfall = Math.max(0, required - total);
  return { total, required, shortfall, met: shortfall === 0, permille: required === 0 ? 1000 : Math.min(1000, Math.round((total * 1000) / required)) };
}
