// The actions on the selected organization (新建下级组织, 修改, 调整隶属, 合并, 撤销), shown only when the server's `can` allows.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ALLOWED_CHILDREN, GRID_KIND_LABELS, ORG_TYPE_LABELS, SECTOR_LABELS, type OrgDetail, type OrgType } from '@yanzhen/domain';
import { Alert, App, Button, DatePicker, Dropdown, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError, errorMessage } from '../../app/api';
import { label, optionsOf } from '../../app/format';
import { OrgSelect } from './org-tree';

type Mode = 'create' | 'update' | 'move' | 'merge' | 'dissolve' | null;
type OrgFormValues = {
  name: string;
  shortName?: string;
  type?: OrgType;
  sector: string;
  gridKind?: string | null;
  foundedOn?: Dayjs | null;
  targetId?: string;
  reason?: string;
};

export function useOrgDetail(orgId: string | undefined) {
  return useQuery({ queryKey: ['orgs', 'detail', orgId], queryFn: () => api.get<OrgDetail>(`/api/orgs/${orgId}`), enabled: Boolean(orgId) });
}

export function OrgActions({ orgId, onChanged }: { orgId: string | undefined; onChanged: (nextOrgId?: string) => void }) {
  const { data: org } = useOrgDetail(orgId);
  const [mode, setMode] = useState<Mode>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();
  const qc = useQueryClient();

  const mutation = useMutation({
    mutationFn: async (v: OrgFormValues): Promise<string | undefined> => {
      if (!org) return undefined;
      const foundedOn = v.foundedOn ? v.foundedOn.format('YYYY-MM-DD') : null;
      switch (mode) {
        case 'create':
          return (await api.post<OrgDetail>('/api/orgs', { parentId: org.id, name: v.name, shortName: v.shortName || null, type: v.type, sector: v.sector, gridKind: v.gridKind ?? null, foundedOn })).id;
        case 'update':
          await api.put(`/api/orgs/${org.id}`, {
            name: v.name,
            shortName: v.shortName || null,
            sector: v.sector,
            gridKind: v.gridKind ?? null,
            foundedOn,
            secretaryMemberId: org.secretaryMemberId,
            committeeMemberIds: org.committeeMembers.map((m) => m.id),
            version: org.version,
          });
          return org.id;
        case 'move':
          await api.post(`/api/orgs/${org.id}/move`, { newParentId: v.targetId, version: org.version });
          return org.id;
        case 'merge':
          await api.post(`/api/orgs/${org.id}/merge`, { intoId: v.targetId, version: org.version });
          return v.targetId;
        case 'dissolve':
          await api.post(`/api/orgs/${org.id}/dissolve`, { version: org.version, reason: v.reason });
          return org.parentId ?? undefined;
        default:
          return undefined;
      }
    },
    onSuccess: async (nextId) => {
      message.success('操作成功');
      setMode(null);
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      await qc.invalidateQueries({ queryKey: ['members'] });
      onChanged(nextId);
    },
    onError: (err) => {
      setRefusal(errorMessage(err));
      if (err instanceof ApiError && err.details.length) {
        form.setFields(err.details.map((d) => ({ name: (d.path === 'newParentId' || d.path === 'intoId' ? 'targetId' : d.path) as keyof OrgFormValues, errors: [d.message] })));
      }
      message.error(errorMessage(err));
    },
  });

  if (!org) return null;
  const open = (m: Mode) => {
    form.resetFields();
    setRefusal(null);
    if (m === 'update') form.setFieldsValue({ name: org.name, shortName: org.shortName ?? undefined, sector: org.sector, gridKind: org.gridKind, foundedOn: org.foundedOn ? dayjs(org.foundedOn) : null });
    if (m === 'create') form.setFieldsValue({ sector: org.sector, gridKind: org.gridKind, type: ALLOWED_CHILDREN[org.type][0] });
    setMode(m);
  };
  const childTypes = ALLOWED_CHILDREN[org.type];
  const more = [
    org.can.move && org.parentId ? { key: 'move', label: '调整隶属' } : null,
    org.can.dissolve && org.parentId ? { key: 'merge', label: '合并到…' } : null,
    org.can.dissolve && org.parentId ? { key: 'dissolve', label: <Typography.Text type="danger">撤销组织</Typography.Text> } : null,
  ].filter((x) => x !== null);
  const titles: Record<Exclude<Mode, null>, string> = {
    create: `在「${org.name}」下新建组织`,
    update: `修改「${org.name}」`,
    move: `调整「${org.name}」的隶属关系`,
    merge: `将「${org.name}」合并到另一组织`,
    dissolve: `撤销「${org.name}」`,
  };

  return (
    <>
      <Space wrap size={4}>
        <Tag color="red">{label(ORG_TYPE_LABELS, org.type)}</Tag>
        <Tag>{label(SECTOR_LABELS, org.sector)}</Tag>
        {org.secretaryName && <Typography.Text type="secondary">书记：{org.secretaryName}</Typography.Text>}
        {org.can.createChild && childTypes.length > 0 && <Button size="small" onClick={() => open('create')}>新建下级组织</Button>}
        {org.can.update && <Button size="small" onClick={() => open('update')}>修改</Button>}
        {more.length > 0 && (
          <Dropdown menu={{ items: more, onClick: ({ key }) => open(key as Mode) }}>
            <Button size="small">更多</Button>
          </Dropdown>
        )}
      </Space>
      <Modal
        open={mode !== null}
        title={mode ? titles[mode] : ''}
        onCancel={() => setMode(null)}
        onOk={() => form.submit()}
        okText={mode === 'dissolve' ? '确认撤销' : '确定'}
        okButtonProps={{ danger: mode === 'dissolve', loading: mutation.isPending }}
        destroyOnHidden
        forceRender
      >
        {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} data-testid="org-refusal" />}
        <Form form={form} layout="vertical" onFinish={(v) => mutation.mutate(v)}>
          {(mode === 'create' || mode === 'update') && (
            <>
              <Form.Item name="name" label="组织名称" rules={[{ required: true, min: 2, max: 60, message: '组织名称为2至60个字' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="shortName" label="简称">
                <Input maxLength={20} />
              </Form.Item>
              {mode === 'create' && (
                <Form.Item name="type" label="组织类型" rules={[{ required: true, message: '请选择组织类型' }]}>
                  <Select options={childTypes.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t] }))} />
                </Form.Item>
              )}
              <Form.Item name="sector" label="所属领域" rules={[{ required: true, message: '请选择所属领域' }]}>
                <Select options={optionsOf(SECTOR_LABELS)} />
              </Form.Item>
              <Form.Item name="gridKind" label="网格类型">
                <Select allowClear options={optionsOf(GRID_KIND_LABELS)} />
              </Form.Item>
              <Form.Item name="foundedOn" label="成立日期">
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
          {(mode === 'move' || mode === 'merge') && (
            <Form.Item name="targetId" label={mode === 'move' ? '新的上级组织' : '合并到'} rules={[{ required: true, message: '请选择组织' }]}>
              <OrgSelect selectable={(n) => n.id !== org.id} />
            </Form.Item>
          )}
          {mode === 'merge' && <Typography.Paragraph type="secondary">合并后，本组织的党员和下级组织将转入目标组织，本组织撤销。</Typography.Paragraph>}
          {mode === 'dissolve' && (
            <Form.Item name="reason" label="撤销原因" rules={[{ required: true, min: 2, message: '请填写撤销原因（至少2个字）' }]}>
              <Input.TextArea rows={3} maxLength={200} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
