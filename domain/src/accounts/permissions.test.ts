import { describe, expect, it } from 'vitest';
import { MANAGEABLE_ROLES, PERMISSIONS, ROLES, ROLE_GRANTS, ROLE_PERMISSIONS, hasPermission, type Permission } from './permissions';

describe('role → permission map', () => {
  it('never lets an administrator create or manage a role with a permission it lacks itself (no escalation)', () => {
    for (const manager of ROLES) {
      for (const managed of MANAGEABLE_ROLES[manager]) {
        const extra = ROLE_PERMISSIONS[managed].filter((p) => !hasPermission(manager, p));
        expect(extra, `${manager} → ${managed}`).toEqual([]);
      }
    }
  });

  it('gives account management only to roles that can manage some role', () => {
    for (const role of ROLES) expect(hasPermission(role, 'accounts.write')).toBe(MANAGEABLE_ROLES[role].length > 0);
  });

  it('keeps the sensitive export with the county administrator alone', () => {
    expect(ROLES.filter((r) => hasPermission(r, 'members.exportSensitive'))).toEqual(['countyAdmin']);
  });

  it('lets committee and county administrators record discipline (党纪处分), nobody else', () => {
    expect(ROLES.filter((r) => hasPermission(r, 'members.discipline'))).toEqual(['countyAdmin', 'committeeAdmin']);
  });

  it('gives a member nothing beyond their own record', () => {
    expect(ROLE_PERMISSIONS.member).toEqual(['self.read', 'self.write']);
  });

  it('grants only permissions from the one list', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });
});

describe('explicit role grants', () => {
  it('has every role grant or withhold every permission, once, and nothing else', () => {
    for (const role of ROLES) {
      const { granted, withheld } = ROLE_GRANTS[role];
      const listed = [...granted, ...withheld];
      expect(new Set(listed).size, `${role}: a permission listed twice`).toBe(listed.length);
      expect(PERMISSIONS.filter((p) => !listed.includes(p)), `${role}: neither granted nor withheld`).toEqual([]);
      expect(listed.filter((p) => !(PERMISSIONS as readonly string[]).includes(p)), `${role}: unknown permissions`).toEqual([]);
      expect(granted.filter((p) => withheld.includes(p)), `${role}: granted and withheld`).toEqual([]);
      expect(ROLE_PERMISSIONS[role]).toEqual(granted);
    }
  });

  // The sets before they were made explicit, computed the old way ("county: all; committee: all minus a list; the
  // others: lists"), over the permissions that existed then: the explicit lists grant exactly the same. If a role's
  // grants change on purpose later, change the expectation here with it.
  it('grants each role exactly what the old computed map granted', () => {
    const permissionsThen: Permission[] = [
      'dashboard.read', 'orgs.read', 'orgs.write', 'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'members.exportSensitive', 'members.discipline',
      'accounts.read', 'accounts.write', 'audit.read', 'self.read', 'development.read', 'development.record', 'development.approve', 'development.preReview', 'development.rules',
      'files.upload', 'files.read', 'duties.read', 'duties.submit', 'duties.review', 'duties.manage', 'self.write', 'themeDays.read', 'themeDays.write', 'dues.read', 'dues.write',
      'stars.read', 'stars.write', 'reports.read', 'reports.review', 'community.confirm', 'notices.read', 'notices.write', 'jobs.run',
    ];
    const monthlyRead: Permission[] = ['themeDays.read', 'dues.read', 'stars.read', 'reports.read', 'notices.read'];
    const monthlyWrite: Permission[] = ['themeDays.write', 'dues.write', 'stars.write', 'reports.review', 'community.confirm', 'notices.write'];
    const old: Record<(typeof ROLES)[number], Permission[]> = {
      countyAdmin: permissionsThen,
      committeeAdmin: permissionsThen.filter((p) => !['members.exportSensitive', 'development.preReview', 'development.rules', 'duties.manage', 'jobs.run'].includes(p)),
      branchSecretary: ['dashboard.read', 'orgs.read', 'members.read', 'members.write', 'members.viewSensitive', 'members.import', 'members.export', 'self.read', 'development.read', 'development.record', 'files.upload', 'files.read', 'duties.read', 'duties.submit', 'self.write', ...monthlyRead, ...monthlyWrite],
      instructor: ['dashboard.read', 'orgs.read', 'members.read', 'self.read', 'self.write', 'development.read', 'files.upload', 'files.read', 'duties.read', 'duties.review', ...monthlyRead],
      member: ['self.read', 'self.write'],
    };
    for (const role of ROLES) {
      const now = ROLE_PERMISSIONS[role].filter((p) => permissionsThen.includes(p));
      expect([...now].sort(), role).toEqual([...old[role]].sort());
    }
  });
});
