// 关爱帮扶: the care dashboard of the user's scope (this quarter), the pairing lists (困难党员结对、老党员包联) with
// their visit rhythm, pairing and visit forms, and the quarter-close warnings.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CARE_KIND_LABELS, RHYTHM_STATUS_LABELS, VISIT_KIND_LABELS, quarterLabel, type BirthdayCelebration, type CareDashboard, type CareKind, type CareSettings, type PoliticalBirthday, type Pairing, type PairingDetail } from '@yanzhen/domain';
import { App, Button, Card, Col, DatePicker, Form, Input, Modal, Row, Segmented, Space, Statistic, Switch, Table, Tabs, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCan, useCurrentUser } from '../../app/auth';
import { EChart } from '../../app/EChart';
import { useServerPage } from '../../app/paging';
import { MemberPicker } from '../../app/MemberPicker';
import { BranchPicker } from '../member-monthly/BranchPicker';
import { CondolencePanel } from './CondolencePanel';
import { MobileLedger } from './MobileLedger';
import { VisitForm } from './VisitForm';

const STATUS_COLOR = { ok: 'success', dueSoon: 'warning', overdue: 'error', ended: 'default' } as const;
const permille = (v: number | null) => (v === null ? '—' : `${(v / 10).toFixed(1)}%`);

function Dashboard() {
  const { data } = useQuery({ queryKey: ['care', 'dashboard'], queryFn: () => api.get<CareDashboard>('/api/care/dashboard') });
  if (!data) return <Card loading />;
  return (
    <div data-testid="care-dashboard">
      <Row gutter={[12, 12]}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={`困难党员（${quarterLabel(data.quarter)}已走访）`} value={data.hardship.visitedThisQuarter} suffix={`/ ${data.hardship.active}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="逾期未访 / 近期应访" value={data.hardship.overdue} suffix={`/ ${data.hardship.dueSoon}`} styles={{ content: { color: data.hardship.overdue ? '#c41d1d' : undefined } }} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="老党员、体弱党员本季度走访覆盖" value={permille(data.elderly.coveragePermille)} suffix={`（${data.elderly.visitedThisQuarter}/${data.elderly.active}）`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="在途介绍信 / 回执逾期" value={data.transfers.openOut} suffix={`/ ${data.transfers.receiptOverdue}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" data-testid="care-mobile"><Statistic title="流动党员本季度已联系" value={data.mobile.contactedThisQuarter} suffix={`/ ${data.mobile.total}`} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="未按期联系 / 失联" value={data.mobile.notContacted} suffix={`/ ${data.mobile.lost}`} styles={{ content: { color: data.mobile.lost ? '#c41d1d' : undefined } }} /></Card></Col>
      </Row>
      <Card size="small" style={{ marginTop: 12 }} title={`近12个月走访次数（上季度未走访预警 ${data.warningsLastQuarter} 条）`}>
        <EChart height={220} option={{ grid: { left: 40, right: 12, top: 16, bottom: 28 }, tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: data.visitsByMonth.map((m) => m.month.slice(2)) }, yAxis: { type: 'value' }, series: [{ type: 'bar', name: '走访次数', data: data.visitsByMonth.map((m) => m.visits), itemStyle: { color: '#c41d1d' } }] }} />
      </Card>
    </div>
  );
}

function Pairings({ kind }: { kind: CareKind }) {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [overdue, setOverdue] = useState(false);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [ending, setEnding] = useState<Pairing | null>(null);
  const [reason, setReason] = useState('');
  const paging = useServerPage([kind, overdue]);
  const list = useQuery({ queryKey: ['care', 'pairings', kind, overdue, paging.query], queryFn: () => api.get<{ items: Pairing[]; total: number }>('/api/care/pairings', { kind, active: 'true', overdue: overdue ? 'true' : undefined, ...paging.query }) });
  const detail = useQuery({ queryKey: ['care', 'pairing', open], queryFn: () => api.get<PairingDetail>(`/api/care/pairings/${open}`), enabled: !!open });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['care'] });
  const create = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post('/api/care/pairings', v), onSuccess: () => { setCreating(false); refresh(); message.success('已结对'); }, onError: (e) => message.error(errorMessage(e)) });
  const visit = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post(`/api/care/pairings/${open}/visits`, v), onSuccess: () => { refresh(); message.success('已登记走访'); }, onError: (e) => message.error(errorMessage(e)) });
  const end = useMutation({ mutationFn: (p: Pairing) => api.post(`/api/care/pairings/${p.id}/end`, { endedOn: dayjs().format('YYYY-MM-DD'), reason, version: p.version }), onSuccess: () => { setEnding(null); refresh(); }, onError: (e) => message.error(errorMessage(e)) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={overdue ? 'overdue' : 'all'} onChange={(v) => setOverdue(v === 'overdue')} options={[{ value: 'all', label: '全部在帮' }, { value: 'overdue', label: '逾期未访' }]} />
        {can('care.write') && <Button type="primary" onClick={() => setCreating(true)}>{kind === 'hardship' ? '定人结对' : '指定包联干部'}</Button>}
      </Space>
      <Table<Pairing>
        rowKey="id"
        size="small"
        scroll={{ x: 720 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total, '人')}
        columns={[
          { title: '姓名', dataIndex: 'memberName', render: (v, p) => <a onClick={() => setOpen(p.id)}>{v}</a> },
          { title: kind === 'hardship' ? '帮扶人' : '包联干部', dataIndex: 'helperName' },
          { title: '需求', dataIndex: 'needs', ellipsis: true },
          { title: '上次走访', dataIndex: 'lastVisitOn', render: (v) => v ?? '未走访' },
          { title: '下次应访', dataIndex: 'nextDue' },
          { title: '状态', dataIndex: 'status', render: (s: Pairing['status']) => <Tag color={STATUS_COLOR[s]}>{RHYTHM_STATUS_LABELS[s]}</Tag> },
          ...(can('care.write') ? [{ title: '操作', key: 'a', render: (_: unknown, p: Pairing) => <Button size="small" onClick={() => { setReason(''); setEnding(p); }}>退出名单</Button> }] : []),
        ]}
      />
      <Modal open={creating} title={kind === 'hardship' ? '定人结对包联' : '指定包联干部'} footer={null} onCancel={() => setCreating(false)} destroyOnHidden>
        <Form layout="vertical" initialValues={{ startedOn: dayjs() }} onFinish={(v) => create.mutate({ kind, memberId: v.memberId, helperMemberId: v.helperMemberId, needs: v.needs ?? '', startedOn: v.startedOn.format('YYYY-MM-DD') })}>
          <Form.Item name="memberId" label={kind === 'hardship' ? '困难党员' : '老党员或体弱党员'} rules={[{ required: true, message: '请选择党员' }]}><MemberPicker /></Form.Item>
          <Form.Item name="helperMemberId" label={kind === 'hardship' ? '帮扶人（党员或干部）' : '包联干部'} rules={[{ required: true, message: '请选择帮扶人' }]}><MemberPicker /></Form.Item>
          <Form.Item name="needs" label="帮扶需求"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="startedOn" label="结对日期" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={create.isPending}>保存</Button>
        </Form>
      </Modal>
      <Modal open={!!open} title={detail.data ? `${detail.data.memberName} · ${CARE_KIND_LABELS[detail.data.kind]}` : '结对详情'} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        {detail.data && (
          <>
            <p>帮扶人：{detail.data.helperName}　结对日期：{detail.data.startedOn}　下次应访：{detail.data.nextDue ?? '—'}</p>
            <Timeline items={detail.data.visits.map((v) => ({ children: `${v.visitedOn} ${VISIT_KIND_LABELS[v.kind]}·${v.occasion}：${v.content}${v.assistance ? `（帮办：${v.assistance}）` : ''} —— ${v.visitorName}` }))} />
            {can('care.write') && !detail.data.endedOn && <VisitForm pending={visit.isPending} onSubmit={(v) => visit.mutate(v)} />}
          </>
        )}
      </Modal>
      <Modal open={!!ending} title={`${ending?.memberName ?? ''} 退出名单`} onCancel={() => setEnding(null)} onOk={() => ending && end.mutate(ending)} okButtonProps={{ disabled: reason.trim().length < 2 }}>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="退出原因（如：已脱困）" />
      </Modal>
    </>
  );
}

function Warnings() {
  const paging = useServerPage([]);
  const list = useQuery({ queryKey: ['care', 'warnings', paging.query], queryFn: () => api.get<{ items: { id: string; memberName: string; period: string; raisedAt: string }[]; total: number }>('/api/care/warnings', paging.query) });
  return (
    <Table rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={paging.pagination(list.data?.total, '条')}
      columns={[{ title: '姓名', dataIndex: 'memberName' }, { title: '季度', dataIndex: 'period', render: (q: string) => quarterLabel(q) }, { title: '预警', key: 'k', render: () => <Tag color="error">本季度未上门走访</Tag> }, { title: '生成时间', dataIndex: 'raisedAt', render: (v: string) => v.slice(0, 10) }]} />
  );
}

function Birthdays() {
  const qc = useQueryClient();
  const can = useCan();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [orgId, setOrgId] = useState<string>();
  const [celebrating, setCelebrating] = useState(false);
  const paging = useServerPage([month, orgId], 50);
  const list = useQuery({ queryKey: ['care', 'birthdays', month, orgId, paging.query], queryFn: () => api.get<{ items: PoliticalBirthday[]; total: number }>('/api/care/political-birthdays', { month, orgId, ...paging.query }) });
  const done = useQuery({ queryKey: ['care', 'celebrations', month, orgId], queryFn: () => api.get<{ items: BirthdayCelebration[]; total: number }>('/api/care/political-birthdays/celebrations', { month, orgId, pageSize: 200 }) });
  const settings = useQuery({ queryKey: ['care', 'settings'], queryFn: () => api.get<CareSettings>('/api/care/settings') });
  const setTopic = useMutation({ mutationFn: (on: boolean) => api.put('/api/care/settings/birthday-topic', { birthdayRequiredTopic: on }), onSuccess: () => void qc.invalidateQueries({ queryKey: ['care', 'settings'] }), onError: (e) => message.error(errorMessage(e)) });
  const celebrate = useMutation({
    mutationFn: (v: { orgId: string; celebratedOn: dayjs.Dayjs; content: string }) => api.post('/api/care/political-birthdays/celebrations', { orgId: v.orgId, month, celebratedOn: v.celebratedOn.format('YYYY-MM-DD'), content: v.content }),
    onSuccess: () => { setCelebrating(false); void qc.invalidateQueries({ queryKey: ['care', 'celebrations'] }); message.success('已登记'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} />
        <BranchPicker value={orgId} onChange={setOrgId} />
        <Button onClick={() => window.print()}>打印</Button>
        <Button onClick={() => void download('/api/care/political-birthdays/export', { month, orgId }, `政治生日名单_${month}.xlsx`).catch((e) => message.error(errorMessage(e)))}>导出 Excel</Button>
        {can('care.write') && <Button type="primary" onClick={() => setCelebrating(true)}>登记本月政治生日庆祝</Button>}
        {settings.data && (
          <span>
            主题党日必选题：<Switch checked={settings.data.birthdayRequiredTopic} disabled={me.role !== 'countyAdmin'} loading={setTopic.isPending} onChange={(on) => setTopic.mutate(on)} checkedChildren="是" unCheckedChildren="否" />
          </span>
        )}
      </Space>
      <Table<PoliticalBirthday> rowKey="memberId" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={paging.pagination(list.data?.total, '人')}
        columns={[{ title: '日期', dataIndex: 'date' }, { title: '姓名', dataIndex: 'name' }, { title: '党支部', dataIndex: 'orgName' }, { title: '入党日期', dataIndex: 'joinDate' }, { title: '党龄', dataIndex: 'years', render: (y: number) => `${y} 周年` },
          { title: '本月庆祝', key: 'c', render: (_, b) => { const c = done.data?.items.find((x) => x.orgId === b.orgId); return c ? <Tag color="success">{c.celebratedOn} 已庆祝</Tag> : <Tag>未登记</Tag>; } }]} />
      <Modal open={celebrating} title={`登记 ${month} 政治生日庆祝`} footer={null} onCancel={() => setCelebrating(false)} destroyOnHidden>
        <Form layout="vertical" initialValues={{ orgId: orgId ?? me.orgId, celebratedOn: dayjs() }} onFinish={(v) => celebrate.mutate(v)}>
          <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}><BranchPicker value={undefined} onChange={() => undefined} branchesOnly /></Form.Item>
          <Form.Item name="celebratedOn" label="庆祝日期（主题党日当天）" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="content" label="庆祝活动" rules={[{ required: true, message: '请填写庆祝活动内容' }]}><Input.TextArea rows={3} maxLength={500} placeholder="如：赠送政治生日贺卡，重温入党誓词，讲述入党故事" /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={celebrate.isPending}>保存</Button>
        </Form>
      </Modal>
    </>
  );
}

export default function CarePage() {
  return (
    <Card title="关爱帮扶">
      <Dashboard />
      <Tabs style={{ marginTop: 12 }} items={[
        { key: 'hardship', label: '困难党员结对帮扶', children: <Pairings kind="hardship" /> },
        { key: 'elderly', label: '老党员、体弱党员包联', children: <Pairings kind="elderly" /> },
        { key: 'condolence', label: '节日慰问', children: <CondolencePanel /> },
        { key: 'mobile', label: '流动党员台账', children: <MobileLedger /> },
        { key: 'warnings', label: '季度走访预警', children: <Warnings /> },
        { key: 'birthdays', label: '政治生日', children: <Birthdays /> },
      ]} />
    </Card>
  );
}
