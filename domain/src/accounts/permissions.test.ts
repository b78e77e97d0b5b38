import { describe, expect, it } from 'vitest';
import { MANAGEABLE_ROLES, PERMISSIONS, ROLES, ROLE_PERMISSIONS, hasPermission } from './permissions';

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
