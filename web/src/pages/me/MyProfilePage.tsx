// 我的档案: a member's own record (GET /api/me/member), laid out as cards that read well on a phone.
import { useQuery } from '@tanstack/react-query';
import {
  EDUCATION_LABELS,
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  OCCUPATION_LABELS,
  type MemberDetail,
} from '@yanzhen/domain';
import { Alert, Card, Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { api, ApiError, errorMessage } from '../../app/api';
import { label } from '../../app/format';

export default function MyProfilePage() {
  const { data: m, isLoading, error } = useQuery({ queryKey: ['me', 'member'], queryFn: () => api.get<MemberDetail>('/api/me/member') });
  if (isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error || !m) {
    return <Alert type={error instanceof ApiError && error.status === 404 ? 'info' : 'error'} showIcon title={error instanceof ApiError && error.status === 404 ? '您的账号尚未关联党员档案，请联系所在党组织' : errorMessage(error)} />;
  }
  const item = (k: string, v: React.ReactNode) => <Descriptions.Item label={k}>{v}</Descriptions.Item>;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%', maxWidth: 720, margin: '0 auto', display: 'flex' }} data-testid="my-profile">
      <Card style={{ background: 'linear-gradient(135deg, #c41d1d, #8c1212)', color: '#fff' }} styles={{ body: { padding: 20 } }}>
        <Typography.Title level={3} style={{ color: '#fff', margin: 0 }}>
          {m.name}
        </Typography.Title>
        <div style={{ marginTop: 8, opacity: 0.9 }}>{m.orgName}{m.groupName ? ` · ${m.groupName}` : ''}</div>
        <Space style={{ marginTop: 12 }} wrap>
          <Tag color="gold">{label(MEMBERSHIP_STATUS_LABELS, m.status)}</Tag>
          {m.categories.map((c) => (
            <Tag key={c} color="volcano">
              {label(MEMBER_CATEGORY_LABELS, c)}
            </Tag>
          ))}
        </Space>
      </Card>
      <Card title="党籍信息" size="small">
        <Descriptions column={1} size="small">
          {item('入党日期', m.joinDate)}
          {item('转正日期', m.fullMembershipDate ?? '—')}
          {item('所在支部', m.orgName)}
          {item('所在党小组', m.groupName ?? '—')}
        </Descriptions>
      </Card>
      <Card title="个人信息" size="small">
        <Descriptions column={1} size="small">
          {item('性别', label(GENDER_LABELS, m.gender))}
          {item('民族', m.ethnicity)}
          {item('出生年月', `${m.birthMonth}（${m.age}岁）`)}
          {item('身份证号', m.idNumberMasked)}
          {item('联系电话', m.phoneMasked ?? '—')}
          {item('学历', label(EDUCATION_LABELS, m.education))}
          {item('职业类别', label(OCCUPATION_LABELS, m.occupation))}
          {item('工作单位及职务', m.job ?? '—')}
          {item('家庭住址', m.address ?? '—')}
        </Descriptions>
      </Card>
      {m.categories.includes('mobile') && (
        <Card title="流动信息" size="small">
          <Descriptions column={1} size="small">
            {item('外出地点', m.mobileDestination ?? '—')}
            {item('外出时间', m.mobileSince ?? '—')}
            {item('外出联系方式', m.mobileContactMasked ?? '—')}
          </Descriptions>
        </Card>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        信息有误请联系所在党支部更正。
      </Typography.Text>
    </Space>
  );
}
