// 发展党员: the pipeline of the user's subtree — a funnel of people per stage, overdue and upcoming deadlines, all files.
import { DownloadOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { DEADLINE_KIND_LABELS, DEVELOPMENT_STAGES, FILE_STATUS_LABELS, WARNING_KIND_LABELS, stepDef, type FileSummary, type ZWarningList } from '@yanzhen/domain';
import type { z } from 'zod';
import { Alert, Button, Card, Col, Row, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { FunnelChart } from 'echarts/charts';
import * as echarts from 'echarts/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, download, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';
import { EChart, type EChartOption } from '../../app/EChart';
import { OrgSelect } from '../members/org-tree';
import { usePipeline, type FileList } from './development-api';
import { NewFileButton } from './NewFileModal';
import './development.css';
import { PlansPanel } from './PlansPanel';

echarts.use([FunnelChart]);

const STAGE_SHORT = ['申请入党', '入党积极分子', '发展对象', '预备党员接收', '预备期考察转正'];
const FUNNEL_COLORS = ['#a8071a', '#cf1322', '#f5222d', '#fa541c', '#fa8c16'];
const DEADLINE_SHORT: Record<string, string> = { talk: '谈话', assessment: '半年考察', approval: '审批', conversion: '讨论转正', conversionApproval: '转正审批' };

export function DeadlineTag({ file }: { file: FileSummary }) {
  const d = file.nextDeadline;
  if (!d) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Tag color={d.overdue ? 'red' : 'gold'} title={DEADLINE_KIND_LABELS[d.kind]}>
      {DEADLINE_SHORT[d.kind]}{d.overdue ? '已超期' : '截止'} {d.due}
    </Tag>
  );
}

function FileTable({ query, testId }: { query: Record<string, string | number | undefined>; testId: string }) {
  const [page, setPage] = useState(1);
  const path = query.within ? '/api/development/deadlines' : '/api/development/files';
  const { data, isLoading, error } = useQuery({
    queryKey: ['development', 'files', path, query, page],
    queryFn: () => api.get<FileList>(path, { ...query, page, pageSize: 20 }),
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Table<FileSummary>
      data-testid={testId}
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data?.items}
      scroll={{ x: 600 }}
      rowClassName={(r) => (r.nextDeadline?.overdue ? 'dev-overdue-row' : '')}
      pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (t) => `共 ${t} 人` }}
      columns={[
        // 当前步骤 takes the room left and cuts long step names, so 期限 stays in view at 1366 px.
        { title: '姓名', dataIndex: 'name', render: (v: string, r) => <Link to={`/development/${r.id}`}>{v}</Link>, width: 84 },
        { title: '所在支部', dataIndex: 'orgName', ellipsis: true, width: 120 },
        { title: '当前步骤', dataIndex: 'currentStep', ellipsis: true, render: (s: number, r) => (r.status !== 'active' ? FILE_STATUS_LABELS[r.status] : s === 0 ? '已建档' : `${s}. ${stepDef(s).name}`) },
        { title: '期限', key: 'deadline', width: 190, render: (_, r) => <DeadlineTag file={r} /> },
      ]}
    />
  );
}

type WarningRow = z.infer<typeof ZWarningList>['items'][number];
function WarningTable({ orgId }: { orgId?: string }) {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, isLoading, error } = useQuery({
    queryKey: ['development', 'warnings', orgId ?? null, page],
    queryFn: () => api.get<z.infer<typeof ZWarningList>>('/api/development/warnings', { orgId, page, pageSize: 10 }),
  });
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <Table<WarningRow>
      size="small"
      rowKey="id"
      loading={isLoading}
      data-testid="dev-warning-list"
      dataSource={data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      onRow={(r) => ({ onClick: () => navigate(`/development/${r.fileId}`), style: { cursor: 'pointer' } })}
      columns={[
        { title: '姓名', dataIndex: 'name' },
        { title: '党支部', dataIndex: 'orgName' },
        { title: '预警', dataIndex: 'kind', render: (k: WarningRow['kind']) => <Tag color={k === 'probationEnding' ? 'gold' : 'red'}>{WARNING_KIND_LABELS[k]}</Tag> },
        { title: '应办日期', dataIndex: 'due' },
        { title: '发现日期', dataIndex: 'detectedOn' },
      ]}
    />
  );
}

export default function DevelopmentPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [orgId, setOrgId] = useState<string | undefined>();
  const [stage, setStage] = useState<number | undefined>();
  const { data, error } = usePipeline(orgId);
  const canRecord = me.permissions.includes('development.record');

  const funnel = useMemo<EChartOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人' },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: '8%',
          width: '84%',
          top: 10,
          bottom: 10,
          minSize: '30%',
          gap: 2,
          label: { show: true, position: 'inside', formatter: '{b} {c} 人', fontSize: 13, color: '#fff', textBorderWidth: 0 },
          data: (data?.stages ?? []).map((s, i) => ({ name: STAGE_SHORT[s.stage - 1], value: s.count, itemStyle: { color: FUNNEL_COLORS[i] } })),
        },
      ],
    }),
    [data],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          发展党员
        </Typography.Title>
        <Space wrap>
          <OrgSelect value={orgId} onChange={setOrgId} allowClear placeholder="全部组织" style={{ width: 220 }} />
          <Button icon={<TeamOutlined />} onClick={() => navigate('/development/prospects')}>
            入党意向人员
          </Button>
          <Button onClick={() => navigate('/development/rules')}>规则与编号</Button>
          {canRecord && <Button onClick={() => navigate('/development/import')}>导入</Button>}
          <Button icon={<DownloadOutlined />} onClick={() => void download('/api/development/export', { orgId, stage }, '发展党员进度.xlsx')}>
            导出Excel
          </Button>
          {canRecord && <NewFileButton onCreated={(id) => navigate(`/development/${id}`)} />}
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {(data?.quotaWarnings ?? []).map((w) => (
        <Alert key={w.orgId} type={w.exceeded ? 'error' : 'warning'} showIcon title={w.message} data-testid="dev-quota-warning" />
      ))}
      {(data?.warnings.length ?? 0) > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="dev-warnings"
          title={
            <Space wrap size={[4, 4]}>
              每日检查预警：
              {data!.warnings.map((w) => (
                <Tag key={w.kind} color={w.kind === 'probationEnding' ? 'gold' : 'red'}>
                  {w.label} {w.count} 人
                </Tag>
              ))}
            </Space>
          }
        />
      )}
      <Row gutter={[12, 12]}>
        {[
          { title: '超期未办', value: data?.overdue, color: '#cf1322', testId: 'stat-overdue' },
          { title: '7天内到期', value: data?.dueThisWeek, color: '#d48806', testId: 'stat-week' },
          { title: '30天内到期', value: data?.dueThisMonth, color: '#d48806', testId: 'stat-month' },
          { title: '今年转正归档', value: data?.completedThisYear, color: '#389e0d', testId: 'stat-completed' },
        ].map((s) => (
          <Col key={s.title} xs={12} md={6}>
            <Card size="small" data-testid={s.testId}>
              <Statistic title={s.title} value={s.value ?? '—'} suffix="人" styles={{ content: { color: s.color } }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Card size="small" title="各阶段人数" data-testid="dev-funnel">
            <EChart option={funnel} height={300} />
            <Space wrap size={[4, 4]}>
              {(data?.stages ?? []).map((s) => (
                <Tag key={s.stage} data-testid={`stage-${s.stage}`}>
                  第{s.stage}阶段 {s.count} 人
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small">
            <Tabs
              items={[
                { key: 'overdue', label: `超期（${data?.overdue ?? 0}）`, children: <FileTable testId="dev-overdue" query={{ within: 'overdue', orgId }} /> },
                { key: 'warnings', label: `预警（${(data?.warnings ?? []).reduce((n, w) => n + w.count, 0)}）`, children: <WarningTable orgId={orgId} /> },
                { key: 'week', label: '7天内到期', children: <FileTable testId="dev-week" query={{ within: 'week', orgId }} /> },
                { key: 'month', label: '30天内到期', children: <FileTable testId="dev-month" query={{ within: 'month', orgId }} /> },
                {
                  key: 'all',
                  label: '全部档案',
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Select
                        allowClear
                        placeholder="按阶段筛选"
                        style={{ width: 260 }}
                        value={stage}
                        onChange={setStage}
                        options={DEVELOPMENT_STAGES.map((s) => ({ value: s.stage, label: `第${s.stage}阶段 ${s.name}` }))}
                      />
                      <FileTable testId="dev-all" query={{ orgId, stage, status: 'active' }} />
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <PlansPanel orgId={orgId} />
      <Typography.Text type="secondary">
        <PlusOutlined /> 依据《中国共产党发展党员工作细则》5个阶段25个步骤逐步办理；超期项以红色标出。
      </Typography.Text>
    </Space>
  );
}
