// Secretaries' duty lists (书记抓党建履职清单): org categories, frequencies, evidence kinds, item statuses, and which
// category an org's duty list follows.
import type { GridKind, OrgType, Sector } from '../orgs/org-types';

/** The seed's seven kinds of duty list: six follow "十个一", 两新 branches "八个一". */
export const DUTY_CATEGORIES = [
  'townCommittee',
  'departmentCommittee',
  'agencyBranch',
  'villageCommittee',
  'ruralGridBranch',
  'urbanGridBranch',
  'twoNewBranch',
] as const;
export type DutyCategory = (typeof DUTY_CATEGORIES)[number];
export const DUTY_CATEGORY_LABELS: Record<DutyCategory, string> = {
  townCommittee: '镇（街道）党（工）委',
  departmentCommittee: '部门党（工）委',
  agencyBranch: '县直机关党支部（党总支）',
  villageCommittee: '村（社区）党组织',
  ruralGridBranch: '农村网格党支部',
  urbanGridBranch: '城市网格党支部',
  twoNewBranch: '“两新”党支部',
};

export const DUTY_FREQUENCIES = ['yearly', 'quarterly', 'monthly'] as const;
export type DutyFrequency = (typeof DUTY_FREQUENCIES)[number];
export const DUTY_FREQUENCY_LABELS: Record<DutyFrequency, string> = { yearly: '年度', quarterly: '季度', monthly: '月度' };

export const EVIDENCE_KINDS = ['photo', 'file', 'text', 'participants', 'count'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = { photo: '照片', file: '文件', text: '文字说明', participants: '参加人员', count: '数量' };

/**
 * pending: not yet reported; submitted: waiting for review; returned: sent back with feedback; accepted: done;
 * cancelled: falls due after the org was dissolved or while the secretary's post is vacant — it counts for nobody.
 */
export const DUTY_ITEM_STATUSES = ['pending', 'submitted', 'returned', 'accepted', 'cancelled'] as const;
export type DutyItemStatus = (typeof DUTY_ITEM_STATUSES)[number];
export const DUTY_ITEM_STATUS_LABELS: Record<DutyItemStatus, string> = { pending: '待完成', submitted: '待审核', returned: '已退回', accepted: '已通过', cancelled: '已取消' };

export const WARNING_LEVELS = ['yellow', 'red'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];
export const WARNING_LEVEL_LABELS: Record<WarningLevel, string> = { yellow: '黄色预警', red: '红色预警' };

export type OrgForCategory = { type: OrgType; sector: Sector; gridKind: GridKind | null };

/**
 * Which duty list an org follows; null for the county committee and party groups (they have none).
 * 国有企业 branches count with 两新 (the glossary's enterprise kinds); school and hospital branches with county agencies.
 */
export function dutyCategoryOf(org: OrgForCategory): DutyCategory | null {
  if (org.type === 'group' || org.sector === 'county') return null;
  if (org.gridKind === 'rural') return 'ruralGridBranch';
  if (org.gridKind === 'urban') return 'urbanGridBranch';
  const isCommittee = org.type === 'committee' || org.type === 'workingCommittee';
  switch (org.sector) {
    case 'town':
    case 'street':
      return isCommittee ? 'townCommittee' : 'agencyBranch';
    case 'rural':
    case 'community':
      return 'villageCommittee';
    case 'nonPublic':
    case 'socialOrg':
    case 'stateOwned':
      return isCommittee ? 'departmentCommittee' : 'twoNewBranch';
    default:
      return isCommittee ? 'departmentCommittee' : 'agencyBranch';
  }
}
