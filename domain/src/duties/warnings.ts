// Red and yellow warnings (红黄双色预警): raised when a month closes, each with its reasons; cleared by a clean month.
import type { WarningLevel } from './duty-vocabulary';
import type { DutySettings } from './duty-settings';
import type { MonthOutcome } from './monthly-stars';

export type WarningDecision = { level: WarningLevel; reasons: string[] };

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`;

/** The warning a closed month earns, with every reason that applies; null when none. */
export function evaluateWarning(month: string, outcome: MonthOutcome, previousMonthWarned: boolean, settings: DutySettings): WarningDecision | null {
  if (outcome.rate === null) return null;
  const red: string[] = [];
  const yellow: string[] = [];
  const m = monthLabel(month);
  if (outcome.rate < settings.redBelowRate) red.push(`${m}按时完成率${outcome.rate}%，低于${settings.redBelowRate}%`);
  else if (outcome.rate < settings.yellowBelowRate) yellow.push(`${m}按时完成率${outcome.rate}%，低于${settings.yellowBelowRate}%`);
  if (settings.redOnKeyMissed && outcome.missedKeyTitles.length > 0) red.push(`${m}重点事项未按时完成：${outcome.missedKeyTitles.map((t) => `“${t}”`).join('、')}`);
  if (settings.yellowOnOverdue && outcome.overdueCount > 0) yellow.push(`${m}有${outcome.overdueCount}项任务逾期未完成`);
  if (red.length === 0 && yellow.length === 0) return null;
  if (settings.redOnConsecutive && previousMonthWarned && red.length === 0) red.push('连续两个月被预警');
  return { level: red.length > 0 ? 'red' : 'yellow', reasons: [...red, ...yellow] };
}

/** A month that clears earlier warnings: something fell due, the rate reached the setting, nothing late or overdue. */
export function clearsWarnings(outcome: MonthOutcome, settings: DutySettings): boolean {
  return outcome.rate !== null && outcome.rate >= settings.clearAtRate && outcome.lateCount === 0 && outcome.overdueCount === 0 && outcome.missedKeyTitles.length === 0;
}

/** `daily`: raised by the daily job for overdue items of a month still open; `month`: raised when a month closes. */
export type WarningSource = 'daily' | 'month';
export type ActiveWarning = { id: string; month: string; level: WarningLevel; source?: WarningSource };

/**
 * What closing `month` does to one org's warnings: a new warning (which takes over from the active ones), or the
 * active ones cleared by a clean month, or nothing. Earlier months' warnings are never touched by a month before them.
 */
export function closeMonthWarnings(input: {
  month: string;
  outcome: MonthOutcome;
  active: readonly ActiveWarning[];
  previousMonthWarned: boolean;
  settings: DutySettings;
}): { raise: WarningDecision | null; clear: { id: string; reason: string }[]; replace: string | null } {
  const earlier = input.active.filter((w) => w.month < input.month);
  // The daily job's overdue warning of this same month: the close's own decision takes it over, or clears it.
  const sameMonth = input.active.filter((w) => w.month === input.month);
  const raise = evaluateWarning(input.month, input.outcome, input.previousMonthWarned, input.settings);
  const m = monthLabel(input.month);
  if (raise) return { raise, clear: earlier.map((w) => ({ id: w.id, reason: `由${m}的预警接续` })), replace: sameMonth[0]?.id ?? null };
  const clearSame = sameMonth.map((w) => ({ id: w.id, reason: `${m}贴星时逾期事项已处理，逾期预警解除` }));
  if (clearsWarnings(input.outcome, input.settings)) return { raise: null, clear: [...earlier.map((w) => ({ id: w.id, reason: `${m}全部任务按时完成，预警解除` })), ...clearSame], replace: null };
  return { raise: null, clear: clearSame, replace: null };
}
