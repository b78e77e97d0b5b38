// 我的账号: change my password (the policy checked with the same rule as the server), my signed-in sessions (end any),
// and, for the county administrator, the county's 密码有效期.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checkPasswordPolicy, PASSWORD_HISTORY_SIZE, PASSWORD_MIN_LENGTH, type MySession, type PasswordSettings } from '@yanzhen/domain';
import { Alert, App, Button, Card, Form, Input, InputNumber, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../app/api';
import { homePath, ME_KEY, useCurrentUser } from '../../app/auth';
import { formatDateTime } from '../../app/format';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export default function PasswordPage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const required = me.mustChangePassword || params.get('required') === '1';

  const submit = async (v: Values) => {
    try {
      await api.post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      await qc.invalidateQueries({ queryKey: ME_KEY });
      navigate(homePath({ ...me, mustChangePassword: false }), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.details.length) form.setFields(err.details.map((d) => ({ name: d.path as keyof Values, errors: [d.message] })));
      else message.error(errorMessage(err));
    }
  };

  const expired = me.mustChangePasswordReason === 'expired';
  return (
    <Space orientation="vertical" size={16} style={{ maxWidth: 720, margin: '0 auto', display: 'flex' }}>
      <Card title="修改密码">
        {required && (
          <Alert
            type="warning"
            showIcon
            title={expired ? `您的密码已超过${me.passwordMaxAgeDays}天未修改，请先修改密码后再使用系统。` : '为了账号安全，请先修改初始密码后再使用系统。'}
            style={{ marginBottom: 16 }}
          />
        )}
        <Typography.Paragraph type="secondary">
          密码要求：至少{PASSWORD_MIN_LENGTH}位，且包含大写字母、小写字母、数字、符号中的至少3种；不能是常见密码，不能与最近{PASSWORD_HISTORY_SIZE}次用过的密码相同
          {me.passwordMaxAgeDays > 0 ? `；每${me.passwordMaxAgeDays}天须修改一次` : ''}。
        </Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请填写当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: '请填写新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (!value) return;
                  const r = checkPasswordPolicy(value);
                  if (!r.ok) throw new Error(r.message);
                  if (value === getFieldValue('currentPassword')) throw new Error('新密码不能与当前密码相同');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次填写新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword')) throw new Error('两次填写的新密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block>
            确认修改
          </Button>
        </Form>
      </Card>
      {!required && <MySessions />}
      {!required && me.role === 'countyAdmin' && <PasswordAgeSetting />}
    </Space>
  );
}

/** 登录设备: my sessions, newest first; ending one signs that device out. */
function MySessions() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['auth', 'sessions'], queryFn: () => api.get<{ items: MySession[] }>('/api/auth/sessions') });
  const revoke = useMutation({
    mutationFn: (id: string) => api.del(`/api/auth/sessions/${id}`),
    onSuccess: async () => {
      message.success('已结束该会话');
      await qc.invalidateQueries({ queryKey: ['auth', 'sessions'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card title="登录设备" size="small" data-testid="my-sessions">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        同一账号最多同时在5处登录，超过时最早的自动下线；每次登录最长12小时，闲置30分钟自动退出。发现不认识的设备请结束它并修改密码。
      </Typography.Paragraph>
      <Table<MySession>
        rowKey="id"
        size="small"
        pagination={false}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 560 }}
        locale={{ emptyText: list.error ? `加载失败：${errorMessage(list.error)}` : '暂无会话' }}
        columns={[
          { title: '登录时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
          { title: '最近活动', dataIndex: 'lastSeenAt', width: 150, render: formatDateTime },
          { title: '地址', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '浏览器', dataIndex: 'userAgent', ellipsis: true, render: (v: string | null) => v ?? '—' },
          {
            title: '操作',
            key: 'op',
            width: 110,
            fixed: 'right',
            render: (_, s) =>
              s.current ? (
                <Tag color="blue">本机</Tag>
              ) : (
                <Popconfirm title="结束该会话？该设备将立即下线。" okText="结束" cancelText="取消" onConfirm={() => revoke.mutate(s.id)}>
                  <Button size="small" danger>
                    结束
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 密码有效期 (county administrator): days after which every account must change its password; 0 = never. */
function PasswordAgeSetting() {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<PasswordSettings>();
  const current = useQuery({ queryKey: ['accounts', 'password-settings'], queryFn: () => api.get<PasswordSettings>('/api/accounts/password-settings') });
  const save = async (v: PasswordSettings) => {
    try {
      await api.put('/api/accounts/password-settings', v);
      message.success('密码有效期已保存');
      await qc.invalidateQueries({ queryKey: ['accounts', 'password-settings'] });
      await qc.invalidateQueries({ queryKey: ME_KEY });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  if (!current.data) return null;
  return (
    <Card title="密码有效期（全县）" size="small">
      <Form<PasswordSettings> form={form} layout="inline" initialValues={current.data} onFinish={save}>
        <Form.Item name="passwordMaxAgeDays" label="有效期（天）" rules={[{ required: true, message: '请填写天数' }]} extra="0 为不过期；到期后登录须先修改密码">
          <InputNumber min={0} max={3650} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
