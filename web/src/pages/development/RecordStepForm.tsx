// The record-step form: the step's own fields, the publicity period where the rule set asks for one, and the
// refusal (rule, message, earliest date) shown as the server gives it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CONVERSION_OUTCOME_LABELS,
  RECOMMENDATION_SOURCE_LABELS,
  REVIEW_DEPARTMENT_LABELS,
  FILE_ACCEPT,
  stepDef,
  type FileDetail,
  type StoredFile,
} from '@yanzhen/domain';
import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Select, Space, Switch, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../app/api';
import { useBranchGroups, useRuleSet } from './development-api';
import { STEP_FORM, type FieldSpec } from './step-form-config';

type Refusal = { message: string; rule?: string; earliestDate?: string | null; code: string };
const optionsOf = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

// Form.Item injects value, onChange (checked for switches) and id: passed on to the control.
type Injected = { value?: never; onChange?: never; checked?: never; id?: string };
function FieldInput({ spec, members, groups, ruleSet, ...rest }: { spec: FieldSpec; members: { value: string; label: string }[]; groups: { value: string; label: string }[]; ruleSet?: { negativeList: { key: string; label: string }[]; archiveChecklist: string[] } } & Injected) {
  switch (spec.kind) {
    case 'textarea':
      return <Input.TextArea {...rest} rows={2} maxLength={2000} />;
    case 'date':
      return <DatePicker {...rest} style={{ width: '100%' }} />;
    case 'number':
      return <InputNumber {...rest} min={0} style={{ width: '100%' }} />;
    case 'members':
      return <Select {...rest} mode="multiple" maxCount={spec.max} options={members} optionFilterProp="label" placeholder="选择本支部正式党员" />;
    case 'group':
      return <Select {...rest} allowClear options={groups} placeholder={groups.length ? '选择本支部的党小组' : '本支部未设党小组'} disabled={groups.length === 0} />;
    case 'recommendations':
      return <Checkbox.Group {...rest} options={optionsOf(RECOMMENDATION_SOURCE_LABELS)} />;
    case 'departments':
      return <Checkbox.Group {...rest} options={optionsOf(REVIEW_DEPARTMENT_LABELS)} />;
    case 'negativeList':
      return <Checkbox.Group {...rest} options={(ruleSet?.negativeList ?? []).map((n) => ({ value: n.key, label: n.label }))} />;
    case 'checklist':
      return <Checkbox.Group {...rest} options={ruleSet?.archiveChecklist ?? []} />;
    case 'boolean':
      return <Switch {...rest} />;
    case 'outcome':
      return <Select {...rest} options={optionsOf(CONVERSION_OUTCOME_LABELS)} />;
    default:
      return <Input {...rest} maxLength={200} />;
  }
}

export function RecordStepForm({ file }: { file: FileDetail }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [step, setStep] = useState<number>(file.can.record[0]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [docs, setDocs] = useState<StoredFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const ruleSet = useRuleSet();
  const params = ruleSet.data?.current.params;
  const members = useQuery({
    queryKey: ['members', 'branch-full', file.orgId],
    queryFn: () => api.get<{ items: { id: string; name: string }[] }>('/api/members', { orgId: file.orgId, status: 'full', pageSize: 200 }),
  });
  const memberOptions = (members.data?.items ?? []).map((m) => ({ value: m.id, label: m.name }));
  const groupOptions = useBranchGroups(file.orgId).map((g) => ({ value: g.id, label: g.name }));
  const specs = STEP_FORM[step] ?? [];
  const needsPublicity = params?.publicitySteps.includes(step) ?? false;

  const isVote = step === 15 || step === 23;
  const collect = (v: Record<string, unknown>) => {
      const fields: Record<string, unknown> = {};
      for (const s of specs) {
        const raw = v[s.name];
        if (s.kind === 'date') fields[s.name] = raw ? (raw as Dayjs).format('YYYY-MM-DD') : undefined;
        else if (s.kind === 'boolean') fields[s.name] = !!raw;
        else if (['members', 'recommendations', 'departments', 'negativeList', 'checklist'].includes(s.kind)) fields[s.name] = raw ?? [];
        else fields[s.name] = raw === '' ? null : raw ?? null;
      }
      if (step === 14 && !fields.formNumber && file.formNumber) fields.formNumber = file.formNumber;
      return fields;
  };
  const mutation = useMutation({
    mutationFn: (v: Record<string, unknown>) => {
      const fields = collect(v);
      const range = v.publicityRange as [Dayjs, Dayjs] | undefined;
      return api.post<{ file: FileDetail; warnings: string[] }>(`/api/development/files/${file.id}/steps`, {
        step,
        date: (v.date as Dayjs).format('YYYY-MM-DD'),
        fields,
        publicity: needsPublicity && range ? { start: range[0].format('YYYY-MM-DD'), end: range[1].format('YYYY-MM-DD'), result: v.publicityResult ?? 'noObjection' } : null,
        note: (v.note as string) || null,
        overrideReason: (v.overrideReason as string) || null,
        documentFileIds: docs.map((d) => d.id),
        version: file.version,
      });
    },
    onSuccess: (res) => {
      setRefusal(null);
      setDocs([]);
      form.resetFields();
      qc.setQueryData(['development', 'file', file.id], res.file);
      void qc.invalidateQueries({ queryKey: ['development'] });
      if (res.warnings.length) message.warning(res.warnings.join('；'), 8);
      else message.success(`已记录：${stepDef(step).name}`);
      if (res.file.can.record.length) setStep(res.file.can.record[res.file.can.record.length - 1]);
    },
    onError: (err) => {
      const raw = err instanceof ApiError && err.raw && typeof err.raw === 'object' ? (err.raw as { rule?: string; earliestDate?: string | null }) : {};
      setRefusal({ message: err.message, code: err instanceof ApiError ? err.code : 'ERROR', rule: raw.rule, earliestDate: raw.earliestDate });
    },
  });

  // A branch assembly vote that did not pass: recorded with its counts; the file stays where it was.
  const failed = useMutation({
    mutationFn: async () => {
      const v = await form.validateFields();
      const { outcome, extensionMonths: _e, ...counts } = collect(v);
      return api.post<{ file: FileDetail; warnings: string[] }>(`/api/development/files/${file.id}/failed-votes`, {
        step,
        date: (v.date as Dayjs).format('YYYY-MM-DD'),
        fields: { ...counts, proposal: step === 23 ? outcome ?? null : null },
        note: (v.note as string) || null,
        documentFileIds: docs.map((d) => d.id),
        version: file.version,
      });
    },
    onSuccess: (res) => {
      setRefusal(null);
      setDocs([]);
      form.resetFields();
      qc.setQueryData(['development', 'file', file.id], res.file);
      void qc.invalidateQueries({ queryKey: ['development'] });
      message.warning(`已记录表决未通过：${res.warnings.join('；')}`, 8);
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return; // form validation: the fields show their own messages
      const raw = err.raw && typeof err.raw === 'object' ? (err.raw as { rule?: string; earliestDate?: string | null }) : {};
      setRefusal({ message: err.message, code: err.code, rule: raw.rule, earliestDate: raw.earliestDate });
    },
  });

  return (
    <Card size="small" title="记录步骤" data-testid="record-step">
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="step-refusal"
          style={{ marginBottom: 12 }}
          title={refusal.message}
          description={
            <>
              {refusal.rule && <div>依据：{refusal.rule}</div>}
              {refusal.earliestDate && <div>最早可办理日期：{refusal.earliestDate}</div>}
            </>
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)} initialValues={{ date: dayjs() }}>
        <Form.Item label="步骤">
          <Select
            data-testid="step-select"
            value={step}
            onChange={(s) => {
              setStep(s);
              setRefusal(null);
            }}
            options={file.can.record.map((s) => ({ value: s, label: `第${s}步 ${stepDef(s).name}` }))}
          />
        </Form.Item>
        <Form.Item name="date" label="办理日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} data-testid="step-date" />
        </Form.Item>
        {specs.map((s) => (
          <Form.Item
            key={`${step}-${s.name}`}
            name={s.name}
            label={s.label}
            // The form number was issued at the pre-review (一人一号): filled in, not typed again.
            initialValue={s.name === 'formNumber' ? (file.formNumber ?? undefined) : undefined}
            valuePropName={s.kind === 'boolean' ? 'checked' : 'value'}
            rules={s.required ? [{ required: true, message: `请填写${s.label}` }] : []}>
            <FieldInput spec={s} members={memberOptions} groups={groupOptions} ruleSet={params} />
          </Form.Item>
        ))}
        {step === 14 && file.formNumber && <Alert type="info" showIcon title={`已发放的入党志愿书编号：${file.formNumber}`} style={{ marginBottom: 12 }} />}
        {needsPublicity && (
          <>
            <Form.Item name="publicityRange" label={`公示期（不少于${params?.publicityMinWorkingDays ?? 5}个工作日）`} rules={[{ required: true, message: '请选择公示起止日期' }]}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
            <Form.Item name="publicityResult" label="公示结果" initialValue="noObjection">
              <Select options={[{ value: 'noObjection', label: '无异议' }, { value: 'objectionResolved', label: '有反映，已核实' }]} />
            </Form.Item>
          </>
        )}
        {refusal?.code === 'DEV_NEAR_RELATIVE' && (
          <Form.Item name="overrideReason" label="近亲属情形说明" rules={[{ required: true, message: '请说明理由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        )}
        <Form.Item name="note" label="备注">
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item label="材料扫描件（照片或 PDF）" extra="如入党申请书、谈话记录、会议记录的照片或扫描件，随本步骤存档">
          <Upload
            accept={FILE_ACCEPT}
            multiple
            fileList={docs.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: f.url }))}
            onRemove={(f) => setDocs((list) => list.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file: blob, onSuccess, onError }) => {
              setUploading((n) => n + 1);
              try {
                const fd = new FormData();
                fd.append('file', blob as Blob);
                const stored = await api.upload<StoredFile>(`/api/files?orgId=${file.orgId}`, fd);
                setDocs((list) => [...list, stored]);
                onSuccess?.(stored);
              } catch (e) {
                message.error(e instanceof Error ? e.message : '上传失败');
                onError?.(e as Error);
              } finally {
                setUploading((n) => n - 1);
              }
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="step-upload">上传扫描件</Button>
          </Upload>
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} disabled={uploading > 0} data-testid="step-submit">
            {uploading > 0 ? '正在上传…' : '记录'}
          </Button>
          {isVote && file.can.failedVote && (
            <Button danger loading={failed.isPending} disabled={uploading > 0} onClick={() => failed.mutate()} data-testid="step-failed-vote">
              记录为表决未通过
            </Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
