// The audit log's Chinese names of the assessment actions and object types (gathered in audit/audit-labels.ts).
export const ASSESSMENT_AUDIT_LABELS: Record<string, string> = {
  'assessment.scheme': '修订年度考核方案',
  'assessment.compute': '计算年度考核得分',
  'assessment.recompute': '关闭后重新计算年度考核得分',
  'assessment.close': '关闭考核年度（冻结得分）',
  'assessment.manual': '录入人工评定得分',
  'weakOrg.identify': '认定软弱涣散党组织',
  'weakOrg.plan': '落实软弱涣散整顿“四个一”',
  'weakOrg.progress': '报告软弱涣散整顿进展',
  'weakOrg.accept': '验收软弱涣散整顿',
  'weakOrg.remove': '软弱涣散党组织销号',
};
export const ASSESSMENT_AUDIT_ENTITY_TYPES: Record<string, string> = {
  assessmentScheme: '年度考核方案',
  assessmentYear: '考核年度',
  assessmentScore: '组织考核得分',
  weakOrg: '软弱涣散党组织',
};
