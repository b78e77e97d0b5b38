// Password, login and session rules (等保 2.0 level 3): strength, the commonest passwords, reuse, expiry, throttling, lifetime.
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 8;
/** A new password may not equal the current one or the 4 before it (the last 5). */
export const PASSWORD_HISTORY_SIZE = 5;
/** Default of the county setting 密码有效期 (days; 0 = never expires). */
export const PASSWORD_MAX_AGE_DAYS_DEFAULT = 90;
export const PASSWORD_MAX_AGE_SETTING_KEY = 'accounts.passwordMaxAgeDays';

export type PasswordCheck = { ok: true } | { ok: false; message: string };

export function checkPasswordPolicy(password: string): PasswordCheck {
  if (password.length < PASSWORD_MIN_LENGTH) return { ok: false, message: `密码至少${PASSWORD_MIN_LENGTH}位` };
  if (password.length > 128) return { ok: false, message: '密码不能超过128位' };
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return { ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少3种' };
  if (isCommonPassword(password)) return { ok: false, message: '该密码过于常见，容易被猜中，请换一个' };
  return { ok: true };
}

/** One of the shipped commonest passwords, ignoring case (`Password1` = `password1`). */
export const isCommonPassword = (password: string): boolean => COMMON_PASSWORDS.has(password.toLowerCase());

/** Whether a password last changed at `changedAt` must be changed now (`maxAgeDays` 0: never; never changed: counts from `createdAt`). */
export function passwordExpired(changedAt: Date | null, createdAt: Date, now: Date, maxAgeDays: number): boolean {
  if (maxAgeDays <= 0) return false;
  return now.getTime() - (changedAt ?? createdAt).getTime() >= maxAgeDays * 86_400_000;
}

/** The history kept after a change: the replaced hash first, then the older ones, so that with the new one they are the last 5. */
export const nextPasswordHistory = (replacedHash: string, history: readonly string[]): string[] => [replacedHash, ...history].slice(0, PASSWORD_HISTORY_SIZE - 1);

// Login throttling. Counted per account and source address (pair) and per address over all accounts; a source over
// its limit waits LOGIN_BLOCK_MINUTES after its last attempt. The account itself is never locked for everyone.
export const LOGIN_PAIR_LIMIT = 5;
export const LOGIN_ADDRESS_LIMIT = 20;
export const LOGIN_BLOCK_MINUTES = 15;

/**
 * The verdict on an attempt whose failure was already counted (pessimistically, before the password is checked):
 * `pairCount`/`addressCount` include this attempt. Over a limit → refused with the wait; else the password is checked.
 */
export function loginThrottleVerdict(pairCount: number, addressCount: number): { allowed: true; remaining: number } | { allowed: false; message: string } {
  if (pairCount > LOGIN_PAIR_LIMIT) {
    return { allowed: false, message: `该账号在本机（本网络地址）密码错误次数过多，请${LOGIN_BLOCK_MINUTES}分钟后再试；其他地址登录不受影响` };
  }
  if (addressCount > LOGIN_ADDRESS_LIMIT) return { allowed: false, message: `本网络地址登录失败次数过多，请${LOGIN_BLOCK_MINUTES}分钟后再试` };
  return { allowed: true, remaining: LOGIN_PAIR_LIMIT - pairCount };
}

// Sessions: idle logout, absolute lifetime, and a cap on concurrent sessions per account.
export const SESSION_IDLE_MINUTES = 30;

/** Why a session is over, or null while it is alive. */
export function sessionEnded(s: { createdAt: Date; lastSeenAt: Date }, now: Date, maxHours: number): 'idle' | 'lifetime' | null {
  if (now.getTime() - s.createdAt.getTime() >= maxHours * 3_600_000) return 'lifetime';
  if (now.getTime() - s.lastSeenAt.getTime() > SESSION_IDLE_MINUTES * 60_000) return 'idle';
  return null;
}

/** Of an account's sessions (any order), the ones to end so that `limit` remain: the oldest by creation. */
export function sessionsOverLimit<T extends { createdAt: Date }>(sessions: readonly T[], limit: number): T[] {
  return [...sessions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(Math.max(limit, 0));
}
