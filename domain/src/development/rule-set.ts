// The development rule set as versioned data: time limits, day counts, publicity points, the negative list.
// A file records the version it was judged under; a new 细则 (2026, a province's own) is a new version, not code.
import { z } from 'zod';
import { ZIsoDate, ZVersion, zInt, zStr } from '../core/schemas';

export const REVIEW_DEPARTMENTS = ['discipline', 'police', 'court'] as const;
export type ReviewDepartment = (typeof REVIEW_DEPARTMENTS)[number];
export const REVIEW_DEPARTMENT_LABELS: Record<ReviewDepartment, string> = { discipline: '纪检监察机关', police: '公安机关', court: '人民法院' };

const ZMonths = z.number().int().min(0).max(120);
export const ZDevelopmentRuleParams = z.object({
  minApplicationAge: z.number().int().min(14).max(30),
  talkWithinMonths: ZMonths,
  activistMinMonthsAfterApplication: ZMonths,
  mentorsMin: z.number().int().min(1).max(5),
  mentorsMax: z.number().int().min(1).max(5),
  assessmentIntervalMonths: ZMonths,
  candidateMinMonthsAsActivist: ZMonths,
  sponsorsRequired: z.number().int().min(1).max(5),
  trainingMinDays: z.number().min(0).max(3650),
  trainingMinHours: z.number().min(0).max(100_000),
  trainingPassScore: z.number().min(0).max(100),
  publicityMinWorkingDays: z.number().int().min(1).max(30),
  /** Steps whose record must carry a publicity period (全程公示制). */
  publicitySteps: z.array(z.number().int().min(1).max(25)),
  assemblyMinFullMembers: zInt(1, 10_000, '支部大会最少正式党员人数'),
  approvalWithinMonths: ZMonths,
  approvalSpecialMaxMonths: ZMonths,
  probationMonths: ZMonths,
  extensionMinMonths: ZMonths,
  extensionMaxMonths: ZMonths,
  conversionApprovalWithinMonths: ZMonths,
  requiredReviewDepartments: z.array(z.enum(REVIEW_DEPARTMENTS)),
  negativeList: z.array(z.object({ key: zStr().min(1).max(40), label: zStr().min(1).max(200) })),
  archiveChecklist: z.array(zStr().min(1).max(100)).min(1),
});
export type DevelopmentRuleParams = z.infer<typeof ZDevelopmentRuleParams>;

export const ZDevelopmentRuleSet = z.object({
  version: ZVersion,
  effectiveFrom: ZIsoDate,
  source: zStr().min(1).max(200),
  params: ZDevelopmentRuleParams,
});
export type DevelopmentRuleSet = z.infer<typeof ZDevelopmentRuleSet>;

/** A county administrator's new version: the source it comes from, when it applies, and the parameters (each range
 * must make sense, so a version cannot refuse every file). */
export const ZDevelopmentRuleSetInput = z.object({
  effectiveFrom: ZIsoDate,
  source: zStr({ error: '请填写依据' }).trim().min(1, '请填写依据').max(200),
  params: ZDevelopmentRuleParams.superRefine((p, ctx) => {
    const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (p.mentorsMin > p.mentorsMax) bad('mentorsMax', `培养联系人最多人数（${p.mentorsMax}）不能少于最少人数（${p.mentorsMin}）`);
    if (p.extensionMinMonths > p.extensionMaxMonths) bad('extensionMaxMonths', `延长预备期最长月数（${p.extensionMaxMonths}）不能少于最短月数（${p.extensionMinMonths}）`);
    if (p.approvalWithinMonths > p.approvalSpecialMaxMonths) bad('approvalSpecialMaxMonths', `特殊情况审批最长月数（${p.approvalSpecialMaxMonths}）不能少于审批时限（${p.approvalWithinMonths}）`);
    if (new Set(p.negativeList.map((n) => n.key)).size !== p.negativeList.length) bad('negativeList', '负面清单有重复的项目');
    if (new Set(p.archiveChecklist).size !== p.archiveChecklist.length) bad('archiveChecklist', '归档材料清单有重复的项目');
  }),
});

/** A negative list edited as lines of text: an unchanged item keeps its key (recorded hits still name it); a new one
 * gets a new key. Blank lines and repeats are dropped. */
export function negativeListFromLines(lines: readonly string[], previous: readonly { key: string; label: string }[]): { key: string; label: string }[] {
  const labels = [...new Set(lines.map((l) => l.trim()).filter(Boolean))];
  const used = new Set(previous.map((n) => n.key));
  let n = 1;
  return labels.map((label) => {
    const old = previous.find((x) => x.label === label);
    if (old) return old;
    while (used.has(`item${n}`)) n += 1;
    used.add(`item${n}`);
    return { key: `item${n}`, label };
  });
}
export type DevelopmentRuleSetInput = z.infer<typeof ZDevelopmentRuleSetInput>;

export const DEVELOPMENT_RULE_SET_NAME = 'development';

/** Version 1: 《中国共产党发展党员工作细则》(中办发〔2014〕30号) and the county's practice (公示五个工作日, 培训考试制). */
export const DEFAULT_DEVELOPMENT_RULE_SET: DevelopmentRuleSet = {
  version: 1,
  effectiveFrom: '2014-06-10',
  source: '《中国共产党发展党员工作细则》（中办发〔2014〕30号）及本县“五制一编码”做法',
  params: {
    minApplicationAge: 18,
    talkWithinMonths: 1,
    activistMinMonthsAfterApplication: 6,
    mentorsMin: 1,
    mentorsMax: 2,
    assessmentIntervalMonths: 6,
    candidateMinMonthsAsActivist: 12,
    sponsorsRequired: 2,
    trainingMinDays: 3,
    trainingMinHours: 24,
    trainingPassScore: 60,
    publicityMinWorkingDays: 5,
    publicitySteps: [3, 7, 13, 23],
    assemblyMinFullMembers: 3,
    approvalWithinMonths: 3,
    approvalSpecialMaxMonths: 6,
    probationMonths: 12,
    extensionMinMonths: 6,
    extensionMaxMonths: 12,
    conversionApprovalWithinMonths: 3,
    requiredReviewDepartments: ['discipline', 'police', 'court'],
    negativeList: [
      { key: 'criminal', label: '受过刑事处罚或正在被立案侦查' },
      { key: 'cult', label: '参与邪教组织或非法宗教活动' },
      { key: 'dishonest', label: '被列为失信被执行人' },
      { key: 'breachPlanning', label: '违反计划生育、违法占地建房等未纠正' },
      { key: 'petitionDisorder', label: '组织或参与非正常上访、聚众闹事' },
      { key: 'gangs', label: '涉黑涉恶' },
    ],
    archiveChecklist: [
      '入党申请书',
      '谈话记录',
      '推荐和确定入党积极分子的有关材料',
      '入党积极分子培养教育考察材料',
      '确定发展对象的有关材料',
      '政治审查材料',
      '培训情况（结业证书及考试成绩）',
      '入党志愿书',
      '支部大会决议及上级党委审批意见',
      '转正申请书及转正审批材料',
    ],
  },
};
