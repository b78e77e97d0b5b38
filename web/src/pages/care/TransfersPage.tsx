// 组织关系转接: letters out of the county (issue with a county number, print the three parts, receipt, reissue) and
// incoming letters (register, the member's arrival).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TRANSFER_DIRECTION_LABELS, TRANSFER_STATUS_LABELS, type Transfer } from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Segmented, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useServerPage } from '../../app/paging';
import { OrgSelect } from '../members/org-tree';
import { MemberPicker } from '../../app/MemberPicker';

const COLOR = { open: 'processing', received: 'success', voided: 'default', arrived: 'success', cancelled: 'default' } as const;
type Dialog = { kind: 'out' } | { kind: 'in' } | { kind: 'receipt'; t: Transfer } | { kind: 'reissue'; t: Transfer } | { kind: 'arrive'; t: Transfer } | null;

export default function TransfersPage() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [dialog, setDialog] = useState<Dialog>(null);
  const paging = useServerPage([direction]);
  const list = useQuery({ queryKey: ['transfers', direction, paging.query], queryFn: () => api.get<{ items: Transfer[]; total: number }>('/api/transfers', { direction, ...paging.query }) });
  const done = (text: string) => { setDialog(null); void qc.invalidateQueries({ queryKey: ['transfers'] }); message.success(text); };
  const send = useMutation({ mutationFn: (v: { url: string; body: unknown; ok: string }) => api.post<Transfer>(v.url, v.body).then(() => v.ok), onSuccess: done, onError: (e) => message.error(errorMessage(e)) });
  const d = (v: dayjs.Dayjs) => v.format('YYYY-MM-DD');
  return (
    <Card title="组织关系转接" extra={can('care.write') && <Space wrap><Button type="primary" onClick={() => setDialog({ kind: 'out' })}>开具介绍信</Button><Button onClick={() => setDialog({ kind: 'in' })}>登记转入</Button></Space>}>
      <Segmented style={{ marginBottom: 12 }} value={direction} onChange={(v) => setDirection(v as 'out' | 'in')} options={[{ value: 'out', label: TRANSFER_DIRECTION_LABELS.out }, { value: 'in', label: TRANSFER_DIRECTION_LABELS.in }]} />
      <Table<Transfer>
        rowKey="id" size="small" scroll={{ x: 1100 }} loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={paging.pagination(list.data?.total, '份')}
        columns={[
          { title: '编号', dataIndex: 'letterNo', width: 180, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span> },
          { title: '党员', dataIndex: 'memberName' },
          { title: direction === 'out' ? '转往' : '转自', dataIndex: 'counterpart', ellipsis: true },
          { title: '开具日期', dataIndex: 'issuedOn' },
          { title: '有效期至', dataIndex: 'validUntil' },
          { title: '党费交至', dataIndex: 'duesPaidTo' },
          { title: '状态', key: 's', width: 180, render: (_, t) => <Space size={4} wrap><Tag color={COLOR[t.status]}>{TRANSFER_STATUS_LABELS[t.status]}</Tag>{t.receiptOverdue && <Tag color="error" title={`回执应于 ${t.receiptDueBy} 前退回`}>回执逾期</Tag>}</Space> },
          {
            title: '操作', key: 'a', width: 220, render: (_, t) => (
              <Space size={4} wrap>
                {t.direction === 'out' && <Button size="small" onClick={() => void download(`/api/transfers/${t.id}/letter`, undefined, `组织关系介绍信-${t.memberName}.docx`)}>打印介绍信</Button>}
                {can('care.write') && t.status === 'open' && t.direction === 'out' && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'receipt', t })}>登记回执</Button>}
                {can('care.write') && t.status === 'open' && t.direction === 'out' && <Button size="small" onClick={() => setDialog({ kind: 'reissue', t })}>补开</Button>}
                {can('care.write') && t.status === 'open' && t.direction === 'in' && <Button size="small" type="primary" onClick={() => setDialog({ kind: 'arrive', t })}>报到</Button>}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={dialog?.kind === 'out'} title="开具组织关系介绍信（转出县外）" footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form layout="vertical" initialValues={{ issuedOn: dayjs(), duesPaidTo: dayjs(), validityMonths: 3 }} onFinish={(v) => send.mutate({ url: '/api/transfers/out', ok: '已开具介绍信', body: { memberId: v.memberId, counterpart: v.counterpart, reason: v.reason, duesPaidTo: v.duesPaidTo.format('YYYY-MM'), issuedOn: d(v.issuedOn), validityMonths: v.validityMonths } })}>
          <Form.Item name="memberId" label="党员" rules={[{ required: true, message: '请选择党员' }]}><MemberPicker /></Form.Item>
          <Form.Item name="counterpart" label="接收党组织" rules={[{ required: true, message: '请填写接收党组织' }]}><Input maxLength={100} placeholder="如：中共西安市雁塔区委组织部" /></Form.Item>
          <Form.Item name="reason" label="转接原因" rules={[{ required: true, message: '请填写转接原因' }]}><Input maxLength={200} /></Form.Item>
          <Space wrap>
            <Form.Item name="issuedOn" label="开具日期"><DatePicker /></Form.Item>
            <Form.Item name="duesPaidTo" label="党费交至"><DatePicker picker="month" /></Form.Item>
            <Form.Item name="validityMonths" label="有效期（月，最多3个月）"><InputNumber min={1} max={3} /></Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" block loading={send.isPending}>开具</Button>
        </Form>
      </Modal>
      <Modal open={dialog?.kind === 'in'} title="登记县外转入的介绍信" footer={null} onCancel={() => setDialog(null)} destroyOnHidden>
        <Form layout="vertical" initialValues={{ issuedOn: dayjs(), validUntil: dayjs().add(3, 'month'), duesPaidTo: dayjs() }} onFinish={(v) => send.mutate({ url: '/api/transfers/in', ok: '已登记', body: { orgId: v.orgId, memberName: v.memberName, counterpart: v.counterpart, letterNo: v.letterNo, reason: v.reason, issuedOn: d(v.issuedOn), validUntil: d(v.validUntil), duesPaidTo: v.duesPaidTo.format('YYYY-MM') } })}>
          <Form.Item name="orgId" label="接收党支部" rules={[{ required: true, message: '请选择党支部' }]}><OrgSelect placeholder="请选择党支部" /></Form.Item>
          <Form.Item name="memberName" label="党员姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={30} /></Form.Item>
          <Form.Item name="counterpart" label="转出党组织" rules={[{ required: true, message: '请填写转出党组织' }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="letterNo" label="介绍信编号" rules={[{ required: true, message: '请填写编号' }]}><Input maxLength={40} /></Form.Item>
          <Form.Item name="reason" label="转接原因" rules={[{ required: true, message: '请填写原因' }]}><Input maxLength={200} /></Form.Item>
          <Space wrap>
            <Form.Item name="issuedOn" label="开具日期"><DatePicker /></Form.Item>
            <Form.Item name="validUntil" label="有效期至"><DatePicker /></Form.Item>
            <Form.Item name="duesPaidTo" label="党费交至"><DatePicker picker="month" /></Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" block loading={send.isPending}>登记</Button>
        </Form>
      </Modal>
      <Modal open={dialog?.kind === 'receipt' || dialog?.kind === 'reissue' || dialog?.kind === 'arrive'} footer={null} onCancel={() => setDialog(null)} destroyOnHidden
        title={dialog && 't' in dialog ? `${dialog.t.memberName} · ${dialog.kind === 'receipt' ? '登记回执（党员将移出本县名册）' : dialog.kind === 'reissue' ? '补开介绍信（原介绍信作废）' : '转入党员报到'}` : ''}>
        {dialog && 't' in dialog && (
          <Form layout="vertical" initialValues={{ on: dayjs() }} onFinish={(v) => {
            const t = dialog.t;
            if (dialog.kind === 'receipt') send.mutate({ url: `/api/transfers/${t.id}/receipt`, ok: '回执已登记', body: { receiptOn: d(v.on), note: v.note ?? null, version: t.version } });
            else if (dialog.kind === 'reissue') send.mutate({ url: `/api/transfers/${t.id}/reissue`, ok: '已补开新介绍信', body: { issuedOn: d(v.on), reason: v.note ?? '', version: t.version } });
            else send.mutate({ url: `/api/transfers/${t.id}/arrive`, ok: '已报到', body: { arrivedOn: d(v.on), memberId: v.memberId, version: t.version } });
          }}>
            <Form.Item name="on" label="日期"><DatePicker /></Form.Item>
            {dialog.kind === 'arrive'
              ? <Form.Item name="memberId" label="名册中的党员（先在“组织与党员”中录入到接收支部）" rules={[{ required: true, message: '请选择党员' }]}><MemberPicker /></Form.Item>
              : <Form.Item name="note" label={dialog.kind === 'receipt' ? '说明（可选）' : '补开原因'} rules={dialog.kind === 'reissue' ? [{ required: true, min: 2, message: '请填写补开原因' }] : []}><Input maxLength={200} /></Form.Item>}
            <Button type="primary" htmlType="submit" block loading={send.isPending}>确定</Button>
          </Form>
        )}
      </Modal>
    </Card>
  );
}
