// One label map for the audit log (操作日志): every action and object type written anywhere has a Chinese name here
// (server/src/modules/audit/audit-labels.test.ts scans the server's code for them).
import { MEMBER_MONTHLY_AUDIT_ENTITY_TYPES, MEMBER_MONTHLY_AUDIT_LABELS } from '../member-monthly/audit-labels';
import { PUBLICITY_AUDIT_ENTITY_TYPES, PUBLICITY_AUDIT_LABELS } from '../publicity/audit-labels';
import { CARE_AUDIT_ENTITY_TYPES, CARE_AUDIT_LABELS } from '../care/audit-labels';
import { INSTRUCTORS_AUDIT_ENTITY_TYPES, INSTRUCTORS_AUDIT_LABELS } from '../instructors/audit-labels';
import { ASSESSMENT_AUDIT_ENTITY_TYPES, ASSESSMENT_AUDIT_LABELS } from '../assessment/audit-labels';

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'job.run': '运行定时任务',
  'auth.logout': '退出登录',
  'account.changePassword': '修改密码',
  'member.create': '新增党员',
  'member.update': '修改党员信息',
  'member.move': '调整支部',
  'member.viewSensitive': '查看完整身份证号',
  'member.import': '批量导入党员',
  'member.export': '导出党员名册',
  'member.discipline.create': '记录党纪处分',
  'member.discipline.revoke': '撤销误录的党纪处分',
  'member.leave': '减少党员',
  'development.vote.failed': '支部大会表决未通过',
  'development.approver.set': '调整审批权',
  'development.file.create': '建立发展档案',
  'development.file.close': '终止发展档案',
  'development.step.record': '记录发展步骤',
  'development.formNumber.issue': '发放入党志愿书编号',
  'development.formNumber.void': '作废入党志愿书编号',
  'development.import': '导入发展档案',
  'development.prospect.create': '登记入党意向人员',
  'development.quota.set': '设定发展计划',
  'development.ruleSet.create': '修订发展党员规则',
  'duty.submit': '提交履职佐证',
  'duty.accept': '通过履职事项',
  'duty.return': '退回履职事项',
  'duty.daily': '履职每日逾期检查',
  'duty.items.cancel': '取消履职事项',
  'duty.items.secretary': '履职事项转给新书记',
  'duty.month.close': '履职贴星',
  'duty.month.recompute': '重新计算履职星级',
  'duty.notice.read': '阅读履职提醒',
  'duty.rectification.create': '反馈问题列入整改',
  'duty.rectification.report': '报告整改情况',
  'duty.rectification.close': '整改销号',
  'duty.review.export': '导出季度讲评',
  'duty.settings.update': '修改履职贴星设置',
  'duty.supervisor.add': '指定包联督导',
  'duty.supervisor.remove': '取消包联督导',
  'duty.template.ensure': '生成年度履职清单模板',
  'duty.templateItem.create': '新增清单事项',
  'duty.templateItem.update': '修改清单事项',
  'duty.templateItem.remove': '删除清单事项',
  'duty.timetable.generate': '生成履职时间表',
  'board.link.create': '新建质量图链接',
  'board.link.revoke': '停用质量图链接',
  'org.create': '新建组织',
  'org.update': '修改组织',
  'org.move': '调整隶属',
  'org.merge': '合并组织',
  'org.dissolve': '撤销组织',
  'account.create': '新建账号',
  'demo.load': '载入演示数据',
  'account.update': '修改账号',
  'account.resetPassword': '重置密码',
  'account.unlock': '解锁账号',
  'auth.session.revoke': '结束登录会话',
  'member.exportSensitive': '导出党员名册（含完整敏感信息）',
  'file.upload': '上传文件',
  'settings.password': '修改密码有效期',
  ...MEMBER_MONTHLY_AUDIT_LABELS,
  ...PUBLICITY_AUDIT_LABELS,
  ...CARE_AUDIT_LABELS,
  ...INSTRUCTORS_AUDIT_LABELS,
  ...ASSESSMENT_AUDIT_LABELS,
  'orgLife.meeting.create': '记录三会一课',
  'orgLife.meeting.update': '修改会议记录',
  'orgLife.settings.update': '修改组织生活频次与学时设置',
  'orgLife.talk.create': '登记谈心谈话',
  'orgLife.training.create': '登记学时',
  'orgLife.checkup.save': '记录党性体检（内容保密）',
  'orgLife.checkup.view': '查看党性体检结果',
  'orgLife.checkup.counts': '查看党性体检统计',
  'orgLife.appraisal.save': '记录民主评议党员等次',
};

export const AUDIT_ENTITY_TYPE_LABELS: Record<string, string> = {
  account: '账号',
  boardLink: '质量图链接',
  county: '县',
  developmentFile: '发展档案',
  developmentProspect: '入党意向人员',
  dutyDay: '履职每日检查',
  dutyItem: '履职事项',
  dutyMonth: '履职月度贴星',
  dutyNotice: '履职提醒',
  dutyRectification: '问题整改',
  dutyReview: '季度讲评',
  dutySupervisor: '包联督导',
  dutyTemplate: '履职清单模板',
  dutyTemplateItem: '清单事项',
  dutyTimetable: '履职时间表',
  file: '文件',
  formNumber: '入党志愿书编号',
  importJob: '导入任务',
  jobRun: '定时任务运行',
  member: '党员',
  org: '组织',
  ruleSet: '规则版本',
  ...MEMBER_MONTHLY_AUDIT_ENTITY_TYPES,
  ...PUBLICITY_AUDIT_ENTITY_TYPES,
  ...CARE_AUDIT_ENTITY_TYPES,
  ...INSTRUCTORS_AUDIT_ENTITY_TYPES,
  ...ASSESSMENT_AUDIT_ENTITY_TYPES,
  orgLifeMeeting: '会议记录',
  orgLifeTalk: '谈心谈话',
  orgLifeTraining: '学时记录',
  orgLifeCheckup: '党性体检',
  orgLifeAppraisal: '民主评议党员',
};

/** A refused or failed request is recorded under its route (`POST /api/…`, by core/auth.ts). */
const FAILED_REQUEST = /^(GET|HEAD|POST|PUT|PATCH|DELETE) (\/\S*)$/;

export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const m = FAILED_REQUEST.exec(action);
  if (m) return `请求未成功（${m[1]} ${m[2]}）`;
  return action;
}

export const auditEntityTypeLabel = (entityType: string | null): string => (entityType ? (AUDIT_ENTITY_TYPE_LABELS[entityType] ?? entityType) : '—');
