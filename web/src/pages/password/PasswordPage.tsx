// 修改密码: the password policy is shown and checked with the same rule as the server.
import { useQueryClient } from '@tanstack/react-query';
import { checkPasswordPolicy, PASSWORD_MIN_LENGTH } from '@yanzhen/domain';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../app/api';
import { homePath, ME_KEY, useCurrentUser } from '../../app/auth';

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

  return (
    <div style={{ maxWidth: 480, margin: '0 auto' }}>
      <Card title="修改密码">
        {required && <Alert type="warning" showIcon title="为了账号安全，请先修改初始密码后再使用系统。" style={{ marginBottom: 16 }} />}
        <Typography.Paragraph type="secondary">密码要求：至少{PASSWORD_MIN_LENGTH}位，且包含大写字母、小写字母、数字、符号中的至少3种。</Typography.Paragraph>
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
    </div>
  );
}
