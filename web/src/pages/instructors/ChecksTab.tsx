// 随机抽查、集中督导、明察暗访 (county and town): record a check of an instructor at the enterprise they serve, with
// findings; a finding to fix is followed as a rectification (duties module) until 销号; the quarter's Word notice.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CHECK_KIND_LABELS, CHECK_KINDS, FINDING_SEVERITIES, FINDING_SEVERITY_LABELS, type AssignmentLetters, type Check } from '@yanzhen/domain';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { useServerPage } from '../../app/paging';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
type FindingForm = { severity: Check['findings'][number]['severity']; description: string; rectify: boolean; deadline?: Dayjs };
type CheckForm = { assignment: string; kind: Check['kind']; checkedOn: Dayjs; inspectors: string; inPost: boolean; summary?: string; findings?: FindingForm[] };
const quarterNow = () => `${dayjs().year()}-Q${Math.floor(dayjs().month() / 3) + 1}`;
const SEVERITY_COLORS = { minor: 'default', major: 'orange', serious: 'red' } as const;

function CheckModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<CheckForm>();
  const assignments = useQuery({ enabled: open, queryKey: ['instructor-letters', 'for-checks'], queryFn: () => api.get<Paged<AssignmentLetters>>('/api/instructors/letters', { pageSize: 100 }) });
  const save = useMutation({
    mutationFn: (v: CheckForm) => {
      const a = assignments.data!.items.find((x) => x.assignmentId === v.assignment)!;
      return api.post<Check>('/api/instructors/checks', {
        instructorId: a.instructorId,
        enterpriseId: a.enterpriseId,
        kind: v.kind,
        checkedOn: v.checkedOn.format('YYYY-MM-DD'),
        inspectors: v.inspectors,
        inPost: v.inPost,
        summary: v.summary || null,
        findings: (v.findings ?? []).map((f) => ({ severity: f.severity, description: f.description, rectify: !!f.rectify, deadline: f.rectify && f.deadline ? f.deadline.format('YYYY-MM-DD') : null })),
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['instructor-checks'] });
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal open={open} width={720} title="记录检查督导" onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'random', checkedOn: dayjs(), inPost: true, findings: [] }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="assignment" label="指导员与企业" rules={[{ required: true, message: '请选择被检查的指导员和企业' }]}>
          <Select showSearch optionFilterProp="label" loading={assignments.isLoading} options={assignments.data?.items.map((a) => ({ value: a.assignmentId, label: `${a.instructorName} · ${a.enterpriseName}` }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label="检查方式"><Select style={{ width: 140 }} options={CHECK_KINDS.map((k) => ({ value: k, label: CHECK_KIND_LABELS[k] }))} /></Form.Item>
          <Form.Item name="checkedOn" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} /></Form.Item>
          <Form.Item name="inPost" label="指导员在岗" valuePropName="checked"><Switch checkedChildren="在岗" unCheckedChildren="不在岗" /></Form.Item>
        </Space>
        <Form.Item name="inspectors" label="检查人员" rules={[{ required: true, message: '请填写检查人员' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="summary" label="检查情况"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="start" wrap style={{ borderTop: '1px dashed #eee', paddingTop: 8 }}>
                  <Form.Item name={[f.name, 'severity']} initialValue="minor"><Select style={{ width: 90 }} options={FINDING_SEVERITIES.map((s) => ({ value: s, label: FINDING_SEVERITY_LABELS[s] }))} /></Form.Item>
                  <Form.Item name={[f.name, 'description']} rules={[{ required: true, message: '请描述问题' }]}><Input style={{ width: 260 }} placeholder="发现的问题" maxLength={300} /></Form.Item>
                  <Form.Item name={[f.name, 'rectify']} valuePropName="checked" initialValue={false}><Switch checkedChildren="整改" unCheckedChildren="提醒" /></Form.Item>
                  <Form.Item name={[f.name, 'deadline']}><DatePicker placeholder="整改期限" /></Form.Item>
                  <Button type="link" danger onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add()} block>添加发现的问题</Button>
            </>
          )}
        </Form.List>
        {save.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(save.error)} />}
      </Form>
    </Modal>
  );
}

export function ChecksTab() {
  const me = useCurrentUser();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const canManage = me.permissions.includes('instructors.manage');
  const [quarter, setQuarter] = useState<string>(quarterNow());
  const [adding, setAdding] = useState(false);
  const { query, pagination } = useServerPage({ quarter });
  const { data, isLoading, error } = useQuery({ queryKey: ['instructor-checks', quarter, query], queryFn: () => api.get<Paged<Check>>('/api/instructors/checks', { quarter, ...query }) });
  const y = dayjs().year();
  const quarters = [y, y - 1].flatMap((yy) => [4, 3, 2, 1].map((q) => `${yy}-Q${q}`));
  const closeFinding = (f: Check['findings'][number]) => {
    let note = '经核实已整改到位';
    modal.confirm({
      title: `整改销号：${f.description}`,
      content: <Input.TextArea defaultValue={note} onChange={(e) => (note = e.target.value)} aria-label="销号意见" />,
      okText: '销号',
      onOk: async () => {
        try {
          await api.post(`/api/instructors/findings/${f.id}/close`, { note, version: f.rectification!.version });
          message.success('已销号');
          void qc.invalidateQueries({ queryKey: ['instructor-checks'] });
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 160 }} value={quarter} onChange={setQuarter} options={quarters.map((q) => ({ value: q, label: q.replace('-Q', '年第') + '季度' }))} aria-label="季度" />
        {canManage && <Button type="primary" onClick={() => setAdding(true)}>记录检查</Button>}
        {canManage && <Button onClick={() => void download('/api/instructors/checks/notice', { quarter }, `检查督导通报-${quarter}.docx`).catch((e: unknown) => message.error(errorMessage(e)))}>导出季度通报（Word）</Button>}
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<Check>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '次')}
        scroll={{ x: 980 }}
        data-testid="check-table"
        columns={[
          { title: '日期', dataIndex: 'checkedOn', width: 100 },
          { title: '方式', dataIndex: 'kind', width: 90, render: (k: Check['kind']) => CHECK_KIND_LABELS[k] },
          { title: '指导员', dataIndex: 'instructorName', width: 80 },
          { title: '企业', dataIndex: 'enterpriseName', width: 180 },
          { title: '在岗', dataIndex: 'inPost', width: 70, render: (v: boolean) => (v ? '在岗' : <Tag color="red">不在岗</Tag>) },
          {
            title: '发现的问题与整改',
            key: 'findings',
            render: (_, c) =>
              c.findings.length === 0 ? <span style={{ color: '#888' }}>未发现问题</span> : (
                <Space direction="vertical" size={2}>
                  {c.findings.map((f) => (
                    <span key={f.id}>
                      <Tag color={SEVERITY_COLORS[f.severity]}>{FINDING_SEVERITY_LABELS[f.severity]}</Tag>
                      {f.description}{' '}
                      {!f.rectify ? <Tag>当场提醒</Tag> : f.rectification?.status === 'closed' ? <Tag color="green">已销号</Tag> : (
                        <>
                          <Tag color={f.rectification?.overdue ? 'red' : 'gold'}>{f.rectification?.overdue ? '整改逾期' : '整改中'}（{f.rectification?.deadline}前）</Tag>
                          {f.rectification?.reportNote && <span style={{ color: '#555' }}>报告：{f.rectification.reportNote} </span>}
                          {canManage && <Button size="small" onClick={() => closeFinding(f)}>销号</Button>}
                        </>
                      )}
                    </span>
                  ))}
                </Space>
              ),
          },
        ]}
      />
      <CheckModal open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
