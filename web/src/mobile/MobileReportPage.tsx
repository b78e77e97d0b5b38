// 提交汇报: a mobile member's monthly situation report (where I am, what I did), and how the branch received it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MAX_REPORT_PHOTOS, type Report, type StoredFile } from '@yanzhen/domain';
import { Alert, Button, Input, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../app/api';
import { REPORT_STATUS, currentMonth, monthLabel } from './mobile-format';

export default function MobileReportPage() {
  const qc = useQueryClient();
  const month = currentMonth();
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'reports'], queryFn: () => api.get<{ items: Report[] }>('/api/me/reports') });
  const current = data?.items.find((r) => r.month === month);
  const [content, setContent] = useState<string | null>(null);
  const [location, setLocation] = useState<string | null>(null);
  const [photos, setPhotos] = useState<StoredFile[] | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const shown = photos ?? current?.photos ?? [];
  const addPhotos = async (list: FileList | null) => {
    if (!list) return;
    setUploadError(null);
    setUploading(true);
    const next = [...shown];
    try {
      for (const f of Array.from(list).slice(0, MAX_REPORT_PHOTOS - next.length)) {
        const fd = new FormData();
        fd.append('file', f, f.name);
        next.push(await api.upload<StoredFile>('/api/me/reports/photos', fd));
      }
    } catch (err) {
      setUploadError(errorMessage(err));
    } finally {
      setPhotos(next);
      setUploading(false);
    }
  };
  const submit = useMutation({
    mutationFn: () => api.post<Report>('/api/me/reports', { month, content: content ?? current?.content ?? '', location: location ?? current?.location ?? '', photoFileIds: shown.map((p) => p.id) }),
    onSuccess: () => {
      setContent(null);
      setLocation(null);
      setPhotos(null);
      void qc.invalidateQueries({ queryKey: ['me'] });
    },
  });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const locked = current?.status === 'accepted';
  return (
    <div data-testid="m-report">
      <div className="yz-m-card">
        <h3>{monthLabel(month)}思想和工作情况汇报</h3>
        {current && (
          <div style={{ marginBottom: 8 }} data-testid="m-report-status">
            <Tag color={REPORT_STATUS[current.status].color}>{REPORT_STATUS[current.status].text}</Tag>
            {current.reviewNote && <span className="yz-m-muted">{current.reviewNote}</span>}
          </div>
        )}
        <Input value={location ?? current?.location ?? ''} onChange={(e) => setLocation(e.target.value)} placeholder="目前所在地（如 西安市雁塔区）" disabled={locked} aria-label="所在地" maxLength={100} />
        <Input.TextArea style={{ marginTop: 8 }} rows={6} value={content ?? current?.content ?? ''} onChange={(e) => setContent(e.target.value)} placeholder="本月工作、学习和思想情况，参加组织生活的情况（至少10个字）" disabled={locked} aria-label="汇报内容" maxLength={2000} showCount />
        <div style={{ marginTop: 28 }} data-testid="m-report-photos">
          <div className="yz-m-muted">照片（可选，最多{MAX_REPORT_PHOTOS}张）：{shown.length ? shown.map((p) => p.name).join('、') : '未添加'}</div>
          {!locked && shown.length < MAX_REPORT_PHOTOS && (
            <label className="yz-m-photo-pick">
              {uploading ? '正在上传…' : '＋ 拍照或选择照片'}
              <input type="file" accept="image/*" multiple hidden disabled={uploading} onChange={(e) => { void addPhotos(e.target.files); e.target.value = ''; }} aria-label="添加照片" />
            </label>
          )}
          {!locked && shown.length > 0 && <Button size="small" type="link" onClick={() => setPhotos([])}>清除照片</Button>}
          {uploadError && <Alert style={{ marginTop: 8 }} type="error" showIcon title={uploadError} />}
        </div>
        {!locked && (
          <Button type="primary" block style={{ marginTop: 12 }} loading={submit.isPending} onClick={() => submit.mutate()}>
            {current ? '重新提交' : '提交汇报'}
          </Button>
        )}
        {submit.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(submit.error)} />}
        {submit.isSuccess && <Alert style={{ marginTop: 8 }} type="success" showIcon title="已提交，等待支部审阅" />}
      </div>
      <div className="yz-m-card">
        <h3>历史汇报</h3>
        {data.items.filter((r) => r.month !== month).length === 0 && <div className="yz-m-muted">暂无</div>}
        {data.items.filter((r) => r.month !== month).map((r) => (
          <div key={r.id} className="yz-m-row">
            <span>{r.month} · {r.location}</span>
            <Tag color={REPORT_STATUS[r.status].color}>{REPORT_STATUS[r.status].text}</Tag>
          </div>
        ))}
      </div>
    </div>
  );
}
