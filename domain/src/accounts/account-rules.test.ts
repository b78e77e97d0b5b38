import { describe, expect, it } from 'vitest';
import { accountOrgIssue, canManageRole } from './account-rules';

describe('canManageRole', () => {
  it('lets a county administrator manage every role', () => {
    for (const r of ['countyAdmin', 'committeeAdmin', 'branchSecretary', 'instructor', 'member'] as const) expect(canManageRole('countyAdmin', r)).toBe(true);
  });
  it('never lets a committee administrator manage a county administrator', () => {
    expect(canManageRole('committeeAdmin', 'countyAdmin')).toBe(false);
    expect(canManageRole('committeeAdmin', 'committeeAdmin')).toBe(true);
    expect(canManageRole('committeeAdmin', 'member')).toBe(true);
  });
  it('gives secretaries, instructors and members no account management', () => {
    expect(canManageRole('branchSecretary', 'member')).toBe(false);
    expect(canManageRole('instructor', 'member')).toBe(false);
    expect(canManageRole('member', 'member')).toBe(false);
  });
});

describe('accountOrgIssue', () => {
  const root = { type: 'committee' as const, isCountyRoot: true };
  const town = { type: 'committee' as const, isCountyRoot: false };
  const branch = { type: 'branch' as const, isCountyRoot: false };
  const group = { type: 'group' as const, isCountyRoot: false };
  it('binds a county administrator only to the county root', () => {
    expect(accountOrgIssue('countyAdmin', root)).toBeNull();
    expect(accountOrgIssue('countyAdmin', town)).toMatch(/县委/);
  });
  it('binds a branch secretary and a member only to a branch', () => {
    expect(accountOrgIssue('branchSecretary', branch)).toBeNull();
    expect(accountOrgIssue('branchSecretary', town)).toMatch(/党支部/);
    expect(accountOrgIssue('member', branch)).toBeNull();
    expect(accountOrgIssue('member', town)).toMatch(/党支部/);
  });
  it('binds a committee administrator above branch level', () => {
    expect(accountOrgIssue('committeeAdmin', town)).toBeNull();
    expect(accountOrgIssue('committeeAdmin', { type: 'generalBranch', isCountyRoot: false })).toBeNull();
    expect(accountOrgIssue('committeeAdmin', branch)).not.toBeNull();
  });
  it('never binds an account to a party group', () => {
    for (const r of ['countyAdmin', 'committeeAdmin', 'branchSecretary', 'instructor', 'member'] as const) expect(accountOrgIssue(r, group)).toMatch(/党小组/);
  });
  it('lets an instructor sit at any level above the group', () => {
    expect(accountOrgIssue('instructor', town)).toBeNull();
    expect(accountOrgIssue('instructor', branch)).toBeNull();
  });
});
