// The year-end assessment (严把考核关): component scores (0–100) with county weights give the score; the score gives the
// grade by the county's thresholds, and the grade the year's subsidy (补贴) by the county's table.
export const ASSESSMENT_GRADES = ['excellent', 'competent', 'basic', 'incompetent'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, string> = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' };

export const ASSESSMENT_COMPONENTS = ['daily', 'report', 'records', 'talk', 'staffRating'] as const;
export type AssessmentComponent = (typeof ASSESSMENT_COMPONENTS)[number];
export const ASSESSMENT_COMPONENT_LABELS: Record<AssessmentComponent, string> = {
  daily: '日常考核（在岗率、驻企时间、工作纪实）',
  report: '听取汇报',
  records: '查阅资料',
  talk: '座谈',
  staffRating: '职工评议',
};

export type AssessmentSettings = {
  /** Weights in percent, summing to 100. */
  weights: Record<AssessmentComponent, number>;
  /** The lowest score of each grade above 不称职 (excellent ≥ competent ≥ basic). */
  thresholds: { excellent: number; competent: number; basic: number };
  /** The year's subsidy by grade, in yuan (县表). */
  subsidyYuan: Record<AssessmentGrade, number>;
};

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  weights: { daily: 40, report: 15, records: 15, talk: 10, staffRating: 20 },
  thresholds: { excellent: 90, competent: 75, basic: 60 },
  subsidyYuan: { excellent: 6000, competent: 4800, basic: 2400, incompetent: 0 },
};

/** Weighted score, rounded to one decimal; each component must be within 0–100. */
export function assessmentScore(scores: Record<AssessmentComponent, number>, s: AssessmentSettings): number {
  let sum = 0;
  for (const c of ASSESSMENT_COMPONENTS) {
    const v = scores[c];
    if (!Number.isFinite(v) || v < 0 || v > 100) throw new RangeError(`${ASSESSMENT_COMPONENT_LABELS[c]}得分应在 0 到 100 之间`);
    sum += v * s.weights[c];
  }
  return Math.round(sum / 10) / 10;
}

/** The grade of a score: a score equal to a threshold reaches that grade. */
export function gradeOf(score: number, t: AssessmentSettings['thresholds']): AssessmentGrade {
  if (score >= t.excellent) return 'excellent';
  if (score >= t.competent) return 'competent';
  if (score >= t.basic) return 'basic';
  return 'incompetent';
}

export const subsidyOf = (grade: AssessmentGrade, s: AssessmentSettings): number => s.subsidyYuan[grade];

/** Problems of a settings value: weights summing to 100, thresholds descending within 0–100, subsidies not negative. */
export function checkAssessmentSettings(s: AssessmentSettings): string[] {
  const issues: string[] = [];
  const total = ASSESSMENT_COMPONENTS.reduce((n, c) => n + s.weights[c], 0);
  if (total !== 100) issues.push(`各项权重之和应为 100（现为 ${total}）`);
  const { excellent, competent, basic } = s.thresholds;
  if (!(excellent <= 100 && excellent >= competent && competent >= basic && basic >= 0)) issues.push('等次分数线应满足 100 ≥ 优秀 ≥ 称职 ≥ 基本称职 ≥ 0');
  for (const g of ASSESSMENT_GRADES) if (s.subsidyYuan[g] < 0) issues.push(`${ASSESSMENT_GRADE_LABELS[g]}的补贴不能为负数`);
  return issues;
}
