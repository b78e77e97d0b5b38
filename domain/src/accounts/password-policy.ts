// Password policy (等保 2.0): at least 8 characters and at least 3 of the 4 character kinds.
export const PASSWORD_MIN_LENGTH = 8;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

export function checkPasswordPolicy(password: string): PasswordCheck {
  if (password.length < PASSWORD_MIN_LENGTH) return { ok: false, message: `密码至少${PASSWORD_MIN_LENGTH}位` };
  if (password.length > 128) return { ok: false, message: '密码不能超过128位' };
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (kinds < 3) return { ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少3种' };
  return { ok: true };
}

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
export const SESSION_IDLE_MINUTES = 30;
