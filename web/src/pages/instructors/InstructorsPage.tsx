// 两新组织与党建工作指导员 (county and town): the instructors with this month's on-site ratio and warnings, the two
// coverages by town / industry / size (ECharts), the registry with the 应建未建 filter and each enterprise's printed
// code, and the manual entries of time on site awaiting approval.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  CALLBACK_SATISFACTION_LABELS,
  type Callback,
  ASSESSMENT_COMPONENT_LABELS,
  ASSESSMENT_COMPONENTS,
  ASSESSMENT_GRADE_LABELS,
  INSTRUCTOR_SOURCE_LABELS,
  type Assessment,
  type AssessmentComponent,
  ONSITE_WARNING_LABELS,
  PARTY_ORG_FORM_LABELS,
  SIZE_BAND_LABELS,
  type Coverage,
  type EnterpriseSummary,
  type InstructorSummary,
  type ManualEntry,
  type SiteCode,
  FILE_ACCEPT,
  LETTER_KIND_LABELS,
  LETTER_KINDS,
  LETTER_STATUS_LABELS,
  type AssignmentLetters,
  type LetterKind,
  type StoredFile,
} from '@yanzhen/domain';
import { Alert, App, Button, Card, DatePicker, Input, InputNumber, Modal, Segmented, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useMemo, useState } from 'react';
import { api, download, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { EChart, type EChartOption } from '../../app/EChart';
import { label } from '../../app/format';
import { useServerPage } from '../../app/paging';
import { StaffRatingsTab } from './StaffRatingsTab';
import { ChecksTab } from './ChecksTab';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
const pct = (permille: number | null) => (permille === null ? '—' : `${(permille / 10).toFixed(1)}%`);

function WarningTag({ level }: { level: 'yellow' | 'red' | null }) {
  if (!level) return <Tag color="green">正常</Tag>;
  return <Tag color={level === 'red' ? 'red' : 'gold'}>{ONSITE_WARNING_LABELS[level]}</Tag>;
}

function AssessModal({ instructor, onClose }: { instructor: InstructorSummary | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year() - 1);
  const [scores, setScores] = useState<Record<AssessmentComponent, number | null>>({ daily: null, report: null, records: null, talk: null, staffRating: null });
  const save = useMutation({
    mutationFn: () => api.post<Assessment>(`/api/instructors/${instructor!.id}/assessments`, { year, scores: { ...scores, staffRating: scores.staffRating ?? undefined }, note: null }),
    onSuccess: (a) => {
      message.success(`${a.name} ${a.year} 年度：${a.score} 分，${ASSESSMENT_GRADE_LABELS[a.grade]}，补贴 ${a.subsidyYuan} 元`);
      void qc.invalidateQueries({ queryKey: ['assessments'] });
      onClose();
    },
  });
  return (
    <Modal open={!!instructor} title={`年度考核 · ${instructor?.name ?? ''}`} onCancel={onClose} onOk={() => save.mutate()} okText="评定" confirmLoading={save.isPending} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <InputNumber addonBefore="考核年度" value={year} min={2000} max={dayjs().year()} onChange={(v) => setYear(v ?? year)} />
        {ASSESSMENT_COMPONENTS.map((c) => (
          <InputNumber key={c} style={{ width: '100%' }} addonBefore={ASSESSMENT_COMPONENT_LABELS[c]} min={0} max={100} value={scores[c]} onChange={(v) => setScores({ ...scores, [c]: v })} addonAfter="分" placeholder={c === 'staffRating' ? '满 3 份评议时按评议计分' : undefined} />
        ))}
        {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>按县定权重计算总分，按分数线评定优秀、称职、基本称职、不称职，补贴按等次发放。</Typography.Text>
      </Space>
    </Modal>
  );
}

function AssessmentsTab() {
  const me = useCurrentUser();
  const [year, setYear] = useState(dayjs().year() - 1);
  const { query, pagination } = useServerPage({ year });
  const { data, isLoading, error } = useQuery({ queryKey: ['assessments', year, query], queryFn: () => api.get<Paged<Assessment>>('/api/instructors/assessments', { year, ...query }) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label="考核年度" />
        {me.permissions.includes('instructors.manage') && <Button onClick={() => void download('/api/instructors/assessments/export', { year }, `补贴发放名单-${year}.xlsx`)}>导出补贴发放名单</Button>}
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<Assessment>
        rowKey="instructorId"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '名')}
        scroll={{ x: 820 }}
        data-testid="assessment-table"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          ...ASSESSMENT_COMPONENTS.map((c) => ({ title: ASSESSMENT_COMPONENT_LABELS[c].replace(/（.*）/, ''), key: c, width: 90, render: (_: unknown, r: Assessment) => (c === 'staffRating' && r.staffRatingVotes > 0 ? <span title={`按 ${r.staffRatingVotes} 份职工评议计算`}>{r.scores[c]}（{r.staffRatingVotes} 份）</span> : r.scores[c]) })),
          { title: '总分', dataIndex: 'score', width: 70 },
          { title: '等次', dataIndex: 'grade', width: 90, render: (g: Assessment['grade']) => <Tag color={g === 'excellent' ? 'red' : g === 'competent' ? 'blue' : g === 'basic' ? 'gold' : 'default'}>{ASSESSMENT_GRADE_LABELS[g]}</Tag> },
          { title: '补贴（元）', dataIndex: 'subsidyYuan', width: 90 },
        ]}
      />
    </>
  );
}

function InstructorsTab() {
  const me = useCurrentUser();
  const [assessing, setAssessing] = useState<InstructorSummary | null>(null);
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [warning, setWarning] = useState<'yellow' | 'red' | undefined>();
  const [q, setQ] = useState('');
  const filters = { month, warning, q };
  const { query, pagination } = useServerPage(filters);
  const { data, isLoading, error } = useQuery({ queryKey: ['instructors', filters, query], queryFn: () => api.get<Paged<InstructorSummary>>('/api/instructors', { ...filters, ...query }) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} aria-label="月份" />
        <Select style={{ width: 140 }} allowClear placeholder="全部预警" value={warning} onChange={setWarning} options={[{ value: 'yellow', label: '黄色预警' }, { value: 'red', label: '红色预警' }]} aria-label="预警" />
        <Input.Search allowClear placeholder="指导员姓名" style={{ width: 180 }} onSearch={setQ} />
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<InstructorSummary>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '名')}
        scroll={{ x: 860 }}
        data-testid="instructor-table"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '来源', dataIndex: 'source', width: 150, render: (v: string) => label(INSTRUCTOR_SOURCE_LABELS, v) },
          { title: '专长', dataIndex: 'skills', width: 160, ellipsis: true },
          { title: '指导企业', dataIndex: 'enterprises', render: (v: InstructorSummary['enterprises']) => v.map((e) => e.name).join('、') || '—' },
          { title: '驻企天数', key: 'days', width: 110, render: (_, r) => `${r.onsiteDays} / ${r.workingDays} 个工作日` },
          { title: '驻企比例', dataIndex: 'ratioPermille', width: 90, render: (v: number | null) => pct(v) },
          { title: '预警', key: 'warning', width: 110, render: (_, r) => (r.closed ? <WarningTag level={r.warning} /> : <Tag>本月未结算</Tag>) },
          ...(me.permissions.includes('instructors.manage') ? [{ title: '', key: 'assess', width: 90, render: (_: unknown, r: InstructorSummary) => <Button size="small" onClick={() => setAssessing(r)}>年度考核</Button> }] : []),
        ]}
      />
      <AssessModal instructor={assessing} onClose={() => setAssessing(null)} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        驻企时间以扫描企业二维码核实：一天累计满 4 小时（县设置）或补录经审核通过计为驻企一天；驻企天数 ÷ 当月工作日（法定节假日、调休按国家安排）。低于三分之一在月度结算时黄色预警，连续两个月红色预警。
      </Typography.Paragraph>
    </>
  );
}

function CoverageTab() {
  const [by, setBy] = useState<'town' | 'industry' | 'size'>('town');
  const { data, error } = useQuery({ queryKey: ['enterprises', 'coverage', by], queryFn: () => api.get<Coverage>('/api/enterprises/coverage', { by }) });
  const option = useMemo<EChartOption>(() => {
    const items = data?.items ?? [];
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v}%` },
      legend: { data: ['组织覆盖率', '工作覆盖率'] },
      grid: { left: 40, right: 10, bottom: 60, top: 40 },
      xAxis: { type: 'category', data: items.map((i) => i.label), axisLabel: { rotate: items.length > 6 ? 35 : 0, interval: 0 } },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { name: '组织覆盖率', type: 'bar', data: items.map((i) => (i.orgRatePermille ?? 0) / 10), itemStyle: { color: '#c41d1d' } },
        { name: '工作覆盖率', type: 'bar', data: items.map((i) => (i.workRatePermille ?? 0) / 10), itemStyle: { color: '#faad14' } },
      ],
    };
  }, [data]);
  return (
    <>
      <Segmented value={by} onChange={(v) => setBy(v as typeof by)} options={[{ value: 'town', label: '按镇街' }, { value: 'industry', label: '按行业' }, { value: 'size', label: '按规模' }]} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {data && (
        <Typography.Paragraph data-testid="coverage-total">
          两新组织 {data.overall.total} 个：组织覆盖 {data.overall.orgCovered} 个（{pct(data.overall.orgRatePermille)}），工作覆盖 {data.overall.workCovered} 个（{pct(data.overall.workRatePermille)}），应建未建 {data.overall.shouldBuild} 个。
        </Typography.Paragraph>
      )}
      <EChart option={option} height={320} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>组织覆盖：单独组建、联合组建或挂靠党组织；工作覆盖：有党组织或有党建工作指导员。规模：{Object.values(SIZE_BAND_LABELS).join('、')}。</Typography.Paragraph>
    </>
  );
}

function SiteCodeModal({ enterprise, onClose }: { enterprise: EnterpriseSummary | null; onClose: () => void }) {
  const { data, error } = useQuery({ queryKey: ['site-code', enterprise?.id], enabled: !!enterprise, gcTime: 0, queryFn: () => api.get<SiteCode>(`/api/enterprises/${enterprise!.id}/site-code`) });
  const [img, setImg] = useState<string | null>(null);
  const url = data ? `${window.location.origin}/i/scan?e=${data.enterpriseId}&code=${encodeURIComponent(data.token)}` : null;
  useEffect(() => {
    setImg(null);
    if (url) void QRCode.toDataURL(url, { width: 300, margin: 1, errorCorrectionLevel: 'M' }).then(setImg);
  }, [url]);
  return (
    <Modal open={!!enterprise} onCancel={onClose} footer={<Button onClick={() => window.print()}>打印</Button>} title={`${enterprise?.name ?? ''} · 驻企二维码`}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <div style={{ textAlign: 'center' }}>
        {img ? <img src={img} alt="驻企二维码" width={300} height={300} style={{ maxWidth: '100%' }} /> : <div style={{ height: 300 }} />}
        <Typography.Paragraph>党建工作指导员到岗、离岗时用手机扫码</Typography.Paragraph>
        {data && <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>有效期至 {dayjs(data.expiresAt).format('YYYY-MM-DD')}，到期后请重新打印张贴。</Typography.Paragraph>}
      </div>
    </Modal>
  );
}

function CallbackModal({ enterprise, onClose }: { enterprise: EnterpriseSummary | null; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [calledOn, setCalledOn] = useState(dayjs().format('YYYY-MM-DD'));
  const [contactName, setContactName] = useState('');
  const [visitsOften, setVisitsOften] = useState(true);
  const [satisfaction, setSatisfaction] = useState<Callback['satisfaction']>('satisfied');
  const [notes, setNotes] = useState('');
  const save = useMutation({
    mutationFn: () => api.post(`/api/enterprises/${enterprise!.id}/callbacks`, { calledOn, contactName, visitsOften, satisfaction, notes: notes || null }),
    onSuccess: () => {
      message.success('回访已记录');
      void qc.invalidateQueries({ queryKey: ['callbacks'] });
      onClose();
    },
  });
  return (
    <Modal open={!!enterprise} title={`电话回访 · ${enterprise?.name ?? ''}`} onCancel={onClose} onOk={() => save.mutate()} okText="记录" confirmLoading={save.isPending} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <DatePicker allowClear={false} value={dayjs(calledOn)} onChange={(d) => d && setCalledOn(d.format('YYYY-MM-DD'))} aria-label="回访日期" />
        <Input addonBefore="受访人" value={contactName} onChange={(e) => setContactName(e.target.value)} />
        <Space>指导员是否经常到企业 <Switch checked={visitsOften} onChange={setVisitsOften} checkedChildren="是" unCheckedChildren="否" /></Space>
        <Segmented value={satisfaction} onChange={(v) => setSatisfaction(v as Callback['satisfaction'])} options={Object.entries(CALLBACK_SATISFACTION_LABELS).map(([value, label]) => ({ value, label }))} />
        <Input.TextArea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="回访记录" />
        {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} />}
      </Space>
    </Modal>
  );
}

/** 两书一册: each assignment's 目标责任书 and 承诺书 (Word from the county's template) with 未签/已签 and the signed copy. */
function LettersTab() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const canManage = me.permissions.includes('instructors.manage');
  const [missing, setMissing] = useState<boolean | undefined>(true);
  const { query, pagination } = useServerPage({ missing });
  const { data, isLoading, error } = useQuery({ queryKey: ['instructor-letters', missing, query], queryFn: () => api.get<Paged<AssignmentLetters>>('/api/instructors/letters', { missing, ...query }) });
  const upload = async (r: AssignmentLetters, kind: LetterKind, file: File) => {
    try {
      const fd = new FormData();
      fd.append('file', file);
      const stored = await api.upload<StoredFile>('/api/files', fd);
      await api.post(`/api/instructors/assignments/${r.assignmentId}/letters/${kind}/signed`, { fileId: stored.id });
      message.success(`${r.instructorName}（${r.enterpriseName}）的${LETTER_KIND_LABELS[kind]}已签`);
      void qc.invalidateQueries({ queryKey: ['instructor-letters'] });
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const letterColumn = (kind: LetterKind) => ({
    title: LETTER_KIND_LABELS[kind],
    key: kind,
    width: 250,
    render: (_: unknown, r: AssignmentLetters) => {
      const st = r[kind];
      return (
        <Space size={4} wrap>
          {st.signed ? <Tag color="green">{LETTER_STATUS_LABELS.signed}</Tag> : <Tag color="red">{LETTER_STATUS_LABELS.unsigned}</Tag>}
          <Button size="small" onClick={() => void download(`/api/instructors/assignments/${r.assignmentId}/letters/${kind}`, undefined, `${LETTER_KIND_LABELS[kind]}.docx`).catch((e: unknown) => message.error(errorMessage(e)))}>生成</Button>
          {canManage && (
            <Upload accept={FILE_ACCEPT} showUploadList={false} customRequest={({ file }) => void upload(r, kind, file as File)}>
              <Button size="small" aria-label={`上传${LETTER_KIND_LABELS[kind]}签字件`}>{st.signed ? '重新上传' : '上传签字件'}</Button>
            </Upload>
          )}
          {st.file && <Typography.Link href={st.file.url} target="_blank">查看</Typography.Link>}
        </Space>
      );
    },
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={missing === true ? 'missing' : 'all'} onChange={(v) => setMissing(v === 'missing' ? true : undefined)} options={[{ value: 'missing', label: '缺签字件' }, { value: 'all', label: '全部在任指派' }]} />
        <Typography.Text type="secondary">目标责任书、承诺书按县里的模板生成，签字盖章后上传扫描件或照片。</Typography.Text>
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<AssignmentLetters>
        rowKey="assignmentId"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '项指派')}
        scroll={{ x: 960 }}
        columns={[
          { title: '指导员', dataIndex: 'instructorName', width: 90 },
          { title: '企业', dataIndex: 'enterpriseName', width: 200 },
          { title: '镇街', dataIndex: 'townName', width: 90, render: (v: string | null) => v ?? '—' },
          { title: '指导期限', key: 'dates', width: 200, render: (_, r) => `${r.startDate} 至 ${r.endDate ?? '期满'}` },
          ...LETTER_KINDS.map(letterColumn),
        ]}
      />
    </>
  );
}

function CallbacksTab() {
  const [quarter, setQuarter] = useState<string | undefined>();
  const { query, pagination } = useServerPage({ quarter });
  const { data, isLoading, error } = useQuery({ queryKey: ['callbacks', quarter, query], queryFn: () => api.get<Paged<Callback>>('/api/instructors/callbacks', { quarter, ...query }) });
  const y = dayjs().year();
  const quarters = [y, y - 1].flatMap((yy) => [4, 3, 2, 1].map((q) => `${yy}-Q${q}`));
  return (
    <>
      <Select style={{ width: 160, marginBottom: 12 }} allowClear placeholder="全部季度" value={quarter} onChange={setQuarter} options={quarters.map((q) => ({ value: q, label: q.replace('-Q', '年第') + '季度' }))} aria-label="季度" />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<Callback>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '次')}
        scroll={{ x: 820 }}
        columns={[
          { title: '季度', dataIndex: 'quarter', width: 90 },
          { title: '回访日期', dataIndex: 'calledOn', width: 110 },
          { title: '企业', dataIndex: 'enterpriseName', width: 200 },
          { title: '指导员', dataIndex: 'instructorName', width: 90 },
          { title: '受访人', dataIndex: 'contactName', width: 120 },
          { title: '经常到企业', dataIndex: 'visitsOften', width: 100, render: (v: boolean) => (v ? '是' : <Tag color="red">否</Tag>) },
          { title: '满意度', dataIndex: 'satisfaction', width: 90, render: (v: Callback['satisfaction']) => CALLBACK_SATISFACTION_LABELS[v] },
          { title: '记录', dataIndex: 'notes', render: (v: string | null) => v ?? '—' },
        ]}
      />
    </>
  );
}

function EnterprisesTab() {
  const me = useCurrentUser();
  const [shouldBuild, setShouldBuild] = useState<boolean | undefined>();
  const [q, setQ] = useState('');
  const [codeFor, setCodeFor] = useState<EnterpriseSummary | null>(null);
  const [callFor, setCallFor] = useState<EnterpriseSummary | null>(null);
  const filters = { shouldBuild, q };
  const { query, pagination } = useServerPage(filters);
  const { data, isLoading, error } = useQuery({ queryKey: ['enterprises', filters, query], queryFn: () => api.get<Paged<EnterpriseSummary>>('/api/enterprises', { ...filters, ...query }) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={shouldBuild === true ? 'should' : 'all'} onChange={(v) => setShouldBuild(v === 'should' ? true : undefined)} options={[{ value: 'all', label: '全部' }, { value: 'should', label: '应建未建' }]} />
        <Input.Search allowClear placeholder="单位名称" style={{ width: 200 }} onSearch={setQ} />
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<EnterpriseSummary>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '个')}
        scroll={{ x: 1060 }}
        columns={[
          { title: '单位名称', dataIndex: 'name', width: 200 },
          { title: '镇街', dataIndex: 'townName', width: 90 },
          { title: '行业', dataIndex: 'industry', width: 100 },
          { title: '职工', dataIndex: 'employeeCount', width: 70 },
          { title: '党组织', dataIndex: 'orgForm', width: 90, render: (v: string, r) => (r.shouldBuild ? <Tag color="red">应建未建</Tag> : label(PARTY_ORG_FORM_LABELS, v)) },
          { title: '党员', dataIndex: 'membersEmployed', width: 60 },
          { title: '标识', key: 'flags', width: 130, render: (_, r) => <>{r.newEmployment && <Tag>新业态</Tag>}{r.sanbaiSiqian && <Tag>三百四千</Tag>}</> },
          { title: '指导员', dataIndex: 'instructorName', width: 80, render: (v: string | null) => v ?? '—' },
          ...(me.permissions.includes('instructors.manage')
            ? [{ title: '', key: 'code', width: 170, render: (_: unknown, r: EnterpriseSummary) => <Space size={4}><Button size="small" onClick={() => setCodeFor(r)}>驻企二维码</Button>{r.instructorName && <Button size="small" onClick={() => setCallFor(r)}>回访</Button>}</Space> }]
            : []),
        ]}
      />
      <SiteCodeModal enterprise={codeFor} onClose={() => setCodeFor(null)} />
      <CallbackModal enterprise={callFor} onClose={() => setCallFor(null)} />
    </>
  );
}

function ManualEntriesTab() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<'pending' | 'approved' | 'rejected'>('pending');
  const { query, pagination } = useServerPage({ status });
  const { data, isLoading, error } = useQuery({ queryKey: ['manual-entries', status, query], queryFn: () => api.get<Paged<ManualEntry>>('/api/instructors/manual-entries', { status, ...query }) });
  const decide = useMutation({
    mutationFn: (v: { id: string; approve: boolean; version: number }) => api.post(`/api/instructors/manual-entries/${v.id}/decision`, { approve: v.approve, note: null, version: v.version }),
    onSuccess: () => {
      message.success('已审核');
      void qc.invalidateQueries({ queryKey: ['manual-entries'] });
      void qc.invalidateQueries({ queryKey: ['instructors'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <>
      <Segmented value={status} onChange={(v) => setStatus(v as typeof status)} options={[{ value: 'pending', label: '待审核' }, { value: 'approved', label: '已通过' }, { value: 'rejected', label: '未通过' }]} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<ManualEntry>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items}
        pagination={pagination(data?.total, '条')}
        scroll={{ x: 760 }}
        columns={[
          { title: '指导员', dataIndex: 'instructorName', width: 90 },
          { title: '企业', dataIndex: 'enterpriseName', width: 180 },
          { title: '日期', dataIndex: 'date', width: 110 },
          { title: '小时', dataIndex: 'hours', width: 60 },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '',
            key: 'act',
            width: 150,
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => decide.mutate({ id: r.id, approve: true, version: r.version })}>通过</Button>
                  <Button size="small" danger onClick={() => decide.mutate({ id: r.id, approve: false, version: r.version })}>不通过</Button>
                </Space>
              ) : (
                r.decidedNote ?? '—'
              ),
          },
        ]}
      />
    </>
  );
}

export default function InstructorsPage() {
  const me = useCurrentUser();
  const items = [
    { key: 'instructors', label: '党建工作指导员', children: <InstructorsTab /> },
    { key: 'coverage', label: '两个覆盖', children: <CoverageTab /> },
    { key: 'enterprises', label: '两新组织名录', children: <EnterprisesTab /> },
    { key: 'letters', label: '两书一册', children: <LettersTab /> },
    { key: 'callbacks', label: '电话回访', children: <CallbacksTab /> },
    { key: 'checks', label: '检查督导', children: <ChecksTab /> },
    { key: 'ratings', label: '职工评议', children: <StaffRatingsTab /> },
    { key: 'assessments', label: '年度考核', children: <AssessmentsTab /> },
    ...(me.permissions.includes('instructors.manage') ? [{ key: 'manual', label: '驻企补录审核', children: <ManualEntriesTab /> }] : []),
  ];
  return (
    <Card>
      <Tabs items={items} destroyOnHidden />
    </Card>
  );
}
