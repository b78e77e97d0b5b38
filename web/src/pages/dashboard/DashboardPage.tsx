// 首页: the totals of the user's organization and the structure charts (category, age band, sector, org types, joins by year).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/auth';
import { OrgSelect } from '../members/org-tree';
import { api, errorMessage } from '../../app/api';
import { EChart, type EChartOption } from '../../app/EChart';

type Bucket = { key: string; label: string; count: number };
export type DashboardSummary = {
  orgName: string;
  totals: { members: number; full: number; probationary: number; orgs: number; branches: number; female: number; under35: number; collegeEducated: number };
  byCategory?: Bucket[];
  byStatus?: Bucket[];
  byGender?: Bucket[];
  byEducation?: Bucket[];
  byAgeBand?: Bucket[];
  bySector?: Bucket[];
  orgsByType?: Bucket[];
  joinsByYear?: { year: number; count: number }[];
};

const RED = ['#c41d1d', '#e8684a', '#f6bd16', '#5b8ff9', '#5ad8a6', '#9270ca', '#ff9d4d', '#269a99', '#6dc8ec', '#ff99c3'];

const pct = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—');

const pieOption = (data: Bucket[]): EChartOption => {
  const shown = data.filter((d) => d.count > 0);
  const counts = new Map(shown.map((d) => [d.label, d.count]));
  return {
    color: RED,
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
    // Counts in the legend: slice labels get cut off in a third of a 1366-px screen.
    legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 12, itemHeight: 12, formatter: (name: string) => `${name}  ${counts.get(name) ?? 0}` },
    series: [{ type: 'pie', radius: ['40%', '70%'], center: ['32%', '50%'], label: { show: false }, data: shown.map((d) => ({ name: d.label, value: d.count })) }],
  };
};

const barOption = (data: Bucket[], unit = '人', horizontal = false): EChartOption => {
  const cat = { type: 'category' as const, data: data.map((d) => d.label), axisLabel: { interval: 0, fontSize: 11, rotate: !horizontal && data.length > 5 ? 30 : 0 } };
  const val = { type: 'value' as const, minInterval: 1 };
  return {
    color: RED,
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)} ${unit}` },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: [{ type: 'bar', data: data.map((d) => d.count), barMaxWidth: 28, label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 11 } }],
  };
};

const lineOption = (data: { year: number; count: number }[]): EChartOption => ({
  color: RED,
  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)} 人` },
  grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
  xAxis: { type: 'category', data: data.map((d) => String(d.year)) },
  yAxis: { type: 'value', minInterval: 1 },
  series: [{ type: 'line', areaStyle: { opacity: 0.15 }, data: data.map((d) => d.count) }],
});

function ChartCard({ title, data, option, height }: { title: string; data: unknown[] | undefined; option: EChartOption; height?: number }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {data && data.length > 0 ? <EChart option={option} height={height} /> : <Empty description="暂无数据" />}
    </Card>
  );
}

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const can = useCan();
  const orgId = params.get('orgId') ?? undefined;
  const { data, isLoading, error } = useQuery({
    queryKey: ['dashboard', orgId],
    queryFn: () => api.get<DashboardSummary>('/api/dashboard/summary', { orgId }),
  });

  const options = useMemo(
    () =>
      data && {
        category: pieOption(data.byCategory ?? []),
        age: barOption(data.byAgeBand ?? []),
        sector: barOption(data.bySector ?? [], '人', true),
        orgTypes: barOption(data.orgsByType ?? [], '个'),
        education: pieOption(data.byEducation ?? []),
        joins: lineOption(data.joinsByYear ?? []),
      },
    [data],
  );

  if (isLoading) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (error || !data || !options) return <Alert type="error" showIcon title="统计数据加载失败" description={errorMessage(error)} />;
  const t = data.totals;
  const stats: { title: string; value: number; suffix: string; note?: string }[] = [
    { title: '党员总数', value: t.members, suffix: '人' },
    { title: '正式党员', value: t.full, suffix: '人', note: pct(t.full, t.members) },
    { title: '预备党员', value: t.probationary, suffix: '人', note: pct(t.probationary, t.members) },
    { title: '党组织', value: t.orgs, suffix: '个', note: `其中党支部 ${t.branches} 个` },
    { title: '女党员', value: t.female, suffix: '人', note: pct(t.female, t.members) },
    { title: '35岁及以下', value: t.under35, suffix: '人', note: pct(t.under35, t.members) },
    { title: '大专及以上学历', value: t.collegeEducated, suffix: '人', note: pct(t.collegeEducated, t.members) },
  ];

  return (
    <div>
      <div className="yz-page-header">
        <Typography.Title level={4}>{data.orgName} · 党建概况</Typography.Title>
        {can('orgs.read') && (
          <OrgSelect
            value={orgId}
            onChange={(id) => setParams(id ? { orgId: id } : {}, { replace: true })}
            placeholder="切换组织查看"
            allowClear
            style={{ width: 280, maxWidth: '100%' }}
          />
        )}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))', gap: 12 }}>
        {stats.map((s) => (
          <div key={s.title}>
            <Card size="small" className="yz-stat-card" data-testid={`stat-${s.title}`}>
              <Statistic title={s.title} value={s.value} suffix={s.suffix} styles={{ content: { color: '#c41d1d' } }} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.note ?? '\u00a0'}
              </Typography.Text>
            </Card>
          </div>
        ))}
      </div>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={8}>
          <ChartCard title="党员类别" data={data.byCategory} option={options.category} />
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title="年龄结构" data={data.byAgeBand} option={options.age} />
        </Col>
        <Col xs={24} lg={8}>
          <ChartCard title="学历结构" data={data.byEducation} option={options.education} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title="各领域党员" data={data.bySector} option={options.sector} height={320} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title="党组织类型" data={data.orgsByType} option={options.orgTypes} height={320} />
        </Col>
        <Col xs={24}>
          <ChartCard title="历年发展党员（按入党年份）" data={data.joinsByYear} option={options.joins} height={260} />
        </Col>
      </Row>
    </div>
  );
}
