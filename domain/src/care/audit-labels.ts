// How the audit log names the actions and records of care and relationship transfers (issue #13) in Chinese.
export const CARE_AUDIT_LABELS: Record<string, string> = {
  'care.pair': '定人结对（帮扶、包联）',
  'care.endPairing': '退出帮扶名单',
  'care.visit': '登记走访',
  'care.mobileContact': '登记流动党员联系',
  'care.mobileContactPerson': '指定流动党员联系人',
  'care.mobileLostSteps': '记录失联党员查找措施',
  'condolence.plan': '计划节日慰问',
  'condolence.allocate': '分配节日慰问资金',
  'condolence.close': '结束节日慰问发放',
  'condolence.pay': '发放节日慰问金',
  'condolence.reverse': '冲正节日慰问金',
  'condolence.export': '导出节日慰问金台账',
  'transfer.issue': '开具组织关系介绍信',
  'transfer.receipt': '登记介绍信回执',
  'transfer.reissue': '补开组织关系介绍信（原介绍信作废）',
  'transfer.registerIn': '登记县外转入介绍信',
  'transfer.arrive': '转入党员报到',
  'transfer.printLetter': '打印组织关系介绍信',
};
export const CARE_AUDIT_ENTITY_TYPES: Record<string, string> = { carePairing: '帮扶结对', transfer: '组织关系转接', mobileLedger: '流动党员联络台账', condolenceRound: '节日慰问' };
