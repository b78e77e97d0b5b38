// 操作日志: search the append-only audit log; each entry's changes expand as a before → after table.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AUDIT_ENTITY_TYPE_LABELS, type Account, type AuditEntry } from '@yanzhen/domain';
import { Card, Col, DatePicker, Input, Row, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { actionLabel, auditEntityTypeLabel, FIELD_LABELS, formatChangeValue, formatDateTime } from '../../app/format';

type AuditList = { items: AuditEntry[]; total: number; page: number; pageSize: number };
const ENTITY_TYPES = Object.entries(AUDIT_ENTITY_TYPE_LABELS).map(([value, label]) => ({ value, label }));

/** 操作人: search the accounts in scope by name or username. */
function OperatorSelect({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const [q, setQ] = useState('');
  const accounts = useQuery({
    queryKey: ['audit', 'operators', q],
    queryFn: () => api.get<{ items: Account[] }>('/api/accounts', { q: q || undefined, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Select
      allowClear
      showSearch
      filterOption={false}
      placeholder="操作人（姓名或用户名）"
      style={{ width: '100%' }}
      value={value}
      onSearch={setQ}
      onChange={(v) => onChange(v)}
      notFoundContent={accounts.isFetching ? '查找中…' : '无匹配账号'}
      options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
      data-testid="audit-operator"
    />
  );
}

function Changes({ e }: { e: AuditEntry }) {
  const rows = Object.entries(e.changes ?? {});
  if (!rows.length) return <Typography.Text type="secondary">{e.note ?? '无字段变化'}</Typography.Text>;
  return (
    <div>
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        dataSource={rows.map(([field, c]) => ({ field, before: formatChangeValue(field, c.before), after: formatChangeValue(field, c.after) }))}
        columns={[
          { title: '字段', dataIndex: 'field', width: 140, render: (f: string) => FIELD_LABELS[f] ?? f },
          { title: '修改前', dataIndex: 'before' },
          { title: '修改后', dataIndex: 'after' },
        ]}
      />
      {e.note && <div style={{ marginTop: 4, color: '#666' }}>备注：{e.note}</div>}
    </div>
  );
}

export default function AuditPage() {
  const [filters, setFilters] = useState<{ actorId?: string; action?: string; entityType?: string; entityId?: string; range?: [Dayjs | null, Dayjs | null] | null }>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const actions = useQuery({ queryKey: ['audit', 'actions'], queryFn: () => api.get<{ items: string[] }>('/api/audit/actions') });
  const query = {
    actorId: filters.actorId,
    action: filters.action,
    entityType: filters.entityType,
    entityId: filters.entityId?.trim() || undefined,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
    page,
    pageSize,
  };
  const list = useQuery({ queryKey: ['audit', 'list', query], queryFn: () => api.get<AuditList>('/api/audit', query), placeholderData: keepPreviousData });
  const set = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <div>
      <div className="yz-page-header">
        <Typography.Title level={4}>操作日志</Typography.Title>
      </div>
      <Card size="small">
        <Row gutter={[8, 8]} style={{ marginBottom: 12 }}>
          <Col xs={24} md={5}>
            <OperatorSelect value={filters.actorId} onChange={(v) => set({ actorId: v })} />
          </Col>
          <Col xs={24} md={5}>
            <Select allowClear showSearch optionFilterProp="label" placeholder="操作类型" style={{ width: '100%' }} value={filters.action} onChange={(v) => set({ action: v })} options={(actions.data?.items ?? []).map((a) => ({ value: a, label: actionLabel(a) }))} />
          </Col>
          <Col xs={12} md={4}>
            <Select allowClear placeholder="对象类型" style={{ width: '100%' }} value={filters.entityType} onChange={(v) => set({ entityType: v })} options={ENTITY_TYPES} />
          </Col>
          <Col xs={12} md={4}>
            <Input.Search allowClear placeholder="对象编号" onSearch={(v) => set({ entityId: v })} />
          </Col>
          <Col xs={24} md={6}>
            <DatePicker.RangePicker style={{ width: '100%' }} onChange={(r) => set({ range: r })} />
          </Col>
        </Row>
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (e) => <Changes e={e} />, rowExpandable: (e) => Boolean(e.note) || Object.keys(e.changes ?? {}).length > 0 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, size: 'small', onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          locale={{ emptyText: list.error ? `加载失败：${errorMessage(list.error)}` : '暂无记录' }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 170, render: formatDateTime },
            { title: '操作人', dataIndex: 'actorName', width: 140, render: (v: string | null) => v ?? '系统' },
            { title: '操作', dataIndex: 'action', width: 180, render: actionLabel },
            { title: '对象', dataIndex: 'entityType', width: 90, render: auditEntityTypeLabel },
            { title: '结果', dataIndex: 'outcome', width: 80, render: (v: string) => (v === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>) },
            { title: 'IP', dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            { title: '摘要', key: 'summary', ellipsis: true, render: (_, e) => e.note ?? Object.keys(e.changes ?? {}).map((f) => FIELD_LABELS[f] ?? f).join('、') },
          ]}
        />
      </Card>
    </div>
  );
}
