import { describe, expect, it } from 'vitest';
import { loadConfig, parseTrustProxy } from './config';

describe('settings', () => {
  it('trusts no proxy unless YANZHEN_TRUST_PROXY names one', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8')).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });
  it('has a 12-hour session lifetime, 5 sessions and 180 days of audit log by default, and refuses less than 180', () => {
    expect(loadConfig({})).toMatchObject({ sessionMaxHours: 12, maxSessions: 5, auditRetentionDays: 180 });
    expect(loadConfig({ YANZHEN_AUDIT_RETENTION_DAYS: '365', YANZHEN_MAX_SESSIONS: '3' })).toMatchObject({ auditRetentionDays: 365, maxSessions: 3 });
    expect(() => loadConfig({ YANZHEN_AUDIT_RETENTION_DAYS: '90' })).toThrow('YANZHEN_AUDIT_RETENTION_DAYS=90 无效');
    expect(() => loadConfig({ YANZHEN_SESSION_MAX_HOURS: 'abc' })).toThrow('无效');
  });
});
