// Every audit action and object type the server writes has a Chinese label (the audit screen never shows a raw code).
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_TYPE_LABELS, auditActionLabel } from '@yanzhen/domain';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'test' || e.name === 'db' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** The string literals of `key: …` expressions (`action: a ? 'x.y' : 'x.z'` gives both). */
function literalsOf(key: string): Map<string, string> {
  const found = new Map<string, string>();
  const re = new RegExp(`\\b${key}:\\s*([^,}\\n]+)`, 'g');
  for (const file of sources(SRC)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(re)) {
      for (const lit of m[1].replace(/[!=]==\s*'[^']*'/g, '').matchAll(/'([A-Za-z][\w.]*)'/g)) found.set(lit[1], path.relative(SRC, file));
    }
  }
  return found;
}

describe('audit labels', () => {
  it('names every action written anywhere in the server', () => {
    const actions = literalsOf('action');
    expect(actions.size).toBeGreaterThan(60);
    const missing = [...actions].filter(([a]) => !AUDIT_ACTION_LABELS[a]).map(([a, file]) => `${a}（${file}）`);
    expect(missing).toEqual([]);
  });

  it('names every object type written anywhere in the server', () => {
    const types = literalsOf('entityType');
    expect(types.has('jobRun') && types.has('dutyMonth') && types.has('dutyItem')).toBe(true);
    const missing = [...types].filter(([t]) => !AUDIT_ENTITY_TYPE_LABELS[t]).map(([t, file]) => `${t}（${file}）`);
    expect(missing).toEqual([]);
  });

  it('labels refused requests by their route and known actions in Chinese', () => {
    expect(auditActionLabel('POST /api/accounts/:id/unlock')).toBe('请求未成功（POST /api/accounts/:id/unlock）');
    expect(auditActionLabel('member.exportSensitive')).toBe('导出党员名册（含完整敏感信息）');
    expect(auditActionLabel('job.run')).toBe('运行定时任务');
  });
});
