// How the audit log names the actions of issue #5 (theme days, dues, stars, reports, community, notices) in Chinese.
export const MEMBER_MONTHLY_AUDIT_LABELS: Record<string, string> = {
  'themeDay.create': '安排主题党日',
  'themeDay.update': '修改主题党日安排',
  'themeDay.checkIn': '主题党日扫码签到',
  'themeDay.markAttended': '登记主题党日出席',
  'themeDay.unmarkAttended': '取消主题党日出席登记',
  'themeDay.requestLeave': '主题党日请假',
  'themeDay.decideLeave': '审批主题党日请假',
  'themeDay.makeup': '登记补学',
  'dues.setBase': '核定党费基数',
  'dues.decideReduction': '审批党费减免',
  'dues.importBases': '导入年度党费基数',
  'dues.pay': '登记党费交纳',
  'dues.handleArrears': '处理党费欠缴预警',
  'dues.exportLedger': '导出党费收缴台账',
  'stars.compute': '重新计算党员星级',
  'stars.adjust': '调整党员积分',
  'settings.memberMonthly': '修改星级积分设置',
  'report.submit': '提交流动党员汇报',
  'report.review': '审阅流动党员汇报',
  'community.register': '到居住地社区报到',
  'community.recordService': '登记社区服务',
  'community.confirm': '确认社区服务',
  'notice.post': '发布支部通知',
};

/** The records of issue #5 as audit log objects. */
export const MEMBER_MONTHLY_AUDIT_ENTITY_TYPES: Record<string, string> = {
  themeDay: '主题党日',
  leaveRequest: '请假',
  duesBase: '党费基数',
  duesPayment: '党费交纳',
  duesArrearsWarning: '党费欠缴预警',
  situationReport: '流动党员汇报',
  communityService: '社区服务',
  branchNotice: '支部通知',
  settings: '设置',
};

/** The fields those actions record, as the audit log's change table names them. */
export const MEMBER_MONTHLY_AUDIT_FIELD_LABELS: Record<string, string> = {
  amountFen: '金额（分）', baseFen: '基数（分）', reducedFen: '减免后金额（分）', reductionStatus: '减免审批', category: '党费类别', collector: '收缴人',
  method: '交纳方式', paidOn: '交纳日期', months: '所属月份', month: '月份', handledAt: '处理时间', handlingNote: '处理情况',
  communityName: '社区名称', communityOrgId: '社区党组织', content: '内容', servedOn: '服务日期', hoursTenths: '时长（0.1小时）',
  location: '所在地', photos: '照片', status: '状态', note: '说明', reason: '事由', studiedOn: '补学日期', themeDayId: '主题党日',
  date: '日期', place: '地点', topic: '主题', title: '标题', kind: '类型', memberId: '党员',
};
