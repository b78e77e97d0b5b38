// One item: its body, authors and shares, adoptions, history; the actions the caller may take on it now
// (edit and send, sign off or return, adopt at a level or decline, raise to a higher level).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PUBLICITY_LEVEL_LABELS, PUBLICITY_LEVELS, PUBLICITY_STATUS_LABELS, levelRank, type PublicityDetail, type PublicityLevel } from '@yanzhen/domain';
import { App, Button, Descriptions, Drawer, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { ItemEditor } from './ItemEditor';

const ACTIONS: Record<string, string> = { create: '起草', edit: '修改', submit: '送审', approve: '审签通过', return: '退回修改', adopt: '采用', decline: '不予采用', raise: '提升采用级别' };
export const STATUS_COLORS: Record<string, string> = { draft: 'default', submitted: 'processing', returned: 'warning', signed: 'cyan', adopted: 'success', declined: 'error' };
export const pointsText = (centi: number) => `${centi / 100} 分`;

export function ItemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<'return' | 'adopt' | 'decline' | 'raise' | null>(null);
  const [form] = Form.useForm();
  const item = useQuery({ queryKey: ['publicity', 'item', id], queryFn: () => api.get<PublicityDetail>(`/api/publicity/items/${id}`), enabled: !!id });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post<PublicityDetail>(`/api/publicity/items/${id}/${path}`, body),
    onSuccess: () => {
      message.success('已办理');
      setMode(null);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['publicity'] });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const d = item.data;
  const version = d?.version ?? 1;
  const higher = PUBLICITY_LEVELS.filter((l) => !d?.level || levelRank(l) > levelRank(d.level));
  const run = (path: string, extra: Record<string, unknown> = {}) => form.validateFields().then((v) => act.mutate({ path, body: { ...v, ...extra, version } }));
  return (
    <Drawer open={!!id} onClose={() => { setMode(null); onClose(); }} size="large" title={d?.title ?? '稿件'} data-testid="publicity-drawer">
      {d && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={STATUS_COLORS[d.status]} data-testid="item-status">{PUBLICITY_STATUS_LABELS[d.status]}</Tag>
            {d.level && <Tag color="red">{PUBLICITY_LEVEL_LABELS[d.level]} · {pointsText(d.centi)}</Tag>}
          </Space>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered items={[
            { key: 'org', label: '报送单位', children: d.orgName },
            { key: 'month', label: '月份', children: d.month },
            { key: 'writer', label: '报送人', children: d.writerName },
            { key: 'signed', label: '审签人（负责）', children: d.signedByName ?? '—' },
            { key: 'priority', label: '宣传重点', children: d.priorityTitle ?? '—' },
            { key: 'authors', label: '作者及分成', children: d.authors.map((a) => `${a.name} ${a.share}%${d.centi > 0 ? `（${a.centi / 100}分）` : ''}`).join('、') },
          ]} />
          {d.returnComment && d.status === 'returned' && <Typography.Paragraph type="warning" style={{ marginTop: 12 }}>退回意见：{d.returnComment}</Typography.Paragraph>}
          {d.declineReason && <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>不予采用的理由：{d.declineReason}</Typography.Paragraph>}
          <div className="publicity-body" style={{ margin: '16px 0', lineHeight: 1.8, overflowWrap: 'anywhere' }} dangerouslySetInnerHTML={{ __html: d.body }} />
          {d.adoptions.length > 0 && (
            <Descriptions size="small" column={1} title="采用情况" items={d.adoptions.map((a, i) => ({ key: String(i), label: PUBLICITY_LEVEL_LABELS[a.level], children: <>{a.outlet ?? ''} {a.link && <a href={a.link} target="_blank" rel="noreferrer">刊发链接</a>} {a.points} 分（分值表第{a.tableVersion}版）· {a.byName} {dayjs(a.at).format('YYYY-MM-DD')}</> }))} />
          )}
          <Space wrap style={{ margin: '12px 0' }}>
            {d.can.edit && <Button onClick={() => setEditing(true)}>修改</Button>}
            {d.can.edit && <Button type="primary" onClick={() => act.mutate({ path: 'submit', body: { version } })}>送负责人审签</Button>}
            {d.can.signOff && <Button type="primary" onClick={() => act.mutate({ path: 'sign-off', body: { decision: 'approve', version } })} data-testid="approve">审签通过</Button>}
            {d.can.signOff && <Button danger onClick={() => setMode('return')}>退回修改</Button>}
            {d.can.adopt && <Button type="primary" onClick={() => setMode('adopt')}>采用</Button>}
            {d.can.adopt && <Button danger onClick={() => setMode('decline')}>不予采用</Button>}
            {d.can.raise && <Button onClick={() => setMode('raise')}>提升采用级别</Button>}
          </Space>
          {mode && (
            <Form form={form} layout="vertical" style={{ maxWidth: 520 }} data-testid="action-form">
              {mode === 'return' && <Form.Item name="comment" label="修改意见" rules={[{ required: true, message: '请填写修改意见' }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>}
              {mode === 'decline' && <Form.Item name="reason" label="不予采用的理由" rules={[{ required: true, min: 2, message: '请填写理由' }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>}
              {(mode === 'adopt' || mode === 'raise') && (
                <>
                  <Form.Item name="level" label="采用级别" rules={[{ required: true, message: '请选择采用级别' }]} initialValue={mode === 'adopt' ? 'county' : higher[0]}>
                    <Select options={(mode === 'adopt' ? PUBLICITY_LEVELS : higher).map((l: PublicityLevel) => ({ value: l, label: PUBLICITY_LEVEL_LABELS[l] }))} />
                  </Form.Item>
                  <Form.Item name="outlet" label="刊发平台"><Input maxLength={100} placeholder="如：县委组织部微信公众号" /></Form.Item>
                  <Form.Item name="link" label="刊发链接" rules={mode === 'raise' ? [{ required: true, message: '提升级别须附刊发链接' }] : []}><Input maxLength={500} placeholder="https://" /></Form.Item>
                </>
              )}
              <Space>
                <Button type="primary" loading={act.isPending} onClick={() => run(mode === 'return' ? 'sign-off' : mode, mode === 'return' ? { decision: 'return' } : {})}>确定</Button>
                <Button onClick={() => setMode(null)}>取消</Button>
              </Space>
            </Form>
          )}
          <Typography.Title level={5}>经过</Typography.Title>
          <Timeline items={d.history.map((h, i) => ({ key: i, children: <>{dayjs(h.at).format('MM-DD HH:mm')} {h.byName} {ACTIONS[h.action] ?? h.action}{h.comment ? `：${h.comment}` : ''}</> }))} />
          <ItemEditor open={editing} item={d} onClose={() => setEditing(false)} />
        </>
      )}
    </Drawer>
  );
}
