// 党员详情: the record, the audited full ID number, the change history as a timeline, 调整支部.
import { ArrowLeftOutlined, EditOutlined, EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  type MemberDetail,
  type MemberHistory as MemberHistoryPage,
  type MemberSensitive,
} from '@yanzhen/domain';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Grid, Input, Modal, Pagination, Skeleton, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage, isStaleVersion } from '../../app/api';
import { useServerPage } from '../../app/paging';
import { actionLabel, formatChangeValue, formatDateTime, label, FIELD_LABELS } from '../../app/format';
import { OrgSelect } from './org-tree';
import { MemberDisciplines } from './MemberDisciplines';

export function MemberHistory({ memberId }: { memberId: string }) {
  const historyPage = useServerPage(memberId, 50);
  const { data, isLoading, error } = useQuery({
    queryKey: ['members', 'history', memberId, historyPage.query],
    queryFn: () => api.get<MemberHistoryPage>(`/api/members/${memberId}/history`, historyPage.query),
  });
  if (isLoading) return <Skeleton active />;
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data?.items.length) return <Empty description="暂无变更记录" />;
  return (
    <>
      <Timeline
        data-testid="member-history"
        items={data.items.map((e) => ({
          key: e.id,
          color: e.outcome === 'failure' ? 'gray' : 'red',
          content: (
            <div>
              <Typography.Text strong>{actionLabel(e.action)}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.actorName ?? '系统'}
              </Typography.Text>
              {e.changes && Object.keys(e.changes).length > 0 && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {Object.entries(e.changes).map(([field, c]) => (
                    <li key={field}>
                      {FIELD_LABELS[field] ?? field}：
                      <Typography.Text delete type="secondary">
                        {formatChangeValue(field, c.before)}
                      </Typography.Text>{' '}
                      → <Typography.Text>{formatChangeValue(field, c.after)}</Typography.Text>
                    </li>
                  ))}
                </ul>
              )}
              {e.note && <div style={{ color: '#666', fontSize: 13 }}>备注：{e.note}</div>}
            </div>
          ),
        }))}
      />
      {data.total > historyPage.pageSize && <Pagination size="small" align="end" {...historyPage.pagination(data.total, '条记录')} />}
    </>
  );
}

export function MemberDescriptions({ m, sensitive, column }: { m: MemberDetail; sensitive?: MemberSensitive | null; column: number }) {
  return (
    <Descriptions bordered size="small" column={column} data-testid="member-detail">
      <Descriptions.Item label="姓名">{m.name}</Descriptions.Item>
      <Descriptions.Item label="性别">{label(GENDER_LABELS, m.gender)}</Descriptions.Item>
      <Descriptions.Item label="民族">{m.ethnicity}</Descriptions.Item>
      <Descriptions.Item label={sensitive ? '出生日期' : '出生年月'}>
        {sensitive?.birthDate ?? m.birthMonth}（{m.age}岁）
      </Descriptions.Item>
      <Descriptions.Item label="身份证号">
        <span data-testid="id-number">{sensitive?.idNumber ?? m.idNumberMasked}</span>
      </Descriptions.Item>
      <Descriptions.Item label="联系电话">{sensitive ? (sensitive.phone ?? '—') : (m.phoneMasked ?? '—')}</Descriptions.Item>
      <Descriptions.Item label="学历">{label(EDUCATION_LABELS, m.education)}</Descriptions.Item>
      <Descriptions.Item label="职业类别">{label(OCCUPATION_LABELS, m.occupation)}</Descriptions.Item>
      <Descriptions.Item label="工作单位及职务">{m.job ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="家庭住址">
        <span data-testid="member-address">{m.address ?? '—'}</span>
      </Descriptions.Item>
      <Descriptions.Item label="入党日期">{m.joinDate}</Descriptions.Item>
      <Descriptions.Item label="转正日期">{m.fullMembershipDate ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="党员状态">
        <Tag color={m.status === 'full' ? 'red' : 'orange'}>{label(MEMBERSHIP_STATUS_LABELS, m.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="党员类别">{m.categories.length ? m.categories.map((c) => <Tag key={c}>{label(MEMBER_CATEGORY_LABELS, c)}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label="所在支部">{m.orgName}</Descriptions.Item>
      <Descriptions.Item label="所在党小组">{m.groupName ?? '—'}</Descriptions.Item>
      {m.categories.includes('mobile') && (
        <>
          <Descriptions.Item label="外出地点">{m.mobileDestination ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="外出时间">{m.mobileSince ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="外出联系方式">{sensitive ? (sensitive.mobileContact ?? '—') : (m.mobileContactMasked ?? '—')}</Descriptions.Item>
        </>
      )}
    </Descriptions>
  );
}

export default function MemberDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [sensitive, setSensitive] = useState<MemberSensitive | null>(null);
  const [moving, setMoving] = useState(false);
  const [moveForm] = Form.useForm<{ orgId: string; reason: string }>();
  const { data: m, isLoading, error } = useQuery({ queryKey: ['members', 'detail', id], queryFn: () => api.get<MemberDetail>(`/api/members/${id}`) });

  const reveal = useMutation({
    mutationFn: () => api.get<MemberSensitive>(`/api/members/${id}/sensitive`),
    onSuccess: (s) => {
      setSensitive(s);
      void qc.invalidateQueries({ queryKey: ['members', 'history', id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  const move = useMutation({
    mutationFn: (v: { orgId: string; reason: string }) => api.post(`/api/members/${id}/move`, { orgId: v.orgId, groupId: null, version: m?.version, reason: v.reason }),
    onSuccess: async () => {
      message.success('已调整支部');
      setMoving(false);
      await qc.invalidateQueries({ queryKey: ['members'] });
      await qc.invalidateQueries({ queryKey: ['orgs'] });
    },
    onError: (err) => {
      if (err instanceof ApiError) moveForm.setFields(err.details.filter((d) => d.path === 'orgId' || d.path === 'reason').map((d) => ({ name: d.path as 'orgId' | 'reason', errors: [d.message] })));
      message.error(isStaleVersion(err) ? '该党员信息已被他人修改，请刷新后重试' : errorMessage(err));
    },
  });

  if (isLoading) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (error || !m) return <Alert type="error" showIcon title={error instanceof ApiError && error.status === 404 ? '未找到该党员，或不在您的管理范围内' : errorMessage(error)} />;
  const column = screens.xl ? 3 : screens.md ? 2 : 1;

  return (
    <div>
      <div className="yz-page-header">
        <Space>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} aria-label="返回" />
          <Typography.Title level={4}>{m.name}</Typography.Title>
          <Tag color={m.status === 'full' ? 'red' : 'orange'}>{label(MEMBERSHIP_STATUS_LABELS, m.status)}</Tag>
        </Space>
        <Space wrap>
          {m.can.viewSensitive && !sensitive && (
            <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
              查看完整身份证号
            </Button>
          )}
          {m.can.move && (
            <Button icon={<SwapOutlined />} onClick={() => { moveForm.resetFields(); setMoving(true); }}>
              调整支部
            </Button>
          )}
          {m.can.update && (
            <Link to={`/members/${m.id}/edit`}>
              <Button type="primary" icon={<EditOutlined />}>
                编辑
              </Button>
            </Link>
          )}
        </Space>
      </div>
      {sensitive && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="完整身份证号和电话已显示，本次查看已记入操作日志。" />}
      <Card size="small">
        <Tabs
          items={[
            { key: 'info', label: '基本信息', children: <MemberDescriptions m={m} sensitive={sensitive} column={column} /> },
            { key: 'disciplines', label: '党纪处分', children: <MemberDisciplines memberId={m.id} /> },
            { key: 'history', label: '变更记录', children: <MemberHistory memberId={m.id} /> },
          ]}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          建档 {formatDateTime(m.createdAt)} · 最近更新 {formatDateTime(m.updatedAt)}
        </Typography.Text>
      </Card>
      <Modal open={moving} title={`调整「${m.name}」的所在支部`} onCancel={() => setMoving(false)} onOk={() => moveForm.submit()} okButtonProps={{ loading: move.isPending }} forceRender>
        <Form form={moveForm} layout="vertical" onFinish={(v) => move.mutate(v)}>
          <Form.Item label="当前支部">{m.orgName}</Form.Item>
          <Form.Item name="orgId" label="调入支部" rules={[{ required: true, message: '请选择调入的党支部' }]}>
            <OrgSelect selectable={(n) => n.type === 'branch' && n.id !== m.orgId} placeholder="选择党支部" />
          </Form.Item>
          <Form.Item name="reason" label="调整原因" rules={[{ required: true, min: 2, message: '请填写调整原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
