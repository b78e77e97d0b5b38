import { describe, expect, it } from 'vitest';
import { ZAccountCreate, ZChangePassword, ZUsername } from './account.schemas';
import { PASSWORD_MIN_LENGTH, checkPasswordPolicy } from './password-policy';

describe('checkPasswordPolicy (等保 2.0)', () => {
  it('needs at least 8 characters: 7 are refused, 8 accepted', () => {
    expect(checkPasswordPolicy('Ab1#xyz')).toEqual({ ok: false, message: `密码至少${PASSWORD_MIN_LENGTH}位` });
    expect(checkPasswordPolicy('Ab1#xyzw')).toEqual({ ok: true });
  });
  it('needs 3 of the 4 character kinds', () => {
    expect(checkPasswordPolicy('abcdefgh').ok).toBe(false);
    expect(checkPasswordPolicy('abcd1234')).toEqual({ ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少3种' });
    expect(checkPasswordPolicy('Abcd1234').ok).toBe(true);
    expect(checkPasswordPolicy('abcd#234').ok).toBe(true);
    expect(checkPasswordPolicy('ABCD#234').ok).toBe(true);
  });
  it('refuses more than 128 characters', () => {
    expect(checkPasswordPolicy(`Aa1#${'x'.repeat(124)}`).ok).toBe(true);
    expect(checkPasswordPolicy(`Aa1#${'x'.repeat(125)}`).ok).toBe(false);
  });
});

describe('account schemas', () => {
  const valid = { username: 'wang.sec', displayName: '王书记', role: 'branchSecretary', orgId: '3f2b8a4e-6c1d-4e8f-9a7b-1c2d3e4f5a6b', password: 'Init#2026abc' };
  it('accepts a valid new account and normalizes a missing memberId to null', () => {
    const r = ZAccountCreate.safeParse(valid);
    expect(r.success && r.data.memberId).toBeNull();
  });
  it('refuses usernames with spaces or Chinese characters, with a Chinese message', () => {
    for (const u of ['wang sec', '王书记', 'ab']) {
      const r = ZUsername.safeParse(u);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toMatch(/用户名/);
    }
  });
  it('refuses a new password equal to the current one', () => {
    const r = ZChangePassword.safeParse({ currentPassword: 'Init#2026abc', newPassword: 'Init#2026abc' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['newPassword'], message: '新密码不能与当前密码相同' });
  });
});
