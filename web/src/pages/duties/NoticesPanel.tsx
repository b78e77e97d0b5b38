// Warning notices addressed to this account (secretary or supervisor): unread ones first in weight, marked read one by
// one or all at once; the count of unread ones shows on the home page.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutyHome } from '@yanzhen/domain';
import { Alert, Badge, Button, Space, Tag } from 'antd';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';

export function NoticesPanel({ max = 5 }: { max?: number }) {
  const qc = useQueryClient();
  const { data } = useQuery({ queryKey: ['duties', 'home'], queryFn: () => api.get<DutyHome>('/api/duties/home') });
  const mark = useMutation({
    mutationFn: (id: string | null) => api.post<{ marked: number; unread: number }>(id ? `/api/duties/notices/${id}/read` : '/api/duties/notices/read-all'),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['duties', 'home'] }),
  });
  if (!data || data.notices.length === 0) return null;
  const unread = data.unreadNotices;
  return (
    <Alert
      data-testid="duty-notices"
      type={unread > 0 ? 'warning' : 'info'}
      showIcon
      message={
        <Space>
          <span>预警通知</span>
          {unread > 0 ? <Badge count={unread} data-testid="duty-notices-unread" title={`${unread} 条未读`} /> : <span style={{ color: '#999' }}>（全部已读）</span>}
          {unread > 0 && (
            <Button size="small" type="link" loading={mark.isPending && mark.variables === null} onClick={() => mark.mutate(null)}>
              全部标为已读
            </Button>
          )}
        </Space>
      }
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {data.notices.slice(0, max).map((n) => (
            <li key={n.id} style={{ fontWeight: n.readAt ? 400 : 600, color: n.readAt ? '#888' : undefined }}>
              {formatDateTime(n.createdAt).slice(0, 10)} {n.text}{' '}
              {n.readAt ? (
                <Tag style={{ marginInlineStart: 4 }}>已读</Tag>
              ) : (
                <Button size="small" type="link" style={{ padding: 0 }} onClick={() => mark.mutate(n.id)} data-testid="duty-notice-read">
                  标为已读
                </Button>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}
