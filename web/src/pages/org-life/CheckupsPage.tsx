// 党性（政治）体检 (confidential: the organization department and the committees above the person): record a member's
// yearly check-up against the county's item list (a versioned setting), the 亚健康/不健康 follow-ups with their
// deadlines (overdue ones are warned by the daily job), the counts by town (no names), and the item list itself.
// Every view of a result or of the follow-up list is written to the audit log by the server.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CHECKUP_FOLLOW_UP_STATE_LABELS,
  CHECKUP_ITEM_RESULT_LABELS,
  CHECKUP_ITEM_RESULTS,
  CHECKUP_RESULT_LABELS,
  CHECKUP_RESULTS,
  type CheckupFollowUpState,
  type CheckupItemResult,
  type CheckupItems,
  type CheckupResult,
} from '@yanzhen/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { MemberPicker } from '../../app/MemberPicker';
import { useServerPage } from '../../app/paging';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';

type FollowUp = { memberId: string; memberName: string; orgName: string; year: number; result: CheckupResult; baseSessionOn: string | null; dueOn: string | null; completedOn: string | null; recheckResult: CheckupResult | null; state: CheckupFollowUpState; warnedAt: string | null };
type Counts = { year: number; towns: { townName: string; healthy: number; subHealthy: number; unhealthy: number; assigned: number; completed: number; overdue: number }[] };
type Checkup = { memberName: string; orgName: string; result: CheckupResult; selfTest: string | null; assessment: string | null; interview: string | null; baseSessionOn: string | null; completedOn: string | null; recheckResult: CheckupResult | null; dueOn: string | null; items: { key: string; result: CheckupItemResult; note: string | null }[] };
type Values = { result: CheckupResult; selfTest?: string; assessment?: string; interview?: string; baseSessionOn?: Dayjs | null; dueOn?: Dayjs | null; completedOn?: Dayjs | null; recheckResult?: CheckupResult | null; items: Record<string, { result?: CheckupItemResult; note?: string }> };
const RESULT_COLORS: Record<CheckupResult, string> = { healthy: 'green', subHealthy: 'orange', unhealthy: 'red' };
const STATE_COLORS: Record<CheckupFollowUpState, string> = { open: 'blue', overdue: 'red', done: 'green' };
const resultOptions = CHECKUP_RESULTS.map((r) => ({ value: r, label: CHECKUP_RESULT_LABELS[r] }));
const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);

function CheckupForm({ memberId, year, onClose }: { memberId: string; year: number; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const items = useQuery({ queryKey: ['org-life', 'checkup-items'], queryFn: () => api.get<CheckupItems>('/api/org-life/checkup-items') });
  // A 404 is "not recorded yet": the form starts empty.
  const existing = useQuery({ queryKey: ['org-life', 'checkup', memberId, year], retry: false, queryFn: () => api.get<Checkup>(`/api/org-life/checkups?memberId=${memberId}&year=${year}`).catch(() => null) });
  const result = Form.useWatch('result', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.put('/api/org-life/checkups', {
        memberId, year, result: v.result, selfTest: v.selfTest || null, assessment: v.assessment || null, interview: v.interview || null,
        baseSessionOn: iso(v.baseSessionOn), dueOn: iso(v.dueOn), completedOn: iso(v.completedOn), recheckResult: v.recheckResult ?? null,
        items: Object.entries(v.items ?? {}).filter(([, r]) => r?.result).map(([key, r]) => ({ key, result: r.result, note: r.note || null })),
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['org-life'] });
      message.success('党性体检结果已保存');
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });
  if (!items.data || existing.isLoading) return null;
  const e = existing.data;
  const initial: Values = {
    result: e?.result ?? 'healthy', selfTest: e?.selfTest ?? undefined, assessment: e?.assessment ?? undefined, interview: e?.interview ?? undefined,
    baseSessionOn: day(e?.baseSessionOn), dueOn: day(e?.dueOn), completedOn: day(e?.completedOn), recheckResult: e?.recheckResult ?? null,
    items: Object.fromEntries((e?.items ?? []).map((i) => [i.key, { result: i.result, note: i.note ?? undefined }])),
  };
  return (
    <Modal open title={`${year}年党性体检${e ? ` · ${e.memberName}（${e.orgName}）` : ''}`} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} width={720} destroyOnHidden okButtonProps={{ 'data-testid': 'checkup-save' } as Record<`data-${string}`, string>}>
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="体检结果保密：仅县委组织部和上级党委可见，每次查看均记入操作日志，任何公开展示只有人数，不含姓名。" />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => { setError(null); save.mutate(v); }}>
        <Typography.Text strong>体检项目（第{items.data.version}版）</Typography.Text>
        <Table size="small" rowKey="key" pagination={false} dataSource={items.data.items} style={{ margin: '8px 0 12px' }}
          columns={[
            { title: '项目', dataIndex: 'label', width: 180 },
            { title: '结果', render: (_, it) => <Form.Item name={['items', it.key, 'result']} noStyle><Select allowClear style={{ width: 110 }} placeholder="未评" options={CHECKUP_ITEM_RESULTS.map((r) => ({ value: r, label: CHECKUP_ITEM_RESULT_LABELS[r] }))} /></Form.Item> },
            { title: '说明', render: (_, it) => <Form.Item name={['items', it.key, 'note']} noStyle><Input placeholder="具体表现" /></Form.Item> },
          ]} />
        <Space wrap>
          <Form.Item name="result" label="体检结论" rules={[{ required: true }]}><Select style={{ width: 140 }} options={resultOptions} data-testid="checkup-result" /></Form.Item>
          {result && result !== 'healthy' && (
            <>
              <Form.Item name="baseSessionOn" label="锻炼基地锻炼日期"><DatePicker inputReadOnly /></Form.Item>
              <Form.Item name="dueOn" label="整改完成期限"><DatePicker inputReadOnly /></Form.Item>
              <Form.Item name="completedOn" label="完成日期"><DatePicker inputReadOnly disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
              <Form.Item name="recheckResult" label="复查结果"><Select allowClear style={{ width: 120 }} options={resultOptions} /></Form.Item>
            </>
          )}
        </Space>
        <Form.Item name="selfTest" label="自测情况"><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="assessment" label="组织评价"><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="interview" label="谈话了解情况"><Input.TextArea rows={2} /></Form.Item>
        {error && <Alert type="error" showIcon title={error} data-testid="checkup-error" />}
      </Form>
    </Modal>
  );
}

function FollowUps({ orgId, year, onOpen }: { orgId: string; year: number; onOpen: (memberId: string) => void }) {
  const [state, setState] = useState<CheckupFollowUpState | undefined>();
  const { page, pageSize, pagination } = useServerPage({ orgId, year, state });
  const q = useQuery({ queryKey: ['org-life', 'checkup-follow-ups', orgId, year, state, page, pageSize], queryFn: () => api.get<{ items: FollowUp[]; total: number }>(`/api/org-life/checkups/follow-ups?orgId=${orgId}&year=${year}&page=${page}&pageSize=${pageSize}${state ? `&state=${state}` : ''}`) });
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Select allowClear placeholder="全部状态" value={state} onChange={setState} style={{ width: 140 }} options={(['open', 'overdue', 'done'] as const).map((s) => ({ value: s, label: CHECKUP_FOLLOW_UP_STATE_LABELS[s] }))} />
      </Space>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Table<FollowUp> size="small" rowKey={(r) => `${r.year}/${r.memberId}`} loading={q.isLoading} dataSource={q.data?.items} pagination={pagination(q.data?.total, '人')} scroll={{ x: 760 }} data-testid="checkup-follow-ups"
        onRow={(r) => ({ onClick: () => onOpen(r.memberId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '姓名', dataIndex: 'memberName' },
          { title: '党支部', dataIndex: 'orgName' },
          { title: '体检结论', dataIndex: 'result', render: (r: CheckupResult) => <Tag color={RESULT_COLORS[r]}>{CHECKUP_RESULT_LABELS[r]}</Tag> },
          { title: '锻炼日期', dataIndex: 'baseSessionOn', render: (v) => v ?? '—' },
          { title: '完成期限', render: (_, r) => r.dueOn ?? r.baseSessionOn ?? '—' },
          { title: '完成日期', dataIndex: 'completedOn', render: (v) => v ?? '—' },
          { title: '复查', dataIndex: 'recheckResult', render: (v: CheckupResult | null) => (v ? CHECKUP_RESULT_LABELS[v] : '—') },
          { title: '状态', render: (_, r) => <><Tag color={STATE_COLORS[r.state]}>{CHECKUP_FOLLOW_UP_STATE_LABELS[r.state]}</Tag>{r.warnedAt && <Tag color="volcano">已预警</Tag>}</> },
        ]} />
    </>
  );
}

function TownCounts({ orgId, year }: { orgId: string; year: number }) {
  const q = useQuery({ queryKey: ['org-life', 'checkup-counts', orgId, year], queryFn: () => api.get<Counts>(`/api/org-life/checkups/counts?orgId=${orgId}&year=${year}`) });
  return (
    <Table size="small" rowKey="townName" loading={q.isLoading} dataSource={q.data?.towns} pagination={false} scroll={{ x: 640 }} data-testid="checkup-counts"
      columns={[
        { title: '乡镇（街道）', dataIndex: 'townName' },
        { title: '健康', dataIndex: 'healthy' },
        { title: '亚健康', dataIndex: 'subHealthy' },
        { title: '不健康', dataIndex: 'unhealthy' },
        { title: '安排锻炼', dataIndex: 'assigned' },
        { title: '已完成', dataIndex: 'completed' },
        { title: '整改逾期', dataIndex: 'overdue', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
      ]} />
  );
}

function ItemList() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: { key: string; label: string }[] }>();
  const q = useQuery({ queryKey: ['org-life', 'checkup-items'], queryFn: () => api.get<CheckupItems>('/api/org-life/checkup-items') });
  const save = useMutation({
    mutationFn: (v: { items: { key: string; label: string }[] }) => api.put<CheckupItems>('/api/org-life/checkup-items', { items: v.items, version: q.data!.version }),
    onSuccess: (d) => {
      void qc.invalidateQueries({ queryKey: ['org-life', 'checkup-items'] });
      message.success(`体检项目已保存为第${d.version}版`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  if (!q.data) return null;
  const editable = can('orgLife.settings');
  return (
    <Form form={form} key={q.data.version} initialValues={{ items: q.data.items }} onFinish={(v) => save.mutate(v)} disabled={!editable}>
      <Typography.Paragraph type="secondary">当前为第{q.data.version}版{q.data.updatedAt ? `（${dayjs(q.data.updatedAt).format('YYYY-MM-DD HH:mm')}修改）` : '（默认项目）'}。修改后生成新版本；已登记的体检记录保留登记时的项目名称和版本。</Typography.Paragraph>
      <Form.List name="items">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'key']} rules={[{ required: true, message: '请填写代码' }]}><Input placeholder="代码（英文）" style={{ width: 140 }} /></Form.Item>
                <Form.Item name={[f.name, 'label']} rules={[{ required: true, message: '请填写名称' }]}><Input placeholder="项目名称" style={{ width: 260 }} /></Form.Item>
                {editable && <Button onClick={() => remove(f.name)}>删除</Button>}
              </Space>
            ))}
            {editable && <Space><Button onClick={() => add({ key: '', label: '' })}>添加项目</Button><Button type="primary" htmlType="submit" loading={save.isPending}>保存为新版本</Button></Space>}
          </>
        )}
      </Form.List>
    </Form>
  );
}

export default function CheckupsPage() {
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [year, setYear] = useState(dayjs().year());
  const [member, setMember] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Card title="党性（政治）体检" extra={<Space wrap><BranchPicker value={orgId} onChange={setOrgId} /><Select value={year} onChange={setYear} options={[0, 1, 2].map((i) => ({ value: dayjs().year() - i, label: `${dayjs().year() - i}年` }))} style={{ width: 100 }} /></Space>}>
      <Space wrap style={{ marginBottom: 12 }}>
        <MemberPicker value={member} onChange={setMember} placeholder="查找党员，登记或查看其体检结果" />
        <Button type="primary" disabled={!member} onClick={() => setOpen(member)} data-testid="checkup-open">登记 / 查看</Button>
      </Space>
      {orgId && (
        <Tabs items={[
          { key: 'follow-ups', label: '锻炼整改跟踪', children: <FollowUps orgId={orgId} year={year} onOpen={setOpen} /> },
          { key: 'counts', label: '各乡镇人数', children: <TownCounts orgId={orgId} year={year} /> },
          { key: 'items', label: '体检项目', children: <ItemList /> },
        ]} />
      )}
      {open && <CheckupForm memberId={open} year={year} onClose={() => setOpen(null)} />}
    </Card>
  );
}
