import { describe, expect, it } from 'vitest';
import { ZAccountCreate, ZChangePassword, ZUsername } from './account.schemas';
import { PASSWORD_MIN_LENGTH, checkPasswordPolicy, loginThrottleVerdict, nextPasswordHistory, passwordExpired, sessionEnded, sessionsOverLimit } from './password-policy';

describe('checkPasswordPolicy (等保 2.0)', () => {
  it('needs at least 8 characters: 7 are refused, 8 accepted', () => {
    expect(checkPasswordPolicy('Ab1#xyz')).toEqual({ ok: false, message: `密码至少${PASSWORD_MIN_LENGTH}位` });
    expect(checkPasswordPolicy('Ab1#xyzw')).toEqual({ ok: true });
  });
  it('needs 3 of the 4 character kinds', () => {
    expect(checkPasswordPolicy('abcdefgh').ok).toBe(false);
    expect(checkPasswordPolicy('abcd1234')).toEqual({ ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少3种' });
    expect(checkPasswordPolicy('Abcd1357').ok).toBe(true);
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

describe('the commonest passwords', () => {
  it('refuses Password1 and Qwerty123 in any case, and ships a few hundred', async () => {
    const { COMMON_PASSWORDS } = await import('./common-passwords');
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(300);
    for (const p of ['Password1', 'pASSWORD1', 'Qwerty123', 'qWERTY123', 'P@ssw0rd', 'Admin@123']) {
      expect(checkPasswordPolicy(p)).toEqual({ ok: false, message: '该密码过于常见，容易被猜中，请换一个' });
    }
    expect(checkPasswordPolicy('Qwerty123x').ok).toBe(true);
    expect([...COMMON_PASSWORDS].every((p) => p === p.toLowerCase())).toBe(true);
  });
});

describe('password expiry, history and sessions', () => {
  const day = 86_400_000;
  const now = new Date('2026-06-15T00:00:00Z');
  it('expires exactly at the county period from the last change (or creation), never with 0', () => {
    expect(passwordExpired(new Date(now.getTime() - 90 * day + 1), now, now, 90)).toBe(false);
    expect(passwordExpired(new Date(now.getTime() - 90 * day), now, now, 90)).toBe(true);
    expect(passwordExpired(null, new Date(now.getTime() - 91 * day), now, 90)).toBe(true);
    expect(passwordExpired(null, new Date(now.getTime() - 10000 * day), now, 0)).toBe(false);
  });
  it('keeps the 4 previous hashes (with the current one: the last 5)', () => {
    expect(nextPasswordHistory('h5', ['h4', 'h3', 'h2', 'h1'])).toEqual(['h5', 'h4', 'h3', 'h2']);
    expect(nextPasswordHistory('h1', [])).toEqual(['h1']);
  });
  it('throttles a source after 5 failures on an account or 20 on all accounts', () => {
    expect(loginThrottleVerdict(5, 5)).toEqual({ allowed: true, remaining: 0 });
    expect(loginThrottleVerdict(6, 6).allowed).toBe(false);
    expect(loginThrottleVerdict(1, 20).allowed).toBe(true);
    const v = loginThrottleVerdict(1, 21);
    expect(v.allowed === false && v.message).toContain('15分钟后再试');
  });
  it('ends a session idle for more than 30 minutes or 12 hours after login', () => {
    const at = (ms: number) => new Date(now.getTime() + ms);
    expect(sessionEnded({ createdAt: now, lastSeenAt: at(0) }, at(30 * 60_000), 12)).toBeNull();
    expect(sessionEnded({ createdAt: now, lastSeenAt: at(0) }, at(30 * 60_000 + 1), 12)).toBe('idle');
    expect(sessionEnded({ createdAt: now, lastSeenAt: at(12 * 3_600_000 - 1) }, at(12 * 3_600_000), 12)).toBe('lifetime');
    expect(sessionEnded({ createdAt: now, lastSeenAt: at(12 * 3_600_000 - 2) }, at(12 * 3_600_000 - 1), 12)).toBeNull();
  });
  it('ends the oldest sessions beyond the limit', () => {
    const s = [3, 1, 5, 2, 4, 6].map((n) => ({ n, createdAt: new Date(n * 1000) }));
    expect(sessionsOverLimit(s, 4).map((x) => x.n)).toEqual([2, 1]);
    expect(sessionsOverLimit(s, 6)).toEqual([]);
  });
});
