// 三会一课 compliance for the town and county: rates by town (ECharts), each town by kind, and the branches (paged).
import { useQuery } from '@tanstack/react-query';
import { COMPLIANCE_KINDS, FREQUENCY_LABELS, MEETING_KIND_LABELS, type ComplianceReport } from '@yanzhen/domain';
import { Card, InputNumber, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api';
import { EChart } from '../../app/EChart';
import { useServerPage } from '../../app/paging';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';

const pct = (p: number | null) => (p === null ? '—' : `${(p / 10).toFixed(1)}%`);
type Figures = ComplianceReport['county'];
const figuresCell = (f: Figures) => (
  <span>
    {pct(f.ratePermille)} <Typography.Text type="secondary">（按期{f.held}/应开{f.due}{f.overdue ? <>，<span style={{ color: '#cf1322' }}>逾期{f.overdue}</span></> : ''}）</Typography.Text>
  </span>
);

export default function CompliancePage() {
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [year, setYear] = useState(dayjs().year());
  const { page, pageSize, pagination } = useServerPage({ orgId, year });
  const { data, isLoading } = useQuery({ queryKey: ['org-life', 'compliance-page', orgId, year, page, pageSize], queryFn: () => api.get<ComplianceReport>(`/api/org-life/compliance?${new URLSearchParams({ ...(orgId ? { orgId } : {}), year: String(year), page: String(page), pageSize: String(pageSize) })}`) });
  const towns = data?.towns ?? [];
  return (
    <Card title="三会一课按期召开情况" extra={<BranchPicker value={orgId} onChange={setOrgId} />}>
      <Space wrap style={{ marginBottom: 12 }} size="large">
        <span>年度 <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 90 }} /></span>
        <Statistic title="按期召开率" value={pct(data?.county.ratePermille ?? null)} data-testid="county-rate" />
        <Statistic title="应召开（期次）" value={data?.county.due ?? 0} />
        <Statistic title="逾期未召开" value={data?.county.overdue ?? 0} valueStyle={{ color: '#cf1322' }} />
        <Statistic title="党支部" value={data?.total ?? 0} />
      </Space>
      {towns.length > 0 && (
        <div data-testid="compliance-chart">
          <EChart
            height={Math.max(220, towns.length * 26 + 60)}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v}%` },
              grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
              xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
              yAxis: { type: 'category', inverse: true, data: towns.map((t) => t.townName.replace(/党委$|党工委$/, '')) },
              series: [{ type: 'bar', name: '按期召开率', barMaxWidth: 28, data: towns.map((t) => (t.figures.ratePermille === null ? 0 : t.figures.ratePermille / 10)), itemStyle: { color: '#c41d1d' }, label: { show: true, position: 'right', formatter: '{c}%' } }],
            }}
          />
        </div>
      )}
      <Typography.Title level={5}>各乡镇（党委）分类情况</Typography.Title>
      <Table
        size="small"
        rowKey="townId"
        loading={isLoading}
        pagination={false}
        dataSource={towns}
        scroll={{ x: 900 }}
        columns={[
          { title: '乡镇（党委）', dataIndex: 'townName', fixed: 'left', width: 140 },
          { title: '支部', dataIndex: 'branches', width: 60 },
          { title: '合计', key: 'all', width: 200, render: (_, t) => figuresCell(t.figures) },
          ...COMPLIANCE_KINDS.map((k) => ({ title: MEETING_KIND_LABELS[k], key: k, width: 160, render: (_: unknown, t: (typeof towns)[number]) => pct(t.byKind.find((b) => b.kind === k)?.figures.ratePermille ?? null) })),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>各党支部</Typography.Title>
      <Table
        size="small"
        rowKey="orgId"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={pagination(data?.total, '个支部')}
        scroll={{ x: 900 }}
        data-testid="branch-compliance"
        columns={[
          { title: '党支部', dataIndex: 'orgName', fixed: 'left', width: 160 },
          { title: '乡镇', dataIndex: 'townName', width: 120 },
          { title: '合计', key: 'all', width: 200, render: (_, b) => figuresCell(b.figures) },
          ...COMPLIANCE_KINDS.map((k) => ({
            title: MEETING_KIND_LABELS[k],
            key: k,
            width: 150,
            render: (_: unknown, b: ComplianceReport['items'][number]) => {
              const x = b.kinds.find((i) => i.kind === k);
              if (!x) return <Typography.Text type="secondary">不适用</Typography.Text>;
              return (
                <span title={FREQUENCY_LABELS[x.frequency]}>
                  {x.figures.held}/{x.figures.due} {x.figures.overdue > 0 && <Tag color="red">逾期{x.figures.overdue}</Tag>}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
