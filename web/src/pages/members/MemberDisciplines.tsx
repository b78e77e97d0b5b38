// 党纪处分: a member's discipline records on the member page; committee and county administrators record and revoke.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DISCIPLINE_KIND_LABELS, DISCIPLINE_KINDS, type Discipline } from '@yanzhen/domain';
import { Alert, App, Button, DatePicker, Empty, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';

type DisciplineList = { items: Discipline[]; underProbation: boolean };

export function MemberDisciplines({ memberId }: { memberId: string }) {
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const kind = Form.useWatch('kind', form);
  const key = ['members', 'disciplines', memberId];
  const { data, isLoading, error } = useQuery({ queryKey: key, queryFn: () => api.get<DisciplineList>(`/api/members/${memberId}/disciplines`) });
  const create = useMutation({
    mutationFn: (v: { kind: string; startDate: Dayjs; endDate?: Dayjs | null; reason: string; decidedBy: string }) =>
      api.post<DisciplineList>(`/api/members/${memberId}/disciplines`, { ...v, startDate: v.startDate.format('YYYY-MM-DD'), endDate: v.endDate ? v.endDate.format('YYYY-MM-DD') : null }),
    onSuccess: (d) => {
      qc.setQueryData(key, d);
      void qc.invalidateQueries({ queryKey: ['members', 'history', memberId] });
      setAdding(false);
      message.success('已记录处分');
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.post<DisciplineList>(`/api/members/${memberId}/disciplines/${id}/revoke`, { reason: '录入有误，撤销' }),
    onSuccess: (d) => qc.setQueryData(key, d),
    onError: (e) => message.error(errorMessage(e)),
  });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="member-disciplines">
      {data.underProbation && <Alert type="warning" showIcon title="该党员正在留党察看期内，尚未恢复党员权利：不能作入党介绍人或培养联系人，没有表决权、选举权和被选举权。" />}
      {can('members.discipline') && (
        <Button onClick={() => { form.resetFields(); setAdding(true); }} data-testid="discipline-add">
          记录处分
        </Button>
      )}
      {data.items.length === 0 ? (
        <Empty description="无党纪处分记录" />
      ) : (
        <Table<Discipline>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.items}
          columns={[
            { title: '处分', dataIndex: 'kind', render: (k: Discipline['kind'], r) => <Tag color={r.revokedAt ? 'default' : r.active ? 'red' : 'default'}>{DISCIPLINE_KIND_LABELS[k]}</Tag> },
            { title: '期间', render: (_, r) => `${r.startDate} 起${r.endDate ? ` 至 ${r.endDate}` : ''}` },
            { title: '事由', dataIndex: 'reason' },
            { title: '决定机关', dataIndex: 'decidedBy' },
            { title: '状态', render: (_, r) => (r.revokedAt ? <Typography.Text type="secondary">已撤销（{r.revokeReason}）</Typography.Text> : r.active ? '有效' : '已期满') },
            ...(can('members.discipline')
              ? [{ title: '', render: (_: unknown, r: Discipline) => !r.revokedAt && (
                    <Popconfirm title="撤销这条误录的处分？" description="撤销后该处分不再生效（记录保留，可在变更记录中查看）。" okText="撤销" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={() => revoke.mutate(r.id)}>
                      <Button size="small" type="link" danger data-testid="discipline-revoke">撤销误录</Button>
                    </Popconfirm>
                  ) }]
              : []),
          ]}
        />
      )}
      <Modal open={adding} title="记录党纪处分" onCancel={() => setAdding(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} forceRender>
        {create.error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={create.error instanceof ApiError ? create.error.message : errorMessage(create.error)} />}
        <Form form={form} name="discipline" layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="kind" label="处分种类" rules={[{ required: true, message: '请选择处分种类' }]}>
            <Select options={DISCIPLINE_KINDS.map((k) => ({ value: k, label: DISCIPLINE_KIND_LABELS[k] }))} data-testid="discipline-kind" />
          </Form.Item>
          <Form.Item name="startDate" label="处分决定日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endDate" label="察看期满日期" extra={kind === 'probation' ? '留党察看期为一年或二年' : '留党察看须填写；其他处分可不填'}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="reason" label="处分事由" rules={[{ required: true, message: '请填写处分事由' }]}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <Form.Item name="decidedBy" label="决定机关" rules={[{ required: true, message: '请填写作出处分决定的组织' }]}>
            <Input maxLength={100} placeholder="如：中共某县纪律检查委员会" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
