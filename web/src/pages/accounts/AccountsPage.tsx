// 账号管理: list, create, edit (role, org, disable), reset password, unlock.
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { checkPasswordPolicy, MANAGEABLE_ROLES, ROLE_LABELS, type Account, type Role } from '@yanzhen/domain';
import { App, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, errorMessage, isStaleVersion } from '../../app/api';
import { MemberPicker } from '../../app/MemberPicker';
import { useCan, useCurrentUser } from '../../app/auth';
import { formatDateTime, label } from '../../app/format';
import { OrgSelect } from '../members/org-tree';

type AccountList = { items: Account[]; total: number; page: number; pageSize: number };
type Mode = { kind: 'create' } | { kind: 'edit'; account: Account } | { kind: 'reset'; account: Account } | null;
type Values = { username?: string; displayName?: string; role?: Role; orgId?: string; memberId?: string | null; password?: string; disabled?: boolean };

const passwordRule = {
  validator: async (_: unknown, v: string | undefined) => {
    if (!v) throw new Error('请填写密码');
    const r = checkPasswordPolicy(v);
    if (!r.ok) throw new Error(r.message);
  },
};

export default function AccountsPage() {
  const me = useCurrentUser();
  const can = useCan();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [mode, setMode] = useState<Mode>(null);
  const [form] = Form.useForm<Values>();
  const query = { q: q || undefined, role, page, pageSize };
  const list = useQuery({ queryKey: ['accounts', query], queryFn: () => api.get<AccountList>('/api/accounts', query), placeholderData: keepPreviousData });
  const roles = MANAGEABLE_ROLES[me.role];
  const selectedRole = Form.useWatch('role', form);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!mode) return;
      if (mode.kind === 'create') await api.post('/api/accounts', { username: v.username, displayName: v.displayName, role: v.role, orgId: v.orgId, memberId: v.memberId ?? null, password: v.password });
      if (mode.kind === 'edit') await api.put(`/api/accounts/${mode.account.id}`, { displayName: v.displayName, role: v.role, orgId: v.orgId, disabled: Boolean(v.disabled), version: mode.account.version });
      if (mode.kind === 'reset') await api.post(`/api/accounts/${mode.account.id}/reset-password`, { password: v.password });
    },
    onSuccess: async () => {
      message.success(mode?.kind === 'reset' ? '密码已重置，该账号下次登录须修改密码' : '已保存');
      setMode(null);
      await qc.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.details.length) form.setFields(err.details.map((d) => ({ name: d.path as keyof Values, errors: [d.message] })));
      message.error(isStaleVersion(err) ? '该账号已被他人修改，请刷新后重试' : errorMessage(err));
    },
  });

  const unlock = (a: Account) =>
    modal.confirm({
      title: `解除「${a.displayName}」的登录限制？（所有地址可立即重试）`,
      onOk: async () => {
        try {
          await api.post(`/api/accounts/${a.id}/unlock`);
          message.success('已解锁');
          await qc.invalidateQueries({ queryKey: ['accounts'] });
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const open = (m: Mode) => {
    form.resetFields();
    if (m?.kind === 'edit') form.setFieldsValue({ displayName: m.account.displayName, role: m.account.role, orgId: m.account.orgId, disabled: m.account.disabled });
    if (m?.kind === 'create') form.setFieldsValue({ role: roles.includes('branchSecretary') ? 'branchSecretary' : roles[0], orgId: me.orgId });
    setMode(m);
  };
  const writable = can('accounts.write');

  return (
    <div>
      <div className="yz-page-header">
        <Typography.Title level={4}>账号管理</Typography.Title>
        {writable && roles.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open({ kind: 'create' })}>
            新建账号
          </Button>
        )}
      </div>
      <Card size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search allowClear placeholder="用户名/姓名" onSearch={(v) => { setQ(v.trim()); setPage(1); }} style={{ width: 240 }} />
          <Select allowClear placeholder="角色" style={{ width: 180 }} value={role} onChange={(v) => { setRole(v); setPage(1); }} options={Object.entries(ROLE_LABELS).map(([value, l]) => ({ value, label: l }))} />
        </Space>
        <Table<Account>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          // Column widths fit a 1366-px screen beside the menu (the 操作 column stays in view); narrower screens scroll.
          scroll={{ x: 1040 }}
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showTotal: (t) => `共 ${t} 个`, size: 'small', onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          locale={{ emptyText: list.error ? `加载失败：${errorMessage(list.error)}` : '暂无账号' }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 120, fixed: 'left', ellipsis: true },
            { title: '姓名', dataIndex: 'displayName', width: 150, ellipsis: true },
            { title: '角色', dataIndex: 'role', width: 120, render: (v: string) => label(ROLE_LABELS, v) },
            { title: '所属组织', dataIndex: 'orgName', width: 170, ellipsis: true },
            {
              title: '状态',
              key: 'state',
              width: 130,
              render: (_, a) => (
                <Space size={2} wrap>
                  {a.disabled ? <Tag>已停用</Tag> : <Tag color="green">正常</Tag>}
                  {a.locked && <Tag color="red" title="某个地址连续输错密码，该地址暂停登录本账号15分钟；其他地址不受影响">登录受限</Tag>}
                  {a.mustChangePassword && <Tag color="orange">待改密</Tag>}
                </Space>
              ),
            },
            { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: formatDateTime },
            {
              title: '操作',
              key: 'actions',
              width: 200,
              render: (_, a) =>
                writable && a.id !== me.id ? (
                  <Space size={0} wrap>
                    <Button type="link" size="small" onClick={() => open({ kind: 'edit', account: a })}>修改</Button>
                    <Button type="link" size="small" onClick={() => open({ kind: 'reset', account: a })}>重置密码</Button>
                    {a.locked && <Button type="link" size="small" onClick={() => unlock(a)}>解锁</Button>}
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
      <Modal
        open={mode !== null}
        title={mode?.kind === 'create' ? '新建账号' : mode?.kind === 'edit' ? `修改账号 · ${mode.account.username}` : mode?.kind === 'reset' ? `重置密码 · ${mode.account.username}` : ''}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        okButtonProps={{ loading: save.isPending }}
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {mode?.kind === 'create' && (
            <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请填写用户名' }, { pattern: /^[A-Za-z0-9_.@-]{3,40}$/, message: '3至40位字母、数字或 _ . @ -' }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          {mode?.kind !== 'reset' && (
            <>
              <Form.Item name="displayName" label="姓名" rules={[{ required: true, min: 2, max: 30, message: '姓名为2至30个字' }]}>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
                    <Select options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="orgId" label="所属组织" rules={[{ required: true, message: '请选择所属组织' }]}>
                    <OrgSelect />
                  </Form.Item>
                </Col>
              </Row>
            </>
          )}
          {mode?.kind === 'create' && (
            <Form.Item name="memberId" label="关联党员" rules={[{ required: selectedRole === 'member', message: '党员账号须关联党员档案' }]}>
              <MemberPicker withIdNumber />
            </Form.Item>
          )}
          {mode?.kind === 'edit' && (
            <Form.Item name="disabled" label="停用账号" valuePropName="checked">
              <Switch />
            </Form.Item>
          )}
          {(mode?.kind === 'create' || mode?.kind === 'reset') && (
            <Form.Item name="password" label={mode.kind === 'create' ? '初始密码' : '新密码'} rules={[passwordRule]} extra="至少8位，含大写字母、小写字母、数字、符号中的至少3种；首次登录须修改。">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </div>
  );
}
