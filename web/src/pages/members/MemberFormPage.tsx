// 党员表单 (new and edit): the same zod schema as the server (memberInputSchema) runs on change and on submit.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EDUCATION_LABELS,
  ETHNICITIES,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  memberInputSchema,
  memberRuleIssues,
  type MemberFields,
  parseIdNumber,
  type MemberDetail,
  type MemberSensitive,
} from '@yanzhen/domain';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Skeleton, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage, isStaleVersion } from '../../app/api';
import { optionsOf, todayIso } from '../../app/format';
import { OrgSelect, useOrgTree } from './org-tree';

const DATE_FIELDS = ['birthDate', 'joinDate', 'fullMembershipDate', 'mobileSince'] as const;
type FormValues = {
  name?: string;
  gender?: string;
  ethnicity?: string;
  birthDate?: Dayjs | null;
  idNumber?: string;
  education?: string;
  occupation?: string;
  job?: string | null;
  phone?: string | null;
  address?: string | null;
  joinDate?: Dayjs | null;
  fullMembershipDate?: Dayjs | null;
  status?: string;
  categories?: string[];
  mobileDestination?: string | null;
  mobileSince?: Dayjs | null;
  mobileContact?: string | null;
  orgId?: string;
  groupId?: string | null;
};

/** The form's values as the API body: dates as YYYY-MM-DD strings. */
function toInput(v: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...v, categories: v.categories ?? [] };
  for (const f of DATE_FIELDS) out[f] = v[f] ? v[f].format('YYYY-MM-DD') : null;
  if (!(v.categories ?? []).includes('mobile')) {
    out.mobileDestination = null;
    out.mobileSince = null;
    out.mobileContact = null;
  }
  return out;
}

function fromDetail(m: MemberDetail, s: MemberSensitive): FormValues {
  const d = (x: string | null) => (x ? dayjs(x) : null);
  return {
    name: m.name,
    gender: m.gender,
    ethnicity: m.ethnicity,
    birthDate: d(s.birthDate),
    idNumber: s.idNumber,
    education: m.education,
    occupation: m.occupation,
    job: m.job,
    phone: s.phone,
    address: m.address,
    joinDate: d(m.joinDate),
    fullMembershipDate: d(m.fullMembershipDate),
    status: m.status,
    categories: m.categories,
    mobileDestination: m.mobileDestination,
    mobileSince: d(m.mobileSince),
    mobileContact: s.mobileContact,
    orgId: m.orgId,
    groupId: m.groupId,
  };
}

type FieldErrors = Map<string, string[]>;
function validate(v: FormValues): FieldErrors {
  const result = memberInputSchema(todayIso()).safeParse(toInput(v));
  const errors: FieldErrors = new Map();
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '');
    const msg = key === 'orgId' && !v.orgId ? '请选择所在党支部' : issue.message;
    errors.set(key, [...(errors.get(key) ?? []), msg]);
  }
  // zod runs the cross-field rules only once every field parses; until then show the ones that need no other field:
  // the ID number's own check and the "须填写" rules (转正日期, 外出地点, 外出时间).
  if (!errors.has('idNumber') && v.idNumber) {
    const id = parseIdNumber(v.idNumber.trim().toUpperCase(), todayIso());
    if (!id.ok) errors.set('idNumber', [id.message]);
  }
  const raw = toInput(v) as unknown as MemberFields;
  const placeholder = '1900-01-01';
  try {
    const partial = { ...raw, idNumber: raw.idNumber ?? '', birthDate: raw.birthDate ?? placeholder, joinDate: raw.joinDate ?? todayIso() };
    for (const issue of memberRuleIssues(partial, todayIso())) {
      if (issue.message.includes('须填写') && !errors.has(issue.path)) errors.set(issue.path, [issue.message]);
    }
  } catch {
    // an incomplete form: the full check runs on submit
  }
  return errors;
}

const ALL_FIELDS: (keyof FormValues)[] = ['name', 'gender', 'ethnicity', 'birthDate', 'idNumber', 'education', 'occupation', 'job', 'phone', 'address', 'joinDate', 'fullMembershipDate', 'status', 'categories', 'mobileDestination', 'mobileSince', 'mobileContact', 'orgId', 'groupId'];

export default function MemberFormPage() {
  const { id } = useParams();
  const isEdit = Boolean(id);
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const tree = useOrgTree();

  const existing = useQuery({
    queryKey: ['members', 'edit', id],
    enabled: isEdit,
    queryFn: async () => {
      const [m, s] = await Promise.all([api.get<MemberDetail>(`/api/members/${id}`), api.get<MemberSensitive>(`/api/members/${id}/sensitive`)]);
      return { m, s };
    },
    gcTime: 0,
  });

  useEffect(() => {
    if (existing.data) form.setFieldsValue(fromDetail(existing.data.m, existing.data.s));
  }, [existing.data, form]);

  const initial = useMemo<FormValues>(() => {
    const orgId = params.get('orgId');
    const node = orgId ? tree.data?.byId.get(orgId) : undefined;
    return { ethnicity: '汉族', status: 'full', categories: [], orgId: node?.type === 'branch' ? node.id : undefined };
  }, [params, tree.data]);

  const categories = Form.useWatch('categories', form) ?? [];
  const status = Form.useWatch('status', form);
  const orgId = Form.useWatch('orgId', form);
  const groups = orgId ? (tree.data?.byId.get(orgId)?.children.filter((c) => c.type === 'group') ?? []) : [];

  const applyErrors = (errors: FieldErrors, only?: Set<string>) => {
    form.setFields(ALL_FIELDS.filter((f) => !only || only.has(f)).map((f) => ({ name: f, errors: errors.get(f) ?? [] })));
  };

  const onValuesChange = (changed: Partial<FormValues>, all: FormValues) => {
    // Fill birth date and gender from a valid ID number when they are still empty.
    if (changed.idNumber) {
      const parsed = parseIdNumber(changed.idNumber, todayIso());
      if (parsed.ok) {
        const patch: Partial<FormValues> = {};
        if (!all.birthDate) patch.birthDate = dayjs(parsed.value.birthDate);
        if (!all.gender) patch.gender = parsed.value.gender;
        if (Object.keys(patch).length) {
          form.setFieldsValue(patch);
          Object.assign(all, patch);
        }
      }
    }
    const touched = new Set(ALL_FIELDS.filter((f) => form.isFieldTouched(f) || f in changed));
    applyErrors(validate(all), touched);
  };

  const submit = async () => {
    const values = form.getFieldsValue(true) as FormValues;
    const errors = validate(values);
    applyErrors(errors);
    if (errors.size > 0) {
      setSummary(`有 ${[...errors.values()].flat().length} 处需要修改，请查看标红的字段`);
      const first = ALL_FIELDS.find((f) => errors.has(f));
      if (first) form.scrollToField(first, { block: 'center' });
      return;
    }
    setSummary(null);
    setSaving(true);
    try {
      const body = toInput(values);
      const saved = isEdit
        ? await api.put<MemberDetail>(`/api/members/${id}`, { ...body, version: existing.data?.m.version })
        : await api.post<MemberDetail>('/api/members', body);
      message.success(isEdit ? '已保存' : '已新增党员');
      await qc.invalidateQueries({ queryKey: ['members'] });
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      navigate(`/members/${saved.id}`, { replace: true });
    } catch (err) {
      if (isStaleVersion(err)) {
        modal.confirm({
          title: '该党员档案已被他人修改',
          content: '您打开此页面后，其他人保存了这名党员的档案。重新加载将显示最新内容（您本次的修改需要重新填写）。',
          okText: '重新加载',
          cancelText: '留在此页',
          onOk: async () => {
            await existing.refetch();
          },
        });
      } else if (err instanceof ApiError && err.details.length > 0) {
        const byField: FieldErrors = new Map();
        for (const d of err.details) {
          const key = d.path.split('.')[0];
          byField.set(key, [...(byField.get(key) ?? []), d.message]);
        }
        form.setFields([...byField].filter(([k]) => ALL_FIELDS.includes(k as keyof FormValues)).map(([k, msgs]) => ({ name: k as keyof FormValues, errors: msgs })));
        setSummary(err.message);
      } else {
        setSummary(errorMessage(err));
      }
    } finally {
      setSaving(false);
    }
  };

  if (isEdit && existing.isLoading) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (isEdit && existing.error) return <Alert type="error" showIcon title={errorMessage(existing.error)} />;

  const col = { xs: 24, md: 12, xl: 8 };
  return (
    <div>
      <div className="yz-page-header">
        <Typography.Title level={4}>{isEdit ? `编辑党员档案 · ${existing.data?.m.name ?? ''}` : '新增党员'}</Typography.Title>
      </div>
      <Card size="small">
        {summary && <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} data-testid="form-summary" />}
        <Form<FormValues> form={form} layout="vertical" initialValues={isEdit ? undefined : initial} onValuesChange={onValuesChange} onFinish={submit} scrollToFirstError>
          <Typography.Title level={5}>基本信息</Typography.Title>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="name" label="姓名" required>
                <Input maxLength={30} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="idNumber" label="身份证号" required>
                <Input maxLength={18} placeholder="18位居民身份证号" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="gender" label="性别" required>
                <Radio.Group options={optionsOf(GENDER_LABELS)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="birthDate" label="出生日期" required>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="ethnicity" label="民族" required>
                <Select showSearch options={ETHNICITIES.map((e) => ({ value: e, label: e }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="education" label="学历" required>
                <Select options={optionsOf(EDUCATION_LABELS)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="occupation" label="职业类别" required>
                <Select options={optionsOf(OCCUPATION_LABELS)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="job" label="工作单位及职务">
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="phone" label="联系电话">
                <Input maxLength={20} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label="家庭住址">
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>党籍信息</Typography.Title>
          <Row gutter={16}>
            <Col {...col}>
              <Form.Item name="orgId" label="所在党支部" required extra={isEdit ? '调整支部请在详情页使用“调整支部”' : undefined}>
                <OrgSelect selectable={(n) => n.type === 'branch'} placeholder="选择党支部" />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="groupId" label="所在党小组">
                <Select allowClear placeholder={groups.length ? '选择党小组' : '该支部未设党小组'} options={groups.map((g) => ({ value: g.id, label: g.name }))} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="status" label="党员状态" required>
                <Radio.Group options={optionsOf(MEMBERSHIP_STATUS_LABELS)} />
              </Form.Item>
            </Col>
            <Col {...col}>
              <Form.Item name="joinDate" label="入党日期" required>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            {status === 'full' && (
              <Col {...col}>
                <Form.Item name="fullMembershipDate" label="转正日期" required>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24}>
              <Form.Item name="categories" label="党员类别">
                <Checkbox.Group options={optionsOf(MEMBER_CATEGORY_LABELS)} />
              </Form.Item>
            </Col>
          </Row>
          {categories.includes('mobile') && (
            <Row gutter={16} data-testid="mobile-fields">
              <Col {...col}>
                <Form.Item name="mobileDestination" label="外出地点" required>
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="mobileSince" label="外出时间" required>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...col}>
                <Form.Item name="mobileContact" label="外出联系方式">
                  <Input maxLength={100} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
            <Button onClick={() => navigate(-1)}>取消</Button>
          </Space>
        </Form>
      </Card>
    </div>
  );
}
