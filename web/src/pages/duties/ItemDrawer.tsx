// One duty item: what it asks for, the reports and reviews so far, and the action the user may take (report with
// evidence from a phone, accept / return, open a rectification).
import { CameraOutlined, CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { EVIDENCE_KIND_LABELS, FILE_ACCEPT, type DutyItemDetail, type StoredFile } from '@yanzhen/domain';
import { App, Button, Descriptions, Divider, Drawer, Form, Grid, Image, Input, InputNumber, Select, Space, Spin, Tag, Timeline, Typography, Upload, DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api, errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { ViewTag, itemKey, periodText } from './duty-api';

function Evidence({ files }: { files: StoredFile[] }) {
  const images = files.filter((f) => f.mime.startsWith('image/'));
  const docs = files.filter((f) => !f.mime.startsWith('image/'));
  return (
    <Space wrap>
      <Image.PreviewGroup>
        {images.map((f) => (
          <Image key={f.id} src={f.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 4 }} alt={f.name} />
        ))}
      </Image.PreviewGroup>
      {docs.map((f) => (
        <a key={f.id} href={f.url} target="_blank" rel="noreferrer">
          {f.name}
        </a>
      ))}
    </Space>
  );
}

function SubmitForm({ item, onDone }: { item: DutyItemDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [files, setFiles] = useState<StoredFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const [form] = Form.useForm();
  const wants = new Set(item.evidence.kinds);
  const submit = useMutation({
    mutationFn: (v: { text?: string; count?: number | null; participants?: string[] }) =>
      api.post<DutyItemDetail>(`/api/duties/items/${item.id}/submit`, { text: v.text ?? '', count: v.count ?? null, participants: v.participants ?? [], fileIds: files.map((f) => f.id), version: item.version }),
    onSuccess: () => {
      message.success('已提交，等待审核');
      onDone();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => submit.mutate(v)} data-testid="duty-submit-form">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        需要的佐证：{item.evidence.kinds.map((k) => EVIDENCE_KIND_LABELS[k]).join('、')}
        {item.evidence.minPhotos > 1 ? `（照片至少 ${item.evidence.minPhotos} 张）` : ''}
      </Typography.Paragraph>
      {(wants.has('photo') || wants.has('file')) && (
        <Form.Item label={wants.has('photo') ? '现场照片 / 文件' : '文件'}>
          <Upload
            accept={FILE_ACCEPT}
            multiple
            listType="picture-card"
            showUploadList={{ showPreviewIcon: false }}
            fileList={files.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: f.url, thumbUrl: f.mime.startsWith('image/') ? f.url : undefined }))}
            onRemove={(f) => setFiles((list) => list.filter((x) => x.id !== f.uid))}
            customRequest={async ({ file, onSuccess, onError }) => {
              setUploading((n) => n + 1);
              try {
                const fd = new FormData();
                fd.append('file', file as Blob);
                const stored = await api.upload<StoredFile>('/api/files', fd);
                setFiles((list) => [...list, stored]);
                onSuccess?.(stored);
              } catch (e) {
                message.error(errorMessage(e));
                onError?.(e as Error);
              } finally {
                setUploading((n) => n - 1);
              }
            }}
          >
            <div data-testid="duty-upload">
              <CameraOutlined style={{ fontSize: 20 }} />
              <div style={{ marginTop: 4 }}>拍照/上传</div>
            </div>
          </Upload>
        </Form.Item>
      )}
      <Form.Item name="text" label="完成情况" rules={wants.has('text') ? [{ required: true, min: 5, message: '请填写不少于5个字的文字说明' }] : []}>
        <Input.TextArea rows={3} maxLength={2000} placeholder="时间、地点、主要内容" data-testid="duty-text" />
      </Form.Item>
      {wants.has('participants') && (
        <Form.Item name="participants" label="参加人员" rules={[{ required: true, message: '请填写参加人员' }]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、', ' ']} placeholder="输入姓名后回车，可粘贴多人" open={false} data-testid="duty-participants" />
        </Form.Item>
      )}
      {wants.has('count') && (
        <Form.Item name="count" label={item.evidence.countLabel ?? '数量'} rules={[{ required: true, message: `请填写${item.evidence.countLabel ?? '数量'}` }]}>
          <InputNumber min={0} max={1000000} style={{ width: '100%' }} inputMode="numeric" data-testid="duty-count" />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block size="large" loading={submit.isPending} disabled={uploading > 0} data-testid="duty-submit">
        {uploading > 0 ? '正在上传…' : '提交完成情况'}
      </Button>
    </Form>
  );
}

function ReviewForm({ item, onDone }: { item: DutyItemDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const [feedback, setFeedback] = useState('');
  const review = useMutation({
    mutationFn: (decision: 'accept' | 'return') => api.post<DutyItemDetail>(`/api/duties/items/${item.id}/review`, { decision, feedback, version: item.version }),
    onSuccess: (_, d) => {
      message.success(d === 'accept' ? '已审核通过' : '已退回');
      onDone();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea rows={2} value={feedback} onChange={(e) => setFeedback(e.target.value)} placeholder="反馈意见（退回时必填）" maxLength={500} data-testid="duty-feedback" />
      <Space>
        <Button type="primary" icon={<CheckOutlined />} loading={review.isPending} onClick={() => review.mutate('accept')} data-testid="duty-accept">
          审核通过
        </Button>
        <Button danger icon={<RollbackOutlined />} loading={review.isPending} onClick={() => review.mutate('return')} data-testid="duty-return">
          退回
        </Button>
      </Space>
    </Space>
  );
}

function RectifyForm({ item, onDone }: { item: DutyItemDetail; onDone: () => void }) {
  const { message } = App.useApp();
  const create = useMutation({
    mutationFn: (v: { problem: string; deadline: dayjs.Dayjs }) => api.post(`/api/duties/items/${item.id}/rectifications`, { problem: v.problem, deadline: v.deadline.format('YYYY-MM-DD') }),
    onSuccess: () => {
      message.success('已列入整改');
      onDone();
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  return (
    <Form layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ deadline: dayjs().add(14, 'day') }}>
      <Form.Item name="problem" label="发现的问题" rules={[{ required: true, min: 4, message: '问题描述至少4个字' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
      <Button htmlType="submit" loading={create.isPending}>
        列入整改
      </Button>
    </Form>
  );
}

export function ItemDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const qc = useQueryClient();
  const { data: item, isLoading } = useQuery({ queryKey: itemKey(id ?? ''), queryFn: () => api.get<DutyItemDetail>(`/api/duties/items/${id}`), enabled: !!id });
  const done = () => {
    void qc.invalidateQueries({ queryKey: ['duties'] });
  };
  return (
    <Drawer open={!!id} onClose={onClose} size={screens.md ? 560 : '100%'} title={item?.title ?? '履职事项'} destroyOnHidden>
      {isLoading || !item ? (
        <Spin />
      ) : (
        <div data-testid="duty-drawer">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="组织">{item.orgName}</Descriptions.Item>
            <Descriptions.Item label="时段">{periodText(item)}</Descriptions.Item>
            <Descriptions.Item label="截止日期">
              {item.dueDate}（{item.dueLabel}）
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <ViewTag item={item} /> {item.isKey && <Tag color="red">重点事项</Tag>} 权重 {item.weight}
            </Descriptions.Item>
            {item.secretaryName && <Descriptions.Item label="责任书记">{item.secretaryName}</Descriptions.Item>}
          </Descriptions>
          {item.description && <Typography.Paragraph style={{ marginTop: 12 }}>{item.description}</Typography.Paragraph>}
          {item.can.submit && (
            <>
              <Divider titlePlacement="start">{item.status === 'returned' ? '按反馈意见修改后重新提交' : '填报完成情况'}</Divider>
              <SubmitForm item={item} onDone={done} />
            </>
          )}
          {item.can.review && (
            <>
              <Divider titlePlacement="start">审核</Divider>
              <ReviewForm item={item} onDone={done} />
            </>
          )}
          {item.submissions.length > 0 && (
            <>
              <Divider titlePlacement="start">填报和审核记录</Divider>
              <Timeline
                items={item.submissions.map((s) => ({
                  color: s.status === 'accepted' ? 'green' : s.status === 'returned' ? 'orange' : 'blue',
                  children: (
                    <div>
                      <div>
                        <b>{s.submittedBy}</b> 于 {formatDateTime(s.submittedAt)} 提交
                      </div>
                      {s.text && <div>{s.text}</div>}
                      {s.participants.length > 0 && <div>参加人员：{s.participants.join('、')}</div>}
                      {s.count !== null && <div>{item.evidence.countLabel ?? '数量'}：{s.count}</div>}
                      <Evidence files={s.files} />
                      {s.reviewedAt && (
                        <div style={{ color: s.status === 'accepted' ? '#389e0d' : '#d46b08' }}>
                          {s.reviewedBy} {formatDateTime(s.reviewedAt)} {s.status === 'accepted' ? '审核通过' : '退回'}
                          {s.feedback ? `：${s.feedback}` : ''}
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            </>
          )}
          {item.rectifications.length > 0 && (
            <>
              <Divider titlePlacement="start">整改事项</Divider>
              {item.rectifications.map((r) => (
                <div key={r.id} style={{ marginBottom: 8 }}>
                  <Tag color={r.status === 'closed' ? 'green' : r.overdue ? 'red' : 'orange'}>{r.status === 'closed' ? '已销号' : r.overdue ? '逾期未整改' : '整改中'}</Tag>
                  {r.problem}（期限 {r.deadline}）{r.closingNote ? ` — ${r.closingNote}` : ''}
                </div>
              ))}
            </>
          )}
          {item.can.rectify && (
            <>
              <Divider titlePlacement="start">反馈问题、跟进整改</Divider>
              <RectifyForm item={item} onDone={done} />
            </>
          )}
        </div>
      )}
    </Drawer>
  );
}
