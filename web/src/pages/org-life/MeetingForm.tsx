// The meeting form, usable on a phone during the meeting: kind, date and place, then the branch roster as large
// name buttons — tap to cycle 未登记 → 出席 → 请假 → 缺席 — with the quorum worked out live; resolutions; save.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ATTENDANCE_STATUS_LABELS,
  MEETING_KIND_LABELS,
  MEETING_KINDS,
  quorum,
  type AttendanceStatus,
  type MeetingDetail,
  type MeetingKind,
  FILE_ACCEPT,
  type StoredFile,
} from '@yanzhen/domain';
import { CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Form, Input, Select, Space, Typography, Upload, type UploadProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../../app/api';

type RosterItem = { memberId: string; name: string; status: string; committee: boolean };
type Roster = { orgId: string; orgName: string; items: RosterItem[] };
type Mark = { status: AttendanceStatus; reason: string };
type FormValues = { kind: MeetingKind; date: Dayjs; place: string; chair: string; recorder: string; topic: string; agenda?: string; minutes?: string; resolutions?: { text: string }[] };

const NEXT: Record<string, AttendanceStatus | null> = { none: 'present', present: 'leave', leave: 'absent', absent: null };
const COLORS: Record<string, string> = { present: '#389e0d', leave: '#d48806', absent: '#8c8c8c' };

/** `lifeMeetingId`: recording a 组织生活会 from its preparation record (the kind is fixed to lifeMeeting). */
export function MeetingForm({ orgId, meetingId, defaultDate, onClose, lifeMeetingId = null, defaultTopic }: { orgId: string; meetingId: string | null; defaultDate: string; onClose: () => void; lifeMeetingId?: string | null; defaultTopic?: string }) {
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  // Photos of the meeting and the scanned sign-in sheet: uploaded through /api/files (owned by the branch), ids saved.
  const [photos, setPhotos] = useState<StoredFile[]>([]);
  const [signIn, setSignIn] = useState<StoredFile | null>(null);
  const [uploading, setUploading] = useState(0);
  const uploader = (onStored: (f: StoredFile) => void): UploadProps['customRequest'] => async ({ file, onSuccess, onError }) => {
    setUploading((n) => n + 1);
    try {
      const fd = new FormData();
      fd.append('file', file as Blob);
      const stored = await api.upload<StoredFile>(`/api/files?orgId=${orgId}`, fd);
      onStored(stored);
      onSuccess?.(stored);
    } catch (e) {
      message.error(errorMessage(e));
      onError?.(e as Error);
    } finally {
      setUploading((n) => n - 1);
    }
  };
  const asList = (list: StoredFile[]) => list.map((f) => ({ uid: f.id, name: f.name, status: 'done' as const, url: f.url, thumbUrl: f.mime.startsWith('image/') ? f.url : undefined }));
  const kind = Form.useWatch('kind', form) ?? 'branchCommittee';
  const roster = useQuery({ queryKey: ['org-life', 'roster', orgId], queryFn: () => api.get<Roster>(`/api/org-life/roster?orgId=${orgId}`) });
  const existing = useQuery({ queryKey: ['org-life', 'meeting', meetingId], enabled: meetingId !== null, queryFn: () => api.get<MeetingDetail>(`/api/org-life/meetings/${meetingId}`) });

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    form.setFieldsValue({ kind: d.kind, date: dayjs(d.date), place: d.place, chair: d.chair, recorder: d.recorder, topic: d.topic, agenda: d.agenda ?? undefined, minutes: d.minutes ?? undefined, resolutions: d.resolutionItems.map((r) => ({ text: r.text })) });
    setMarks(Object.fromEntries(d.roster.filter((r) => r.attendance).map((r) => [r.memberId, { status: r.attendance!, reason: r.reason ?? '' }])));
    setPhotos(d.photos);
    setSignIn(d.signInFile);
  }, [existing.data, form]);

  const people = roster.data?.items ?? [];
  const shown = kind === 'branchCommittee' ? people.filter((p) => p.committee) : people;
  const q = useMemo(
    () => quorum(kind, people.map((p) => ({ memberId: p.memberId, name: p.name, status: p.status, committee: p.committee })), Object.entries(marks).map(([memberId, m]) => ({ memberId, status: m.status, reason: m.reason || null }))),
    [kind, people, marks],
  );

  const tap = (id: string) =>
    setMarks((prev) => {
      const next = NEXT[prev[id]?.status ?? 'none'];
      const copy = { ...prev };
      if (next) copy[id] = { status: next, reason: prev[id]?.reason ?? '' };
      else delete copy[id];
      return copy;
    });

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const body = {
        date: v.date.format('YYYY-MM-DD'),
        place: v.place,
        chair: v.chair,
        recorder: v.recorder,
        topic: v.topic,
        agenda: v.agenda ?? null,
        minutes: v.minutes ?? null,
        attendance: Object.entries(marks).map(([memberId, m]) => ({ memberId, status: m.status, reason: m.status === 'leave' ? m.reason || null : null })),
        resolutions: (v.resolutions ?? []).filter((r) => r?.text?.trim()).map((r) => ({ text: r.text })),
        photoFileIds: photos.map((f) => f.id),
        signInFileId: signIn?.id ?? null,
      };
      return existing.data
        ? api.put<MeetingDetail>(`/api/org-life/meetings/${existing.data.id}`, { ...body, version: existing.data.version })
        : api.post<MeetingDetail>('/api/org-life/meetings', { ...body, orgId, kind: lifeMeetingId ? 'lifeMeeting' : v.kind, lifeMeetingId });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['org-life'] });
      onClose();
    },
    onError: (e) => setError(errorMessage(e)),
  });

  return (
    <Drawer open onClose={onClose} size="min(100vw, 640px)" title={existing.data ? `${MEETING_KIND_LABELS[existing.data.kind]}会议记录` : `记录会议 · ${roster.data?.orgName ?? ''}`} destroyOnHidden
      extra={existing.data && <a href={`/api/org-life/meetings/${existing.data.id}/minutes.docx`} data-testid="minutes-docx">下载会议记录（Word）</a>}>
      <Form form={form} layout="vertical" onFinish={(v) => { setError(null); save.mutate(v); }} initialValues={{ kind: lifeMeetingId ? 'lifeMeeting' : 'branchCommittee', date: dayjs(defaultDate), place: '党员活动室', topic: defaultTopic }}>
        <Form.Item name="kind" label="会议类型" rules={[{ required: true }]}>
          <Select disabled={existing.data !== undefined || lifeMeetingId !== null}
            // A 组织生活会 is recorded from its preparation record (组织生活会 page), not chosen here.
            options={MEETING_KINDS.filter((k) => k !== 'lifeMeeting' || lifeMeetingId !== null || existing.data?.kind === 'lifeMeeting').map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} data-testid="meeting-kind" />
        </Form.Item>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="date" label="会议日期" rules={[{ required: true, message: '请选择会议日期' }]}><DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} inputReadOnly /></Form.Item>
          <Form.Item name="place" label="地点" rules={[{ required: true, message: '请填写会议地点' }]}><Input style={{ width: 160 }} /></Form.Item>
        </Space>
        <Space wrap style={{ width: '100%' }}>
          <Form.Item name="chair" label="主持人" rules={[{ required: true, message: '请填写主持人' }]}><Input style={{ width: 140 }} data-testid="meeting-chair" /></Form.Item>
          <Form.Item name="recorder" label="记录人" rules={[{ required: true, message: '请填写记录人' }]}><Input style={{ width: 140 }} data-testid="meeting-recorder" /></Form.Item>
        </Space>
        <Form.Item name="topic" label="会议主题" rules={[{ required: true, message: '请填写会议主题' }]}><Input data-testid="meeting-topic" /></Form.Item>

        <Typography.Text strong>出席情况（点姓名切换：出席 → 请假 → 缺席）{kind === 'branchCommittee' ? ' · 支部委员' : ''}</Typography.Text>
        <div className="yz-ol-names" data-testid="attendance-names">
          {shown.map((p) => {
            const m = marks[p.memberId];
            return (
              <button type="button" key={p.memberId} className="yz-ol-name" style={m ? { borderColor: COLORS[m.status], color: COLORS[m.status], fontWeight: 600 } : undefined} onClick={() => tap(p.memberId)} aria-label={`${p.name}：${m ? ATTENDANCE_STATUS_LABELS[m.status] : '未登记'}`}>
                {p.name}
                <small>{m ? ATTENDANCE_STATUS_LABELS[m.status] : p.status === 'probationary' ? '预备' : '未登记'}</small>
              </button>
            );
          })}
          {roster.data && shown.length === 0 && <Typography.Text type="secondary">{kind === 'branchCommittee' ? '本支部尚未设置支部委员（请在组织信息中设置书记和委员）' : '本支部暂无党员'}</Typography.Text>}
        </div>
        {Object.entries(marks).filter(([, m]) => m.status === 'leave').map(([id, m]) => (
          <Input key={id} size="small" style={{ marginBottom: 6 }} addonBefore={`${people.find((p) => p.memberId === id)?.name ?? ''}请假事由`} value={m.reason} onChange={(e) => setMarks((prev) => ({ ...prev, [id]: { ...m, reason: e.target.value } }))} />
        ))}
        {q.required && (
          <Alert style={{ margin: '8px 0' }} type={q.met ? 'success' : 'warning'} showIcon data-testid="quorum-status"
            title={`应到${kind === 'branchCommittee' ? '委员' : '正式党员'} ${q.due} 人，实到 ${q.present} 人，${q.met ? '已达到法定人数，可以形成决议' : `须至少 ${q.needed} 人到会方可形成决议`}`} />
        )}
        <Form.Item name="agenda" label="会议议程"><Input.TextArea rows={2} /></Form.Item>
        <Form.Item name="minutes" label={kind === 'lifeMeeting' ? '会议记录（对照检查、批评和自我批评情况）' : '会议记录'}><Input.TextArea rows={4} /></Form.Item>
        <Form.List name="resolutions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'text']} rules={[{ required: true, message: '请填写决议内容' }]} style={{ flex: 1, minWidth: 220 }}><Input placeholder="决议内容" data-testid="resolution-text" /></Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space>
              ))}
              <Button onClick={() => add({ text: '' })} style={{ marginBottom: 12 }} data-testid="add-resolution">添加决议</Button>
            </>
          )}
        </Form.List>
        <Space wrap align="start" style={{ marginBottom: 12 }}>
          <div>
            <Typography.Text>会议照片</Typography.Text>
            <Upload accept={FILE_ACCEPT} multiple listType="picture-card" showUploadList={{ showPreviewIcon: false }} fileList={asList(photos)}
              onRemove={(f) => setPhotos((list) => list.filter((x) => x.id !== f.uid))} customRequest={uploader((f) => setPhotos((list) => [...list, f]))}>
              {photos.length < 20 && <div data-testid="meeting-photo-upload"><CameraOutlined style={{ fontSize: 20 }} /><div style={{ marginTop: 4 }}>拍照/上传</div></div>}
            </Upload>
          </div>
          <div>
            <Typography.Text>签到表（扫描件）</Typography.Text>
            <Upload accept={FILE_ACCEPT} listType="picture-card" showUploadList={{ showPreviewIcon: false }} fileList={asList(signIn ? [signIn] : [])}
              onRemove={() => setSignIn(null)} customRequest={uploader(setSignIn)}>
              {!signIn && <div data-testid="meeting-signin-upload"><CameraOutlined style={{ fontSize: 20 }} /><div style={{ marginTop: 4 }}>上传签到表</div></div>}
            </Upload>
          </div>
        </Space>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="meeting-error" />}
        <Button type="primary" htmlType="submit" block size="large" loading={save.isPending} disabled={uploading > 0} data-testid="meeting-save">保存会议记录</Button>
      </Form>
    </Drawer>
  );
}
