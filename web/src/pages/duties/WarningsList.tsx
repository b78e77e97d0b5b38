// 红黄预警: current warnings and their history per town and county, each with its reasons.
import { useQuery } from '@tanstack/react-query';
import type { DutyWarning } from '@yanzhen/domain';
import { Segmented, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';

export function WarningsList() {
  const [active, setActive] = useState<'true' | 'false' | 'all'>('true');
  const [page, setPage] = useState(1);
  const [townId, setTownId] = useState<string | undefined>(undefined);
  const towns = useQuery({ queryKey: ['orgs', 'tree', 1], queryFn: () => api.get<{ items: { id: string; name: string; parentId: string | null }[] }>('/api/orgs/tree', { depth: 1 }), retry: false });
  const q = useQuery({
    queryKey: ['duties', 'warnings', active, page, townId],
    queryFn: () => api.get<{ items: DutyWarning[]; total: number }>('/api/duties/warnings', { active: active === 'all' ? undefined : active, page, pageSize: 20, townId }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented value={active} onChange={(v) => { setActive(v as typeof active); setPage(1); }} options={[{ label: '当前预警', value: 'true' }, { label: '已解除', value: 'false' }, { label: '全部', value: 'all' }]} />
        {(towns.data?.items.length ?? 0) > 2 && (
          <Select allowClear placeholder="全部镇（街道）" style={{ width: 200 }} value={townId} onChange={(v) => { setTownId(v); setPage(1); }}
            options={towns.data!.items.filter((t) => t.parentId !== null).map((t) => ({ value: t.id, label: t.name }))} />
        )}
      </Space>
      <Table<DutyWarning>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 900 }}
        data-testid="warnings-table"
        pagination={{ current: page, total: q.data?.total, pageSize: 20, onChange: setPage, showTotal: (t) => `共 ${t} 条` }}
        columns={[
          { title: '预警', dataIndex: 'level', width: 110, render: (l: string, w) => <><Tag color={l === 'red' ? 'red' : 'gold'}>{l === 'red' ? '红色' : '黄色'}</Tag>{w.source === 'daily' && <Tag>逾期·月内</Tag>}</> },
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '镇（街道）', dataIndex: 'townName', width: 110 },
          { title: '组织', dataIndex: 'orgName', width: 200 },
          { title: '书记', dataIndex: 'secretaryName', width: 90 },
          { title: '原因', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
          { title: '解除', width: 220, render: (_, w) => (w.clearedAt ? `${formatDateTime(w.clearedAt).slice(0, 10)} ${w.clearedReason ?? ''}` : <Tag color="red">未解除</Tag>) },
        ]}
      />
    </Space>
  );
}
