import { describe, expect, it } from 'vitest';
import { ZNoticeInput } from './notice.schemas';

describe('branch notices', () => {
  it('validates title and body with Chinese messages', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    expect(ZNoticeInput.safeParse({ orgId: id, title: '7月1日主题党日', body: '请按时参加' }).success).toBe(true);
    const r = ZNoticeInput.safeParse({ orgId: id, title: '通', body: ' ' });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual(['通知标题至少2个字', '通知内容至少2个字']);
    expect(ZNoticeInput.safeParse({ orgId: id, title: 'x'.repeat(61), body: '内容' }).success).toBe(false);
  });
});
