// 组织生活会: the records of the year in scope (yearly and special), each with its preparation steps (学习研讨, 征求意见,
// 谈心谈话, 撰写对照检查材料) dated as they are done, the meeting recorded from the record once they are (the server
// refuses it before, naming the missing step), then the 整改清单 with owners and deadlines and the 通报; the branch's
// 民主评议党员 round of the year is shown beside the yearly one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LIFE_MEETING_STATE_LABELS, LIFE_MEETING_TYPE_LABELS, type LifeMeetingDetail, type LifeMeetingState, type LifeMeetingType } from '@yanzhen/domain';
import { Alert, App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useServerPage } from '../../app/paging';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';
import { MeetingForm } from './MeetingForm';

type Summary = Omit<LifeMeetingDetail, 'steps' | 'rectificationItems' | 'notice' | 'appraisal' | 'can'>;
type List = { items: Summary[]; total: number };
const STATE_COLORS: Record<LifeMeetingState, string> = { preparing: 'orange', ready: 'blue', held: 'green' };
const today = () => dayjs().format('YYYY-MM-DD');
const noFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

type DetailValues = {
  title: string;
  steps: { key: string; doneOn?: Dayjs | null; note?: string }[];
  rectifications: { problem: string; measure: string; owner: string; dueOn: Dayjs; doneOn?: Dayjs | null }[];
  noticeOn?: Dayjs | null;
  noticeText?: string;
};

function LifeMeetingDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<DetailValues>();
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [meetingOpen, setMeetingOpen] = useState(false);
  const q = useQuery({ queryKey: ['org-life', 'life-meeting', id], queryFn: () => api.get<LifeMeetingDetail>(`/api/org-life/life-meetings/${id}`) });
  const d = q.data;
  const save = useMutation({
    mutationFn: (v: DetailValues) =>
      api.put<LifeMeetingDetail>(`/api/org-life/life-meetings/${id}`, {
        title: v.title,
        steps: Object.fromEntries(v.steps.map((s) => [s.key, s.doneOn ? { doneOn: s.doneOn.format('YYYY-MM-DD'), note: s.note || null } : null])),
        rectifications: (v.rectifications ?? []).map((r) => ({ problem: r.problem, measure: r.measure, owner: r.owner, dueOn: r.dueOn?.format('YYYY-MM-DD'), doneOn: r.doneOn?.format('YYYY-MM-DD') ?? null })),
        notice: v.noticeOn ? { notifiedOn: v.noticeOn.format('YYYY-MM-DD'), text: v.noticeText ?? '' } : null,
        version: d!.version,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['org-life'] });
      message.success('组织生活会记录已保存');
      setError(null);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const held = d?.state === 'held';
  const initial: DetailValues | undefined = d && {
    title: d.title,
    steps: d.steps.map((s) => ({ key: s.key, doneOn: s.doneOn ? dayjs(s.doneOn) : null, note: s.note ?? '' })),
    rectifications: d.rectificationItems.map((r) => ({ ...r, dueOn: dayjs(r.dueOn), doneOn: r.doneOn ? dayjs(r.doneOn) : null })),
    noticeOn: d.notice ? dayjs(d.notice.notifiedOn) : null,
    noticeText: d.notice?.text,
  };
  return (
    <Drawer open onClose={onClose} size="min(100vw, 720px)" title={d ? `${d.orgName} · ${d.title}` : '组织生活会'} destroyOnHidden>
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      {d && initial && (
        <Form form={form} layout="vertical" initialValues={initial} key={d.version} onFinish={(v) => save.mutate(v)} disabled={!d.can.update}>
          <Steps
            size="small"
            style={{ marginBottom: 16 }}
            current={held ? 3 : d.state === 'ready' ? 1 : 0}
            items={[{ title: '会前准备' }, { title: '召开会议', description: d.meeting?.date }, { title: '整改落实' }, { title: '通报结果', description: d.notifiedOn ?? undefined }]}
          />
          <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input /></Form.Item>
          <Typography.Title level={5}>会前准备</Typography.Title>
          <Form.List name="steps">
            {(fields) =>
              fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'key']} hidden><Input /></Form.Item>
                  <Typography.Text style={{ display: 'inline-block', width: 190 }}>{i + 1}. {d.steps[i].label}</Typography.Text>
                  <Form.Item name={[f.name, 'doneOn']}><DatePicker placeholder="完成日期" disabledDate={noFuture} inputReadOnly data-testid={`step-${d.steps[i].key}`} /></Form.Item>
                  <Form.Item name={[f.name, 'note']}><Input placeholder="完成情况（如：征求意见12条）" style={{ width: 260 }} /></Form.Item>
                </Space>
              ))
            }
          </Form.List>
          {!held && d.missing.length > 0 && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={`召开前须完成：${d.missing.join('、')}`} data-testid="life-missing" />}
          <Typography.Title level={5}>召开会议（批评和自我批评）</Typography.Title>
          {d.meeting ? (
            <Descriptions size="small" column={1} style={{ marginBottom: 12 }} items={[
              { key: 'date', label: '召开日期', children: <a onClick={() => setMeetingOpen(true)} data-testid="life-meeting-record">{d.meeting.date} {d.meeting.topic}</a> },
              { key: 'att', label: '出席', children: `应到${d.meeting.expected}人，实到${d.meeting.present}人` },
            ]} />
          ) : (
            d.can.update && <Button onClick={() => setRecording(true)} style={{ marginBottom: 12 }} data-testid="life-record-meeting">登记召开（填写会议记录和出席情况）</Button>
          )}
          {d.appraisal && (
            <Alert type="info" style={{ marginBottom: 12 }} title={<>民主评议党员：参评{d.appraisal.members}人，已评{d.appraisal.appraised}人（优秀{d.appraisal.excellent}、合格{d.appraisal.qualified}、基本合格{d.appraisal.basic}、不合格{d.appraisal.unqualified}）<Link to="/org-life/talks-hours?tab=appraisals" style={{ marginLeft: 8 }}>去评议</Link></>} />
          )}
          <Typography.Title level={5}>整改清单</Typography.Title>
          {!held && <Typography.Paragraph type="secondary">会议召开后，根据查摆的问题制定整改清单。</Typography.Paragraph>}
          <Form.List name="rectifications">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }}>
                    <Space wrap align="baseline">
                      <Form.Item name={[f.name, 'problem']} rules={[{ required: true, message: '请填写问题' }]}><Input placeholder="查摆问题" style={{ width: 200 }} /></Form.Item>
                      <Form.Item name={[f.name, 'measure']} rules={[{ required: true, message: '请填写措施' }]}><Input placeholder="整改措施" style={{ width: 220 }} /></Form.Item>
                      <Form.Item name={[f.name, 'owner']} rules={[{ required: true, message: '请填写责任人' }]}><Input placeholder="责任人" style={{ width: 100 }} /></Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} rules={[{ required: true, message: '请选择期限' }]}><DatePicker placeholder="整改期限" inputReadOnly /></Form.Item>
                      <Form.Item name={[f.name, 'doneOn']}><DatePicker placeholder="完成日期" disabledDate={noFuture} inputReadOnly /></Form.Item>
                      <Button onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                  </Card>
                ))}
                {held && <Button onClick={() => add({ problem: '', measure: '', owner: '' })} style={{ marginBottom: 12 }} data-testid="add-rectification">添加整改事项</Button>}
              </>
            )}
          </Form.List>
          <Typography.Title level={5}>通报结果</Typography.Title>
          <Space wrap align="baseline">
            <Form.Item name="noticeOn"><DatePicker placeholder="通报日期" disabledDate={noFuture} inputReadOnly disabled={!held} /></Form.Item>
            <Form.Item name="noticeText"><Input placeholder="通报方式与内容（如：在党务公开栏通报）" style={{ width: 360 }} disabled={!held} /></Form.Item>
          </Space>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="life-error" />}
          {d.can.update && <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="life-save">保存</Button>}
        </Form>
      )}
      {d && recording && <MeetingForm orgId={d.orgId} meetingId={null} lifeMeetingId={d.id} defaultTopic={d.title} defaultDate={today()} onClose={() => setRecording(false)} />}
      {d?.meeting && meetingOpen && <MeetingForm orgId={d.orgId} meetingId={d.meeting.id} defaultDate={d.meeting.date} onClose={() => setMeetingOpen(false)} />}
    </Drawer>
  );
}

export default function LifeMeetingsPage() {
  const qc = useQueryClient();
  const can = useCan();
  // ?orgId= opens the page on that org (a link from elsewhere); else the user's own org.
  const [params] = useSearchParams();
  const ownOrg = useDefaultOrg();
  const [orgId, setOrgId] = useState<string | undefined>(params.get('orgId') ?? ownOrg);
  const [year, setYear] = useState(dayjs().year());
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ orgId: string; type: LifeMeetingType; title: string }>();
  const { page, pageSize, pagination } = useServerPage({ orgId, year });
  const list = useQuery({ queryKey: ['org-life', 'life-meetings', orgId, year, page, pageSize], enabled: !!orgId, queryFn: () => api.get<List>(`/api/org-life/life-meetings?orgId=${orgId}&year=${year}&page=${page}&pageSize=${pageSize}`) });
  const create = useMutation({
    mutationFn: (v: { orgId: string; type: LifeMeetingType; title: string }) => api.post<LifeMeetingDetail>('/api/org-life/life-meetings', { ...v, year }),
    onSuccess: (d) => {
      setCreating(false);
      void qc.invalidateQueries({ queryKey: ['org-life', 'life-meetings'] });
      setOpen(d.id);
    },
    onError: (e) => setError(errorMessage(e)),
  });
  return (
    <Card
      title="组织生活会"
      extra={
        <Space wrap>
          <BranchPicker value={orgId} onChange={setOrgId} />
          <Select value={year} onChange={setYear} options={[0, 1, 2].map((i) => ({ value: dayjs().year() - i, label: `${dayjs().year() - i}年` }))} style={{ width: 100 }} />
          {can('orgLife.write') && (
            <Button type="primary" data-testid="life-new" onClick={() => { form.setFieldsValue({ orgId, type: 'annual', title: `${year}年度组织生活会` }); setError(null); setCreating(true); }}>新建组织生活会</Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        组织生活会每年至少召开一次（《中国共产党支部工作条例（试行）》），会前须完成学习研讨、征求意见、谈心谈话、撰写对照检查材料，会上开展批评和自我批评，会后制定整改清单并通报结果；年度组织生活会同时开展民主评议党员，召开后自动佐证书记履职清单“召开一次组织生活会”。
      </Typography.Paragraph>
      {list.error && <Alert type="info" showIcon title={errorMessage(list.error)} />}
      <Table<Summary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={pagination(list.data?.total, '个')}
        scroll={{ x: 720 }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '党支部', dataIndex: 'orgName' },
          { title: '名称', dataIndex: 'title', render: (t: string, r) => <>{t} <Tag>{LIFE_MEETING_TYPE_LABELS[r.type]}</Tag></> },
          { title: '状态', dataIndex: 'state', render: (s: LifeMeetingState) => <Tag color={STATE_COLORS[s]}>{LIFE_MEETING_STATE_LABELS[s]}</Tag> },
          { title: '待完成准备', dataIndex: 'missing', render: (m: string[]) => (m.length ? m.join('、') : '—') },
          { title: '召开日期', render: (_, r) => r.meeting?.date ?? '—' },
          { title: '整改', render: (_, r) => (r.rectifications.total ? <>{r.rectifications.done}/{r.rectifications.total}{r.rectifications.overdue > 0 && <Tag color="red" style={{ marginLeft: 4 }}>逾期{r.rectifications.overdue}</Tag>}</> : '—') },
          { title: '通报', dataIndex: 'notifiedOn', render: (v: string | null) => v ?? '—' },
        ]}
      />
      {open && <LifeMeetingDrawer id={open} onClose={() => setOpen(null)} />}
      <Modal open={creating} title="新建组织生活会" onCancel={() => setCreating(false)} onOk={() => form.submit()} confirmLoading={create.isPending} okText="新建" destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <BranchPicker value={form.getFieldValue('orgId')} onChange={(v) => form.setFieldValue('orgId', v)} branchesOnly />
          </Form.Item>
          <Form.Item name="type" label="类型" rules={[{ required: true }]}>
            <Select options={(['annual', 'special'] as const).map((t) => ({ value: t, label: LIFE_MEETING_TYPE_LABELS[t] }))} />
          </Form.Item>
          <Form.Item name="title" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input data-testid="life-title" /></Form.Item>
          {error && <Alert type="error" showIcon title={error} />}
        </Form>
      </Modal>
    </Card>
  );
}
