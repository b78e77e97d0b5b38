// 节日慰问: the county plans a round and allocates it to towns; towns pay members (amount in yuan, stored in fen);
// a mistaken payment is reversed with a reason; reconciliation per town and the Excel ledger.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CONDOLENCE_CATEGORY_LABELS,
  FESTIVAL_LABELS,
  FUNDING_SOURCE_LABELS,
  formatYuan,
  parseYuan,
  type CondolencePayment,
  type CondolenceRound,
  type CondolenceRoundDetail,
  type CondolenceTownRow,
  type OrgNode,
} from '@yanzhen/domain';
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, InputNumber, Modal, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCan, useCurrentUser } from '../../app/auth';
import { optionsOf } from '../../app/format';
import { MemberPicker } from '../../app/MemberPicker';
import { useServerPage } from '../../app/paging';

const y = (fen: number) => `${formatYuan(fen)} 元`;
const fen = (text: unknown): number => {
  const v = parseYuan(String(text ?? ''));
  if (v === null || v <= 0) throw new Error('金额应为大于 0 的数，最多两位小数');
  return v;
};

function RoundForm({ onDone }: { onDone: () => void }) {
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) =>
      api.post<CondolenceRoundDetail>('/api/care/condolence/rounds', {
        festival: v.festival, year: (v.plannedOn as dayjs.Dayjs).year(), name: v.name, plannedOn: (v.plannedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
        budgetFen: fen(v.budget), fundingSource: v.fundingSource, fundingNote: v.fundingNote ?? null, allowOthers: !!v.allowOthers,
        standards: { hardship: fen(v.hardship), frail: fen(v.frail), elderly: fen(v.elderly), other: v.allowOthers ? fen(v.other) : null },
      }),
    onSuccess: () => { message.success('已计划'); onDone(); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form layout="vertical" initialValues={{ festival: 'springFestival', fundingSource: 'partyDues', plannedOn: dayjs() }} onFinish={(v) => create.mutate(v)}>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="festival" label="节日" rules={[{ required: true }]}><Select options={optionsOf(FESTIVAL_LABELS)} /></Form.Item></Col>
        <Col span={12}><Form.Item name="plannedOn" label="慰问日期" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
      <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}><Input maxLength={60} placeholder="如：2027年春节走访慰问困难党员" /></Form.Item>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="budget" label="预算（元）" rules={[{ required: true, message: '请填写预算' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={12}><Form.Item name="fundingSource" label="经费来源" rules={[{ required: true }]}><Select options={optionsOf(FUNDING_SOURCE_LABELS)} /></Form.Item></Col>
      </Row>
      <Form.Item name="fundingNote" label="经费说明"><Input maxLength={100} placeholder="如：县委组织部代管党费" /></Form.Item>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="hardship" label="困难党员标准（元/人）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="frail" label="体弱党员标准" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Form.Item name="elderly" label="老党员标准" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
      <Space align="baseline">
        <Form.Item name="allowOthers" valuePropName="checked"><Checkbox>也可慰问其他党员</Checkbox></Form.Item>
        <Form.Item noStyle shouldUpdate>{({ getFieldValue }) => getFieldValue('allowOthers') && <Form.Item name="other" label="其他党员标准（元/人）" rules={[{ required: true, message: '请填写' }]}><InputNumber min={0.01} precision={2} /></Form.Item>}</Form.Item>
      </Space>
      <Button type="primary" htmlType="submit" block loading={create.isPending}>保存</Button>
    </Form>
  );
}

function Towns({ round, county }: { round: CondolenceRound; county: boolean }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const paging = useServerPage([round.id]);
  const list = useQuery({ queryKey: ['care', 'condolence', round.id, 'towns', paging.query], queryFn: () => api.get<{ items: CondolenceTownRow[]; total: number }>(`/api/care/condolence/rounds/${round.id}/towns`, paging.query) });
  const tree = useQuery({ queryKey: ['orgs', 'tree', 'towns'], queryFn: () => api.get<{ items: OrgNode[] }>('/api/orgs/tree', { depth: 1 }), enabled: county });
  const root = tree.data?.items.find((o) => o.parentId === null);
  const towns = (tree.data?.items ?? []).filter((o) => root && o.parentId === root.id);
  const [orgId, setOrgId] = useState<string>();
  const [amount, setAmount] = useState<number | null>(null);
  const allocate = useMutation({
    mutationFn: () => api.put(`/api/care/condolence/rounds/${round.id}/allocations`, { orgId, amountFen: parseYuan(String(amount ?? '')) ?? -1 }),
    onSuccess: () => { message.success('已分配'); void qc.invalidateQueries({ queryKey: ['care', 'condolence'] }); },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      {county && round.status === 'open' && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Select style={{ width: 220 }} placeholder="选择镇（街道）" value={orgId} onChange={setOrgId} options={towns.map((t) => ({ value: t.id, label: t.name }))} showSearch={{ optionFilterProp: 'label' }} />
          <InputNumber placeholder="分配金额（元）" min={0} precision={2} value={amount} onChange={(v) => setAmount(v)} style={{ width: 160 }} />
          <Button onClick={() => allocate.mutate()} disabled={!orgId || amount === null} loading={allocate.isPending}>分配</Button>
        </Space>
      )}
      <Table<CondolenceTownRow> rowKey="orgId" size="small" scroll={{ x: 720 }} loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={paging.pagination(list.data?.total, '个镇')}
        columns={[
          { title: '镇（街道）', dataIndex: 'orgName' },
          { title: '分配', dataIndex: 'allocatedFen', align: 'right', render: y },
          { title: '发放', dataIndex: 'paidFen', align: 'right', render: y },
          { title: '冲正', dataIndex: 'reversedFen', align: 'right', render: y },
          { title: '结余', dataIndex: 'remainingFen', align: 'right', render: y },
          { title: '已慰问/应慰问', key: 'c', render: (_, t) => `${t.covered} / ${t.eligible}` },
        ]} />
    </>
  );
}

function Ledger({ round }: { round: CondolenceRound }) {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const paging = useServerPage([round.id]);
  const list = useQuery({ queryKey: ['care', 'condolence', round.id, 'payments', paging.query], queryFn: () => api.get<{ items: CondolencePayment[]; total: number }>(`/api/care/condolence/rounds/${round.id}/payments`, paging.query) });
  const [paying, setPaying] = useState(false);
  const [reversing, setReversing] = useState<CondolencePayment | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => void qc.invalidateQueries({ queryKey: ['care', 'condolence'] });
  const pay = useMutation({
    mutationFn: (v: { memberId: string; amount: number; paidOn: dayjs.Dayjs; note?: string }) => api.post(`/api/care/condolence/rounds/${round.id}/payments`, { memberId: v.memberId, amountFen: fen(v.amount), paidOn: v.paidOn.format('YYYY-MM-DD'), note: v.note ?? null }),
    onSuccess: () => { setPaying(false); refresh(); message.success('已登记发放'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  const reverse = useMutation({
    mutationFn: (p: CondolencePayment) => api.post(`/api/care/condolence/payments/${p.id}/reverse`, { reason }),
    onSuccess: () => { setReversing(null); refresh(); message.success('已冲正'); },
    onError: (e) => message.error(errorMessage(e)),
  });
  const open = round.status === 'open' && can('care.write');
  return (
    <>
      <Space wrap style={{ marginBottom: 8 }}>
        {open && <Button type="primary" onClick={() => setPaying(true)} data-testid="condolence-pay">登记发放</Button>}
        <Button onClick={() => void download(`/api/care/condolence/rounds/${round.id}/ledger`, undefined, `${round.name}慰问金台账.xlsx`).catch((e) => message.error(errorMessage(e)))}>导出台账（Excel）</Button>
      </Space>
      <Table<CondolencePayment> rowKey="id" size="small" scroll={{ x: 860 }} loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={paging.pagination(list.data?.total, '条')}
        columns={[
          { title: '镇（街道）', dataIndex: 'townName' },
          { title: '支部', dataIndex: 'orgName' },
          { title: '姓名', dataIndex: 'memberName' },
          { title: '类别', dataIndex: 'category', render: (c: CondolencePayment['category']) => CONDOLENCE_CATEGORY_LABELS[c] },
          { title: '金额', dataIndex: 'amountFen', align: 'right', render: (v: number, p) => (p.kind === 'reversal' ? <span style={{ color: '#c41d1d' }}>-{y(v)}</span> : y(v)) },
          { title: '日期', dataIndex: 'paidOn' },
          { title: '状态', key: 's', render: (_, p) => (p.kind === 'reversal' ? <Tag color="error">冲正</Tag> : p.reversedById ? <Tag>已冲正</Tag> : <Tag color="success">已发放</Tag>) },
          { title: '备注/原因', dataIndex: 'note', ellipsis: true },
          { title: '经办', dataIndex: 'paidByName' },
          ...(open ? [{ title: '操作', key: 'a', render: (_: unknown, p: CondolencePayment) => p.kind === 'payment' && !p.reversedById && <Button size="small" danger onClick={() => { setReason(''); setReversing(p); }}>冲正</Button> }] : []),
        ]} />
      <Modal open={paying} title="登记慰问金发放" footer={null} onCancel={() => setPaying(false)} destroyOnHidden>
        <Form layout="vertical" initialValues={{ paidOn: dayjs() }} onFinish={(v) => pay.mutate(v)}>
          <Form.Item name="memberId" label="党员（困难、老、体弱党员）" rules={[{ required: true, message: '请选择党员' }]}><MemberPicker /></Form.Item>
          <Form.Item name="amount" label={`金额（元；标准：困难 ${formatYuan(round.standards.hardship)}、体弱 ${formatYuan(round.standards.frail)}、老党员 ${formatYuan(round.standards.elderly)}）`} rules={[{ required: true, message: '请填写金额' }]}><InputNumber min={0.01} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="paidOn" label="发放日期" rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="note" label="备注"><Input maxLength={200} /></Form.Item>
          <Button type="primary" htmlType="submit" block loading={pay.isPending}>保存</Button>
        </Form>
      </Modal>
      <Modal open={!!reversing} title={`冲正 ${reversing?.memberName ?? ''} ${reversing ? y(reversing.amountFen) : ''}`} onCancel={() => setReversing(null)} onOk={() => reversing && reverse.mutate(reversing)} okButtonProps={{ disabled: reason.trim().length < 2, danger: true }} okText="冲正">
        <p>发放记录不能修改或删除；冲正后可重新发放正确的金额。</p>
        <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="冲正原因（如：标准应为500元）" />
      </Modal>
    </>
  );
}

export function CondolencePanel() {
  const qc = useQueryClient();
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const county = me.role === 'countyAdmin';
  const paging = useServerPage([]);
  const rounds = useQuery({ queryKey: ['care', 'condolence', 'rounds', paging.query], queryFn: () => api.get<{ items: CondolenceRound[]; total: number }>('/api/care/condolence/rounds', paging.query) });
  const [selected, setSelected] = useState<string>();
  const [planning, setPlanning] = useState(false);
  useEffect(() => {
    if (!selected && rounds.data?.items.length) setSelected(rounds.data.items[0].id);
  }, [rounds.data, selected]);
  const detail = useQuery({ queryKey: ['care', 'condolence', selected, 'detail'], queryFn: () => api.get<CondolenceRoundDetail>(`/api/care/condolence/rounds/${selected}`), enabled: !!selected });
  const close = useMutation({
    mutationFn: (r: CondolenceRoundDetail) => api.post(`/api/care/condolence/rounds/${r.id}/close`, { version: r.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['care', 'condolence'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const r = detail.data;
  return (
    <div data-testid="condolence">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 300 }} placeholder="选择慰问" value={selected} onChange={setSelected} options={(rounds.data?.items ?? []).map((x) => ({ value: x.id, label: `${x.name}${x.status === 'closed' ? '（已结束）' : ''}` }))} />
        {county && <Button type="primary" onClick={() => setPlanning(true)}>计划节日慰问</Button>}
        {county && r?.status === 'open' && <Button onClick={() => modal.confirm({ title: `结束${r.name}的发放？`, content: '结束后不能再发放或冲正。', onOk: () => close.mutateAsync(r) })}>结束发放</Button>}
      </Space>
      {!rounds.isLoading && !rounds.data?.items.length && <Empty description="暂无节日慰问" />}
      {r && (
        <>
          <p>
            {FESTIVAL_LABELS[r.festival]} · {r.plannedOn} · 经费来源：{FUNDING_SOURCE_LABELS[r.fundingSource]}{r.fundingNote ? `（${r.fundingNote}）` : ''} · 标准：困难党员 {y(r.standards.hardship)}、体弱 {y(r.standards.frail)}、老党员 {y(r.standards.elderly)}
            {r.standards.other !== null ? `、其他 ${y(r.standards.other)}` : ''} {r.status === 'closed' ? <Tag>已结束</Tag> : <Tag color="processing">发放中</Tag>}
          </p>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={12} md={4}><Card size="small"><Statistic title={county ? '预算' : '本镇分配'} value={formatYuan(r.totals.budgetFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title="已分配" value={formatYuan(r.totals.allocatedFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title="已发放" value={formatYuan(r.totals.paidFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title="冲正" value={formatYuan(r.totals.reversedFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title="分配结余" value={formatYuan(r.totals.remainingFen)} suffix="元" /></Card></Col>
            <Col xs={12} md={4}><Card size="small"><Statistic title="已慰问 / 应慰问" value={r.totals.covered} suffix={`/ ${r.totals.eligible} 人`} /></Card></Col>
          </Row>
          <Card size="small" title="按镇对账" style={{ marginBottom: 12 }}><Towns round={r} county={county} /></Card>
          <Card size="small" title="发放台账"><Ledger round={r} /></Card>
        </>
      )}
      <Modal open={planning} title="计划节日慰问" footer={null} onCancel={() => setPlanning(false)} destroyOnHidden width={640}>
        <RoundForm onDone={() => { setPlanning(false); void qc.invalidateQueries({ queryKey: ['care', 'condolence'] }); }} />
      </Modal>
    </div>
  );
}
