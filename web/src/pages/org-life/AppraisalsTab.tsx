// 民主评议党员: the branch's yearly round — each member with the star tier as the starting point, the grade with its
// votes, and the follow-up of 不合格 (限期改正 / 劝其退党 / 除名) until it is closed. The server checks the grade against
// the votes and the county's cap on 优秀; its Chinese refusal is shown as is.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { APPRAISAL_GRADE_LABELS, APPRAISAL_GRADES, FOLLOW_UP_ACTION_LABELS, FOLLOW_UP_ACTIONS, type AppraisalGrade, type AppraisalRound } from '@yanzhen/domain';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';
import { useServerPage } from '../../app/paging';

type Item = AppraisalRound['items'][number];
const GRADE_COLORS: Record<AppraisalGrade, string> = { excellent: 'red', qualified: 'blue', basic: 'orange', unqualified: 'default' };
const gradeTag = (g: AppraisalGrade | null | undefined) => (g ? <Tag color={GRADE_COLORS[g]}>{APPRAISAL_GRADE_LABELS[g]}</Tag> : <Typography.Text type="secondary">—</Typography.Text>);
type FormValues = { grade: AppraisalGrade; selfAssessment?: string; excellent: number; qualified: number; basic: number; unqualified: number; action?: string; dueOn?: Dayjs; closedOn?: Dayjs; outcome?: string };

export function AppraisalsTab({ orgId }: { orgId: string }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const can = useCan();
  const [form] = Form.useForm<FormValues>();
  const [open, setOpen] = useState<Item | null>(null);
  const [error, setError] = useState<string | null>(null);
  const year = dayjs().year();
  const { page, pageSize, pagination } = useServerPage({ orgId });
  const round = useQuery({ queryKey: ['org-life', 'appraisals', orgId, year, page, pageSize], queryFn: () => api.get<AppraisalRound>(`/api/org-life/appraisals?orgId=${orgId}&year=${year}&page=${page}&pageSize=${pageSize}`) });
  const grade = Form.useWatch('grade', form);
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      api.put('/api/org-life/appraisals', {
        memberId: open!.memberId,
        year,
        selfAssessment: v.selfAssessment ?? null,
        grade: v.grade,
        votes: { excellent: v.excellent ?? 0, qualified: v.qualified ?? 0, basic: v.basic ?? 0, unqualified: v.unqualified ?? 0 },
        followUp: v.grade === 'unqualified' && v.action ? { action: v.action, dueOn: v.dueOn?.format('YYYY-MM-DD'), closedOn: v.closedOn?.format('YYYY-MM-DD') ?? null, outcome: v.outcome ?? null } : null,
        version: open!.appraisal?.version,
      }),
    onSuccess: () => {
      setOpen(null);
      void qc.invalidateQueries({ queryKey: ['org-life', 'appraisals'] });
      message.success('评议结果已保存');
    },
    onError: (e) => setError(errorMessage(e)),
  });
  const edit = (r: Item) => {
    const a = r.appraisal;
    form.resetFields();
    form.setFieldsValue({
      grade: a?.grade ?? r.starTier ?? 'qualified',
      selfAssessment: a?.selfAssessment ?? undefined,
      ...(a?.votes ?? { excellent: 0, qualified: 0, basic: 0, unqualified: 0 }),
      action: a?.followUp?.action,
      dueOn: a?.followUp ? dayjs(a.followUp.dueOn) : undefined,
      closedOn: a?.followUp?.closedOn ? dayjs(a.followUp.closedOn) : undefined,
      outcome: a?.followUp?.outcome ?? undefined,
    });
    setError(null);
    setOpen(r);
  };
  const d = round.data;
  return (
    <>
      {round.error && <Alert type="info" showIcon title={errorMessage(round.error)} style={{ marginBottom: 8 }} />}
      {d && (
        <Typography.Paragraph data-testid="appraisal-summary">
          {d.year}年 {d.orgName}：参评党员 {d.members} 人，优秀 {d.counts.excellent} 人（上限 {d.maxExcellentPercent}%，最多 {d.maxExcellent} 人）、合格 {d.counts.qualified} 人、基本合格 {d.counts.basic} 人、不合格 {d.counts.unqualified} 人，未评 {d.counts.pending} 人；处置未办结 {d.counts.openFollowUps} 人。
        </Typography.Paragraph>
      )}
      <Table size="small" rowKey="memberId" dataSource={d?.items ?? []} loading={round.isLoading} pagination={pagination(d?.total, '人')} scroll={{ x: 560 }} data-testid="appraisal-table"
        columns={[
          { title: '姓名', dataIndex: 'name', width: 80, fixed: 'left' as const },
          { title: '星级评定（起点）', key: 'star', width: 110, render: (_, r) => gradeTag(r.starTier) },
          { title: '评议等次', key: 'grade', width: 90, render: (_, r) => gradeTag(r.appraisal?.grade) },
          { title: '得票（优/合/基/不）', key: 'votes', width: 130, render: (_, r) => (r.appraisal ? APPRAISAL_GRADES.map((g) => r.appraisal!.votes[g]).join(' / ') : '—') },
          {
            title: '处置', key: 'follow', width: 170,
            render: (_, r) => {
              const f = r.appraisal?.followUp;
              if (!f) return '—';
              return <Space size={4} wrap>{FOLLOW_UP_ACTION_LABELS[f.action]}<Typography.Text type="secondary">期限 {f.dueOn}</Typography.Text>{f.closedOn ? <Tag color="green">已办结</Tag> : <Tag color={f.dueOn < dayjs().format('YYYY-MM-DD') ? 'red' : 'gold'}>{f.dueOn < dayjs().format('YYYY-MM-DD') ? '已逾期' : '办理中'}</Tag>}</Space>;
            },
          },
          { title: '', key: 'op', width: 90, render: (_, r) => can('orgLife.write') && <Button size="small" data-testid="appraisal-edit" onClick={() => edit(r)}>{r.appraisal ? '修改' : '评议'}</Button> },
        ]} />
      <Modal open={open !== null} title={`民主评议 · ${open?.name ?? ''}（${year}年）`} onCancel={() => setOpen(null)} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden okText="保存" okButtonProps={{ 'data-testid': 'appraisal-save' } as React.ComponentProps<typeof Button>}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="appraisal-error" />}
        {open && <Typography.Paragraph type="secondary">星级评定：{open.starTier ? APPRAISAL_GRADE_LABELS[open.starTier] : '本年尚无星级评定'}（作为评议起点）</Typography.Paragraph>}
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="selfAssessment" label="自我评价"><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
          <Space wrap>
            {APPRAISAL_GRADES.map((g) => (
              <Form.Item key={g} name={g} label={`${APPRAISAL_GRADE_LABELS[g]}票数`}><InputNumber min={0} max={10000} style={{ width: 90 }} /></Form.Item>
            ))}
          </Space>
          <Form.Item name="grade" label="支部评定等次" rules={[{ required: true }]}><Select options={APPRAISAL_GRADES.map((g) => ({ value: g, label: APPRAISAL_GRADE_LABELS[g] }))} /></Form.Item>
          {grade === 'unqualified' && (
            <>
              <Form.Item name="action" label="组织处置" rules={[{ required: true, message: '请选择处置方式' }]}><Select options={FOLLOW_UP_ACTIONS.map((a) => ({ value: a, label: FOLLOW_UP_ACTION_LABELS[a] }))} /></Form.Item>
              <Form.Item name="dueOn" label="处置期限" rules={[{ required: true, message: '请选择期限' }]}><DatePicker inputReadOnly /></Form.Item>
              <Form.Item name="closedOn" label="办结日期"><DatePicker disabledDate={(x) => x.isAfter(dayjs(), 'day')} inputReadOnly /></Form.Item>
              <Form.Item name="outcome" label="处置结果"><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  );
}
