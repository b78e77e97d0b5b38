import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ZIsoDate } from './schemas';

describe('zod messages', () => {
  it('are Chinese where a field has no message of its own (the shared schemas set the locale)', () => {
    expect(ZIsoDate.safeParse('2026-02-30').success).toBe(false);
    const issues = z.object({ done: z.boolean(), note: z.string().min(3) }).safeParse({ done: 'yes', note: 'a' }).error!.issues;
    expect(issues.map((i) => i.message)).toEqual(['无效输入：期望 boolean，实际接收 string', '数值过小：期望 string >=3 字符']);
  });
});
