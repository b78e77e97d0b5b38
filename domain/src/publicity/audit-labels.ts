// The audit log's Chinese names of the publicity actions and object types (gathered in audit/audit-labels.ts).
export const PUBLICITY_AUDIT_LABELS: Record<string, string> = {
  'publicity.create': '起草党建信息稿件',
  'publicity.update': '修改党建信息稿件',
  'publicity.submit': '稿件送单位负责人审签',
  'publicity.signOff': '审签党建信息稿件',
  'publicity.return': '退回党建信息稿件',
  'publicity.adopt': '采用党建信息稿件',
  'publicity.raise': '提升稿件采用级别',
  'publicity.decline': '不予采用党建信息稿件',
  'publicity.priority': '发布宣传重点',
  'publicity.levels': '修改采用级别分值表',
  'publicity.notice': '导出党建信息季度通报',
};
export const PUBLICITY_AUDIT_ENTITY_TYPES: Record<string, string> = {
  publicityItem: '党建信息稿件',
  publicityPriority: '宣传重点',
  publicityLevels: '采用级别分值表',
  publicityNotice: '党建信息季度通报',
};
