// 党费: the monthly ledger (due, paid, arrears warnings at 3 and red flags at 6 months), recording payments and bases,
// approving hardship reductions, and the collection rate of the orgs below.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DUES_CATEGORY_LABELS,
  DUES_CATEGORY_SHORT_LABELS,
  PAYMENT_METHOD_LABELS,
  addMonthsToMonth,
  formatYuan,
  parseYuan,
  type CollectionRates,
  type DuesLedger,
  type DuesLedgerRow,
  type ArrearsWarning,
} from '@yanzhen/domain';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useServerPage } from '../../app/paging';
import { useCan, useCurrentUser } from '../../app/auth';
import { optionsOf } from '../../app/format';
import { BranchPicker, useDefaultOrg } from './BranchPicker';

const pct = (p: number | null) => (p === null ? '—' : `${(p / 10).toFixed(1)}%`);
const LEVEL_TAG = { none: null, yellow: <Tag color="orange">欠缴预警</Tag>, red: <Tag color="red">连续6个月未交</Tag> };

export default function DuesPage() {
  const qc = useQueryClient();
  const can = useCan();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [level, setLevel] = useState<'yellow' | 'red' | undefined>();
  const [page, setPage] = useState(1);
  const navigate = useNavigate();
  const [receipt, setReceipt] = useState<{ id: string; receiptNo: string; memberName: string } | null>(null);
  const [paying, setPaying] = useState<DuesLedgerRow | null>(null);
  const [basing, setBasing] = useState<DuesLedgerRow | null>(null);
  const [payForm] = Form.useForm();
  const [baseForm] = Form.useForm();
  const ledger = useQuery({ queryKey: ['dues', 'ledger', orgId, month, level, page], queryFn: () => api.get<DuesLedger>('/api/dues/ledger', { orgId, month, level, page, pageSize: 50 }), enabled: !!orgId });
  const rates = useQuery({ queryKey: ['dues', 'collection', orgId, month], queryFn: () => api.get<CollectionRates>('/api/dues/collection', { orgId, month }), enabled: !!orgId });
  const warningPage = useServerPage(orgId, 50);
  const warnings = useQuery({ queryKey: ['dues', 'warnings', orgId, warningPage.query], queryFn: () => api.get<{ items: ArrearsWarning[]; total: number }>('/api/dues/arrears-warnings', { orgId, ...warningPage.query }), enabled: !!orgId });
  // The tab counts every open warning of the subtree (the server's total), not those of the page shown.
  const openWarnings = useQuery({ queryKey: ['dues', 'warnings', orgId, 'open'], queryFn: () => api.get<{ total: number }>('/api/dues/arrears-warnings', { orgId, open: 'true', pageSize: 1 }), enabled: !!orgId });
  const [handling, setHandling] = useState<ArrearsWarning | null>(null);
  const [handleNote, setHandleNote] = useState('');
  const done = () => void qc.invalidateQueries({ queryKey: ['dues'] });
  const handle = useMutation({
    mutationFn: (w: ArrearsWarning) => api.post(`/api/dues/arrears-warnings/${w.id}/handle`, { note: handleNote, version: w.version }),
    onSuccess: () => {
      setHandling(null);
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const pay = useMutation({
    mutationFn: (v: { months: string[]; amount: string; method: string; collector: string; paidOn: Dayjs }) => {
      const amountFen = parseYuan(String(v.amount));
      if (amountFen === null) throw new Error('金额格式不正确（最多两位小数）');
      return api.post<{ id: string; receiptNo: string; memberName: string }>('/api/dues/payments', { memberId: paying!.memberId, months: v.months, amountFen, method: v.method, collector: v.collector, paidOn: v.paidOn.format('YYYY-MM-DD') });
    },
    onSuccess: (r) => {
      message.success(`已登记，收据号 ${r.receiptNo}`);
      setReceipt(r);
      setPaying(null);
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const setBase = useMutation({
    mutationFn: (v: { fromMonth: Dayjs; category: string; base: number; reduced?: number | null; reason?: string }) =>
      api.post('/api/dues/bases', {
        memberId: basing!.memberId,
        year: v.fromMonth.year(),
        fromMonth: v.fromMonth.format('YYYY-MM'),
        category: v.category,
        baseFen: Math.round((v.base ?? 0) * 100),
        reducedFen: v.reduced === null || v.reduced === undefined ? null : Math.round(v.reduced * 100),
        reductionReason: v.reason ?? null,
      }),
    onSuccess: () => {
      setBasing(null);
      done();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const decide = useMutation({ mutationFn: (v: { baseId: string; approve: boolean; version: number }) => api.post(`/api/dues/bases/${v.baseId}/reduction-decision`, { approve: v.approve, version: v.version }), onSuccess: done, onError: (e) => message.error(errorMessage(e)) });
  // Months a payment may cover: the year before to 6 months ahead.
  const monthOptions = Array.from({ length: 19 }, (_, i) => addMonthsToMonth(dayjs().format('YYYY-MM'), i - 12)).map((m) => ({ value: m, label: m }));
  const write = can('dues.write');
  const canApprove = me.role === 'countyAdmin' || me.role === 'committeeAdmin';

  return (
    <Card title="党费收缴" extra={<BranchPicker value={orgId} onChange={(v) => { setOrgId(v); setPage(1); }} />}>
      <Space style={{ marginBottom: 12 }} wrap>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} />
        <Button onClick={() => download('/api/dues/ledger/export', { orgId, month }, `党费收缴台账-${month}.xlsx`).catch((e) => message.error(errorMessage(e)))} disabled={!orgId}>导出台账</Button>
        {write && <Button onClick={() => navigate('/dues/import')} data-testid="dues-import">导入年度基数</Button>}
        <Select style={{ width: 180 }} allowClear placeholder="全部党员" value={level} onChange={(v) => { setLevel(v); setPage(1); }} options={[{ value: 'yellow', label: '欠缴3个月及以上' }, { value: 'red', label: '连续6个月未交' }]} />
      </Space>
      {receipt && (
        <Alert style={{ marginBottom: 12 }} type="success" showIcon closable onClose={() => setReceipt(null)}
          title={<span>已登记{receipt.memberName}的党费，收据号 {receipt.receiptNo}。<Link to={`/dues/receipts/${receipt.id}`} data-testid="receipt-link">打印收据</Link></span>} />
      )}
      <Tabs
        items={[
          {
            key: 'ledger',
            label: '收缴台账',
            children: (
              <>
                <Typography.Paragraph data-testid="dues-summary">{month} 应交 {formatYuan(ledger.data?.dueFen ?? 0)} 元，已交 {formatYuan(ledger.data?.paidFen ?? 0)} 元</Typography.Paragraph>
                <Table
                  rowKey="memberId"
                  size="small"
                  loading={ledger.isLoading}
                  dataSource={ledger.data?.items ?? []}
                  scroll={{ x: write ? 1052 : 922 }}
                  pagination={{ current: page, pageSize: 50, total: ledger.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
                  columns={[
                    // Every column has a width (支部 had none and shrank to one character at 1366 px); the sum fits beside the menu.
                    { title: '姓名', dataIndex: 'name', width: 84, fixed: 'left' },
                    { title: '支部', dataIndex: 'orgName', ellipsis: true, width: 160 },
                    { title: '类别', dataIndex: 'category', width: 90, render: (c: string | null) => (c ? DUES_CATEGORY_SHORT_LABELS[c as keyof typeof DUES_CATEGORY_SHORT_LABELS] : <Tag>未核定</Tag>) },
                    { title: '基数', dataIndex: 'baseFen', width: 90, render: (f: number | null) => (f === null ? '—' : formatYuan(f)) },
                    { title: '应交', dataIndex: 'dueFen', width: 80, render: formatYuan },
                    { title: '本月', dataIndex: 'paid', width: 64, render: (p: boolean, r) => (p ? <Tag color="green">已交</Tag> : r.dueFen > 0 ? <Tag>未交</Tag> : '—') },
                    { title: '交至', dataIndex: 'paidThrough', width: 84, render: (m: string | null) => m ?? '—' },
                    { title: '欠缴', key: 'arrears', width: 150, render: (_, r) => (r.streak > 0 ? <Space size={4}>{LEVEL_TAG[r.level]}{`${r.streak}个月 ${formatYuan(r.unpaidFen)}元`}</Space> : '—') },
                    { title: '减免', key: 'reduction', width: 120, render: (_, r) => r.reduction ? (
                      <Space size={4} wrap>
                        <span>{formatYuan(r.reduction.reducedFen)}元</span>
                        {r.reduction.status === 'pending' && canApprove ? (
                          <>
                            <Button size="small" onClick={() => decide.mutate({ baseId: r.reduction!.baseId, approve: true, version: r.reduction!.version })}>批准</Button>
                            <Button size="small" danger onClick={() => decide.mutate({ baseId: r.reduction!.baseId, approve: false, version: r.reduction!.version })}>驳回</Button>
                          </>
                        ) : <Tag>{r.reduction.status === 'approved' ? '已批准' : r.reduction.status === 'rejected' ? '已驳回' : '待上级审批'}</Tag>}
                      </Space>
                    ) : '—' },
                    ...(write
                      ? [{ title: '操作', key: 'op', width: 130, render: (_: unknown, r: DuesLedgerRow) => (
                          <Space size={4}>
                            <Button size="small" type="link" onClick={() => { baseForm.resetFields(); baseForm.setFieldsValue({ fromMonth: dayjs(`${month}-01`), category: r.category ?? 'employee', base: r.baseFen === null ? undefined : r.baseFen / 100 }); setBasing(r); }}>核定基数</Button>
                            <Button size="small" type="link" disabled={r.dueFen === 0 && r.baseFen === null} onClick={() => { payForm.resetFields(); payForm.setFieldsValue({ months: r.paid ? [] : [month], amount: formatYuan(r.paid ? 0 : r.dueFen), method: 'wechat', collector: me.displayName.slice(0, 30), paidOn: dayjs() }); setPaying(r); }} data-testid={`pay-${r.name}`}>交纳</Button>
                          </Space>
                        ) }]
                      : []),
                  ]}
                />
              </>
            ),
          },
          {
            key: 'warnings',
            label: `欠缴预警（${openWarnings.data?.total ?? 0}）`,
            children: (
              <>
                <Typography.Paragraph type="secondary">每月初由月度结算生成：欠缴3个月及以上为黄色预警，连续6个月未交为红色预警（须支部处置，由支部党员大会按规定处理）。补交后未处置的黄色预警自动撤销；红色预警不因补交撤销，须支部登记处置情况。</Typography.Paragraph>
                <Table rowKey="id" size="small" loading={warnings.isLoading} dataSource={warnings.data?.items ?? []} pagination={warningPage.pagination(warnings.data?.total, '条')} data-testid="dues-warnings" columns={[
                  { title: '月份', dataIndex: 'month', width: 90 },
                  { title: '姓名', dataIndex: 'name', width: 90 },
                  { title: '支部', dataIndex: 'orgName', ellipsis: true },
                  { title: '预警', dataIndex: 'level', width: 150, render: (l: string, w: ArrearsWarning) => (l === 'red' ? <Tag color="red">连续{w.streak}个月未交</Tag> : <Tag color="orange">欠缴{w.streak}个月</Tag>) },
                  { title: '处置', key: 'h', render: (_: unknown, w: ArrearsWarning) => (w.handledAt ? <span>{w.handlingNote}（{w.handledAt.slice(0, 10)}）</span> : write ? <Button size="small" onClick={() => { setHandleNote(''); setHandling(w); }}>登记处置</Button> : <Tag>未处置</Tag>) },
                ]} />
              </>
            ),
          },
          {
            key: 'collection',
            label: '收缴率',
            children: (
              <>
                <Typography.Paragraph>合计：应交 {rates.data?.total.due ?? 0} 人，已交 {rates.data?.total.paid ?? 0} 人（{pct(rates.data?.total.ratePermille ?? null)}）；欠缴预警 {rates.data?.total.yellow ?? 0} 人，连续6个月未交 {rates.data?.total.red ?? 0} 人</Typography.Paragraph>
                <Table rowKey="orgId" size="small" dataSource={rates.data?.items ?? []} pagination={{ pageSize: 50 }} columns={[
                  { title: '组织', dataIndex: 'orgName' },
                  { title: '党员', dataIndex: 'members', width: 70 },
                  { title: '应交', dataIndex: 'due', width: 70 },
                  { title: '已交', dataIndex: 'paid', width: 70 },
                  { title: '收缴率', dataIndex: 'ratePermille', width: 90, render: pct },
                  { title: '预警', dataIndex: 'yellow', width: 70, render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0) },
                  { title: '红色', dataIndex: 'red', width: 70, render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0) },
                ]} />
              </>
            ),
          },
        ]}
      />
      <Modal open={!!handling} title={`处置欠缴预警 · ${handling?.name ?? ''}`} onCancel={() => setHandling(null)} onOk={() => handling && handle.mutate(handling)} okButtonProps={{ disabled: handleNote.trim().length < 2 }} confirmLoading={handle.isPending}>
        <Input.TextArea rows={3} value={handleNote} onChange={(e) => setHandleNote(e.target.value)} placeholder="处置情况（如：支部已谈话提醒，本人承诺月底前补交）" maxLength={300} />
      </Modal>
      <Modal open={!!paying} title={`登记党费交纳 · ${paying?.name ?? ''}`} onCancel={() => setPaying(null)} onOk={() => payForm.submit()} confirmLoading={pay.isPending} destroyOnHidden>
        <Form form={payForm} layout="vertical" onFinish={(v) => pay.mutate(v)}>
          <Form.Item name="months" label="交纳月份（可补交，预交不超过6个月）" rules={[{ required: true, message: '请选择月份' }]}><Select mode="multiple" options={monthOptions} /></Form.Item>
          <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}><Input inputMode="decimal" /></Form.Item>
          <Form.Item name="method" label="交纳方式" rules={[{ required: true }]}><Select options={optionsOf(PAYMENT_METHOD_LABELS)} /></Form.Item>
          <Form.Item name="collector" label="收缴人" rules={[{ required: true, message: '请填写收缴人' }]}><Input maxLength={30} /></Form.Item>
          <Form.Item name="paidOn" label="交纳日期" rules={[{ required: true }]}><DatePicker /></Form.Item>
        </Form>
      </Modal>
      <Modal open={!!basing} title={`核定党费基数 · ${basing?.name ?? ''}`} onCancel={() => setBasing(null)} onOk={() => baseForm.submit()} confirmLoading={setBase.isPending} destroyOnHidden>
        <Form form={baseForm} layout="vertical" onFinish={(v) => setBase.mutate(v)}>
          <Form.Item name="fromMonth" label="起始月份（年初核定选1月；年中调资选新工资起始月）" rules={[{ required: true }]}><DatePicker picker="month" /></Form.Item>
          <Form.Item name="category" label="党费类别" rules={[{ required: true }]}><Select options={optionsOf(DUES_CATEGORY_LABELS)} /></Form.Item>
          <Form.Item name="base" label="月交纳基数（元）：税后工资扣除五险一金等；离退休人员为基本退休费" rules={[{ required: true, message: '请填写基数' }]}><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="reduced" label="困难减免后每月金额（元，可不填；须上级审批）"><InputNumber min={0} precision={2} style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="reason" label="减免原因"><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
