// 审核与整改: reports waiting for the supervisor, all items in scope, and the rectifications being followed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DutyItem, Rectification } from '@yanzhen/domain';
import { App, Button, Input, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { formatDateTime } from '../../app/format';
import { ViewTag, periodText } from './duty-api';
import { NoticesPanel } from './NoticesPanel';

/** 每季一讲评: the quarterly review of the caller's town or county, as an Excel workbook or a Word notice. */
function QuarterlyReviewDownload() {
  const { message } = App.useApp();
  const now = new Date();
  const [period, setPeriod] = useState(`${now.getFullYear()}-${Math.floor(now.getMonth() / 3) + 1}`);
  const options = [0, 1, 2, 3, 4, 5].map((i) => {
    const q = Math.floor(now.getMonth() / 3) - i;
    const y = now.getFullYear() + Math.floor(q / 4);
    const qq = ((q % 4) + 4) % 4 + 1;
    return { value: `${y}-${qq}`, label: `${y}年第${'一二三四'[qq - 1]}季度` };
  });
  const get = (format: 'xlsx' | 'docx') => {
    const [year, quarter] = period.split('-');
    download('/api/duties/reviews/quarterly', { year, quarter, format }, `季度讲评.${format}`).catch((e) => message.error(errorMessage(e)));
  };
  return (
    <Space wrap>
      <span>每季一讲评：</span>
      <Select value={period} onChange={setPeriod} options={options} style={{ width: 160 }} />
      <Button onClick={() => get('xlsx')}>讲评表（Excel）</Button>
      <Button onClick={() => get('docx')}>通报（Word）</Button>
    </Space>
  );
}

export function ReviewList({ onOpen }: { onOpen: (id: string) => void }) {
  const [scope, setScope] = useState<'review' | 'all'>('review');
  const [view, setView] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['duties', 'review', scope, view, page],
    queryFn: () => api.get<{ items: DutyItem[]; total: number }>('/api/duties/items', { scope, view, page, pageSize: 20 }),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented value={scope} onChange={(v) => { setScope(v as 'review' | 'all'); setPage(1); }} options={[{ label: '待我审核', value: 'review' }, { label: '全部事项', value: 'all' }]} />
        {scope === 'all' && (
          <Segmented value={view ?? 'any'} onChange={(v) => { setView(v === 'any' ? undefined : String(v)); setPage(1); }} options={[{ label: '全部', value: 'any' }, { label: '逾期', value: 'late' }, { label: '退回', value: 'returned' }, { label: '待审核', value: 'submitted' }, { label: '已通过', value: 'accepted' }]} />
        )}
      </Space>
      <NoticesPanel />
      <QuarterlyReviewDownload />
      <Table<DutyItem>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 800 }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        pagination={{ current: page, total: q.data?.total, pageSize: 20, onChange: setPage, showTotal: (t) => `共 ${t} 项` }}
        columns={[
          { title: '组织', dataIndex: 'orgName', width: 200 },
          { title: '事项', dataIndex: 'title', render: (t: string, r) => <>{r.isKey && <Tag color="red">重点</Tag>}{t}</> },
          { title: '时段', width: 120, render: (_, r) => periodText(r) },
          { title: '截止', dataIndex: 'dueDate', width: 110 },
          { title: '书记', dataIndex: 'secretaryName', width: 90 },
          { title: '提交时间', dataIndex: 'lastSubmittedAt', width: 160, render: (v: string | null) => formatDateTime(v) },
          { title: '状态', width: 110, render: (_, r) => <ViewTag item={r} /> },
        ]}
      />
    </Space>
  );
}

export function RectificationList({ canClose, canReport }: { canClose: boolean; canReport: boolean }) {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const q = useQuery({ queryKey: ['duties', 'rectifications', status], queryFn: () => api.get<{ items: Rectification[]; total: number }>('/api/duties/rectifications', { status, pageSize: 100 }) });
  const close = useMutation({
    mutationFn: (v: { r: Rectification; note: string }) => api.post(`/api/duties/rectifications/${v.r.id}/close`, { note: v.note, version: v.r.version }),
    onSuccess: () => {
      message.success('已销号');
      void qc.invalidateQueries({ queryKey: ['duties'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const me = useCurrentUser();
  const report = useMutation({
    mutationFn: (v: { r: Rectification; note: string }) => api.post(`/api/duties/rectifications/${v.r.id}/report`, { note: v.note, version: v.r.version }),
    onSuccess: () => {
      message.success('整改情况已报告，待督导人员核实销号');
      void qc.invalidateQueries({ queryKey: ['duties'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const askReport = (r: Rectification) => {
    let note = r.reportNote ?? '';
    modal.confirm({
      title: `报告整改情况：${r.problem}`,
      content: <Input.TextArea rows={4} defaultValue={note} maxLength={500} showCount placeholder="写明已采取的整改措施和结果" onChange={(e) => (note = e.target.value)} />,
      okText: '报告',
      onOk: () => report.mutateAsync({ r, note }),
    });
  };
  const ask = (r: Rectification) => {
    let note = '';
    modal.confirm({ title: `整改销号：${r.orgName}`, content: <Input.TextArea rows={3} placeholder="整改情况" onChange={(e) => (note = e.target.value)} />, onOk: () => close.mutateAsync({ r, note }) });
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented value={status} onChange={(v) => setStatus(v as 'open' | 'closed')} options={[{ label: '整改中', value: 'open' }, { label: '已销号', value: 'closed' }]} />
      <Table<Rectification>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items}
        scroll={{ x: 800 }}
        pagination={false}
        columns={[
          { title: '组织', dataIndex: 'orgName', width: 180 },
          { title: '事项', dataIndex: 'itemTitle', width: 200 },
          { title: '问题', dataIndex: 'problem' },
          { title: '期限', dataIndex: 'deadline', width: 110, render: (d: string, r) => (r.overdue ? <Tag color="red">{d} 逾期</Tag> : d) },
          { title: '提出人', dataIndex: 'createdBy', width: 120 },
          status === 'open'
            ? { title: '书记报告', dataIndex: 'reportNote', width: 220, render: (n: string | null, r) => (n ? <span>{n}<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{r.reportedBy} {formatDateTime(r.reportedAt)}</Typography.Text></span> : <Typography.Text type="secondary">未报告</Typography.Text>) }
            : { title: '整改情况', dataIndex: 'closingNote', width: 200 },
          ...(status === 'open'
            ? [{ title: '操作', width: 110, render: (_: unknown, r: Rectification) => (
                <Space size={4} wrap>
                  {canReport && r.orgId === me.orgId && <Button size="small" onClick={() => askReport(r)}>{r.reportNote ? '重新报告' : '报告整改'}</Button>}
                  {canClose && <Button size="small" onClick={() => ask(r)}>销号</Button>}
                </Space>
              ) }]
            : []),
        ]}
      />
    </Space>
  );
}
