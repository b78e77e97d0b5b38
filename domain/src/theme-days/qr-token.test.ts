import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ratePermille, signCheckInToken, themeDayDate, verifyCheckInToken } from './qr-token';

const hmacWith = (key: string) => (m: string) => createHmac('sha256', key).update(m).digest('base64url');
const hmac = hmacWith('k1');
const id = '0b6f5d7e-7a49-4a57-9d5e-3f1a5f4b9c11';
const t0 = new Date('2026-06-01T01:00:00Z');

describe('theme-day check-in token', () => {
  it('verifies within its lifetime and names the theme day', () => {
    const { token, expiresAt } = signCheckInToken(id, t0, hmac, 90);
    expect(expiresAt.toISOString()).toBe('2026-06-01T01:01:30.000Z');
    expect(verifyCheckInToken(token, new Date(t0.getTime() + 89_999), hmac)).toEqual({ ok: true, themeDayId: id });
  });
  it('expires at its expiry instant (a forwarded photo stops working)', () => {
    const { token } = signCheckInToken(id, t0, hmac, 90);
    expect(verifyCheckInToken(token, new Date(t0.getTime() + 90_000), hmac)).toMatchObject({ ok: false, reason: 'expired' });
  });
  it('refuses a token signed with another key, or with a changed payload or signature', () => {
    const { token } = signCheckInToken(id, t0, hmac);
    expect(verifyCheckInToken(token, t0, hmacWith('k2'))).toMatchObject({ ok: false, reason: 'tampered' });
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ t: id, e: 4102444800 })).toString('base64url');
    expect(verifyCheckInToken(`${forged}.${sig}`, t0, hmac)).toMatchObject({ ok: false, reason: 'tampered' });
    expect(verifyCheckInToken(`${body}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, t0, hmac)).toMatchObject({ ok: false, reason: 'tampered' });
  });
  it('refuses malformed input', () => {
    for (const bad of ['', 'abc', 'a.b.c', '.x', 'x.']) expect(verifyCheckInToken(bad, t0, hmac).ok).toBe(false);
    const body = Buffer.from('not json').toString('base64url');
    expect(verifyCheckInToken(`${body}.${hmac(`themeDay:${body}`)}`, t0, hmac)).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('theme day date and rates', () => {
  it('is the county day of the month, clamped to the month end', () => {
    expect(themeDayDate('2026-06')).toBe('2026-06-01');
    expect(themeDayDate('2026-02', 28)).toBe('2026-02-28');
    expect(themeDayDate('2026-02', 31)).toBe('2026-02-28');
  });
  it('rates in tenths of a percent, half up', () => {
    expect(ratePermille(7, 8)).toBe(875);
    expect(ratePermille(2, 3)).toBe(667);
    expect(ratePermille(0, 0)).toBeNull();
  });
});
