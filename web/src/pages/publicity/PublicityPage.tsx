// 党建信息宣传: my items, the sign-off inbox, the county's inbox, the month priorities, the rankings with a chart and
// the quarterly notice download.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PUBLICITY_LEVEL_LABELS, PUBLICITY_STATUS_LABELS, type PriorityPage, type PublicityItem, type PublicityPage as ItemPage, type PublicityStatus, type RankingPage } from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Form, Input, List, Radio, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { EChart } from '../../app/EChart';
import { useServerPage } from '../../app/paging';
import { ItemDrawer, STATUS_COLORS, pointsText } from './ItemDrawer';
import { ItemEditor } from './ItemEditor';


function ItemList({ view, onOpen, statusFilter }: { view: 'mine' | 'signOff' | 'county'; onOpen: (id: string) => void; statusFilter?: boolean }) {
  const [status, setStatus] = useState<PublicityStatus | undefined>(view === 'county' ? 'signed' : undefined);
  const paging = useServerPage({ view, status });
  const list = useQuery({ queryKey: ['publicity', 'items', view, status, paging.query], queryFn: () => api.get<ItemPage>('/api/publicity/items', { view, status, ...paging.query }) });
  return (
    <>
      {statusFilter && (
        <Radio.Group value={status ?? 'all'} onChange={(e) => setStatus(e.target.value === 'all' ? undefined : e.target.value)} style={{ marginBottom: 12 }} optionType="button"
          options={[{ value: 'signed', label: '待采用' }, { value: 'adopted', label: '已采用' }, { value: 'declined', label: '未采用' }, { value: 'all', label: '全部' }]} />
      )}
      <Table<PublicityItem>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total, '篇')}
        scroll={{ x: 720 }}
        onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: view === 'signOff' ? '没有待您审签的稿件' : view === 'county' ? '没有稿件' : '您还没有报送稿件' }}
        columns={[
          { title: '标题', dataIndex: 'title', render: (t: string) => <a>{t}</a> },
          { title: '单位', dataIndex: 'orgName', width: 160 },
          { title: '作者', dataIndex: 'authorNames', width: 140 },
          { title: '月份', dataIndex: 'month', width: 90 },
          { title: '状态', dataIndex: 'status', width: 130, render: (s: PublicityStatus) => <Tag color={STATUS_COLORS[s]}>{PUBLICITY_STATUS_LABELS[s]}</Tag> },
          { title: '采用', key: 'level', width: 140, render: (_: unknown, r) => (r.level ? `${PUBLICITY_LEVEL_LABELS[r.level]} ${pointsText(r.centi)}` : '—') },
        ]}
      />
    </>
  );
}

function Priorities() {
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title: string; direction: string }>();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const paging = useServerPage(month.format('YYYY-MM'));
  const list = useQuery({ queryKey: ['publicity', 'priorities', month.format('YYYY-MM'), paging.query], queryFn: () => api.get<PriorityPage>('/api/publicity/priorities', { month: month.format('YYYY-MM'), ...paging.query }) });
  const issue = useMutation({
    mutationFn: (v: { title: string; direction: string }) => api.post('/api/publicity/priorities', { month: month.format('YYYY-MM'), ...v }),
    onSuccess: () => { message.success('已发布宣传重点'); form.resetFields(); void qc.invalidateQueries({ queryKey: ['publicity'] }); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <DatePicker picker="month" value={month} onChange={(v) => v && setMonth(v)} allowClear={false} />
      {can('publicity.adopt') && (
        <Form form={form} layout="vertical" onFinish={(v) => issue.mutate(v)} style={{ maxWidth: 640 }}>
          <Form.Item name="title" label="宣传重点" rules={[{ required: true, min: 2, message: '请填写宣传重点' }]}><Input maxLength={80} /></Form.Item>
          <Form.Item name="direction" label="宣传方向" rules={[{ required: true, min: 2, message: '请填写宣传方向' }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
          <Button type="primary" htmlType="submit" loading={issue.isPending}>发布</Button>
        </Form>
      )}
      <List
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        pagination={list.data && list.data.total > 0 ? paging.pagination(list.data.total, '项') : false}
        locale={{ emptyText: '本月尚未发布宣传重点' }}
        renderItem={(p) => <List.Item><List.Item.Meta title={<Space wrap>{p.title}<Tag>已报送 {p.items} 篇</Tag></Space>} description={p.direction} /></List.Item>}
      />
    </Space>
  );
}

function Rankings() {
  const can = useCan();
  const { message } = App.useApp();
  const [kind, setKind] = useState<'unit' | 'person'>('unit');
  const [period, setPeriod] = useState<'month' | 'quarter' | 'year'>('month');
  const [at, setAt] = useState<Dayjs>(dayjs());
  const q = period === 'month' ? { month: at.format('YYYY-MM') } : period === 'quarter' ? { year: at.year(), quarter: Math.floor(at.month() / 3) + 1 } : { year: at.year() };
  const paging = useServerPage({ kind, ...q });
  const ranking = useQuery({ queryKey: ['publicity', 'ranking', kind, q, paging.query], queryFn: () => api.get<RankingPage>('/api/publicity/rankings', { kind, ...q, ...paging.query }) });
  const rows = ranking.data?.items ?? [];
  const top = rows.slice(0, 10);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value)} optionType="button" options={[{ value: 'unit', label: '单位' }, { value: 'person', label: '个人' }]} />
        <Select value={period} onChange={setPeriod} style={{ width: 96 }} options={[{ value: 'month', label: '月度' }, { value: 'quarter', label: '季度' }, { value: 'year', label: '年度' }]} />
        <DatePicker picker={period === 'month' ? 'month' : period === 'quarter' ? 'quarter' : 'year'} value={at} onChange={(v) => v && setAt(v)} allowClear={false} />
        {can('publicity.adopt') && (
          <Button onClick={() => download('/api/publicity/notice', { year: at.year(), quarter: Math.floor(at.month() / 3) + 1 }, '季度通报.docx').catch((e) => message.error(errorMessage(e)))}>
            下载第{'一二三四'[Math.floor(at.month() / 3)]}季度通报
          </Button>
        )}
      </Space>
      <Typography.Text type="secondary">{ranking.data?.period} · 按最高采用级别计分，作者按分成计分；同分同名次。</Typography.Text>
      {top.length > 0 && (
        <Card size="small" title={`${kind === 'unit' ? '单位' : '个人'}积分前${top.length}名`}>
          <EChart height={Math.max(160, top.length * 30)} option={{
            grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', name: '分', minInterval: kind === 'unit' ? 1 : 0.1 },
            yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
            tooltip: { trigger: 'axis' },
            series: [{ type: 'bar', data: top.map((r) => r.points), itemStyle: { color: '#c41d1d' }, label: { show: true, position: 'right' } }],
          }} />
        </Card>
      )}
      <Table
        rowKey="id"
        size="middle"
        data-testid="ranking-table"
        loading={ranking.isLoading}
        dataSource={rows}
        pagination={paging.pagination(ranking.data?.total, kind === 'unit' ? '个单位' : '人')}
        locale={{ emptyText: '本期暂无被采用的稿件' }}
        scroll={{ x: 480 }}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 70 },
          { title: kind === 'unit' ? '单位' : '姓名', dataIndex: 'name' },
          ...(kind === 'person' ? [{ title: '所在单位', dataIndex: 'orgName' }] : []),
          { title: '采用篇数', dataIndex: 'items', width: 100 },
          { title: '积分', dataIndex: 'points', width: 90 },
        ]}
      />
    </Space>
  );
}

export default function PublicityPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const tabs = [
    can('publicity.submit') && { key: 'mine', label: '我的稿件', children: <><Button type="primary" onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>新建稿件</Button><ItemList view="mine" onOpen={setOpenId} /></> },
    can('publicity.signOff') && !can('publicity.adopt') && { key: 'signOff', label: '待我审签', children: <ItemList view="signOff" onOpen={setOpenId} /> },
    can('publicity.adopt') && { key: 'county', label: '县委组织部收稿', children: <ItemList view="county" onOpen={setOpenId} statusFilter /> },
    { key: 'ranking', label: '积分排名', children: <Rankings /> },
    { key: 'priorities', label: '宣传重点', children: <Priorities /> },
  ].filter((t): t is { key: string; label: string; children: React.JSX.Element } => !!t);
  const landing = can('publicity.adopt') ? 'county' : tabs[0].key;
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : landing;
  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>党建信息宣传</Typography.Title>
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k }, { replace: true })} items={tabs} destroyOnHidden />
      <ItemDrawer id={openId} onClose={() => setOpenId(null)} />
      <ItemEditor open={creating} item={null} onClose={() => setCreating(false)} />
    </div>
  );
}

