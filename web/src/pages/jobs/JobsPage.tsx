// 定时任务: what the scheduler runs (daily overdue marks, monthly closes), each job's recent runs, and a deliberate re-run.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { describeJobResult, JOB_CADENCE_LABELS, type JobInfo, type JobRun } from '@yanzhen/domain';
import { App, Button, Card, Empty, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';

const STATUS: Record<JobRun['status'], { color: string; text: string }> = {
  running: { color: 'processing', text: '运行中' },
  done: { color: 'success', text: '完成' },
  failed: { color: 'error', text: '失败' },
};


function JobCard({ job }: { job: JobInfo }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [period, setPeriod] = useState(job.duePeriod);
  const rerun = useMutation({
    mutationFn: () => api.post<{ status: string }>(`/api/jobs/${encodeURIComponent(job.name)}/run`, { period }),
    onSuccess: (r) => {
      if (r.status === 'done') message.success(`${job.label}（${period}）已运行完成`);
      else if (r.status === 'skipped') message.info('该周期的任务正在运行，请稍后刷新');
      else message.error(`${job.label}（${period}）运行失败，详见运行记录`);
      void client.invalidateQueries({ queryKey: ['jobs'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={<Space>{job.label}<Tag>{JOB_CADENCE_LABELS[job.cadence]}</Tag></Space>}
      extra={
        <Space.Compact>
          <Input style={{ width: 120 }} value={period} onChange={(e) => setPeriod(e.target.value.trim())} placeholder={job.cadence === 'daily' ? 'YYYY-MM-DD' : 'YYYY-MM'} aria-label={`${job.label}周期`} />
          <Popconfirm title={`立即运行 ${period} 的“${job.label}”？`} description="已完成的周期会重新运行，操作记入日志。" onConfirm={() => rerun.mutate()}>
            <Button type="primary" loading={rerun.isPending}>立即运行</Button>
          </Popconfirm>
        </Space.Compact>
      }
    >
      <Table<JobRun>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={job.lastRuns}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未运行" /> }}
        columns={[
          { title: '周期', dataIndex: 'period', width: 110 },
          { title: '状态', dataIndex: 'status', width: 80, render: (s: JobRun['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag> },
          { title: '开始', dataIndex: 'startedAt', width: 170, render: formatDateTime },
          { title: '结束', dataIndex: 'finishedAt', width: 170, render: formatDateTime },
          { title: '次数', dataIndex: 'attempts', width: 60 },
          { title: '方式', dataIndex: 'triggeredBy', width: 80, render: (t: string | null) => (t ? '手动' : '定时') },
          { title: '结果', key: 'result', render: (_: unknown, r) => <Typography.Text type={r.error ? 'danger' : undefined}>{r.error ?? describeJobResult(r.result, job.resultLabels)}</Typography.Text> },
        ]}
      />
    </Card>
  );
}

export default function JobsPage() {
  const jobs = useQuery({ queryKey: ['jobs'], queryFn: () => api.get<{ items: JobInfo[] }>('/api/jobs'), refetchInterval: 30_000 });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={4} style={{ margin: 0 }}>定时任务</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        系统每分钟检查一次：每日任务在当天（北京时间）运行一次，每月任务在次月 1 日起为上月运行一次。每个周期只运行一次；需要时可指定周期重新运行。
      </Typography.Paragraph>
      {jobs.error && <Typography.Text type="danger">{errorMessage(jobs.error)}</Typography.Text>}
      {jobs.data?.items.length === 0 && <Empty description="暂无定时任务" />}
      {jobs.data?.items.map((job) => <JobCard key={job.name} job={job} />)}
    </Space>
  );
}
