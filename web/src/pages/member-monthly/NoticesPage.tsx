// 支部通知: post a notice to a branch's members (shown on their phone page) and see how many have read each.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BranchNoticePage } from '@yanzhen/domain';
import { App, Button, Card, Form, Input, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { useServerPage } from '../../app/paging';
import { useCan } from '../../app/auth';
import { BranchPicker, useDefaultOrg } from './BranchPicker';

export default function NoticesPage() {
  const qc = useQueryClient();
  const can = useCan();
  const { message } = App.useApp();
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [form] = Form.useForm<{ title: string; body: string }>();
  const listPage = useServerPage(orgId);
  const list = useQuery({ queryKey: ['notices', orgId, listPage.query], queryFn: () => api.get<BranchNoticePage>('/api/notices', { orgId, ...listPage.query }), enabled: !!orgId });
  const post = useMutation({
    mutationFn: (v: { title: string; body: string }) => api.post('/api/notices', { orgId, ...v }),
    onSuccess: () => {
      message.success('已发布，本支部党员可在手机上查看');
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['notices'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Card title="支部通知" extra={<BranchPicker value={orgId} onChange={setOrgId} />}>
      {can('notices.write') && (
        <Form form={form} layout="vertical" onFinish={(v) => post.mutate(v)} style={{ maxWidth: 640 }} data-testid="notice-form">
          <Form.Item name="title" label="标题" rules={[{ required: true, min: 2, max: 60, message: '标题2–60个字' }]}><Input maxLength={60} /></Form.Item>
          <Form.Item name="body" label="内容" rules={[{ required: true, min: 2, max: 2000, message: '内容2–2000个字' }]}><Input.TextArea rows={4} maxLength={2000} showCount /></Form.Item>
          <Button type="primary" htmlType="submit" loading={post.isPending} disabled={!orgId}>发布通知</Button>
        </Form>
      )}
      <List
        style={{ marginTop: 16 }}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={list.data && list.data.total > 0 ? listPage.pagination(list.data.total, '条通知') : false}
        locale={{ emptyText: orgId ? '本支部暂无通知' : '请先在右上角选择一个党支部' }}
        renderItem={(n) => (
          <List.Item data-testid={`notice-${n.title}`}>
            <List.Item.Meta
              title={<Space wrap>{n.title}<Tag>{`已读 ${n.readCount ?? 0} / ${n.memberCount ?? 0}`}</Tag></Space>}
              description={<><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{n.body}</Typography.Paragraph><Typography.Text type="secondary">{n.postedByName} · {dayjs(n.postedAt).format('YYYY-MM-DD HH:mm')}</Typography.Text></>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
