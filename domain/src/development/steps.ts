// The member-development workflow (发展党员): 5 stages, 25 steps, with the articles of the 2014 细则 behind each.
export const DEVELOPMENT_STAGES = [
  { stage: 1, key: 'application', name: '申请入党', personStatus: '入党申请人' },
  { stage: 2, key: 'activist', name: '入党积极分子的确定和培养教育', personStatus: '入党积极分子' },
  { stage: 3, key: 'candidate', name: '发展对象的确定和考察', personStatus: '发展对象' },
  { stage: 4, key: 'admission', name: '预备党员的接收', personStatus: '发展对象' },
  { stage: 5, key: 'probation', name: '预备党员的教育考察和转正', personStatus: '预备党员' },
] as const;
export type DevelopmentStage = 1 | 2 | 3 | 4 | 5;

/** Who records a step: the branch, the higher committee, or the county organization department. */
export type StepActor = 'branch' | 'committee' | 'orgDepartment';

export type DevelopmentStepDef = {
  step: number;
  key: string;
  name: string;
  stage: DevelopmentStage;
  actor: StepActor;
  /** Source article (《中国共产党发展党员工作细则》2014), or the county practice it comes from. */
  article: string;
  /** May be recorded again while it is the current step (half-yearly assessments, probation assessments). */
  repeatable?: boolean;
};

export const DEVELOPMENT_STEPS: readonly DevelopmentStepDef[] = [
  { step: 1, key: 'application', name: '递交入党申请书', stage: 1, actor: 'branch', article: '细则第五条' },
  { step: 2, key: 'applicationTalk', name: '党组织派人谈话', stage: 1, actor: 'branch', article: '细则第七条' },
  { step: 3, key: 'activist', name: '确定入党积极分子', stage: 2, actor: 'branch', article: '细则第八条' },
  { step: 4, key: 'activistFiling', name: '上级党委备案', stage: 2, actor: 'committee', article: '细则第八条' },
  { step: 5, key: 'mentors', name: '指定培养联系人', stage: 2, actor: 'branch', article: '细则第九条' },
  { step: 6, key: 'cultivation', name: '培养教育考察', stage: 2, actor: 'branch', article: '细则第十一条', repeatable: true },
  { step: 7, key: 'candidate', name: '确定发展对象', stage: 3, actor: 'branch', article: '细则第十三条' },
  { step: 8, key: 'candidateFiling', name: '报上级党委备案', stage: 3, actor: 'committee', article: '细则第十三条' },
  { step: 9, key: 'sponsors', name: '确定入党介绍人', stage: 3, actor: 'branch', article: '细则第十四条' },
  { step: 10, key: 'politicalReview', name: '进行政治审查', stage: 3, actor: 'branch', article: '细则第十六条' },
  { step: 11, key: 'training', name: '开展集中培训', stage: 3, actor: 'branch', article: '细则第十七条' },
  { step: 12, key: 'branchCommitteeReview', name: '支部委员会审查', stage: 4, actor: 'branch', article: '细则第十九条' },
  { step: 13, key: 'preReview', name: '上级党委预审', stage: 4, actor: 'orgDepartment', article: '细则第十九条' },
  { step: 14, key: 'applicationForm', name: '填写入党志愿书', stage: 4, actor: 'branch', article: '细则第二十条' },
  { step: 15, key: 'assembly', name: '支部大会讨论', stage: 4, actor: 'branch', article: '细则第二十条、第二十一条' },
  { step: 16, key: 'approvalTalk', name: '上级党委派人谈话', stage: 4, actor: 'committee', article: '细则第二十二条' },
  { step: 17, key: 'approval', name: '上级党委审批', stage: 4, actor: 'committee', article: '细则第二十三条至第二十五条' },
  { step: 18, key: 'approvalFiling', name: '再上一级党委组织部门备案', stage: 4, actor: 'orgDepartment', article: '细则第二十六条' },
  { step: 19, key: 'enrolment', name: '编入党支部和党小组', stage: 4, actor: 'branch', article: '细则第二十七条' },
  { step: 20, key: 'oath', name: '入党宣誓', stage: 4, actor: 'branch', article: '细则第二十八条' },
  { step: 21, key: 'probationEducation', name: '继续教育考察', stage: 5, actor: 'branch', article: '细则第三十二条', repeatable: true },
  { step: 22, key: 'conversionApplication', name: '提出转正申请', stage: 5, actor: 'branch', article: '细则第三十三条' },
  { step: 23, key: 'conversionAssembly', name: '支部大会讨论转正', stage: 5, actor: 'branch', article: '细则第三十三条、第三十四条' },
  { step: 24, key: 'conversionApproval', name: '上级党委审批转正', stage: 5, actor: 'committee', article: '细则第三十五条、第三十六条' },
  { step: 25, key: 'archive', name: '材料归档', stage: 5, actor: 'branch', article: '细则第三十七条' },
];

export const STEP_COUNT = DEVELOPMENT_STEPS.length;

export function stepDef(step: number): DevelopmentStepDef {
  const def = DEVELOPMENT_STEPS[step - 1];
  if (!def) throw new Error(`unknown development step ${step}`);
  return def;
}

export const stepLabel = (step: number): string => `第${step}步“${stepDef(step).name}”`;

/** The stage a file is in once `lastStep` is recorded (0 = registered, nothing recorded yet → stage 1). */
export const stageOfStep = (lastStep: number): DevelopmentStage => (lastStep <= 0 ? 1 : stepDef(lastStep).stage);

/** Which role may record each kind of step: the branch records its own people's steps, committees approve and file,
 * the county organization department pre-reviews and files the approvals. */
export const STEP_ACTOR_LABELS: Record<StepActor, string> = { branch: '党支部', committee: '上级党委', orgDepartment: '县委组织部' };

export const FILE_STATUSES = ['active', 'completed', 'closed', 'cancelled'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export const FILE_STATUS_LABELS: Record<FileStatus, string> = {
  active: '进行中',
  completed: '已转正归档',
  closed: '已终止',
  cancelled: '已取消预备党员资格',
};

export const PROSPECT_SOURCES = ['model', 'youngTalent', 'industry', 'returnee', 'other'] as const;
export type ProspectSource = (typeof PROSPECT_SOURCES)[number];
export const PROSPECT_SOURCE_LABELS: Record<ProspectSource, string> = {
  model: '先进模范',
  youngTalent: '青年人才',
  industry: '行业代表',
  returnee: '返乡创业人员',
  other: '其他',
};
