// One list of permissions and one role → permission map; routes declare a permission, services check scope.
export const ROLES = ['countyAdmin', 'committeeAdmin', 'branchSecretary', 'instructor', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  countyAdmin: '县委组织部管理员',
  committeeAdmin: '党（工）委管理员',
  branchSecretary: '支部书记',
  instructor: '党建工作指导员',
  member: '党员',
};

export const PERMISSIONS = [
  'dashboard.read',
  'orgs.read',
  'orgs.write',
  'members.read',
  'members.write',
  'members.viewSensitive',
  'members.import',
  'members.export',
  'members.exportSensitive',
  'members.discipline',
  'accounts.read',
  'accounts.write',
  'audit.read',
  'self.read',
  'development.read', 'development.record', 'development.approve', 'development.preReview', 'development.rules',
  'files.upload',
  'files.read',
  'duties.read',
  'duties.submit',
  'duties.review',
  'duties.manage',
  'self.write',
  'themeDays.read',
  'themeDays.write',
  'dues.read',
  'dues.write',
  'stars.read',
  'stars.write',
  'reports.read',
  'reports.review',
  'community.confirm',
  'jobs.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;
// Theme days, dues, stars and situation reports (issue #5); self.write: a member's own check-in, leave request, report.
const MONTHLY_READ: Permission[] = ['themeDays.read', 'dues.read', 'stars.read', 'reports.read'];
const MONTHLY_WRITE: Permission[] = ['themeDays.write', 'dues.write', 'stars.write', 'reports.review', 'community.confirm'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  countyAdmin: ALL,
  committeeAdmin: ALL.filter((p) => p !== 'members.exportSensitive' && p !== 'development.preReview' && p !== 'development.rules' && p !== 'duties.manage' && p !== 'jobs.run'),
  branchSecretary: [
    'dashboard.read',
    'orgs.read',
    'members.read',
    'members.write',
    'members.viewSensitive',
    'members.import',
    'members.export',
    'self.read',
    'development.read', 'development.record',
    'files.upload', 'files.read', 'duties.read', 'duties.submit',
    'self.write',
    ...MONTHLY_READ,
    ...MONTHLY_WRITE,
  ],
  instructor: ['dashboard.read', 'orgs.read', 'members.read', 'self.read', 'self.write', 'development.read', 'files.upload', 'files.read', 'duties.read', 'duties.review', ...MONTHLY_READ],
  member: ['self.read', 'self.write'],
};

export const hasPermission = (role: Role, permission: Permission): boolean =>
  ROLE_PERMISSIONS[role].includes(permission);

/** Which roles an account of `role` may create or manage (never above its own). */
export const MANAGEABLE_ROLES: Record<Role, readonly Role[]> = {
  countyAdmin: ['countyAdmin', 'committeeAdmin', 'branchSecretary', 'instructor', 'member'],
  committeeAdmin: ['committeeAdmin', 'branchSecretary', 'instructor', 'member'],
  branchSecretary: [],
  instructor: [],
  member: [],
};
