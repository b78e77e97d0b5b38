// Every audit action written by issue #5's modules has a Chinese name in the audit log (not a raw code like 'dues.pay').
import { MEMBER_MONTHLY_AUDIT_ENTITY_TYPES, MEMBER_MONTHLY_AUDIT_LABELS } from '@yanzhen/domain';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULES = ['dues', 'stars', 'theme-days', 'reports', 'community', 'notices', 'member-monthly'];

function written(key: 'action' | 'entityType'): Set<string> {
  const found = new Set<string>();
  for (const m of MODULES) {
    const dir = join(__dirname, '..', m);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      // action: 'x.y' and action: cond ? 'x.y' : 'x.z' (an action has a dot; the condition's 'qr' is not one)
      for (const stmt of src.matchAll(new RegExp(`${key}:\\s*([^,}]+)`, 'g'))) for (const a of stmt[1].matchAll(/'([a-zA-Z.]+)'/g)) if (key === 'entityType' || a[1].includes('.')) found.add(a[1]);
    }
  }
  return found;
}

describe('audit labels of issue #5', () => {
  it('names every action the modules write in Chinese', () => {
    const actions = written('action');
    expect(actions.size).toBeGreaterThan(15);
    expect([...actions].filter((a) => !MEMBER_MONTHLY_AUDIT_LABELS[a])).toEqual([]);
    for (const label of Object.values(MEMBER_MONTHLY_AUDIT_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fa5]+$/);
  });

  it('names every kind of record they write about (the shared ones — member, org, importJob — are named by the audit page)', () => {
    const types = written('entityType');
    expect(types.has('duesPayment')).toBe(true);
    expect([...types].filter((t) => !MEMBER_MONTHLY_AUDIT_ENTITY_TYPES[t] && !['member', 'org', 'importJob'].includes(t))).toEqual([]);
  });
});
