// 入党意向人员名册 (登记造册): people who wish to join, registered early and followed by their branch.
import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { GENDER_LABELS, PROSPECT_SOURCE_LABELS, type Prospect } from '@yanzhen/domain';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../members/org-tree';
import { NewFileButton } from './NewFileModal';

const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export default function ProspectsPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const canRecord = me.permissions.includes('development.record');
  const { data, isLoading, error } = useQuery({
    queryKey: ['development', 'prospects', page],
    queryFn: () => api.get<{ items: Prospect[]; total: number }>('/api/development/prospects', { page, pageSize: 20 }),
  });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { birthDate: Dayjs }) => api.post<Prospect>('/api/development/prospects', { ...v, birthDate: v.birthDate.format('YYYY-MM-DD'), note: v.note || null }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['development', 'prospects'] });
      setOpen(false);
      form.resetFields();
    },
  });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/development')}>返回</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>入党意向人员名册</Typography.Title>
        {canRecord && <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>登记</Button>}
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<Prospect>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        scroll={{ x: 640 }}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 人` }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '性别', dataIndex: 'gender', render: (g: 'male') => GENDER_LABELS[g], width: 60 },
          { title: '出生年月', dataIndex: 'birthMonth', width: 90 },
          { title: '来源', dataIndex: 'source', render: (s: 'model') => PROSPECT_SOURCE_LABELS[s] },
          { title: '所在支部', dataIndex: 'orgName', ellipsis: true },
          {
            title: '发展档案',
            key: 'file',
            render: (_, p) =>
              p.fileId ? (
                <Link to={`/development/${p.fileId}`}>查看档案</Link>
              ) : canRecord ? (
                <NewFileButton label="建档" defaults={{ orgId: p.orgId, name: p.name, gender: p.gender, prospectId: p.id }} onCreated={(id) => navigate(`/development/${id}`)} />
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Modal open={open} title="登记入党意向人员" onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} destroyOnHidden forceRender>
        {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ orgId: me.role === 'branchSecretary' ? me.orgId : undefined }}>
          <Form.Item name="orgId" label="所在党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <OrgSelect selectable={(n) => n.type === 'branch'} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}><Select options={optionsOf(GENDER_LABELS)} /></Form.Item>
          <Form.Item name="birthDate" label="出生日期" extra="只保存到月（出生年月）" rules={[{ required: true, message: '请选择出生日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          <Form.Item name="source" label="来源" rules={[{ required: true, message: '请选择来源' }]}><Select options={optionsOf(PROSPECT_SOURCE_LABELS)} /></Form.Item>
          <Form.Item name="note" label="备注"><Input maxLength={500} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
