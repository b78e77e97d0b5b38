// The organization tree's vocabulary: org types (党委/党工委/党总支/党支部/党小组) and sectors (领域).
export const ORG_TYPES = ['committee', 'workingCommittee', 'generalBranch', 'branch', 'group'] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, string> = {
  committee: '党委',
  workingCommittee: '党工委',
  generalBranch: '党总支',
  branch: '党支部',
  group: '党小组',
};

export const SECTORS = [
  'county',
  'town',
  'street',
  'department',
  'rural',
  'community',
  'agency',
  'stateOwned',
  'nonPublic',
  'socialOrg',
  'school',
  'hospital',
] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  county: '县委',
  town: '镇',
  street: '街道',
  department: '部门',
  rural: '农村',
  community: '社区',
  agency: '机关',
  stateOwned: '国有企业',
  nonPublic: '非公企业',
  socialOrg: '社会组织',
  school: '学校',
  hospital: '医院',
};

export const GRID_KINDS = ['rural', 'urban'] as const;
export type GridKind = (typeof GRID_KINDS)[number];
export const GRID_KIND_LABELS: Record<GridKind, string> = { rural: '农村网格', urban: '城市网格' };

/** Which child types a parent type may hold (county committee at the root). */
export const ALLOWED_CHILDREN: Record<OrgType, readonly OrgType[]> = {
  committee: ['committee', 'workingCommittee', 'generalBranch', 'branch'],
  workingCommittee: ['committee', 'generalBranch', 'branch'],
  generalBranch: ['branch'],
  branch: ['group'],
  group: [],
};

/** Every member is enrolled in a branch (党支部), optionally in one of its groups (党小组). */
export const MEMBER_HOLDING_TYPES: readonly OrgType[] = ['branch'];

export const ENTERPRISE_KINDS = ['nonPublic', 'socialOrg', 'stateOwned'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];
export const ENTERPRISE_KIND_LABELS: Record<EnterpriseKind, string> = {
  nonPublic: '非公企业',
  socialOrg: '社会组织',
  stateOwned: '国有企业',
};
