// The theme-day check-in code: a short-lived signed token (HMAC, key held by the server and passed in as a function),
// so a photo of the code forwarded to someone elsewhere stops working within a minute or two.
import type { IsoDate } from '../calendar/dates';
import { dayOfMonth, type YearMonth } from '../member-monthly/months';

/** Computes base64url(HMAC-SHA-256(key, message)); the server passes one bound to its key. */
export type Hmac = (message: string) => string;

export const QR_TOKEN_TTL_SECONDS = 90;
/** The screen shows a fresh code this often, well inside the token's lifetime. */
export const QR_REFRESH_SECONDS = 30;

function b64urlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlDecode(text: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Compares without an early exit, so the time taken does not reveal how much of a signature matched. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

export type QrToken = { token: string; expiresAt: Date };

/**
 * A signed code for one record of one purpose ('themeDay', 'site', …): base64url({t: id, e: expiry}) + "." + HMAC over
 * the purpose and the body, so a code of one purpose is never accepted for another. Shared by the theme-day check-in
 * (minutes) and the enterprises' printed codes of the instructors (months).
 */
export function signScopedToken(purpose: string, id: string, now: Date, hmac: Hmac, ttlSeconds: number): QrToken {
  const exp = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const body = b64urlEncode(JSON.stringify({ t: id, e: exp }));
  return { token: `${body}.${hmac(`${purpose}:${body}`)}`, expiresAt: new Date(exp * 1000) };
}

export type ScopedVerification = { ok: true; id: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

export function verifyScopedToken(purpose: string, token: string, now: Date, hmac: Hmac): ScopedVerification {
  const parts = token.trim().split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
  const [body, sig] = parts;
  if (!constantTimeEqual(hmac(`${purpose}:${body}`), sig)) return { ok: false, reason: 'tampered' };
  const json = b64urlDecode(body);
  let payload: { t?: unknown; e?: unknown } | null = null;
  try {
    payload = json ? (JSON.parse(json) as { t?: unknown; e?: unknown }) : null;
  } catch {
    payload = null;
  }
  if (!payload || typeof payload.t !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: 'malformed' };
  if (now.getTime() >= payload.e * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, id: payload.t, expiresAt: new Date(payload.e * 1000) };
}

export function signCheckInToken(themeDayId: string, now: Date, hmac: Hmac, ttlSeconds = QR_TOKEN_TTL_SECONDS): QrToken {
  return signScopedToken('themeDay', themeDayId, now, hmac, ttlSeconds);
}

export type QrVerification = { ok: true; themeDayId: string } | { ok: false; reason: 'malformed' | 'tampered' | 'expired'; message: string };

const CHECK_IN_MESSAGES = {
  malformed: '签到码无效，请重新扫描现场的二维码',
  tampered: '签到码校验失败，请重新扫描现场的二维码',
  expired: '签到码已过期，请扫描现场屏幕上最新的二维码',
} as const;

export function verifyCheckInToken(token: string, now: Date, hmac: Hmac): QrVerification {
  const v = verifyScopedToken('themeDay', token, now, hmac);
  return v.ok ? { ok: true, themeDayId: v.id } : { ok: false, reason: v.reason, message: CHECK_IN_MESSAGES[v.reason] };
}

/** The county's theme day: day `day` of each month (default the 1st, 1号活动), clamped to the month's end. */
export const DEFAULT_THEME_DAY_OF_MONTH = 1;
export const themeDayDate = (month: YearMonth, day = DEFAULT_THEME_DAY_OF_MONTH): IsoDate => dayOfMonth(month, day);

/** Attendance rate in tenths of a percent (e.g. 875 = 87.5%); null when nobody was expected. */
export function ratePermille(done: number, expected: number): number | null {
  if (expected <= 0) return null;
  return Math.floor((done * 1000) / expected + 0.5);
}
