// 软弱涣散党组织整顿: counts by town, the year's list, the branches whose records show criteria (found automatically,
// listed with one click plus the town's own criteria), and each rectification: 四个一, monthly progress, acceptance, removal.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  WEAK_CRITERIA,
  WEAK_CRITERION_LABELS,
  WEAK_STATUS_LABELS,
  type CriterionFound,
  type WeakCounts,
  type WeakCriterion,
  type WeakOrgDetail,
  type WeakOrgView,
  type WeakStatus,
} from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { EChart } from '../../app/EChart';
import { useServerPage } from '../../app/paging';

const STATUS_COLOR: Record<WeakStatus, string> = { identified: 'red', rectifying: 'orange', accepted: 'blue', removed: 'green' };
const criteriaTags = (list: CriterionFound[]) => list.map((c) => <Tag key={c.key} color={c.auto ? 'volcano' : 'default'} title={c.detail}>{WEAK_CRITERION_LABELS[c.key]}{c.auto ? '（记录）' : ''}</Tag>);
type Candidate = { id: string; orgId: string; orgName: string; townName: string; criteria: CriterionFound[]; listed: boolean };

function useInvalidate() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ['assessment'] });
}

function IdentifyModal({ year, target, onClose }: { year: number; target: Candidate | null; onClose: () => void }) {
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<{ keys: WeakCriterion[]; detail: string }>();
  const save = useMutation({
    mutationFn: (v: { keys?: WeakCriterion[]; detail?: string }) => api.post('/api/assessment/weak-orgs', { year, orgId: target!.orgId, criteria: (v.keys ?? []).map((key) => ({ key, detail: v.detail ?? '' })) }),
    onSuccess: () => { message.success('已列入软弱涣散党组织名单'); form.resetFields(); invalidate(); onClose(); },
    onError: (e) => message.error(errorMessage(e)),
  });
  const manual = WEAK_CRITERIA.filter((k) => !target?.criteria.some((c) => c.key === k));
  return (
    <Modal open={target !== null} title={`认定软弱涣散党组织：${target?.orgName ?? ''}`} okText="列入名单" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending}>
      <Typography.Paragraph>记录显示：{target && criteriaTags(target.criteria)}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="keys" label="镇（街道）党（工）委认定的其他情形">
          <Select mode="multiple" allowClear options={manual.map((k) => ({ value: k, label: WEAK_CRITERION_LABELS[k] }))} placeholder="可不选" />
        </Form.Item>
        <Form.Item name="detail" label="情况说明" rules={[{ validator: (_, v) => (!form.getFieldValue('keys')?.length || (v ?? '').trim().length >= 2 ? Promise.resolve() : Promise.reject(new Error('请填写情况说明'))) }]}>
          <Input.TextArea rows={3} maxLength={300} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WeakOrgDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const { data } = useQuery({ queryKey: ['assessment', 'weak', id], queryFn: () => api.get<WeakOrgDetail>(`/api/assessment/weak-orgs/${id}`), enabled: id !== null });
  const [planForm] = Form.useForm();
  const [progressForm] = Form.useForm();
  const [acceptNote, setAcceptNote] = useState('');
  const act = useMutation({
    mutationFn: (a: { method: 'post' | 'put'; path: string; body: unknown; done: string }) => (a.method === 'put' ? api.put(a.path, a.body) : api.post(a.path, a.body)).then(() => a.done),
    onSuccess: (done) => { message.success(done); planForm.resetFields(); progressForm.resetFields(); setAcceptNote(''); invalidate(); },
    onError: (e) => message.error(errorMessage(e)),
  });
  const base = `/api/assessment/weak-orgs/${id}`;
  return (
    <Drawer open={id !== null} onClose={onClose} width={680} title={data ? `${data.orgName} · ${data.year}年度整顿` : '整顿详情'} data-testid="weak-drawer">
      {data && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="状态"><Tag color={STATUS_COLOR[data.status]} data-testid="weak-status">{WEAK_STATUS_LABELS[data.status]}</Tag>{data.overdue && <Tag color="red">已超过完成时限</Tag>}</Descriptions.Item>
            <Descriptions.Item label="认定情形">{criteriaTags(data.criteria)}<div>{data.criteria.map((c) => <div key={c.key}><Typography.Text type="secondary">{c.detail}</Typography.Text></div>)}</div></Descriptions.Item>
            <Descriptions.Item label="联系县领导">{data.leaderName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="整顿工作组">{data.workingGroup ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="整顿方案">{data.plan ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="完成时限">{data.deadline ?? '—'}</Descriptions.Item>
            {data.acceptanceNote && <Descriptions.Item label="验收意见">{data.acceptanceNote}</Descriptions.Item>}
          </Descriptions>
          {data.can.plan && (
            <Card size="small" title="落实“四个一”" style={{ marginTop: 12 }}>
              <Form form={planForm} layout="vertical" initialValues={{ leaderName: data.leaderName, workingGroup: data.workingGroup, plan: data.plan }} onFinish={(v) => act.mutate({ method: 'put', path: `${base}/plan`, body: { ...v, deadline: v.deadline.format('YYYY-MM-DD'), version: data.version }, done: '已落实“四个一”' })}>
                <Form.Item name="leaderName" label="联系县领导" rules={[{ required: true, message: '请填写联系县领导' }]}><Input maxLength={40} /></Form.Item>
                <Form.Item name="workingGroup" label="整顿工作组" rules={[{ required: true, message: '请填写整顿工作组' }]}><Input maxLength={200} /></Form.Item>
                <Form.Item name="plan" label="整顿方案" rules={[{ required: true, message: '请填写整顿方案' }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
                <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择完成时限' }]}><DatePicker /></Form.Item>
                <Button htmlType="submit" type="primary" loading={act.isPending}>保存</Button>
              </Form>
            </Card>
          )}
          <Card size="small" title="月度整顿进展" style={{ marginTop: 12 }}>
            {data.can.progress && (
              <Form form={progressForm} layout="inline" style={{ marginBottom: 12 }} initialValues={{ month: dayjs() }} onFinish={(v) => act.mutate({ method: 'post', path: `${base}/progress`, body: { month: v.month.format('YYYY-MM'), note: v.note }, done: '已报告本月进展' })}>
                <Form.Item name="month" rules={[{ required: true }]}><DatePicker picker="month" /></Form.Item>
                <Form.Item name="note" rules={[{ required: true, message: '请填写进展' }]}><Input placeholder="本月整顿进展" style={{ width: 280 }} maxLength={1000} /></Form.Item>
                <Button htmlType="submit" loading={act.isPending}>报告</Button>
              </Form>
            )}
            <Timeline items={data.progress.map((p) => ({ children: <><b>{p.month}</b> {p.note} <Typography.Text type="secondary">（{p.byName}）</Typography.Text></> }))} />
            {data.progress.length === 0 && <Typography.Text type="secondary">尚无进展记录</Typography.Text>}
          </Card>
          {(data.can.accept || data.can.remove) && (
            <Space style={{ marginTop: 12 }}>
              {data.can.accept && (
                <>
                  <Input placeholder="验收意见" value={acceptNote} onChange={(e) => setAcceptNote(e.target.value)} style={{ width: 300 }} maxLength={500} />
                  <Button type="primary" disabled={acceptNote.trim().length < 2} loading={act.isPending} onClick={() => act.mutate({ method: 'post', path: `${base}/accept`, body: { note: acceptNote.trim(), version: data.version }, done: '整顿已验收' })}>验收合格</Button>
                </>
              )}
              {data.can.remove && <Button type="primary" loading={act.isPending} onClick={() => act.mutate({ method: 'post', path: `${base}/remove`, body: { version: data.version }, done: '已销号，移出名单' })}>销号</Button>}
            </Space>
          )}
        </>
      )}
    </Drawer>
  );
}

export default function WeakOrgsPage() {
  const me = useCurrentUser();
  const enter = me.permissions.includes('assessment.enter');
  const [year, setYear] = useState(dayjs().year());
  const [openId, setOpenId] = useState<string | null>(null);
  const [target, setTarget] = useState<Candidate | null>(null);
  const listPage = useServerPage({ year, list: true });
  const candPage = useServerPage({ year, cand: true }, 10);
  const counts = useQuery({ queryKey: ['assessment', 'weak-counts', year], queryFn: () => api.get<WeakCounts>(`/api/assessment/weak-orgs/counts?year=${year}`) });
  const list = useQuery({ queryKey: ['assessment', 'weak-list', year, listPage.page, listPage.pageSize], queryFn: () => api.get<{ items: WeakOrgView[]; total: number }>(`/api/assessment/weak-orgs?year=${year}&page=${listPage.page}&pageSize=${listPage.pageSize}`) });
  const cands = useQuery({ queryKey: ['assessment', 'weak-candidates', year, candPage.page, candPage.pageSize], queryFn: () => api.get<{ items: Candidate[]; total: number; asOf: string }>(`/api/assessment/weak-orgs/candidates?year=${year}&page=${candPage.page}&pageSize=${candPage.pageSize}`) });
  const towns = counts.data?.items ?? [];
  return (
    <Card title="软弱涣散党组织整顿" extra={<span>年度 <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 90 }} /></span>}>
      {towns.length > 0 && (
        <EChart
          height={Math.max(160, towns.length * 28 + 60)}
          option={{
            tooltip: { trigger: 'axis' },
            legend: { top: 0 },
            grid: { left: 8, right: 24, top: 28, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: towns.map((t) => t.townName) },
            series: (['identified', 'rectifying', 'accepted', 'removed'] as const).map((s) => ({ type: 'bar', stack: 'n', name: WEAK_STATUS_LABELS[s], data: towns.map((t) => t[s]), itemStyle: { color: { identified: '#cf1322', rectifying: '#fa8c16', accepted: '#1677ff', removed: '#52c41a' }[s] } })),
          }}
        />
      )}
      <Typography.Title level={5}>{year}年度名单</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={listPage.pagination(list.data?.total, '个组织')}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        data-testid="weak-list"
        columns={[
          { title: '党组织', dataIndex: 'orgName', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
          { title: '乡镇（党委）', dataIndex: 'townName', width: 140 },
          { title: '认定情形', key: 'c', render: (_, r) => criteriaTags(r.criteria) },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: WeakStatus, r) => <><Tag color={STATUS_COLOR[s]}>{WEAK_STATUS_LABELS[s]}</Tag>{r.overdue && <Tag color="red">超时限</Tag>}</> },
          { title: '联系县领导', dataIndex: 'leaderName', width: 160, render: (v: string | null) => v ?? '—' },
          { title: '完成时限', dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '进展', dataIndex: 'progressMonths', width: 70, render: (n: number) => `${n} 月` },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>记录显示符合认定标准的党支部 <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>（截至 {cands.data?.asOf ?? '—'}：书记空缺超过3个月、两年以上未发展党员、三会一课按期率低于60%、连续3个月贴星不超过1颗）</Typography.Text></Typography.Title>
      <Table
        size="small"
        rowKey="orgId"
        loading={cands.isLoading}
        dataSource={cands.data?.items ?? []}
        pagination={candPage.pagination(cands.data?.total, '个党支部')}
        data-testid="weak-candidates"
        columns={[
          { title: '党支部', dataIndex: 'orgName' },
          { title: '乡镇（党委）', dataIndex: 'townName', width: 140 },
          { title: '记录显示', key: 'c', render: (_, r) => <>{criteriaTags(r.criteria)}<div><Typography.Text type="secondary">{r.criteria.map((c) => c.detail).join('；')}</Typography.Text></div></> },
          { title: '', key: 'a', width: 100, render: (_, r) => (r.listed ? <Tag>已列入</Tag> : enter && <Button size="small" onClick={() => setTarget(r)}>认定</Button>) },
        ]}
      />
      <IdentifyModal year={year} target={target} onClose={() => setTarget(null)} />
      <WeakOrgDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
