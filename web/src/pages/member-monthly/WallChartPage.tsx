// 党员星级管理实时质量图: every member of a branch × this year's months, stars as they are earned (the mobile members'
// module apart), refreshed every half minute; printable on A3 landscape for the wall (上墙公示).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MEMBER_TIER_LABELS, type WallChart, type WallRow } from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Empty, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useCan, useCurrentUser } from '../../app/auth';
import { BranchPicker } from './BranchPicker';
import './wall-chart.css';

const starText = (n: number) => (n > 0 ? '★'.repeat(n) : '·');

function WallTable({ rows, months, title, testId }: { rows: WallRow[]; months: string[]; title: string; testId: string }) {
  return (
    <div className="yz-wall-section" data-testid={testId}>
      <Typography.Title level={5}>{title}（{rows.length}人）</Typography.Title>
      <Table
        size="small"
        rowKey="memberId"
        bordered
        pagination={false}
        dataSource={rows}
        scroll={{ x: 1100 }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 80, fixed: 'left' },
          ...months.map((m) => ({
            title: `${Number(m.slice(5))}月`,
            key: m,
            width: 68,
            align: 'center' as const,
            render: (_: unknown, r: WallRow) => {
              const c = r.months.find((x) => x.month === m);
              return <span className={`yz-wall-stars s${c?.stars ?? 0}`} title={c ? `${c.points}分` : '尚未评定'} data-testid={`cell-${r.name}-${m}`}>{c ? starText(c.stars) : ''}</span>;
            },
          })),
          { title: '星数', dataIndex: 'totalStars', width: 56, align: 'center' as const },
          // The tier is set by the average monthly points, not the star count: show it, so 44 stars 优秀 beside 44 stars 合格 is explained.
          { title: '月均分', dataIndex: 'averagePoints', width: 64, align: 'center' as const, render: (v: number, r: WallRow) => (r.months.length ? v.toFixed(1) : '—') },
          { title: '等次', dataIndex: 'tier', width: 72, render: (t: WallRow['tier']) => (t ? MEMBER_TIER_LABELS[t] : '—') },
        ]}
      />
    </div>
  );
}

export default function WallChartPage() {
  const me = useCurrentUser();
  const can = useCan();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>(me.role === 'branchSecretary' ? me.orgId : undefined);
  const [year, setYear] = useState(dayjs().year());
  const { data, error, isLoading } = useQuery({ queryKey: ['stars', 'wall', orgId, year], queryFn: () => api.get<WallChart>('/api/stars/wall', { orgId, year }), enabled: !!orgId, refetchInterval: 30_000 });
  const compute = useMutation({
    mutationFn: () => api.post<{ members: number; seconds: number }>('/api/stars/compute', { month: dayjs().format('YYYY-MM'), orgId }),
    onSuccess: (r) => {
      message.success(`已重新计算本月星级：${r.members} 人，用时 ${r.seconds} 秒`);
      void qc.invalidateQueries({ queryKey: ['stars'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card
      className="yz-wall"
      title={<span>党员星级管理实时质量图{data ? ` · ${data.orgName} · ${data.year}年` : ''}</span>}
      extra={
        <Space wrap className="yz-no-print">
          <BranchPicker value={orgId} onChange={setOrgId} branchesOnly />
          <DatePicker picker="year" value={dayjs(`${year}-01-01`)} onChange={(d) => d && setYear(d.year())} allowClear={false} />
          {can('stars.write') && <Button onClick={() => compute.mutate()} loading={compute.isPending} disabled={!orgId}>重算本月</Button>}
          <Button type="primary" onClick={() => window.print()} disabled={!data}>打印（A3）</Button>
        </Space>
      }
    >
      {!orgId && <Empty description="请选择一个党支部" />}
      {error && <Typography.Text type="danger">{errorMessage(error)}</Typography.Text>}
      {isLoading && orgId && <Typography.Text type="secondary">加载中…</Typography.Text>}
      {data && (
        <>
          <Typography.Paragraph type="secondary" className="yz-wall-legend">
            在职党员：1号活动、交纳党费、遵规守纪、岗位争先、社区报到；流动党员：汇报情况、交纳党费。★ 越多越好，· 为不合格。{data.updatedAt ? `更新于 ${dayjs(data.updatedAt).format('YYYY-MM-DD HH:mm')}` : ''}
          </Typography.Paragraph>
          <WallTable rows={data.inService} months={data.months} title="在职党员" testId="wall-in-service" />
          {data.mobile.length > 0 && <WallTable rows={data.mobile} months={data.months} title="流动党员模块" testId="wall-mobile" />}
        </>
      )}
    </Card>
  );
}
