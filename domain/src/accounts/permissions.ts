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
  'notices.read',
  'notices.write',
  'jobs.run',
  'publicity.read',
  'publicity.submit',
  'publicity.signOff',
  'publicity.adopt',
  'care.read',
  'care.write',
  // Instructors (issue #11): the pool, assignments, registry and on-site figures; approving manual entries; the
  // instructor's own work (scan in/out, log, problems) on the phone.
  'instructors.read',
  'instructors.manage',
  'instructors.work',
  // The county's 两书 template text (目标责任书、承诺书) of the instructors.
  'instructors.settings',
  // Organizational life (issue #12): meetings, talks, training hours; the county's frequencies; 党性体检.
  'orgLife.read', 'orgLife.write', 'orgLife.settings', 'orgLife.checkups',
  // Assessment (issue #15): reading the scores and ranking; the county's scheme, computation and year close; a town's
  // manual entries (述职评议 and the like) for its own orgs.
  'assessment.read', 'assessment.manage', 'assessment.enter',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Each role lists every permission: granted, or withheld. Nothing is derived ("all but …"), so a new permission is
 * granted to no role until someone decides, and permissions.test.ts fails until every role grants or withholds it.
 */
export type RoleGrants = { granted: readonly Permission[]; withheld: readonly Permission[] };

export const ROLE_GRANTS: Record<Role, RoleGrants> = {
  countyAdmin: {
    granted: [
      'dashboard.read', 'orgs.read', 'orgs.write',
      'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'members.exportSensitive', 'members.discipline',
      'accounts.read', 'accounts.write', 'audit.read', 'self.read', 'self.write',
      'development.read', 'development.record', 'development.approve', 'development.preReview', 'development.rules',
      'files.upload', 'files.read',
      'duties.read', 'duties.submit', 'duties.review', 'duties.manage',
      'themeDays.read', 'themeDays.write', 'dues.read', 'dues.write', 'stars.read', 'stars.write', 'reports.read', 'reports.review', 'community.confirm', 'notices.read', 'notices.write',
      'jobs.run',
      'publicity.read', 'publicity.submit', 'publicity.signOff', 'publicity.adopt',
      'care.read', 'care.write',
      // instructors.work too (no escalation: an administrator holds what the roles it manages hold); it answers only
      // for an account that is an instructor in the pool.
      'instructors.read', 'instructors.manage', 'instructors.work', 'instructors.settings',
      'orgLife.read', 'orgLife.write', 'orgLife.settings', 'orgLife.checkups',
      'assessment.read', 'assessment.manage', 'assessment.enter',
    ],
    withheld: [],
  },
  committeeAdmin: {
    granted: [
      'dashboard.read', 'orgs.read', 'orgs.write',
      'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'members.discipline',
      'accounts.read', 'accounts.write', 'audit.read', 'self.read', 'self.write',
      'development.read', 'development.record', 'development.approve',
      'files.upload', 'files.read',
      'duties.read', 'duties.submit', 'duties.review',
      'themeDays.read', 'themeDays.write', 'dues.read', 'dues.write', 'stars.read', 'stars.write', 'reports.read', 'reports.review', 'community.confirm', 'notices.read', 'notices.write',
      'publicity.read', 'publicity.submit', 'publicity.signOff',
      'care.read', 'care.write',
      // The town's instructors: the list, their month, and approving their manual entries (assignments are county-only
      // by scope: a town committee assigns within its town).
      'instructors.read', 'instructors.manage', 'instructors.work',
      'orgLife.read', 'orgLife.write',
      // 党性体检: the organization department and the person's committee only.
      'orgLife.checkups',
      // The town's own orgs' scores, and its manual entries for them; the scheme and the year close are the county's.
      'assessment.read', 'assessment.enter',
    ],
    // County-only: the unmasked export, the county's pre-review of admissions (预审), the development rules, the duty
    // templates and board links, the county's org-life frequencies, and running the scheduled jobs by hand.
    withheld: ['members.exportSensitive', 'development.preReview', 'development.rules', 'duties.manage', 'jobs.run', 'publicity.adopt', 'orgLife.settings', 'instructors.settings', 'assessment.manage'],
  },
  branchSecretary: {
    granted: [
      'dashboard.read', 'orgs.read',
      'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export',
      'self.read', 'self.write',
      'development.read', 'development.record',
      'files.upload', 'files.read',
      'duties.read', 'duties.submit',
      // Theme days, dues, stars, situation reports, community check-in and branch notices of the branch (issue #5).
      'themeDays.read', 'dues.read', 'stars.read', 'reports.read', 'notices.read',
      'themeDays.write', 'dues.write', 'stars.write', 'reports.review', 'community.confirm', 'notices.write',
      // Publicity (issue #14): the branch writes and its secretary signs off others' items; the county adopts.
      'publicity.read', 'publicity.submit', 'publicity.signOff',
      // Care pairings, visits and relationship transfers of the branch (issue #13).
      'care.read', 'care.write',
      // Meetings, talks and training hours of the branch (issue #12); the county's frequencies are not theirs.
      'orgLife.read', 'orgLife.write',
    ],
    // The org tree, discipline records, accounts and the audit log belong to the committees above; so do approval,
    // pre-review and rules of development, duty review and management, and the jobs.
    withheld: [
      'orgs.write', 'members.exportSensitive', 'members.discipline', 'accounts.read', 'accounts.write', 'audit.read',
      'development.approve', 'development.preReview', 'development.rules', 'duties.review', 'duties.manage', 'jobs.run', 'publicity.adopt',
      'instructors.read', 'instructors.manage', 'instructors.work', 'instructors.settings',
      'orgLife.settings', 'orgLife.checkups',
      'assessment.read', 'assessment.manage', 'assessment.enter',
    ],
  },
  instructor: {
    granted: [
      'dashboard.read', 'orgs.read', 'members.read', 'self.read', 'self.write', 'development.read', 'files.upload', 'files.read', 'duties.read', 'duties.review',
      'themeDays.read', 'dues.read', 'stars.read', 'reports.read', 'notices.read', 'publicity.read', 'care.read',
      'instructors.work', 'orgLife.read',
    ],
    // An instructor guides and reviews duties; it changes no record of the branches it guides.
    withheld: [
      'orgs.write', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'members.exportSensitive', 'members.discipline',
      'accounts.read', 'accounts.write', 'audit.read',
      'development.record', 'development.approve', 'development.preReview', 'development.rules',
      'duties.submit', 'duties.manage',
      'themeDays.write', 'dues.write', 'stars.write', 'reports.review', 'community.confirm', 'notices.write',
      'jobs.run', 'publicity.submit', 'publicity.signOff', 'publicity.adopt', 'care.write',
      'instructors.read', 'instructors.manage', 'instructors.settings',
      'orgLife.write', 'orgLife.settings', 'orgLife.checkups',
      'assessment.read', 'assessment.manage', 'assessment.enter',
    ],
  },
  member: {
    // A member's own record: check-in, leave request, report, dues and stars (the phone page).
    granted: ['self.read', 'self.write'],
    withheld: [
      'dashboard.read', 'orgs.read', 'orgs.write',
      'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'members.exportSensitive', 'members.discipline',
      'accounts.read', 'accounts.write', 'audit.read',
      'development.read', 'development.record', 'development.approve', 'development.preReview', 'development.rules',
      'files.upload', 'files.read',
      'duties.read', 'duties.submit', 'duties.review', 'duties.manage',
      'themeDays.read', 'themeDays.write', 'dues.read', 'dues.write', 'stars.read', 'stars.write', 'reports.read', 'reports.review', 'community.confirm', 'notices.read', 'notices.write',
      'jobs.run', 'publicity.read', 'publicity.submit', 'publicity.signOff', 'publicity.adopt', 'care.read', 'care.write',
      'instructors.read', 'instructors.manage', 'instructors.work', 'instructors.settings',
      'orgLife.read', 'orgLife.write', 'orgLife.settings', 'orgLife.checkups',
      'assessment.read', 'assessment.manage', 'assessment.enter',
    ],
  },
};

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = Object.fromEntries(ROLES.map((r) => [r, ROLE_GRANTS[r].granted])) as Record<Role, readonly Permission[]>;

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
