// Party dues (党费) by the national brackets (中组发〔2008〕3号): a versioned rule table, pure computation in integer fen.
import type { IsoDate } from '../calendar/dates';
import { addMonthsToMonth, monthOf, monthRange, monthsOfYear, type YearMonth } from '../member-monthly/months';

export const DUES_CATEGORIES = ['employee', 'retiree', 'farmer', 'student'] as const;
export type DuesCategory = (typeof DUES_CATEGORIES)[number];
export const DUES_CATEGORY_LABELS: Record<DuesCategory, string> = {
  employee: '在职职工（按工资收入）',
  retiree: '离退休人员（按基本退休费）',
  farmer: '农民党员',
  student: '学生、下岗失业、领取最低生活保障人员',
};

export const DUES_CATEGORY_SHORT_LABELS: Record<DuesCategory, string> = { employee: '在职职工', retiree: '离退休人员', farmer: '农民党员', student: '学生/失业/低保' };

/** A bracket: bases up to and including `upToFen` (null: no upper bound) pay `rateBp` ten-thousandths of the whole base. */
export type DuesBracket = { upToFen: number | null; rateBp: number };
export type DuesRuleSet = {
  name: 'dues.brackets';
  version: number;
  effectiveFrom: IsoDate;
  source: string;
  employee: DuesBracket[];
  retiree: DuesBracket[];
  /** Fixed monthly amounts. Farmers: 0.2–1 元 set by the province. */
  farmerFen: number;
  studentFen: number;
};

export const DUES_RULES_2008: DuesRuleSet = {
  name: 'dues.brackets',
  version: 1,
  effectiveFrom: '2008-04-01',
  source: '《关于中国共产党党费收缴、使用和管理的规定》（中组发〔2008〕3号）第二、三条',
  employee: [
    { upToFen: 300000, rateBp: 50 },
    { upToFen: 500000, rateBp: 100 },
    { upToFen: 1000000, rateBp: 150 },
    { upToFen: null, rateBp: 200 },
  ],
  retiree: [
    { upToFen: 500000, rateBp: 50 },
    { upToFen: null, rateBp: 100 },
  ],
  farmerFen: 50,
  studentFen: 20,
};

/** Every version, newest last; a base records the version it was computed under. */
export const DUES_RULE_SETS: readonly DuesRuleSet[] = [DUES_RULES_2008];
export const duesRuleSet = (version: number): DuesRuleSet | undefined => DUES_RULE_SETS.find((r) => r.version === version);
/** The rule set in force on a date. */
export function duesRulesOn(date: IsoDate): DuesRuleSet {
  const inForce = DUES_RULE_SETS.filter((r) => r.effectiveFrom <= date);
  return inForce[inForce.length - 1] ?? DUES_RULE_SETS[0];
}

/** The county's rounding (not fixed nationally): to the fen, to the jiao (half up or up), or to the yuan. */
export const DUES_ROUNDINGS = ['fen', 'jiao', 'jiaoUp', 'yuan'] as const;
export type DuesRounding = (typeof DUES_ROUNDINGS)[number];
export const DUES_ROUNDING_LABELS: Record<DuesRounding, string> = { fen: '四舍五入到分', jiao: '四舍五入到角', jiaoUp: '进位到角', yuan: '四舍五入到元' };

/** base × rate, rounded in integers: no floating point touches money. */
export function applyRate(baseFen: number, rateBp: number, rounding: DuesRounding): number {
  const num = baseFen * rateBp; // in 1/10000 fen
  const step = rounding === 'fen' ? 1 : rounding === 'yuan' ? 100 : 10;
  const unit = 10000 * step;
  const units = rounding === 'jiaoUp' ? Math.ceil(num / unit) : Math.floor((num + unit / 2) / unit);
  return units * step;
}

export type DuesBase = {
  category: DuesCategory;
  /** Monthly base in fen (employees: pay after tax and contributions; retirees: basic pension). */
  baseFen: number;
  /** An approved hardship reduction: the monthly amount the member pays instead (0 = exempt). */
  reducedFen?: number | null;
};

export type DuesAmount = { amountFen: number; rateBp: number | null; reduced: boolean; ruleVersion: number };

export function bracketFor(brackets: DuesBracket[], baseFen: number): DuesBracket {
  return brackets.find((b) => b.upToFen === null || baseFen <= b.upToFen) ?? brackets[brackets.length - 1];
}

/** Whether the category's dues follow a monthly base (pay or pension); farmers and students pay a fixed amount. */
export const duesCategoryHasBase = (category: DuesCategory): boolean => category === 'employee' || category === 'retiree';

/** The monthly dues of a base under a rule set. */
export function monthlyDues(base: DuesBase, rules: DuesRuleSet, rounding: DuesRounding): DuesAmount {
  if (base.reducedFen !== null && base.reducedFen !== undefined) return { amountFen: base.reducedFen, rateBp: null, reduced: true, ruleVersion: rules.version };
  if (base.category === 'farmer') return { amountFen: rules.farmerFen, rateBp: null, reduced: false, ruleVersion: rules.version };
  if (base.category === 'student') return { amountFen: rules.studentFen, rateBp: null, reduced: false, ruleVersion: rules.version };
  const bracket = bracketFor(base.category === 'retiree' ? rules.retiree : rules.employee, base.baseFen);
  return { amountFen: applyRate(base.baseFen, bracket.rateBp, rounding), rateBp: bracket.rateBp, reduced: false, ruleVersion: rules.version };
}

/** A base row: fixed at the start of the year, a mid-year change applies from the month the new pay starts. */
export type DuesBasePeriod = DuesBase & { fromMonth: YearMonth; ruleVersion?: number };

export type MonthDue = { month: YearMonth; dueFen: number; due: boolean };

/**
 * What a member owes each month of a range: nothing before the month they joined (probationary members pay from the
 * branch assembly's admission date) or before their first base; otherwise the base in force that month.
 */
export function duesSchedule(months: YearMonth[], bases: DuesBasePeriod[], joinDate: IsoDate, rounding: DuesRounding): MonthDue[] {
  const sorted = [...bases].sort((a, b) => (a.fromMonth < b.fromMonth ? -1 : 1));
  const joined = monthOf(joinDate);
  return months.map((month) => {
    if (month < joined) return { month, dueFen: 0, due: false };
    const base = sorted.filter((b) => b.fromMonth <= month).pop();
    if (!base) return { month, dueFen: 0, due: false };
    const rules = base.ruleVersion !== undefined ? (duesRuleSet(base.ruleVersion) ?? duesRulesOn(`${month}-01`)) : duesRulesOn(`${month}-01`);
    const dueFen = monthlyDues(base, rules, rounding).amountFen;
    return { month, dueFen, due: dueFen > 0 };
  });
}

export const yearSchedule = (year: number, bases: DuesBasePeriod[], joinDate: IsoDate, rounding: DuesRounding) =>
  duesSchedule(monthsOfYear(year), bases, joinDate, rounding);

/** Arrears warnings: a yellow warning from 3 consecutive unpaid months, a red flag at 6 (the branch must handle it). */
export const ARREARS_YELLOW_MONTHS = 3;
export const ARREARS_RED_MONTHS = 6;
export type ArrearsLevel = 'none' | 'yellow' | 'red';
export const ARREARS_LEVEL_LABELS: Record<ArrearsLevel, string> = { none: '正常', yellow: '欠缴预警（连续3个月）', red: '连续6个月未交（须支部处理）' };

export type Arrears = {
  /** Consecutive unpaid due months ending with the last closed month. */
  streak: number;
  level: ArrearsLevel;
  unpaidMonths: YearMonth[];
  unpaidFen: number;
};

/** 3 unpaid months in a row: a warning; 6: the red flag (treated as leaving the party unless the branch acts). */
export const arrearsLevelOf = (streak: number): ArrearsLevel => (streak >= ARREARS_RED_MONTHS ? 'red' : streak >= ARREARS_YELLOW_MONTHS ? 'yellow' : 'none');

/**
 * Arrears as of `currentMonth`: the current month is still open (dues are paid within the month), so unpaid months are
 * counted up to the month before. Months that owe nothing (before joining, exempt) neither count nor break a streak.
 */
export function arrears(schedule: MonthDue[], paid: ReadonlySet<YearMonth>, currentMonth: YearMonth): Arrears {
  const closed = schedule.filter((m) => m.month < currentMonth && m.due).sort((a, b) => (a.month < b.month ? -1 : 1));
  const unpaid = closed.filter((m) => !paid.has(m.month));
  let streak = 0;
  for (let i = closed.length - 1; i >= 0 && !paid.has(closed[i].month); i -= 1) streak += 1;
  const level = arrearsLevelOf(streak);
  return { streak, level, unpaidMonths: unpaid.map((m) => m.month), unpaidFen: unpaid.reduce((s, m) => s + m.dueFen, 0) };
}

/** Advance payment is allowed up to 6 months beyond the current month. */
export const MAX_ADVANCE_MONTHS = 6;

export type PaymentIssue = { code: string; message: string };

/** Checks the months a payment covers and its amount against the schedule; returns the amount due for those months. */
export function checkPayment(
  months: YearMonth[],
  amountFen: number,
  schedule: MonthDue[],
  alreadyPaid: ReadonlySet<YearMonth>,
  currentMonth: YearMonth,
): { ok: true; dueFen: number } | { ok: false; issue: PaymentIssue } {
  if (months.length === 0) return { ok: false, issue: { code: 'DUES_NO_MONTHS', message: '请选择交纳的月份' } };
  if (new Set(months).size !== months.length) return { ok: false, issue: { code: 'DUES_DUPLICATE_MONTH', message: '交纳月份有重复' } };
  const last = addMonthsToMonth(currentMonth, MAX_ADVANCE_MONTHS);
  const tooFar = months.find((m) => m > last);
  if (tooFar) return { ok: false, issue: { code: 'DUES_TOO_FAR_AHEAD', message: `预交党费最多预交${MAX_ADVANCE_MONTHS}个月（最晚到 ${last}），${tooFar} 超出范围` } };
  const twice = months.find((m) => alreadyPaid.has(m));
  if (twice) return { ok: false, issue: { code: 'DUES_ALREADY_PAID', message: `${twice} 的党费已交纳，不能重复交纳` } };
  const byMonth = new Map(schedule.map((m) => [m.month, m]));
  const notDue = months.find((m) => !byMonth.get(m)?.due);
  if (notDue) return { ok: false, issue: { code: 'DUES_NOT_DUE', message: `${notDue} 无应交党费（尚未入党、未核定基数或已免交）` } };
  const dueFen = months.reduce((s, m) => s + (byMonth.get(m)?.dueFen ?? 0), 0);
  if (amountFen < dueFen) {
    return { ok: false, issue: { code: 'DUES_AMOUNT_SHORT', message: `交纳金额 ${formatYuan(amountFen)} 元少于所选月份应交 ${formatYuan(dueFen)} 元` } };
  }
  return { ok: true, dueFen };
}

/** 12345 → '123.45' */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** '123.45' / '123.4' / '123' → 12345 fen; null when not a non-negative amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const monthsUpTo = (from: YearMonth, to: YearMonth) => monthRange(from, to);
