// 职工评议 (county and town): issue one-time codes for an assignment and year (shown once: print the slips with their QR
// codes now), the batches issued with how many were used, and each instructor's aggregate (shown from 3 votes).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { STAFF_RATING_LEVEL_LABELS, type AssignmentLetters, type RatingBatch, type RatingCodesIssued, type StaffRatingSummary } from '@yanzhen/domain';
import { Alert, App, Button, DatePicker, Descriptions, InputNumber, Modal, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { useServerPage } from '../../app/paging';

type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
const ratingUrl = (code: string) => `${window.location.origin}/r?c=${encodeURIComponent(code)}`;

function CodeSlip({ code, issued }: { code: string; issued: RatingCodesIssued }) {
  const [img, setImg] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(ratingUrl(code), { width: 160, margin: 1, errorCorrectionLevel: 'M' }).then(setImg);
  }, [code]);
  return (
    <div style={{ border: '1px dashed #bbb', padding: 8, textAlign: 'center', breakInside: 'avoid' }} data-testid="rating-slip">
      <div style={{ fontSize: 12 }}>{issued.enterpriseName} · 职工评议</div>
      {img && <img src={img} alt={`评议码 ${code}`} width={120} height={120} />}
      <div style={{ fontFamily: 'monospace', fontSize: 16, fontWeight: 600 }}>{code}</div>
      <div style={{ fontSize: 11, color: '#666' }}>扫码或打开 {window.location.host}/r 输入评议码</div>
    </div>
  );
}

function IssueModal({ assignment, year, onClose }: { assignment: AssignmentLetters | null; year: number; onClose: () => void }) {
  const qc = useQueryClient();
  const [count, setCount] = useState<number | null>(20);
  const issue = useMutation({
    mutationFn: () => api.post<RatingCodesIssued>(`/api/instructors/assignments/${assignment!.assignmentId}/rating-codes`, { year, count }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['rating-batches'] }),
  });
  const issued = issue.data;
  return (
    <Modal
      open={!!assignment}
      width={issued ? 820 : 480}
      title={`发放职工评议码 · ${assignment?.instructorName ?? ''}（${assignment?.enterpriseName ?? ''}）`}
      onCancel={onClose}
      destroyOnHidden
      footer={issued ? <Button onClick={() => window.print()}>打印评议码</Button> : <Button type="primary" loading={issue.isPending} onClick={() => issue.mutate()}>发放</Button>}
    >
      {!issued ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <InputNumber addonBefore="评议码数量" min={1} max={300} value={count} onChange={setCount} addonAfter="个" style={{ width: '100%' }} />
          <Typography.Text type="secondary">{year} 年度。每名参评职工一个评议码，每码只能评议一次；评议码只在发放时显示一次，请当场打印交企业分发。</Typography.Text>
          {issue.error && <Alert type="error" showIcon title={errorMessage(issue.error)} />}
        </Space>
      ) : (
        <>
          <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={`已发放 ${issued.codes.length} 个，有效期至 ${dayjs(issued.expiresAt).subtract(1, 'second').format('YYYY-MM-DD')}。关闭后无法再次查看，请立即打印。`} />
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 8 }} data-testid="rating-codes">
            {issued.codes.map((c) => <CodeSlip key={c} code={c} issued={issued} />)}
          </div>
        </>
      )}
    </Modal>
  );
}

function SummaryModal({ instructor, year, onClose }: { instructor: { id: string; name: string } | null; year: number; onClose: () => void }) {
  const { data, error } = useQuery({ enabled: !!instructor, queryKey: ['staff-rating', instructor?.id, year], queryFn: () => api.get<StaffRatingSummary>(`/api/instructors/${instructor!.id}/staff-ratings`, { year }) });
  return (
    <Modal open={!!instructor} title={`${instructor?.name ?? ''} · ${year} 年职工评议`} onCancel={onClose} footer={null} destroyOnHidden>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {data && !data.visible && <Alert type="info" showIcon title={`已收到 ${data.votes} 份评议，满 ${data.minVotes} 份后显示汇总（保护评议人匿名）。`} />}
      {data?.visible && (
        <>
          <Descriptions size="small" column={2} items={[{ key: 'v', label: '评议份数', children: data.votes }, { key: 's', label: '平均得分', children: `${data.score} 分（计入考核 ${data.componentScore} 分）` }]} />
          <Table size="small" rowKey="item" pagination={false} dataSource={data.items} columns={[{ title: '评议项目', dataIndex: 'item' }, ...(['satisfied', 'basic', 'unsatisfied'] as const).map((l) => ({ title: STAFF_RATING_LEVEL_LABELS[l], dataIndex: l, width: 90 }))]} />
        </>
      )}
    </Modal>
  );
}

export function StaffRatingsTab() {
  const me = useCurrentUser();
  const canManage = me.permissions.includes('instructors.manage');
  const [year, setYear] = useState(dayjs().year());
  const [issuing, setIssuing] = useState<AssignmentLetters | null>(null);
  const [viewing, setViewing] = useState<{ id: string; name: string } | null>(null);
  const a = useServerPage({});
  const assignments = useQuery({ queryKey: ['instructor-letters', 'all', a.query], queryFn: () => api.get<Paged<AssignmentLetters>>('/api/instructors/letters', a.query) });
  const b = useServerPage({ year });
  const batches = useQuery({ queryKey: ['rating-batches', year, b.query], queryFn: () => api.get<Paged<RatingBatch>>('/api/instructors/rating-batches', { year, ...b.query }) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker picker="year" allowClear={false} value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} aria-label="评议年度" />
        <Typography.Text type="secondary">职工凭评议码在手机上匿名评议（满意 / 基本满意 / 不满意）；满 3 份后按评议平均分计入年度考核的“职工评议”。</Typography.Text>
      </Space>
      {(assignments.error || batches.error) && <Alert type="error" showIcon title={errorMessage(assignments.error ?? batches.error)} />}
      <Typography.Title level={5}>在任指派</Typography.Title>
      <Table<AssignmentLetters>
        rowKey="assignmentId"
        size="small"
        loading={assignments.isLoading}
        dataSource={assignments.data?.items}
        pagination={a.pagination(assignments.data?.total, '项指派')}
        data-testid="rating-assignments"
        columns={[
          { title: '指导员', dataIndex: 'instructorName', width: 90 },
          { title: '企业', dataIndex: 'enterpriseName', width: 220 },
          { title: '镇街', dataIndex: 'townName', width: 90, render: (v: string | null) => v ?? '—' },
          {
            title: '',
            key: 'act',
            width: 200,
            render: (_, r) => (
              <Space size={4}>
                {canManage && <Button size="small" onClick={() => setIssuing(r)}>发放评议码</Button>}
                <Button size="small" onClick={() => setViewing({ id: r.instructorId, name: r.instructorName })}>评议汇总</Button>
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{year} 年已发放的评议码</Typography.Title>
      <Table<RatingBatch>
        rowKey="id"
        size="small"
        loading={batches.isLoading}
        dataSource={batches.data?.items}
        pagination={b.pagination(batches.data?.total, '批')}
        data-testid="rating-batches"
        columns={[
          { title: '指导员', dataIndex: 'instructorName', width: 90 },
          { title: '企业', dataIndex: 'enterpriseName', width: 220 },
          { title: '发放', dataIndex: 'issued', width: 70 },
          { title: '已评议', dataIndex: 'used', width: 80 },
          { title: '发放时间', dataIndex: 'createdAt', width: 160, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: '有效期至', dataIndex: 'expiresAt', width: 110, render: (v: string) => dayjs(v).subtract(1, 'second').format('YYYY-MM-DD') },
        ]}
      />
      <IssueModal assignment={issuing} year={year} onClose={() => setIssuing(null)} />
      <SummaryModal instructor={viewing} year={year} onClose={() => setViewing(null)} />
    </>
  );
}
