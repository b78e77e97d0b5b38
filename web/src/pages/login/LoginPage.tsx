// 登录: username and password; the server's message (locked, wrong password with remaining attempts) is shown as is.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { Me } from '@yanzhen/domain';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, errorMessage } from '../../app/api';
import { homePath, useAuthActions, useMe } from '../../app/auth';

type LoginForm = { username: string; password: string };

export default function LoginPage() {
  const { data: me } = useMe();
  const { signedIn } = useAuthActions();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    document.title = '登录 · 雁阵 · 党建工作管理平台';
  }, []);

  if (me) return <Navigate to={me.mustChangePassword ? '/password?required=1' : homePath(me)} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<Me>('/api/auth/login', values);
      signedIn(result);
      const next = params.get('next');
      if (result.mustChangePassword) navigate('/password?required=1', { replace: true });
      else navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : homePath(result), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #c41d1d 0%, #8c1212 55%, #5c0b0b 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 32px rgba(0,0,0,.25)' }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={2} style={{ color: '#c41d1d', margin: 0, letterSpacing: 4 }}>
            雁阵
          </Typography.Title>
          <Typography.Text type="secondary">党建工作管理平台</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" size="large" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" placeholder="用户名" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder="密码" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12, textAlign: 'center' }}>
          连续输错密码5次，账号将锁定15分钟
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
