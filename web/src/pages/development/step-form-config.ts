// How the record-step form asks for each step's fields (the schemas themselves live in the domain package).
export type FieldKind = 'group' | 'text' | 'textarea' | 'date' | 'number' | 'members' | 'recommendations' | 'departments' | 'negativeList' | 'checklist' | 'boolean' | 'outcome';
export type FieldSpec = { name: string; label: string; kind: FieldKind; required?: boolean; max?: number };

const vote: FieldSpec[] = [
  { name: 'dueFullMembers', label: '应到会有表决权正式党员（人）', kind: 'number', required: true },
  { name: 'presentFullMembers', label: '实到会有表决权正式党员（人）', kind: 'number', required: true },
  { name: 'yes', label: '到会赞成票', kind: 'number', required: true },
  { name: 'no', label: '反对票', kind: 'number', required: true },
  { name: 'abstain', label: '弃权票', kind: 'number', required: true },
  { name: 'writtenYes', label: '未到会党员书面表决赞成票', kind: 'number', required: true },
  { name: 'dueExclusionNote', label: '未计入应到会人数的党员及原因（应到会少于支部正式党员时必填）', kind: 'textarea', max: 300 },
];
const talk: FieldSpec[] = [
  { name: 'talker', label: '谈话人', kind: 'text', required: true },
  { name: 'summary', label: '谈话记录', kind: 'textarea', required: true },
];
const assessment: FieldSpec[] = [
  { name: 'period', label: '考察期间', kind: 'text', required: true },
  { name: 'summary', label: '考察意见', kind: 'textarea', required: true },
];

export const STEP_FORM: Record<number, FieldSpec[]> = {
  1: [{ name: 'receivedBy', label: '接收申请的党组织', kind: 'text', required: true }],
  2: talk,
  3: [
    { name: 'recommendations', label: '推荐方式（两推）', kind: 'recommendations', required: true },
    { name: 'committeeMeetingDate', label: '支委会研究日期', kind: 'date', required: true },
  ],
  4: [{ name: 'filedWith', label: '备案党委', kind: 'text', required: true }],
  5: [{ name: 'mentorMemberIds', label: '培养联系人（1–2名正式党员）', kind: 'members', required: true, max: 2 }],
  6: assessment,
  7: [
    { name: 'opinions', label: '党小组、培养联系人、党员和群众意见', kind: 'textarea', required: true },
    { name: 'committeeMeetingDate', label: '支委会研究日期', kind: 'date', required: true },
  ],
  8: [{ name: 'filedWith', label: '备案党委', kind: 'text', required: true }],
  9: [{ name: 'sponsorMemberIds', label: '入党介绍人（2名正式党员）', kind: 'members', required: true, max: 2 }],
  10: [
    { name: 'conclusion', label: '政治审查结论', kind: 'textarea', required: true },
    { name: 'departmentsConsulted', label: '征求意见的部门', kind: 'departments', required: true },
    { name: 'negativeListHits', label: '负面清单情形（如有）', kind: 'negativeList' },
  ],
  11: [
    { name: 'days', label: '培训天数', kind: 'number', required: true },
    { name: 'hours', label: '培训学时', kind: 'number', required: true },
    { name: 'examScore', label: '考试成绩', kind: 'number', required: true },
  ],
  12: [
    { name: 'meetingDate', label: '支委会日期', kind: 'date', required: true },
    { name: 'opinion', label: '审查意见', kind: 'textarea', required: true },
  ],
  13: [
    { name: 'opinion', label: '预审意见', kind: 'textarea', required: true },
    { name: 'leavingWithinThreeMonths', label: '3个月内将离开工作、学习单位', kind: 'boolean' },
  ],
  14: [{ name: 'formNumber', label: '入党志愿书编号', kind: 'text', required: true }],
  15: vote,
  16: talk,
  17: [
    { name: 'decision', label: '审批意见', kind: 'textarea', required: true },
    { name: 'special', label: '特殊情况（超过3个月审批）', kind: 'boolean' },
    { name: 'specialReason', label: '特殊情况原因', kind: 'text' },
  ],
  18: [{ name: 'filedWith', label: '备案组织部门', kind: 'text', required: true }],
  19: [{ name: 'groupId', label: '编入党小组（支部未设党小组的可不选）', kind: 'group' }],
  20: [{ name: 'place', label: '宣誓地点', kind: 'text', required: true }],
  21: assessment,
  22: [{ name: 'summary', label: '转正申请要点', kind: 'textarea', required: true }],
  23: [...vote, { name: 'outcome', label: '讨论结果', kind: 'outcome', required: true }, { name: 'extensionMonths', label: '延长预备期（月）', kind: 'number' }],
  24: [{ name: 'decision', label: '审批意见', kind: 'textarea', required: true }],
  25: [{ name: 'checklist', label: '归档材料', kind: 'checklist', required: true }],
};
