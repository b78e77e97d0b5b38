// 建立发展档案: the person's identity (encrypted on the server, needed for the roster on admission) and their branch.
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { EDUCATION_LABELS, GENDER_LABELS, NEAR_RELATION_LABELS, OCCUPATION_LABELS, type FileDetail } from '@yanzhen/domain';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { OrgSelect } from '../members/org-tree';

const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export type NewFileDefaults = { orgId?: string; name?: string; gender?: string; birthDate?: string; prospectId?: string };

export function NewFileButton({ onCreated, defaults, label = '建立发展档案' }: { onCreated: (id: string) => void; defaults?: NewFileDefaults; label?: string }) {
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (v: Record<string, unknown> & { birthDate: Dayjs }) =>
      api.post<FileDetail>('/api/development/files', { ...v, birthDate: v.birthDate.format('YYYY-MM-DD'), phone: v.phone || null, prospectId: defaults?.prospectId ?? null,
        // Declared near relatives (防止近亲属违规入党): matched by name against the sponsors, the branch secretary and the approving committee.
        family: ((v.family as { name?: string; relation?: string }[] | undefined) ?? []).filter((f) => f?.name?.trim()).map((f) => ({ name: f.name!.trim(), relation: f.relation ?? 'other', memberId: null })),
      }),
    onSuccess: (file) => {
      void qc.invalidateQueries({ queryKey: ['development'] });
      setOpen(false);
      onCreated(file.id);
    },
  });
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="dev-new-file">
        {label}
      </Button>
      <Modal open={open} title="建立发展档案" onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: mutation.isPending }} destroyOnHidden forceRender>
        {mutation.error && <Alert type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          initialValues={{ ethnicity: '汉族', orgId: defaults?.orgId ?? (me.role === 'branchSecretary' ? me.orgId : undefined), name: defaults?.name, gender: defaults?.gender, birthDate: defaults?.birthDate ? dayjs(defaults.birthDate) : undefined }}
          onFinish={(v) => mutation.mutate(v)}
        >
          <Form.Item name="orgId" label="所在党支部" rules={[{ required: true, message: '请选择党支部' }]}>
            <OrgSelect selectable={(n) => n.type === 'branch'} placeholder="请选择党支部" />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="gender" label="性别" rules={[{ required: true, message: '请选择性别' }]}>
            <Select options={optionsOf(GENDER_LABELS)} />
          </Form.Item>
          <Form.Item name="ethnicity" label="民族" rules={[{ required: true }]}>
            <Input maxLength={10} />
          </Form.Item>
          <Form.Item name="birthDate" label="出生日期" rules={[{ required: true, message: '请选择出生日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, pattern: /^\d{17}[\dXx]$/, message: '身份证号应为18位' }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="phone" label="手机号">
            <Input maxLength={11} />
          </Form.Item>
          <Form.Item name="education" label="学历" rules={[{ required: true, message: '请选择学历' }]}>
            <Select options={optionsOf(EDUCATION_LABELS)} />
          </Form.Item>
          <Form.Item name="occupation" label="职业" rules={[{ required: true, message: '请选择职业' }]}>
            <Select options={optionsOf(OCCUPATION_LABELS)} />
          </Form.Item>
          <Form.Item label="近亲属中的党员、公职人员（如有）" extra="与入党介绍人、支部书记或审批党委委员是近亲属的，办理时将提示并须说明理由">
            <Form.List name="family">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap data-testid="family-row">
                      <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写姓名' }]} style={{ marginBottom: 8 }}>
                        <Input placeholder="姓名" maxLength={50} style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'relation']} rules={[{ required: true, message: '请选择关系' }]} style={{ marginBottom: 8 }}>
                        <Select placeholder="关系" options={optionsOf(NEAR_RELATION_LABELS)} style={{ width: 150 }} />
                      </Form.Item>
                      <Button type="link" danger onClick={() => remove(f.name)}>删除</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()} data-testid="family-add">添加近亲属</Button>
                </>
              )}
            </Form.List>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
