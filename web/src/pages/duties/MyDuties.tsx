// 我的履职清单: what is due, late and returned for the user's own org, month stars and warnings — phone first.
import { RightOutlined, StarFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { DutyHome, DutyItem } from '@yanzhen/domain';
import { Alert, Badge, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { NoticesPanel } from './NoticesPanel';
import { api } from '../../app/api';
import { ViewTag, periodText } from './duty-api';

type Filter = 'open' | 'late' | 'returned' | 'submitted' | 'accepted';

export function Stars({ n, size = 14 }: { n: number | null; size?: number }) {
  if (n === null) return <span style={{ color: '#bbb' }}>—</span>;
  return (
    <span aria-label={`${n}星`} style={{ color: '#faad14', fontSize: size, whiteSpace: 'nowrap' }}>
      {n === 0 ? <span style={{ color: '#bbb' }}>无星</span> : Array.from({ length: n }, (_, i) => <StarFilled key={i} />)}
    </span>
  );
}

export function MyDuties({ onOpen }: { onOpen: (id: string) => void }) {
  const [filter, setFilter] = useState<Filter>('open');
  const home = useQuery({ queryKey: ['duties', 'home'], queryFn: () => api.get<DutyHome>('/api/duties/home') });
  const list = useQuery({
    queryKey: ['duties', 'mine', filter],
    queryFn: () => api.get<{ items: DutyItem[]; total: number }>('/api/duties/items', { scope: 'mine', view: filter, pageSize: 100 }),
  });
  const c = home.data?.counts;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {home.data?.warnings.map((w) => (
        <Alert key={w.id} type={w.level === 'red' ? 'error' : 'warning'} showIcon message={`${w.level === 'red' ? '红色预警' : '黄色预警'}（${w.month}）`} description={w.reasons.join('；')} />
      ))}
      <NoticesPanel />
      <Card size="small" data-testid="duty-home">
        <div style={{ display: 'flex', justifyContent: 'space-around', textAlign: 'center' }}>
          {[
            ['待完成', c?.due, '#1677ff'],
            ['已逾期', c?.late, '#cf1322'],
            ['被退回', c?.returned, '#d46b08'],
            ['待审核', c?.submitted, '#d4b106'],
          ].map(([label, n, color]) => (
            <div key={label as string}>
              <div style={{ fontSize: 24, fontWeight: 600, color: color as string }}>{(n as number | undefined) ?? '—'}</div>
              <div style={{ fontSize: 12, color: '#666' }}>{label as string}</div>
            </div>
          ))}
        </div>
        {home.data && home.data.months.length > 0 && (
          <div data-testid="duty-month-strip" style={{ marginTop: 12, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(44px, 1fr))', gap: 8, fontSize: 12 }}>
            {home.data.months.map((m) => (
              <div key={m.month} style={{ textAlign: 'center' }}>
                <div style={{ color: '#999' }}>{Number(m.month.slice(5))}月</div>
                {m.closed ? <Stars n={m.stars} size={11} /> : <span>{m.rate === null ? '—' : `${Math.round(m.rate)}%`}</span>}
              </div>
            ))}
          </div>
        )}
        {home.data && home.data.openRectifications > 0 && <Typography.Text type="warning">有 {home.data.openRectifications} 项问题正在整改</Typography.Text>}
      </Card>
      <Segmented<Filter>
        block
        value={filter}
        onChange={setFilter}
        options={[
          { label: '待办', value: 'open' },
          { label: <Badge count={c?.late ?? 0} size="small" offset={[6, -2]}>逾期</Badge>, value: 'late' },
          { label: <Badge count={c?.returned ?? 0} size="small" offset={[6, -2]}>退回</Badge>, value: 'returned' },
          { label: '审核中', value: 'submitted' },
          { label: '已完成', value: 'accepted' },
        ]}
      />
      <List
        loading={list.isLoading}
        locale={{ emptyText: <Empty description="没有事项" /> }}
        dataSource={list.data?.items ?? []}
        data-testid="my-duty-list"
        renderItem={(item) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => onOpen(item.id)} data-testid="my-duty-item">
            <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontWeight: 500 }}>
                  {item.isKey && <Tag color="red">重点</Tag>}
                  {item.title}
                </div>
                <div style={{ fontSize: 12, color: '#888', marginTop: 2 }}>
                  {periodText(item)} · 截止 {item.dueDate}
                </div>
              </div>
              <ViewTag item={item} />
              <RightOutlined style={{ color: '#bbb' }} />
            </div>
          </Card>
        )}
      />
    </Space>
  );
}
