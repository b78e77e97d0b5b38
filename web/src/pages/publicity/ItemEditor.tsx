// The writer's form: unit, priority, title, body, authors with shares (must total 100%). Saves a draft; sends it to
// the unit's leader for sign-off.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MemberSummary, PriorityPage, PublicityDetail } from '@yanzhen/domain';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { LazyOrgSelect } from '../duties/LazyOrgSelect';
import { RichTextEditor } from './RichTextEditor';

type Values = { orgId: string; priorityId?: string | null; title: string; body: string; authors: { memberId: string; share: number }[] };

function MemberPicker({ value, onChange, initial }: { value?: string; onChange?: (v: string) => void; initial?: { value: string; label: string } }) {
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: ['publicity-authors', q], queryFn: () => api.get<{ items: MemberSummary[] }>('/api/members', { q: q || undefined, pageSize: 20 }) });
  const options = [...(initial ? [initial] : []), ...(found.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${m.orgName}）` }))].filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);
  return <Select showSearch value={value} onChange={onChange} filterOption={false} onSearch={setQ} options={options} placeholder="输入姓名查找党员" style={{ minWidth: 180 }} data-testid="author-select" />;
}

export function ItemEditor({ open, item, onClose }: { open: boolean; item: PublicityDetail | null; onClose: () => void }) {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const priorities = useQuery({ queryKey: ['publicity-priorities', month], queryFn: () => api.get<PriorityPage>('/api/publicity/priorities', { month, pageSize: 50 }) });
  useEffect(() => {
    if (!open) return;
    form.setFieldsValue(item ? { orgId: item.orgId, priorityId: item.priorityId, title: item.title, body: item.body, authors: item.authors.map((a) => ({ memberId: a.memberId, share: a.share })) } : { orgId: me.orgId, priorityId: null, title: '', body: '', authors: [{ memberId: undefined as unknown as string, share: 100 }] });
  }, [open, item, form, me.orgId]);
  const save = useMutation({
    mutationFn: async ({ values, send }: { values: Values; send: boolean }) => {
      const saved = item ? await api.put<PublicityDetail>(`/api/publicity/items/${item.id}`, { ...values, version: item.version }) : await api.post<PublicityDetail>('/api/publicity/items', values);
      return send ? api.post<PublicityDetail>(`/api/publicity/items/${saved.id}/submit`, { version: saved.version }) : saved;
    },
    onSuccess: (d, v) => {
      message.success(v.send ? '已送单位负责人审签' : '草稿已保存');
      void qc.invalidateQueries({ queryKey: ['publicity'] });
      onClose();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const authors = Form.useWatch('authors', form) ?? [];
  const total = authors.reduce((s, a) => s + (a?.share ?? 0), 0);
  const submit = (send: boolean) => form.validateFields().then((values) => save.mutate({ values, send }));
  return (
    <Modal
      open={open}
      title={item ? '修改稿件' : '新建稿件'}
      onCancel={onClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={onClose}>取消</Button>,
        <Button key="d" onClick={() => submit(false)} loading={save.isPending}>保存草稿</Button>,
        <Button key="s" type="primary" onClick={() => submit(true)} loading={save.isPending} data-testid="editor-send">送负责人审签</Button>,
      ]}
    >
      <Form form={form} layout="vertical" data-testid="publicity-form">
        <Form.Item name="orgId" label="报送单位" rules={[{ required: true, message: '请选择报送单位' }]}><LazyOrgSelect onChange={(v) => form.setFieldValue('orgId', v)} /></Form.Item>
        <Form.Item name="priorityId" label="对应宣传重点">
          <Select allowClear placeholder="本月宣传重点（可不选）" options={(priorities.data?.items ?? []).map((p) => ({ value: p.id, label: p.title }))} />
        </Form.Item>
        <Form.Item name="title" label="标题" rules={[{ required: true, min: 4, max: 100, message: '标题4–100个字' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}><RichTextEditor /></Form.Item>
        <Typography.Text strong>作者及分成</Typography.Text>
        <Typography.Text type={total === 100 ? 'secondary' : 'danger'} style={{ marginLeft: 8 }}>合计 {total}%（须为 100%）</Typography.Text>
        <Form.List name="authors">
          {(fields, { add, remove }) => (
            <div style={{ marginTop: 8 }}>
              {fields.map((f, i) => (
                <Space key={f.key} wrap align="baseline">
                  <Form.Item name={[f.name, 'memberId']} rules={[{ required: true, message: '请选择作者' }]}>
                    <MemberPicker initial={item?.authors[i] ? { value: item.authors[i].memberId, label: item.authors[i].name } : undefined} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'share']} rules={[{ required: true, message: '请填写分成' }]}><InputNumber min={1} max={100} suffix="%" style={{ width: 100 }} /></Form.Item>
                  {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除作者" />}
                </Space>
              ))}
              {fields.length < 10 && <Button icon={<PlusOutlined />} onClick={() => add({ share: 0 })}>添加作者</Button>}
            </div>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
