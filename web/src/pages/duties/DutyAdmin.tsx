// 贴星与设置 (county administrators): close a month, recompute one on purpose, rules, supervisors, board links.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BoardLink, DutySettings } from '@yanzhen/domain';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { LazyOrgSelect } from './LazyOrgSelect';

type Supervisor = { id: string; accountName: string; orgName: string; createdAt: string };
type Account = { id: string; displayName: string; username: string; role: string };

export function DutyAdmin() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [month, setMonth] = useState(dayjs().subtract(1, 'month'));
  const [reason, setReason] = useState('');
  const [newLink, setNewLink] = useState<string | null>(null);
  const [linkName, setLinkName] = useState('县委院内大屏');
  const [sup, setSup] = useState<{ accountId?: string; orgId?: string }>({});
  const settings = useQuery({ queryKey: ['duties', 'settings'], queryFn: () => api.get<DutySettings>('/api/duties/settings') });
  const links = useQuery({ queryKey: ['duties', 'links'], queryFn: () => api.get<{ items: BoardLink[] }>('/api/duties/board-links') });
  const supervisors = useQuery({ queryKey: ['duties', 'supervisors'], queryFn: () => api.get<{ items: Supervisor[] }>('/api/duties/supervisors') });
  const accounts = useQuery({ queryKey: ['accounts', 'supervisor-candidates'], queryFn: () => api.get<{ items: Account[] }>('/api/accounts', { pageSize: 200 }) });
  const invalidate = () => void qc.invalidateQueries({ queryKey: ['duties'] });
  const fail = (e: unknown) => message.error(errorMessage(e));

  const close = useMutation({ mutationFn: () => api.post<{ orgs: number; warningsRaised: number; warningsCleared: number }>('/api/duties/months/close', { month: month.format('YYYY-MM') }), onSuccess: (r) => { if (r.orgs === 0) message.info(`${month.format('YYYY-MM')} 没有待贴星的组织（已贴星或没有到期事项），未重复计算；如需按现行规则重算，请填写原因后点“重新计算该月”`); else message.success(`已贴星：${r.orgs} 个组织，新增预警 ${r.warningsRaised} 个，解除 ${r.warningsCleared} 个`); invalidate(); }, onError: fail });
  const recompute = useMutation({ mutationFn: () => api.post<{ orgs: number }>('/api/duties/months/recompute', { month: month.format('YYYY-MM'), reason }), onSuccess: (r) => { message.success(`已重新计算 ${r.orgs} 个组织`); invalidate(); }, onError: fail });
  const saveSettings = useMutation({ mutationFn: (v: DutySettings) => api.put<DutySettings>('/api/duties/settings', v), onSuccess: () => { message.success('已保存，自下次贴星起生效'); invalidate(); }, onError: fail });
  const createLink = useMutation({ mutationFn: () => api.post<BoardLink>('/api/duties/board-links', { name: linkName }), onSuccess: (l) => { setNewLink(`${window.location.origin}${l.url}`); invalidate(); }, onError: fail });
  const revoke = useMutation({ mutationFn: (id: string) => api.post(`/api/duties/board-links/${id}/revoke`), onSuccess: () => { message.success('已停用'); invalidate(); }, onError: fail });
  const addSup = useMutation({ mutationFn: () => api.post('/api/duties/supervisors', sup), onSuccess: () => { message.success('已添加督导分工'); setSup({}); invalidate(); }, onError: fail });
  const removeSup = useMutation({ mutationFn: (id: string) => api.post(`/api/duties/supervisors/${id}/remove`), onSuccess: invalidate, onError: fail });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title="月度贴星" size="small">
          <Space wrap>
            <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} />
            <Button type="primary" onClick={() => close.mutate()} loading={close.isPending} data-testid="close-month">贴星并生成预警</Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>月底之后进行；已贴星的组织不会被重复计算。规则修改后，已贴星的月份保持不变，除非在下方说明原因后重新计算（记入操作日志）。</Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input placeholder="重新计算的原因" value={reason} onChange={(e) => setReason(e.target.value)} />
            <Button onClick={() => recompute.mutate()} loading={recompute.isPending}>重新计算该月</Button>
          </Space.Compact>
        </Card>
        <Card title="质量图只读链接" size="small" style={{ marginTop: 16 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={linkName} onChange={(e) => setLinkName(e.target.value)} />
            <Button type="primary" onClick={() => createLink.mutate()} loading={createLink.isPending} data-testid="create-board-link">新建链接</Button>
          </Space.Compact>
          {newLink && <Alert style={{ marginTop: 8 }} type="success" message="链接只显示这一次，请复制后在大屏浏览器中打开：" description={<><Typography.Text copyable data-testid="board-link-url">{newLink}</Typography.Text><div>在链接后加 <code>?print=1</code> 即为可打印的月度版（A3 横向）。</div></>} />}
          <Table<BoardLink> style={{ marginTop: 8 }} rowKey="id" size="small" pagination={false} dataSource={links.data?.items} columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '创建', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v).slice(0, 16) },
            { title: '最近访问', dataIndex: 'lastSeenAt', render: (v: string | null) => (v ? formatDateTime(v).slice(0, 16) : '—') },
            { title: '', render: (_, l) => (l.revokedAt ? '已停用' : <Button size="small" danger onClick={() => revoke.mutate(l.id)}>停用</Button>) },
          ]} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="贴星和预警规则" size="small">
          {settings.data && (
            <Form<DutySettings> layout="vertical" initialValues={settings.data} onFinish={(v) => saveSettings.mutate({ ...settings.data!, ...v, starThresholds: settings.data!.starThresholds.map((t, i) => ({ ...t, minRate: v.starThresholds?.[i]?.minRate ?? t.minRate })) })}>
              <Space wrap>
                {settings.data.starThresholds.map((t, i) => (
                  <Form.Item key={i} name={['starThresholds', i, 'minRate']} label={`${t.stars}星：完成率≥`}><InputNumber min={0} max={100} addonAfter="%" style={{ width: 130 }} /></Form.Item>
                ))}
              </Space>
              <Space wrap>
                <Form.Item name="yellowBelowRate" label="黄色预警：完成率低于"><InputNumber min={0} max={100} addonAfter="%" /></Form.Item>
                <Form.Item name="redBelowRate" label="红色预警：完成率低于"><InputNumber min={0} max={100} addonAfter="%" /></Form.Item>
                <Form.Item name="resubmitGraceDays" label="退回后补报宽限（天）"><InputNumber min={0} max={60} /></Form.Item>
                <Form.Item name="keyMissedMaxStars" label="重点事项未完成最多得星"><InputNumber min={0} max={5} /></Form.Item>
              </Space>
              <Space wrap>
                <Form.Item name="yellowOnOverdue" label="有逾期事项即黄色预警" valuePropName="checked"><Switch /></Form.Item>
                <Form.Item name="redOnKeyMissed" label="重点事项未完成即红色预警" valuePropName="checked"><Switch /></Form.Item>
                <Form.Item name="redOnConsecutive" label="连续两月预警升为红色" valuePropName="checked"><Switch /></Form.Item>
              </Space>
              <Button htmlType="submit" type="primary" loading={saveSettings.isPending}>保存规则</Button>
            </Form>
          )}
        </Card>
        <Card title="督导分工（联镇包村）" size="small" style={{ marginTop: 16 }}>
          <Space wrap>
            <Select style={{ width: 200 }} placeholder="督导人员账号" value={sup.accountId} onChange={(v) => setSup((s) => ({ ...s, accountId: v }))} showSearch optionFilterProp="label"
              options={(accounts.data?.items ?? []).filter((a) => ['countyAdmin', 'committeeAdmin', 'instructor'].includes(a.role)).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))} />
            <LazyOrgSelect style={{ width: 260 }} placeholder="包联的镇、村、网格或部门（逐级展开）" value={sup.orgId} onChange={(v) => setSup((s) => ({ ...s, orgId: v }))} />
            <Button onClick={() => addSup.mutate()} disabled={!sup.accountId || !sup.orgId} loading={addSup.isPending}>添加</Button>
          </Space>
          <Table<Supervisor> style={{ marginTop: 8 }} rowKey="id" size="small" pagination={false} dataSource={supervisors.data?.items} columns={[
            { title: '督导人员', dataIndex: 'accountName' },
            { title: '包联组织', dataIndex: 'orgName' },
            { title: '', width: 70, render: (_, s) => <Button size="small" onClick={() => removeSup.mutate(s.id)}>取消</Button> },
          ]} />
        </Card>
      </Col>
    </Row>
  );
}
