// 清单模板: the year's "十个一" / "八个一" per org category; the county administrator edits items (from today on).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DUTY_FREQUENCY_LABELS, EVIDENCE_KIND_LABELS, type DutyTemplate, type DutyTemplateItem } from '@yanzhen/domain';
import { App, Button, Checkbox, Collapse, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { optionsOf } from '../../app/format';

type Editing = { templateId: string; item: DutyTemplateItem | null };

export function TemplatesAdmin({ canManage }: { canManage: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(new Date().getFullYear());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form] = Form.useForm();
  const q = useQuery({ queryKey: ['duties', 'templates', year], queryFn: () => api.get<{ items: DutyTemplate[] }>('/api/duties/templates', { year }) });
  const ensure = useMutation({
    mutationFn: () => api.post('/api/duties/templates/ensure', { year }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['duties', 'templates'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  const generate = useMutation({
    mutationFn: () => api.post<{ orgs: number; created: number }>('/api/duties/timetables/generate', { year }),
    onSuccess: (r) => message.success(`已为 ${r.orgs} 个组织生成时间表，新增 ${r.created} 项`),
    onError: (e) => message.error(errorMessage(e)),
  });
  const save = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const body = {
        title: v.title,
        description: v.description ?? '',
        frequency: v.frequency,
        dueRule: { monthOfPeriod: v.monthOfPeriod ?? null, day: v.day ?? null },
        evidence: { kinds: v.kinds, countLabel: v.countLabel || null, minPhotos: v.minPhotos ?? 0 },
        weight: v.weight,
        isKey: !!v.isKey,
      };
      return editing?.item ? api.put(`/api/duties/template-items/${editing.item.id}`, { ...body, version: editing.item.version }) : api.post('/api/duties/template-items', { ...body, templateId: editing?.templateId });
    },
    onSuccess: () => {
      message.success('已保存，自今日起生效');
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['duties'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const open = (templateId: string, item: DutyTemplateItem | null) => {
    setEditing({ templateId, item });
    form.setFieldsValue(
      item
        ? { ...item, monthOfPeriod: item.dueRule.monthOfPeriod, day: item.dueRule.day, kinds: item.evidence.kinds, countLabel: item.evidence.countLabel, minPhotos: item.evidence.minPhotos }
        : { title: '', description: '', frequency: 'monthly', day: 25, monthOfPeriod: null, kinds: ['text'], weight: 1, isKey: false, minPhotos: 0 },
    );
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={year} onChange={setYear} options={[year - 1, year, year + 1].map((y) => ({ value: y, label: `${y}年度` }))} style={{ width: 120 }} />
        {canManage && <Button onClick={() => ensure.mutate()} loading={ensure.isPending}>建立本年度模板</Button>}
        {canManage && <Button type="primary" onClick={() => generate.mutate()} loading={generate.isPending}>生成全县时间表</Button>}
      </Space>
      <Collapse
        items={(q.data?.items ?? []).map((t) => ({
          key: t.id,
          label: (
            <span>
              <b>{t.categoryLabel}</b>：{t.name}（{t.items.length} 项）
            </span>
          ),
          children: (
            <>
              <Table<DutyTemplateItem>
                rowKey="id"
                size="small"
                pagination={false}
                scroll={{ x: 800 }}
                dataSource={t.items}
                columns={[
                  { title: '事项', dataIndex: 'title', render: (v: string, r) => <>{r.isKey && <Tag color="red">重点</Tag>}{v}</> },
                  { title: '频次', dataIndex: 'frequency', width: 70, render: (f: keyof typeof DUTY_FREQUENCY_LABELS) => DUTY_FREQUENCY_LABELS[f] },
                  { title: '时限', dataIndex: 'dueLabel', width: 150 },
                  { title: '佐证', width: 200, render: (_, r) => r.evidence.kinds.map((k) => EVIDENCE_KIND_LABELS[k]).join('、') + (r.evidence.countLabel ? `（${r.evidence.countLabel}）` : '') },
                  { title: '权重', dataIndex: 'weight', width: 60 },
                  ...(canManage ? [{ title: '', width: 70, render: (_: unknown, r: DutyTemplateItem) => <Button size="small" onClick={() => open(t.id, r)}>修改</Button> }] : []),
                ]}
              />
              {canManage && <Button style={{ marginTop: 8 }} onClick={() => open(t.id, null)}>新增事项</Button>}
            </>
          ),
        }))}
      />
      <Modal open={!!editing} title={editing?.item ? '修改清单事项' : '新增清单事项'} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} width={600}>
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="title" label="事项名称" rules={[{ required: true, min: 2 }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="description" label="说明"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Space wrap>
            <Form.Item name="frequency" label="频次"><Select style={{ width: 100 }} options={optionsOf(DUTY_FREQUENCY_LABELS)} /></Form.Item>
            <Form.Item name="monthOfPeriod" label="期内第几个月"><InputNumber min={1} max={12} placeholder="默认最后一月" /></Form.Item>
            <Form.Item name="day" label="几日前"><InputNumber min={1} max={31} placeholder="默认月底" /></Form.Item>
            <Form.Item name="weight" label="权重"><InputNumber min={1} max={10} /></Form.Item>
            <Form.Item name="isKey" label="重点事项" valuePropName="checked"><Switch /></Form.Item>
          </Space>
          <Form.Item name="kinds" label="佐证材料" rules={[{ required: true, message: '请至少选择一种' }]}><Checkbox.Group options={optionsOf(EVIDENCE_KIND_LABELS)} /></Form.Item>
          <Space wrap>
            <Form.Item name="countLabel" label="数量的含义"><Input placeholder="如：走访户数" maxLength={20} /></Form.Item>
            <Form.Item name="minPhotos" label="照片至少"><InputNumber min={0} max={20} /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
