// 年度考核: the ranking of one level (党（工）委 / 党总支 / 党支部) with each component's points, the county's compute and
// close (a recompute after closing asks for a reason), and the drill-down of an org to the evidence behind each point.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ASSESSMENT_LEVEL_LABELS,
  ASSESSMENT_LEVELS,
  centiText,
  type AssessmentLevel,
  type AssessmentRankingPage,
  type AssessmentYear,
} from '@yanzhen/domain';
import { App, Button, Card, Input, InputNumber, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { useServerPage } from '../../app/paging';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';
import { OrgScoreDrawer } from './OrgScoreDrawer';

const STATUS_TAG = { open: <Tag color="processing">进行中</Tag>, closed: <Tag color="default">已关闭（得分已冻结）</Tag>, none: <Tag>尚未计算</Tag> } as const;

export default function AssessmentPage() {
  const me = useCurrentUser();
  const manage = me.permissions.includes('assessment.manage');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [level, setLevel] = useState<AssessmentLevel>('branch');
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [openOrg, setOpenOrg] = useState<string | null>(null);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { page, pageSize, pagination } = useServerPage({ year, level, orgId });
  const { data, isLoading } = useQuery({
    queryKey: ['assessment', 'ranking', year, level, orgId, page, pageSize],
    queryFn: () => api.get<AssessmentRankingPage>(`/api/assessment/ranking?${new URLSearchParams({ year: String(year), level, ...(orgId ? { orgId } : {}), page: String(page), pageSize: String(pageSize) })}`),
  });
  const done = (text: string) => {
    message.success(text);
    setReasonOpen(false);
    setReason('');
    void qc.invalidateQueries({ queryKey: ['assessment'] });
  };
  const compute = useMutation({
    mutationFn: (r: string | null) => api.post<AssessmentYear & { millis: number }>('/api/assessment/compute', { year, reason: r }),
    onSuccess: (y) => done(`已计算 ${y.orgs} 个组织的得分（${y.asOf} 为止的记录，用时 ${y.millis} 毫秒）`),
    onError: (e) => message.error(errorMessage(e)),
  });
  const close = useMutation({
    mutationFn: () => api.post<AssessmentYear>('/api/assessment/close', { year }),
    onSuccess: () => done(`${year}年度考核已关闭，得分已冻结`),
    onError: (e) => message.error(errorMessage(e)),
  });
  const status = data?.status ?? 'none';
  const columns = data?.columns ?? [];

  return (
    <Card
      title="年度考核排名"
      extra={
        manage && (
          <Space>
            {status === 'closed' ? (
              <Button onClick={() => setReasonOpen(true)}>重新计算…</Button>
            ) : (
              <>
                <Button type="primary" loading={compute.isPending} onClick={() => compute.mutate(null)} data-testid="compute">计算得分</Button>
                <Button
                  disabled={status === 'none'}
                  loading={close.isPending}
                  onClick={() => Modal.confirm({ title: `关闭${year}年度考核？`, content: '关闭后得分冻结，人工评定与软弱涣散整顿的变更不再计入；确需重新计算须写明理由并记入操作日志。', okText: '关闭年度', onOk: () => close.mutateAsync() })}
                >
                  关闭年度
                </Button>
              </>
            )}
          </Space>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }} size="middle">
        <span>年度 <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 90 }} /></span>
        <Segmented value={level} onChange={(v) => setLevel(v as AssessmentLevel)} options={ASSESSMENT_LEVELS.map((l) => ({ value: l, label: ASSESSMENT_LEVEL_LABELS[l] }))} />
        <BranchPicker value={orgId} onChange={setOrgId} />
        <span data-testid="year-status">{STATUS_TAG[status]}</span>
      </Space>
      <Table
        size="small"
        rowKey="orgId"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={pagination(data?.total, '个组织')}
        scroll={{ x: 360 + columns.length * 96 }}
        data-testid="ranking"
        onRow={(r) => ({ onClick: () => setOpenOrg(r.orgId), style: { cursor: 'pointer' } })}
        columns={[
          { title: '名次', dataIndex: 'rank', width: 60, fixed: 'left', render: (r: number | null) => r ?? '—' },
          { title: '组织', dataIndex: 'orgName', width: 180, fixed: 'left', render: (n: string) => <Typography.Link>{n}</Typography.Link> },
          { title: '乡镇（党委）', dataIndex: 'townName', width: 130 },
          { title: '总分', dataIndex: 'centi', width: 80, render: (c: number | null) => <b>{centiText(c)}</b> },
          ...columns.map((c) => ({
            title: <span title={`满分 ${c.weight} 分`}>{c.label}<Typography.Text type="secondary">（{c.weight}）</Typography.Text></span>,
            key: c.key,
            width: 96,
            render: (_: unknown, r: AssessmentRankingPage['items'][number]) => {
              const v = r.components[c.key];
              return v === null || v === undefined ? <Typography.Text type="secondary" title="无数据，不计入">不计</Typography.Text> : centiText(v);
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        名次在全县同一层级内排定；某项“不计”表示该项没有可评判的记录，总分按其余各项折算为百分制。点击组织查看每一项得分的依据。
      </Typography.Paragraph>
      <OrgScoreDrawer orgId={openOrg} year={year} onClose={() => setOpenOrg(null)} />
      <Modal
        open={reasonOpen}
        title={`重新计算${year}年度考核（已关闭）`}
        okText="重新计算"
        okButtonProps={{ disabled: reason.trim().length < 2, loading: compute.isPending }}
        onOk={() => compute.mutate(reason.trim())}
        onCancel={() => setReasonOpen(false)}
      >
        <Typography.Paragraph>年度已关闭，重新计算会替换冻结的得分，并连同理由记入操作日志。</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={200} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="请写明重新计算的理由（如：某村5月履职星级复核更正）" />
      </Modal>
    </Card>
  );
}
