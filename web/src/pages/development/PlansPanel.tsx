// 计划与结构: annual quotas per committee (county administrators set them), the structure of this year's admissions,
// and branches with no new member for three years.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Structure, ZQuotaList, ZStaleOrgs } from '@yanzhen/domain';
import { Alert, App, Card, Col, InputNumber, List, Row, Statistic, Table, Tag, Typography } from 'antd';
import { api, errorMessage } from '../../app/api';
import { useCurrentUser } from '../../app/auth';

type QuotaRow = z.infer<typeof ZQuotaList>['items'][number];

export function PlansPanel({ orgId }: { orgId?: string }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const year = new Date().getFullYear();
  const quotas = useQuery({ queryKey: ['development', 'quotas', year], queryFn: () => api.get<z.infer<typeof ZQuotaList>>('/api/development/quotas', { year }) });
  const structure = useQuery({ queryKey: ['development', 'structure', year, orgId ?? null], queryFn: () => api.get<Structure>('/api/development/structure', { year, orgId }) });
  const stale = useQuery({ queryKey: ['development', 'stale', orgId ?? null], queryFn: () => api.get<z.infer<typeof ZStaleOrgs>>('/api/development/stale-orgs', { orgId }) });
  const canSet = me.permissions.includes('development.rules');
  const setQuota = useMutation({
    mutationFn: (v: { orgId: string; quota: number }) => api.put('/api/development/quotas', { ...v, year }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['development', 'quotas'] });
      message.success('已保存年度计划');
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const s = structure.data;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={`${year}年发展计划（控制总量）`}>
          {quotas.error && <Alert type="error" showIcon title={errorMessage(quotas.error)} />}
          <Table<QuotaRow>
            rowKey="orgId"
            size="small"
            loading={quotas.isLoading}
            dataSource={quotas.data?.items}
            pagination={{ pageSize: 8, showSizeChanger: false }}
            columns={[
              { title: '党委', dataIndex: 'orgName', ellipsis: true },
              {
                title: '计划数',
                dataIndex: 'quota',
                width: 110,
                render: (q: number | null, r) =>
                  canSet ? <InputNumber size="small" min={0} defaultValue={q ?? undefined} placeholder="未定" onBlur={(e) => e.target.value !== '' && Number(e.target.value) !== q && setQuota.mutate({ orgId: r.orgId, quota: Number(e.target.value) })} /> : (q ?? '未定'),
              },
              { title: '已审批', dataIndex: 'admitted', width: 70 },
              { title: '', key: 'flag', width: 70, render: (_, r) => (r.exceeded ? <Tag color="red">超计划</Tag> : null) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={`${year}年接收预备党员结构`} style={{ marginBottom: 12 }}>
          <Row gutter={8}>
            {[
              ['接收人数', s?.admitted, '人'],
              ['35岁以下', s?.shares.under35, '%'],
              ['女性', s?.shares.women, '%'],
              ['一线', s?.shares.frontline, '%'],
              ['大专以上', s?.shares.college, '%'],
            ].map(([t, v, u]) => (
              <Col key={String(t)} xs={8} md={4} style={{ minWidth: 90 }}>
                <Statistic title={t} value={(v as number | undefined) ?? '—'} suffix={u} />
              </Col>
            ))}
          </Row>
        </Card>
        <Card size="small" title="连续3年未发展党员的党支部" extra={stale.data && <Typography.Text type="secondary">{stale.data.since} 以来</Typography.Text>}>
          <List
            size="small"
            loading={stale.isLoading}
            dataSource={stale.data?.items ?? []}
            pagination={{ pageSize: 6, size: 'small' }}
            locale={{ emptyText: '无' }}
            renderItem={(i) => (
              <List.Item>
                <span>{i.orgName}</span>
                <Typography.Text type="secondary" style={{ marginLeft: 12 }}>{i.lastJoinDate ? `最近一次 ${i.lastJoinDate}` : '无党员'}</Typography.Text>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
