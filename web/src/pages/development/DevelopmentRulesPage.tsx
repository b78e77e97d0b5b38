// 规则与编号: the rule set in force (versions, source, parameters; the county administrator publishes a new version)
// and the application-form number register (一人一号; the organization department voids a spoiled form's number).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DevelopmentRuleParams, type z, type ZFormNumberList, type ZRuleSetView } from './rules-types';
import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DEVELOPMENT_STEPS, REVIEW_DEPARTMENTS, REVIEW_DEPARTMENT_LABELS, negativeListFromLines, type ZApprovalAuthorityList } from '@yanzhen/domain';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';

const NUMBER_PARAMS: [keyof DevelopmentRuleParams, string][] = [
  ['minApplicationAge', '申请入党最低年龄（周岁）'],
  ['talkWithinMonths', '收到申请后谈话时限（月）'],
  ['activistMinMonthsAfterApplication', '申请后确定积极分子最短（月）'],
  ['assessmentIntervalMonths', '培养考察间隔（月）'],
  ['candidateMinMonthsAsActivist', '积极分子培养最短（月）'],
  ['mentorsMin', '培养联系人最少人数'],
  ['mentorsMax', '培养联系人最多人数'],
  ['sponsorsRequired', '入党介绍人人数'],
  ['trainingMinDays', '集中培训最少天数'],
  ['trainingMinHours', '集中培训最少学时'],
  ['trainingPassScore', '培训考试合格分'],
  ['publicityMinWorkingDays', '公示最少工作日'],
  ['assemblyMinFullMembers', '支部大会最少正式党员数'],
  ['approvalWithinMonths', '上级党委审批时限（月）'],
  ['approvalSpecialMaxMonths', '特殊情况审批最长（月）'],
  ['probationMonths', '预备期（月）'],
  ['extensionMinMonths', '延长预备期最短（月）'],
  ['extensionMaxMonths', '延长预备期最长（月）'],
  ['conversionApprovalWithinMonths', '转正审批时限（月）'],
];

type NumberRow = z.infer<typeof ZFormNumberList>['items'][number];

function FormNumbers() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({ queryKey: ['development', 'form-numbers', page], queryFn: () => api.get<z.infer<typeof ZFormNumberList>>('/api/development/form-numbers', { page, pageSize: 20 }) });
  const voidIt = useMutation({
    mutationFn: (v: { id: string; reason: string }) => api.post<{ voided: string; issued: string | null }>(`/api/development/form-numbers/${v.id}/void`, { reason: v.reason, reissue: true }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: ['development'] });
      message.success(`已作废 ${r.voided}${r.issued ? `，重新发放 ${r.issued}` : ''}`);
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const canVoid = me.permissions.includes('development.preReview');
  // The reason is the organization department's own (填写错误、污损、遗失…): it goes into the register and the audit log.
  const [voiding, setVoiding] = useState<NumberRow | null>(null);
  const [reason, setReason] = useState('');
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <>
    <Modal
      open={!!voiding}
      title={`作废编号 ${voiding?.number ?? ''}`}
      okText="作废并重新发放"
      okButtonProps={{ danger: true, disabled: !reason.trim(), loading: voidIt.isPending }}
      onCancel={() => { setVoiding(null); setReason(''); }}
      onOk={() => voidIt.mutate({ id: voiding!.id, reason: reason.trim() }, { onSuccess: () => { setVoiding(null); setReason(''); } })}
      destroyOnHidden
    >
      <Typography.Paragraph>作废的编号不再使用，将为该发展对象重新发放编号。</Typography.Paragraph>
      <Input.TextArea rows={2} maxLength={200} placeholder="作废原因（如：志愿书填写错误、污损、遗失）" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="void-reason" />
    </Modal>
    <Table<NumberRow>
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data?.items}
      scroll={{ x: 720 }}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 个编号` }}
      columns={[
        { title: '编号', dataIndex: 'number', width: 160 },
        { title: '姓名', dataIndex: 'personName', render: (v: string, r) => <Link to={`/development/${r.fileId}`}>{v}</Link>, width: 90 },
        { title: '党支部', dataIndex: 'orgName', ellipsis: true },
        { title: '发放', key: 'issued', render: (_, r) => `${r.issuedAt.slice(0, 10)} ${r.issuedBy}`, width: 170 },
        { title: '状态', key: 'status', width: 200, render: (_, r) => (r.status === 'voided' ? <Tag>已作废：{r.voidReason}</Tag> : <Tag color="green">有效</Tag>) },
        {
          title: '',
          key: 'void',
          width: 80,
          render: (_, r) =>
            r.canVoid ? (
              <Button size="small" danger onClick={() => setVoiding(r)}>
                作废
              </Button>
            ) : null,
        },
      ]}
    />
    </>
  );
}

function RuleSet() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { data, error } = useQuery({ queryKey: ['development', 'rule-set'], queryFn: () => api.get<z.infer<typeof ZRuleSetView>>('/api/development/rule-set') });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown> & { effectiveFrom: Dayjs; source: string }) => {
      const current = data!.current.params;
      const params = { ...current };
      for (const [k] of NUMBER_PARAMS) (params as Record<string, unknown>)[k] = v[k];
      // Publicity points, review departments, the negative list and the archive checklist are rules too (issue #3).
      params.publicitySteps = [...(v.publicitySteps as number[])].sort((a, b) => a - b);
      params.requiredReviewDepartments = v.requiredReviewDepartments as DevelopmentRuleParams['requiredReviewDepartments'];
      params.negativeList = negativeListFromLines(String(v.negativeListText ?? '').split('\n'), current.negativeList);
      params.archiveChecklist = [...new Set(String(v.archiveChecklistText ?? '').split('\n').map((l) => l.trim()).filter(Boolean))];
      return api.post('/api/development/rule-set', { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), source: v.source, params });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['development', 'rule-set'] });
      setOpen(false);
      message.success('已发布新版本规则');
    },
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data) return null;
  const p = data.current.params;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text strong>现行第{data.current.version}版</Typography.Text>
        <Typography.Text type="secondary">自 {data.current.effectiveFrom} 起施行 · 依据：{data.current.source}</Typography.Text>
        {me.permissions.includes('development.rules') && <Button type="primary" onClick={() => { form.setFieldsValue({ ...p, source: '', negativeListText: p.negativeList.map((n) => n.label).join('\n'), archiveChecklistText: p.archiveChecklist.join('\n') }); setOpen(true); }}>发布新版本</Button>}
      </Space>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        {NUMBER_PARAMS.map(([k, label]) => <Descriptions.Item key={k} label={label}>{String(p[k])}</Descriptions.Item>)}
        <Descriptions.Item label="须公示的步骤">{p.publicitySteps.map((s) => `第${s}步`).join('、')}</Descriptions.Item>
        <Descriptions.Item label="政治审查须征求意见的部门">{p.requiredReviewDepartments.map((d) => REVIEW_DEPARTMENT_LABELS[d]).join('、')}</Descriptions.Item>
        <Descriptions.Item label="负面清单">{p.negativeList.map((n) => n.label).join('；')}</Descriptions.Item>
        <Descriptions.Item label="归档材料清单">{p.archiveChecklist.join('、')}</Descriptions.Item>
      </Descriptions>
      <Typography.Text type="secondary">历史版本：{data.versions.map((v) => `第${v.version}版（${v.effectiveFrom}）`).join('、')}</Typography.Text>
      <Modal open={open} title="发布发展党员规则新版本" onCancel={() => setOpen(false)} onOk={() => form.submit()} okButtonProps={{ loading: create.isPending }} width={640} destroyOnHidden forceRender>
        {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="source" label="依据（文件名称及文号）" rules={[{ required: true, message: '请填写依据' }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="effectiveFrom" label="施行日期" rules={[{ required: true, message: '请选择施行日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
          {NUMBER_PARAMS.map(([k, label]) => (
            <Form.Item key={k} name={k} label={label} rules={[{ required: true, message: `请填写${label}` }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
          ))}
          <Form.Item name="publicitySteps" label="须公示的步骤" rules={[{ required: true, message: '请选择须公示的步骤' }]}>
            <Select mode="multiple" options={DEVELOPMENT_STEPS.map((d) => ({ value: d.step, label: `第${d.step}步 ${d.name}` }))} />
          </Form.Item>
          <Form.Item name="requiredReviewDepartments" label="政治审查须征求意见的部门">
            <Checkbox.Group options={REVIEW_DEPARTMENTS.map((d) => ({ value: d, label: REVIEW_DEPARTMENT_LABELS[d] }))} />
          </Form.Item>
          <Form.Item name="negativeListText" label="负面清单（每行一项）" extra="已有的项目保持原文即可；删除一行即从清单中去掉该项">
            <Input.TextArea rows={6} />
          </Form.Item>
          <Form.Item name="archiveChecklistText" label="归档材料清单（每行一项）" rules={[{ required: true, whitespace: true, message: '请填写归档材料清单' }]}>
            <Input.TextArea rows={6} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

type Authority = z.infer<typeof ZApprovalAuthorityList>['items'][number];
/** 审批权: which committees may approve; the county organization department grants or withdraws it per committee. */
function Approvers() {
  const me = useCurrentUser();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const canSet = me.permissions.includes('development.rules');
  const [editing, setEditing] = useState<Authority | null>(null);
  const [form] = Form.useForm();
  const { data, error, isLoading } = useQuery({ queryKey: ['development', 'approvers'], queryFn: () => api.get<z.infer<typeof ZApprovalAuthorityList>>('/api/development/approvers') });
  const set = useMutation({
    mutationFn: (v: { entitled: 'grant' | 'withdraw' | 'default'; reason: string }) =>
      api.put('/api/development/approvers', { orgId: editing!.orgId, entitled: v.entitled === 'default' ? null : v.entitled === 'grant', reason: v.reason }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['development', 'approvers'] });
      setEditing(null);
      message.success('已更新审批权');
    },
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">按《细则》第二十四条，县委和乡镇（街道）党（工）委默认具有审批权，党总支和基层党委下属的党委不能审批；县委组织部可对个别党委授予或取消审批权。</Typography.Text>
      <Table<Authority>
        size="small"
        rowKey="orgId"
        loading={isLoading}
        data-testid="dev-approvers"
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '党委', dataIndex: 'orgName' },
          { title: '审批权', dataIndex: 'entitled', render: (e: boolean, r) => <Space><Tag color={e ? 'green' : 'default'}>{e ? '有' : '无'}</Tag>{r.granted !== null && <Tag color="blue">县委组织部决定</Tag>}</Space> },
          { title: '依据/原因', render: (_, r) => r.reason ?? (r.defaultEntitled ? '默认（县、乡镇党委）' : '默认（不具有）') },
          { title: '决定', render: (_, r) => (r.decidedAt ? `${r.decidedBy} ${r.decidedAt.slice(0, 10)}` : '—') },
          ...(canSet ? [{ title: '', render: (_: unknown, r: Authority) => <Button size="small" type="link" onClick={() => { form.resetFields(); setEditing(r); }}>调整</Button> }] : []),
        ]}
      />
      <Modal open={!!editing} title={`调整「${editing?.orgName ?? ''}」的审批权`} onCancel={() => setEditing(null)} onOk={() => form.submit()} okButtonProps={{ loading: set.isPending }} forceRender>
        {set.error && <Alert type="error" showIcon title={errorMessage(set.error)} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={(v) => set.mutate(v)}>
          <Form.Item name="entitled" label="审批权" rules={[{ required: true, message: '请选择' }]}>
            <Select options={[{ value: 'grant', label: '授予审批权' }, { value: 'withdraw', label: '取消审批权' }, { value: 'default', label: '恢复默认' }]} />
          </Form.Item>
          <Form.Item name="reason" label="依据或原因" rules={[{ required: true, message: '请填写依据或原因' }]}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

export default function DevelopmentRulesPage() {
  return (
    <Card title="发展党员规则与入党志愿书编号">
      <Tabs items={[{ key: 'rules', label: '规则版本', children: <RuleSet /> }, { key: 'numbers', label: '编号登记簿（一人一号）', children: <FormNumbers /> }, { key: 'approvers', label: '审批权', children: <Approvers /> }]} />
    </Card>
  );
}
