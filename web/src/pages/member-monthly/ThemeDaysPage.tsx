// 主题党日 (1号活动): plan a branch's monthly theme day, show the rotating check-in code, mark attendance, approve leave,
// record make-up study; attendance rates of the branches below.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttendanceRates, ThemeDayDetail, ThemeDaySummary } from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Drawer, Form, Input, Modal, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useServerPage } from '../../app/paging';
import { useCan } from '../../app/auth';
import { BranchPicker, useDefaultOrg } from './BranchPicker';
import { CheckInCode } from './CheckInCode';

const pct = (p: number | null) => (p === null ? '—' : `${(p / 10).toFixed(1)}%`);

function Detail({ id, onClose }: { id: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const [showCode, setShowCode] = useState(false);
  const [makeupFor, setMakeupFor] = useState<string | null>(null);
  const [makeupForm] = Form.useForm();
  const { data } = useQuery({ queryKey: ['theme-days', id], queryFn: () => api.get<ThemeDayDetail>(`/api/theme-days/${id}`), refetchInterval: showCode ? 5000 : false });
  const refresh = () => qc.invalidateQueries({ queryKey: ['theme-days'] });
  const mark = useMutation({ mutationFn: (v: { memberId: string; attended: boolean }) => api.post(`/api/theme-days/${id}/attendance`, v), onSuccess: refresh, onError: (e) => message.error(errorMessage(e)) });
  const decide = useMutation({ mutationFn: (v: { leaveId: string; approve: boolean; version: number }) => api.post(`/api/leave-requests/${v.leaveId}/decision`, { approve: v.approve, version: v.version }), onSuccess: refresh, onError: (e) => message.error(errorMessage(e)) });
  const makeup = useMutation({
    mutationFn: (v: { studiedOn: Dayjs; content: string }) => api.post(`/api/theme-days/${id}/makeup`, { memberId: makeupFor, studiedOn: v.studiedOn.format('YYYY-MM-DD'), content: v.content }),
    onSuccess: () => {
      setMakeupFor(null);
      void refresh();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const write = can('themeDays.write');
  return (
    <Drawer open onClose={onClose} size={720} title={data ? `${data.orgName} · ${data.month} 主题党日` : '主题党日'} extra={write && <Button type="primary" onClick={() => setShowCode(true)} data-testid="show-code">显示签到二维码</Button>}>
      {data && (
        <>
          <Typography.Title level={5}>{data.topic}</Typography.Title>
          <Typography.Paragraph type="secondary">{data.date} · {data.place}</Typography.Paragraph>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{data.content}</Typography.Paragraph>
          <Typography.Paragraph data-testid="attendance-summary">出席 {data.attended} / {data.expected} 人（{pct(data.ratePermille)}）</Typography.Paragraph>
          {data.birthdayTopic.members > 0 && (
            <Typography.Paragraph data-testid="birthday-topic">
              {data.birthdayTopic.required ? '必选题' : '可选题'}：为本月 {data.birthdayTopic.members} 名党员过政治生日 —— {data.birthdayTopic.celebratedOn ? <Tag color="success">已于 {data.birthdayTopic.celebratedOn} 庆祝</Tag> : <Tag color={data.birthdayTopic.required ? 'error' : 'default'}>未登记（在“关爱帮扶 · 政治生日”中登记）</Tag>}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph>{data.complete ? <Tag color="success">已完成</Tag> : <Tag color="warning">未完成{data.birthdayTopic.required && !data.birthdayTopic.done ? '（必选题政治生日未登记）' : ''}</Tag>}</Typography.Paragraph>
          <Table
            size="small"
            rowKey="memberId"
            pagination={false}
            dataSource={data.roster}
            scroll={{ x: 600 }}
            columns={[
              { title: '姓名', dataIndex: 'name', width: 90 },
              { title: '出席', key: 'att', width: 150, render: (_, r) => (
                <Space>
                  <Switch size="small" checked={r.attended} disabled={!write} onChange={(v) => mark.mutate({ memberId: r.memberId, attended: v })} aria-label={`${r.name}出席`} />
                  {r.method && <Tag color={r.method === 'qr' ? 'green' : 'blue'}>{r.method === 'qr' ? '扫码' : '登记'}</Tag>}
                </Space>
              ) },
              { title: '请假', key: 'leave', render: (_, r) => r.leave ? (
                <Space wrap>
                  <span>{r.leave.reason}</span>
                  {r.leave.status === 'pending' && write ? (
                    <>
                      <Button size="small" onClick={() => decide.mutate({ leaveId: r.leave!.id, approve: true, version: r.leave!.version })}>批准</Button>
                      <Button size="small" danger onClick={() => decide.mutate({ leaveId: r.leave!.id, approve: false, version: r.leave!.version })}>不批准</Button>
                    </>
                  ) : <Tag>{r.leave.status === 'approved' ? '已批准' : r.leave.status === 'rejected' ? '未批准' : '待审批'}</Tag>}
                </Space>
              ) : '—' },
              { title: '补学', key: 'makeup', width: 130, render: (_, r) => r.makeup ? `${r.makeup.studiedOn} 已补学` : !r.attended && write ? <Button size="small" onClick={() => { makeupForm.resetFields(); setMakeupFor(r.memberId); }}>登记补学</Button> : '—' },
            ]}
          />
        </>
      )}
      <Modal open={showCode} onCancel={() => setShowCode(false)} footer={null} title="主题党日现场签到" width={420} destroyOnHidden>
        {showCode && <CheckInCode themeDayId={id} />}
      </Modal>
      <Modal open={makeupFor !== null} title="登记补学" onCancel={() => setMakeupFor(null)} onOk={() => makeupForm.submit()} confirmLoading={makeup.isPending}>
        <Form form={makeupForm} layout="vertical" onFinish={(v) => makeup.mutate(v)} initialValues={{ studiedOn: dayjs() }}>
          <Form.Item name="studiedOn" label="补学日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
          <Form.Item name="content" label="补学内容" rules={[{ required: true, min: 2, message: '请填写补学内容' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

export default function ThemeDaysPage() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [year, setYear] = useState(dayjs().year());
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const listPage = useServerPage([orgId, year], 50);
  const list = useQuery({ queryKey: ['theme-days', 'list', orgId, year, listPage.query], queryFn: () => api.get<{ items: ThemeDaySummary[]; total: number }>('/api/theme-days', { orgId, year, ...listPage.query }), enabled: !!orgId });
  const rates = useQuery({ queryKey: ['theme-days', 'rates', orgId, month], queryFn: () => api.get<AttendanceRates>('/api/theme-days/rates', { orgId, month }), enabled: !!orgId });
  const create = useMutation({
    mutationFn: (v: { month: Dayjs; date?: Dayjs; topic: string; place: string; content: string }) =>
      api.post<ThemeDayDetail>('/api/theme-days', { orgId, month: v.month.format('YYYY-MM'), date: v.date ? v.date.format('YYYY-MM-DD') : null, topic: v.topic, place: v.place, content: v.content }),
    onSuccess: (td) => {
      setCreating(false);
      void qc.invalidateQueries({ queryKey: ['theme-days'] });
      setOpen(td.id);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title="主题党日（1号活动）" extra={<Space wrap><BranchPicker value={orgId} onChange={setOrgId} /></Space>}>
      <Tabs
        items={[
          {
            key: 'list',
            label: '活动安排',
            children: (
              <>
                <Space style={{ marginBottom: 12 }} wrap>
                  <DatePicker picker="year" value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} allowClear={false} />
                  {can('themeDays.write') && <Button type="primary" onClick={() => { form.resetFields(); setCreating(true); }} data-testid="plan-theme-day">安排主题党日</Button>}
                </Space>
                <Table
                  rowKey="id"
                  size="small"
                  loading={list.isLoading}
                  dataSource={list.data?.items ?? []}
                  pagination={listPage.pagination(list.data?.total, '次活动')}
                  data-testid="theme-day-list"
                  scroll={{ x: 700 }}
                  onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '月份', dataIndex: 'month', width: 90 },
                    { title: '日期', dataIndex: 'date', width: 110 },
                    { title: '党支部', dataIndex: 'orgName' },
                    { title: '主题', dataIndex: 'topic' },
                    { title: '出席', key: 'a', width: 140, render: (_, r) => `${r.attended}/${r.expected}（${pct(r.ratePermille)}）` },
                    { title: '完成', key: 'c', width: 110, render: (_, r) => (r.complete ? <Tag color="success">已完成</Tag> : <Tag color="warning">{r.birthdayTopic.required && !r.birthdayTopic.done ? '缺政治生日' : '未完成'}</Tag>) },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'rates',
            label: '参加率',
            children: (
              <>
                <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} style={{ marginBottom: 12 }} />
                <Typography.Paragraph>合计：{rates.data?.total.themeDays ?? 0} 个支部开展，出席 {rates.data?.total.attended ?? 0} / {rates.data?.total.expected ?? 0}（{pct(rates.data?.total.ratePermille ?? null)}）</Typography.Paragraph>
                <Table rowKey="orgId" size="small" dataSource={rates.data?.items ?? []} pagination={{ pageSize: 50 }} columns={[
                  { title: '党支部', dataIndex: 'orgName' },
                  { title: '已开展', dataIndex: 'themeDays', width: 80, render: (n: number) => (n ? '是' : <Tag color="red">未开展</Tag>) },
                  { title: '应到', dataIndex: 'expected', width: 80 },
                  { title: '实到', dataIndex: 'attended', width: 80 },
                  { title: '参加率', dataIndex: 'ratePermille', width: 90, render: pct },
                ]} />
              </>
            ),
          },
        ]}
      />
      {open && <Detail id={open} onClose={() => setOpen(null)} />}
      <Modal open={creating} title="安排主题党日" onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ month: dayjs() }}>
          <Form.Item name="month" label="月份" rules={[{ required: true }]}><DatePicker picker="month" /></Form.Item>
          <Form.Item name="date" label="活动日期（不填为县里统一的主题党日）"><DatePicker /></Form.Item>
          <Form.Item name="topic" label="活动主题" rules={[{ required: true, min: 2, message: '请填写活动主题' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="place" label="活动地点" rules={[{ required: true, min: 2, message: '请填写活动地点' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="content" label="活动内容" rules={[{ required: true, min: 2, message: '请填写活动内容' }]}><Input.TextArea rows={4} maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
