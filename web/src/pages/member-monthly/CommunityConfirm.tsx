// 双报到 confirmation: service recorded by members who registered with a community inside my scope, to confirm or not.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { COMMUNITY_SERVICE_STATUS_LABELS, type CommunityService } from '@yanzhen/domain';
import { App, Button, Space, Table, Tag } from 'antd';
import { api, errorMessage } from '../../app/api';
import { useCan } from '../../app/auth';

export function CommunityConfirm() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const { data, isLoading } = useQuery({ queryKey: ['community', 'services'], queryFn: () => api.get<{ items: CommunityService[]; total: number }>('/api/community/services', { pageSize: 100 }), enabled: can('community.confirm') });
  const confirm = useMutation({
    mutationFn: (v: { s: CommunityService; confirm: boolean }) => api.post(`/api/community/services/${v.s.id}/confirm`, { confirm: v.confirm, version: v.s.version }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['community'] }),
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Table
      rowKey="id"
      size="small"
      loading={isLoading}
      dataSource={data?.items ?? []}
      scroll={{ x: 700 }}
      locale={{ emptyText: '暂无在本社区报到党员的服务记录' }}
      columns={[
        { title: '党员', dataIndex: 'memberName', width: 90 },
        { title: '社区', dataIndex: 'communityName', width: 120 },
        { title: '日期', dataIndex: 'servedOn', width: 110 },
        { title: '服务内容', dataIndex: 'content' },
        { title: '时长', dataIndex: 'hoursTenths', width: 80, render: (h: number) => `${h / 10}小时` },
        { title: '状态', key: 'st', width: 170, render: (_, s) => s.status === 'submitted' && can('community.confirm') ? (
          <Space>
            <Button size="small" type="primary" onClick={() => confirm.mutate({ s, confirm: true })}>确认</Button>
            <Button size="small" danger onClick={() => confirm.mutate({ s, confirm: false })}>不予确认</Button>
          </Space>
        ) : <Tag>{COMMUNITY_SERVICE_STATUS_LABELS[s.status]}</Tag> },
      ]}
    />
  );
}
