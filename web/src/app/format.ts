// Display helpers shared by the screens: labels for codes, dates, the field names of the member record.
import {
  MEMBER_MONTHLY_AUDIT_FIELD_LABELS,
  MEMBER_MONTHLY_AUDIT_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  ORG_TYPE_LABELS,
  SECTOR_LABELS,
  GRID_KIND_LABELS,
  MEMBER_FIELD_LABELS,
  ROLE_LABELS,
} from '@yanzhen/domain';
import dayjs from 'dayjs';

export const label = <K extends string>(labels: Record<K, string>, code: string | null | undefined): string =>
  code ? ((labels as Record<string, string>)[code] ?? code) : '—';

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export const formatDateTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

export const todayIso = () => dayjs().format('YYYY-MM-DD');

/** Chinese names of record fields, for history and audit entries: the domain's member labels plus a few more. */
export const FIELD_LABELS: Record<string, string> = {
  ...MEMBER_MONTHLY_AUDIT_FIELD_LABELS,
  ...MEMBER_FIELD_LABELS,
  orgName: '所在支部',
  leftAt: '离开日期',
  displayName: '姓名',
  username: '用户名',
  role: '角色',
  disabled: '停用',
  locked: '锁定',
  mustChangePassword: '须修改密码',
  shortName: '简称',
  type: '组织类型',
  sector: '所属领域',
  gridKind: '网格类型',
  foundedOn: '成立日期',
  parentId: '上级组织',
  secretaryMemberId: '书记',
  committeeMemberIds: '委员',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  gender: GENDER_LABELS,
  education: EDUCATION_LABELS,
  occupation: OCCUPATION_LABELS,
  status: MEMBERSHIP_STATUS_LABELS,
  categories: MEMBER_CATEGORY_LABELS,
  type: ORG_TYPE_LABELS,
  sector: SECTOR_LABELS,
  gridKind: GRID_KIND_LABELS,
  role: ROLE_LABELS,
};

/** A changed value as a person reads it: codes as labels, lists joined, empty as “（空）”. */
export function formatChangeValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  const labels = VALUE_LABELS[field];
  if (Array.isArray(value)) return value.length ? value.map((v) => (labels ? (labels[String(v)] ?? String(v)) : String(v))).join('、') : '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' && labels) return labels[value] ?? value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'job.run': '运行定时任务',
  'auth.logout': '退出登录',
  'auth.password': '修改密码',
  'account.changePassword': '修改密码',
  'auth.loginFailure': '登录失败',
  'auth.loginFailed': '登录失败',
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
  ...MEMBER_MONTHLY_AUDIT_LABELS,
};
export const actionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;
