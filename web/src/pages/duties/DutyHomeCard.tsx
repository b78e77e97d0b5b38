// The secretary's home: what is due, late and returned on their duty list, and any warning, above the dashboard.
import { useQuery } from '@tanstack/react-query';
import type { DutyHome } from '@yanzhen/domain';
import { Alert, Button, Card, Space } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../app/api';
import { NoticesPanel } from './NoticesPanel';

export default function DutyHomeCard() {
  const navigate = useNavigate();
  const { data } = useQuery({ queryKey: ['duties', 'home'], queryFn: () => api.get<DutyHome>('/api/duties/home') });
  if (!data || data.counts.due + data.counts.late + data.counts.returned + data.counts.submitted + data.counts.upcoming + data.unreadNotices === 0) return null;
  const c = data.counts;
  return (
    <Card size="small" style={{ marginBottom: 12 }} title="我的履职清单" extra={<Button type="link" onClick={() => navigate('/duties')}>去办理</Button>} data-testid="duty-home-card">
      <Space wrap size={24}>
        <span>待完成 <b style={{ color: '#1677ff', fontSize: 18 }}>{c.due}</b></span>
        <span>已逾期 <b style={{ color: '#cf1322', fontSize: 18 }}>{c.late}</b></span>
        <span>被退回 <b style={{ color: '#d46b08', fontSize: 18 }}>{c.returned}</b></span>
        <span>待审核 <b style={{ fontSize: 18 }}>{c.submitted}</b></span>
        <span data-testid="duty-home-unread">未读预警通知 <b style={{ color: data.unreadNotices > 0 ? '#d46b08' : undefined, fontSize: 18 }}>{data.unreadNotices}</b></span>
      </Space>
      <div style={{ marginTop: 8 }}>
        <NoticesPanel max={3} />
      </div>
      {data.warnings.map((w) => (
        <Alert key={w.id} style={{ marginTop: 8 }} type={w.level === 'red' ? 'error' : 'warning'} showIcon message={`${w.level === 'red' ? '红色预警' : '黄色预警'}（${w.month}）：${w.reasons.join('；')}`} />
      ))}
    </Card>
  );
}
