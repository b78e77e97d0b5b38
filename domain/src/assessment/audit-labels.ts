// The audit log's Chinese names of the assessment actions and object types (gathered in audit/audit-labels.ts).
export const ASSESSMENT_AUDIT_LABELS: Record<string, string> = {
  'assessment.scheme': '修订年度考核方案',
  'assessment.compute': '计算年度考核得分',
  'assessment.recompute': '关闭后重新计算年度考核得分',
  'assessment.close': '关闭考核年度（冻结得分）',
  'assessment.manual': '录入人工评定得分',
};
export const ASSESSMENT_AUDIT_ENTITY_TYPES: Record<string, string> = {
  assessmentScheme: '年度考核方案',
  assessmentYear: '考核年度',
  assessmentScore: '组织考核得分',
};
