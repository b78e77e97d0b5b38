// One org's annual score: each component's points, its measure and the evidence that produced it, with a link to the
// page that shows the records; a manual component (述职评议) is scored here by the org's town or the county.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ASSESSMENT_LEVEL_LABELS, ASSESSMENT_SOURCE_LABELS, centiText, type AssessmentOrgScore } from '@yanzhen/domain';
import { App, Button, Descriptions, Drawer, Empty, Form, Input, InputNumber, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api';

const pct = (p: number | null) => (p === null ? '无数据' : `${(p / 10).toFixed(1).replace(/\.0$/, '')}%`);

function ManualForm({ orgId, year, item, weight }: { orgId: string; year: number; item: string; weight: number }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ points: number; note: string }>();
  const save = useMutation({
    mutationFn: (v: { points: number; note: string }) => api.put(`/api/assessment/orgs/${orgId}/manual`, { year, key: item, ...v }),
    onSuccess: () => {
      message.success('已录入，下次计算得分时计入');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['assessment'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form form={form} layout="inline" onFinish={(v) => save.mutate(v)} style={{ marginTop: 8 }}>
      <Form.Item name="points" rules={[{ required: true, message: '请填写得分' }]}>
        <InputNumber min={0} max={weight} step={0.5} placeholder={`0–${weight} 分`} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="note" rules={[{ required: true, message: '请填写评定依据' }]}>
        <Input placeholder="评定依据（如：述职评议“较好”）" style={{ width: 240 }} maxLength={200} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>录入</Button>
    </Form>
  );
}

export function OrgScoreDrawer({ orgId, year, onClose }: { orgId: string | null; year: number; onClose: () => void }) {
  const { data } = useQuery({
    queryKey: ['assessment', 'org', orgId, year],
    queryFn: () => api.get<AssessmentOrgScore>(`/api/assessment/orgs/${orgId}?year=${year}`),
    enabled: orgId !== null,
  });
  return (
    <Drawer open={orgId !== null} onClose={onClose} width={720} title={data ? `${data.orgName} · ${year}年度考核` : '考核得分'} data-testid="org-score">
      {data && (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label="总分"><b data-testid="org-total">{centiText(data.centi)}</b></Descriptions.Item>
            <Descriptions.Item label="名次">{data.rank === null ? '—' : `${data.rank} / ${data.rankOf}（${data.level ? ASSESSMENT_LEVEL_LABELS[data.level] : ''}）`}</Descriptions.Item>
            <Descriptions.Item label="所属">{data.townName || '—'}</Descriptions.Item>
            <Descriptions.Item label="计算时间">{data.computedAt ? new Date(data.computedAt).toLocaleString('zh-CN') : '尚未计算'}{data.status === 'closed' && <Tag style={{ marginLeft: 8 }}>已冻结</Tag>}</Descriptions.Item>
          </Descriptions>
          {data.components.length === 0 ? (
            <Empty style={{ marginTop: 24 }} description="本年度尚未计算得分" />
          ) : (
            <List
              style={{ marginTop: 12 }}
              dataSource={data.components}
              data-testid="components"
              renderItem={(c) => (
                <List.Item>
                  <div style={{ width: '100%' }}>
                    <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                      <span>
                        <b>{c.label}</b> <Typography.Text type="secondary">{ASSESSMENT_SOURCE_LABELS[c.source]}</Typography.Text>
                      </span>
                      <span>
                        {c.centi === null ? <Tag>不计入</Tag> : <b>{centiText(c.centi)}</b>} <Typography.Text type="secondary">/ {c.weight} 分 · {pct(c.permille)}</Typography.Text>
                      </span>
                    </Space>
                    <div style={{ marginTop: 4 }}>
                      {c.evidence.summary}
                      {c.evidence.link && (
                        <>
                          {' '}
                          <Link to={c.evidence.link}>查看记录</Link>
                        </>
                      )}
                    </div>
                    {c.source === 'manual' && data.can.enter && <ManualForm orgId={data.orgId} year={year} item={c.key} weight={c.weight} />}
                  </div>
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Drawer>
  );
}
