// 谈心谈话与学时: a branch's talk coverage (members nobody talked with this year), recording a talk; the training-hour
// ledger with the shortfall filter, recording party-school / online study hours.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRAINING_SOURCE_LABELS } from '@yanzhen/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useServerPage } from '../../app/paging';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';
import { AppraisalsTab } from './AppraisalsTab';

type Roster = { orgId: string; orgName: string; items: { memberId: string; name: string; committee: boolean }[] };
type Coverage = { orgName: string; covered: number; members: number; ratePermille: number | null; items: { memberId: string; name: string }[]; total: number };
type HoursRow = { memberId: string; name: string; orgName: string; cadre: boolean; total: number; required: number; shortfall: number; meetingHours: number; otherHours: number };
const pct = (p: number | null) => (p === null ? '—' : `${(p / 10).toFixed(1)}%`);

function Talks({ orgId }: { orgId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<string | null>(null);
  const { page, pageSize, pagination } = useServerPage({ orgId });
  const coverage = useQuery({ queryKey: ['org-life', 'coverage', orgId, page, pageSize], queryFn: () => api.get<Coverage>(`/api/org-life/talks/coverage?orgId=${orgId}&page=${page}&pageSize=${pageSize}`) });
  const roster = useQuery({ queryKey: ['org-life', 'roster', orgId], queryFn: () => api.get<Roster>(`/api/org-life/roster?orgId=${orgId}`) });
  const save = useMutation({
    mutationFn: (v: { talkerMemberId: string; talkedOn: Dayjs; topics: string }) => api.post('/api/org-life/talks', { orgId, memberId: open, talkerMemberId: v.talkerMemberId, talkedOn: v.talkedOn.format('YYYY-MM-DD'), topics: v.topics }),
    onSuccess: () => {
      setOpen(null);
      void qc.invalidateQueries({ queryKey: ['org-life', 'coverage'] });
      message.success('谈心谈话已登记');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const c = coverage.data;
  return (
    <>
      {coverage.error && <Alert type="info" showIcon title={errorMessage(coverage.error)} style={{ marginBottom: 8 }} />}
      {c && <Typography.Paragraph data-testid="talk-coverage">本年已谈话 {c.covered} / {c.members} 人（{pct(c.ratePermille)}），尚未谈话 {c.total} 人：</Typography.Paragraph>}
      <Table size="small" rowKey="memberId" dataSource={c?.items ?? []} loading={coverage.isLoading} pagination={pagination(c?.total, '人')}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '', key: 'op', width: 120, render: (_, r) => can('orgLife.write') && <Button size="small" onClick={() => { form.resetFields(); setOpen(r.memberId); }}>登记谈话</Button> },
        ]} />
      <Modal open={open !== null} title="登记谈心谈话" onCancel={() => setOpen(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ talkedOn: dayjs() }}>
          <Form.Item name="talkerMemberId" label="谈话人（书记或委员）" rules={[{ required: true, message: '请选择谈话人' }]}>
            <Select options={(roster.data?.items ?? []).filter((r) => r.committee).map((r) => ({ value: r.memberId, label: r.name }))} />
          </Form.Item>
          <Form.Item name="talkedOn" label="谈话日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly /></Form.Item>
          <Form.Item name="topics" label="谈话内容" rules={[{ required: true, message: '请填写谈话内容' }]}><Input.TextArea rows={3} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Hours({ orgId }: { orgId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm();
  const [shortfall, setShortfall] = useState(true);
  const [open, setOpen] = useState<HoursRow | null>(null);
  const { page, pageSize, pagination } = useServerPage({ orgId, shortfall });
  const { data, isLoading } = useQuery({ queryKey: ['org-life', 'hours', orgId, shortfall, page, pageSize], queryFn: () => api.get<{ items: HoursRow[]; total: number }>(`/api/org-life/hours?orgId=${orgId}&shortfall=${shortfall}&page=${page}&pageSize=${pageSize}`) });
  const save = useMutation({
    mutationFn: (v: { source: string; studiedOn: Dayjs; hours: number; title: string }) => api.post('/api/org-life/training-entries', { memberId: open!.memberId, source: v.source, studiedOn: v.studiedOn.format('YYYY-MM-DD'), hours: v.hours, title: v.title }),
    onSuccess: () => {
      setOpen(null);
      void qc.invalidateQueries({ queryKey: ['org-life', 'hours'] });
      message.success('学时已登记');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 8 }}><Switch checked={shortfall} onChange={setShortfall} /> 只看未达标（党员 32 学时，书记和委员 56 学时）</Space>
      <Table size="small" rowKey="memberId" dataSource={data?.items ?? []} loading={isLoading} pagination={pagination(data?.total, '人')} scroll={{ x: 640 }} data-testid="hours-table"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, render: (v, r) => <>{v}{r.cadre && <Tag style={{ marginLeft: 4 }}>支委</Tag>}</> },
          { title: '支部', dataIndex: 'orgName', width: 160 },
          { title: '学时', key: 't', width: 90, render: (_, r) => `${r.total} / ${r.required}` },
          { title: '会议', dataIndex: 'meetingHours', width: 60 },
          { title: '其他', dataIndex: 'otherHours', width: 60 },
          { title: '差', dataIndex: 'shortfall', width: 60, render: (v: number) => (v > 0 ? <span style={{ color: '#cf1322' }}>{v}</span> : '—') },
          { title: '', key: 'op', width: 100, render: (_, r) => can('orgLife.write') && <Button size="small" onClick={() => { form.resetFields(); setOpen(r); }}>登记学时</Button> },
        ]} />
      <Modal open={open !== null} title={`登记学时 · ${open?.name ?? ''}`} onCancel={() => setOpen(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} initialValues={{ studiedOn: dayjs(), source: 'partySchool', hours: 8 }}>
          <Form.Item name="source" label="学习来源"><Select options={(['partySchool', 'online', 'other'] as const).map((s) => ({ value: s, label: TRAINING_SOURCE_LABELS[s] }))} /></Form.Item>
          <Form.Item name="studiedOn" label="学习日期" rules={[{ required: true }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly /></Form.Item>
          <Form.Item name="hours" label="学时" rules={[{ required: true }]}><InputNumber min={1} max={200} /></Form.Item>
          <Form.Item name="title" label="学习内容" rules={[{ required: true, message: '请填写学习内容' }]}><Input /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function TalksHoursPage() {
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  // ?tab=appraisals opens the 民主评议 tab (linked from the 组织生活会 page).
  const [params] = useSearchParams();
  return (
    <Card title="谈心谈话与学时" extra={<BranchPicker value={orgId} onChange={setOrgId} />}>
      {orgId && (
        <Tabs defaultActiveKey={params.get('tab') ?? 'hours'} items={[
          { key: 'hours', label: '学时台账', children: <Hours orgId={orgId} /> },
          { key: 'talks', label: '谈心谈话（须选择党支部）', children: <Talks orgId={orgId} /> },
          { key: 'appraisals', label: '民主评议党员（须选择党支部）', children: <AppraisalsTab orgId={orgId} /> },
        ]} />
      )}
    </Card>
  );
}
