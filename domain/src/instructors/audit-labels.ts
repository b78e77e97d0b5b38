// How the audit log names the instructors' actions (issue #11) in Chinese.
export const INSTRUCTORS_AUDIT_LABELS: Record<string, string> = {
  'instructor.create': '选派党建工作指导员（入库）',
  'instructor.assign': '指派党建工作指导员到企业',
  'instructor.siteCode': '生成企业驻企二维码',
  'instructor.scanIn': '指导员扫码进场',
  'instructor.scanOut': '指导员扫码离场',
  'instructor.manualEntry': '补录驻企时间',
  'instructor.decideManual': '审核补录的驻企时间',
  'instructor.workLog': '填写工作纪实',
  'instructor.solveProblem': '急难愁盼问题解决',
  'instructor.monthClose': '指导员驻企月度结算',
  'instructor.assess': '指导员年度考核评定等次',
  'instructor.exportPayments': '导出指导员补贴发放名单',
  'instructor.callback': '电话回访企业',
  'instructor.letterPrint': '生成两书（目标责任书、承诺书）',
  'instructor.letterSigned': '上传两书签字件',
  'instructor.letterTemplates': '修改两书模板',
};
export const INSTRUCTORS_AUDIT_ENTITY_TYPES: Record<string, string> = {
  instructor: '党建工作指导员',
  enterprise: '两新组织',
  siteVisit: '驻企记录',
  siteManualEntry: '驻企补录',
  workLog: '工作纪实',
  instructorProblem: '急难愁盼问题',
  instructorCallback: '电话回访',
  instructorAssignment: '指导员指派',
};
