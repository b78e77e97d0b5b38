// 流动党员汇报: the branch's inbox of situation reports (accept or return with a reason) and who has not reported.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { REPORT_STATUS_LABELS, type MissingReports, type Report } from '@yanzhen/domain';
import { App, Button, Card, DatePicker, Image, Input, List, Modal, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useServerPage } from '../../app/paging';
import { useCan } from '../../app/auth';
import { BranchPicker, useDefaultOrg } from './BranchPicker';
import { CommunityConfirm } from './CommunityConfirm';

const COLOR = { submitted: 'processing', accepted: 'success', returned: 'error' } as const;

export default function ReportsPage() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [returning, setReturning] = useState<Report | null>(null);
  const [note, setNote] = useState('');
  const inboxPage = useServerPage([orgId, month]);
  const missingPage = useServerPage([orgId, month], 50);
  const list = useQuery({ queryKey: ['reports', orgId, month, inboxPage.query], queryFn: () => api.get<{ items: Report[]; total: number }>('/api/reports', { orgId, month, ...inboxPage.query }), enabled: !!orgId });
  const missing = useQuery({ queryKey: ['reports', 'missing', orgId, month, missingPage.query], queryFn: () => api.get<MissingReports>('/api/reports/missing', { orgId, month, ...missingPage.query }), enabled: !!orgId });
  const review = useMutation({
    mutationFn: (v: { r: Report; accept: boolean; note?: string }) => api.post(`/api/reports/${v.r.id}/review`, { accept: v.accept, note: v.note ?? null, version: v.r.version }),
    onSuccess: () => {
      setReturning(null);
      void qc.invalidateQueries({ queryKey: ['reports'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title="流动党员汇报" extra={<Space wrap><BranchPicker value={orgId} onChange={setOrgId} /><DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} /></Space>}>
      <Tabs
        items={[
          {
            key: 'inbox',
            label: `收到的汇报（${list.data?.total ?? 0}）`,
            children: (
              <List
                loading={list.isLoading}
                dataSource={list.data?.items ?? []}
                pagination={list.data && list.data.total > 0 ? inboxPage.pagination(list.data.total, '份') : false}
                locale={{ emptyText: '本月暂无汇报' }}
                renderItem={(r) => (
                  <List.Item
                    data-testid={`report-${r.memberName}`}
                    actions={r.status === 'submitted' && can('reports.review') ? [
                      <Button key="a" type="primary" size="small" onClick={() => review.mutate({ r, accept: true })}>认可</Button>,
                      <Button key="r" size="small" danger onClick={() => { setNote(''); setReturning(r); }}>退回</Button>,
                    ] : []}
                  >
                    <List.Item.Meta
                      title={<Space>{r.memberName}<Typography.Text type="secondary">{r.orgName} · {r.location}</Typography.Text><Tag color={COLOR[r.status]}>{REPORT_STATUS_LABELS[r.status]}</Tag></Space>}
                      description={
                        <>
                          <span style={{ whiteSpace: 'pre-wrap' }}>{r.content}{r.reviewNote ? `（${r.reviewNote}）` : ''}</span>
                          {r.photos.length > 0 && (
                            <div style={{ marginTop: 8 }} data-testid={`report-photos-${r.memberName}`}>
                              <Image.PreviewGroup>
                                <Space wrap>{r.photos.map((p) => <Image key={p.id} src={p.url} alt={p.name} width={96} height={72} style={{ objectFit: 'cover' }} />)}</Space>
                              </Image.PreviewGroup>
                            </div>
                          )}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            ),
          },
          {
            key: 'community',
            label: '社区服务确认',
            children: <CommunityConfirm />,
          },
          {
            key: 'missing',
            label: `未汇报（${missing.data?.total ?? 0}）`,
            children: (
              <List
                data-testid="missing-reports"
                loading={missing.isLoading}
                dataSource={missing.data?.items ?? []}
                pagination={missing.data && missing.data.total > 0 ? missingPage.pagination(missing.data.total, '人') : false}
                locale={{ emptyText: '流动党员均已汇报' }}
                renderItem={(m) => <List.Item>{m.name} · {m.orgName} · 外出地点：{m.mobileDestination ?? '—'}</List.Item>}
              />
            ),
          },
        ]}
      />
      <Modal open={!!returning} title={`退回 ${returning?.memberName ?? ''} 的汇报`} onCancel={() => setReturning(null)} onOk={() => returning && review.mutate({ r: returning, accept: false, note })} okButtonProps={{ disabled: note.trim().length < 2 }}>
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder="退回原因" />
      </Modal>
    </Card>
  );
}
