// 流动党员联络台账: every mobile member of the scope with their last contact and warning (未按期联系、失联), and per member
// the contact person, the contacts made, the situation reports and, once 失联, the steps the branch took.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CONTACT_CHANNELS, CONTACT_CHANNEL_LABELS, CONTACT_STATUS_LABELS, REPORT_STATUS_LABELS, type MobileLedgerDetail, type MobileLedgerRow } from '@yanzhen/domain';
import { App, Button, DatePicker, Descriptions, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Timeline } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useServerPage } from '../../app/paging';
import { MemberPicker } from '../../app/MemberPicker';

const COLOR = { ok: 'success', notContacted: 'warning', lost: 'error' } as const;

export function MobileLedger() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [steps, setSteps] = useState('');
  const paging = useServerPage([overdue]);
  const list = useQuery({ queryKey: ['care', 'mobile', overdue, paging.query], queryFn: () => api.get<{ items: MobileLedgerRow[]; total: number }>('/api/care/mobile', { overdue: overdue ? 'true' : undefined, ...paging.query }) });
  const detail = useQuery({ queryKey: ['care', 'mobile-one', open], queryFn: () => api.get<MobileLedgerDetail>(`/api/care/mobile/${open}`), enabled: !!open });
  const done = (text: string) => () => { void qc.invalidateQueries({ queryKey: ['care'] }); message.success(text); };
  const onError = (e: unknown) => message.error(errorMessage(e));
  const contact = useMutation({ mutationFn: (v: Record<string, unknown>) => api.post(`/api/care/mobile/${open}/contacts`, v), onSuccess: done('已登记联系'), onError });
  const person = useMutation({ mutationFn: (id: string) => api.put(`/api/care/mobile/${open}/contact-person`, { contactPersonMemberId: id }), onSuccess: done('已指定联系人'), onError });
  const lost = useMutation({ mutationFn: () => api.put(`/api/care/mobile/${open}/lost-steps`, { steps }), onSuccess: done('已记录查找措施'), onError });
  const d = detail.data;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={overdue ? 'overdue' : 'all'} onChange={(v) => setOverdue(v === 'overdue')} options={[{ value: 'all', label: '全部流动党员' }, { value: 'overdue', label: '未按期联系、失联' }]} />
      </Space>
      <Table<MobileLedgerRow>
        rowKey="memberId"
        size="small"
        scroll={{ x: 760 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={paging.pagination(list.data?.total, '人')}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v, r) => <a onClick={() => { setSteps(''); setOpen(r.memberId); }}>{v}</a> },
          { title: '党支部', dataIndex: 'orgName', ellipsis: true },
          { title: '外出地点', dataIndex: 'destination', render: (v) => v ?? '—' },
          { title: '外出日期', dataIndex: 'mobileSince', render: (v) => v ?? '—' },
          { title: '联系人', dataIndex: 'contactPersonName', render: (v) => v ?? '未指定' },
          { title: '上次联系', dataIndex: 'lastContactOn', render: (v) => v ?? '未联系' },
          { title: '状态', dataIndex: 'status', render: (s: MobileLedgerRow['status']) => <Tag color={COLOR[s]}>{CONTACT_STATUS_LABELS[s]}</Tag> },
        ]}
      />
      <Modal open={!!open} width={640} title={d ? `${d.name} · 流动党员联络台账` : '流动党员联络台账'} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        {d && (
          <div data-testid="mobile-ledger-detail">
            <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
              { key: 'o', label: '党支部', children: d.orgName },
              { key: 'w', label: '外出地点', children: d.destination ?? '—' },
              { key: 's', label: '外出日期', children: d.mobileSince ?? '—' },
              { key: 'p', label: '支部联系人', children: d.contactPersonName ?? '未指定' },
              { key: 'l', label: '上次联系', children: d.lastContactOn ?? '未联系' },
              { key: 't', label: '状态', children: <Tag color={COLOR[d.status]}>{CONTACT_STATUS_LABELS[d.status]}</Tag> },
              { key: 'f', label: d.status === 'lost' ? '失联自' : '应在此日前联系', children: d.status === 'lost' ? d.lostFrom : d.warnFrom },
            ]} />
            {d.status === 'lost' && <p>查找措施：{d.lostSteps ?? '尚未记录'}</p>}
            <h4>联系记录</h4>
            {d.contacts.length ? <Timeline items={d.contacts.map((c) => ({ children: `${c.contactedOn} ${CONTACT_CHANNEL_LABELS[c.channel]}：${c.learned} —— ${c.contactedByName}` }))} /> : <p>暂无联系记录</p>}
            <h4>思想汇报（党员手机提交）</h4>
            {d.reports.length ? <Timeline items={d.reports.map((r) => ({ children: `${r.month} ${r.location ?? ''}：${r.content}（${REPORT_STATUS_LABELS[r.status as keyof typeof REPORT_STATUS_LABELS] ?? r.status}）` }))} /> : <p>暂无汇报</p>}
            {can('care.write') && (
              <>
                <h4>登记联系</h4>
                <Form layout="vertical" initialValues={{ contactedOn: dayjs(), channel: 'phone' }} onFinish={(v) => contact.mutate({ contactedOn: v.contactedOn.format('YYYY-MM-DD'), channel: v.channel, learned: v.learned })}>
                  <Space wrap>
                    <Form.Item name="contactedOn" label="联系日期" rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
                    <Form.Item name="channel" label="联系方式" rules={[{ required: true }]}><Select style={{ width: 120 }} options={CONTACT_CHANNELS.map((c) => ({ value: c, label: CONTACT_CHANNEL_LABELS[c] }))} /></Form.Item>
                  </Space>
                  <Form.Item name="learned" label="了解到的情况" rules={[{ required: true, min: 2, message: '请填写了解到的情况' }]}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
                  <Button type="primary" htmlType="submit" loading={contact.isPending}>登记联系</Button>
                </Form>
                <h4 style={{ marginTop: 16 }}>支部联系人</h4>
                <MemberPicker placeholder="选择支部联系人" onChange={(id) => id && person.mutate(id)} />
                {d.status === 'lost' && (
                  <>
                    <h4 style={{ marginTop: 16 }}>查找措施（失联）</h4>
                    <Input.TextArea rows={2} value={steps} onChange={(e) => setSteps(e.target.value)} placeholder="如：多次电话未接通，走访家属，函询务工地党组织" />
                    <Button style={{ marginTop: 8 }} disabled={steps.trim().length < 4} loading={lost.isPending} onClick={() => lost.mutate()}>保存查找措施</Button>
                  </>
                )}
              </>
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
