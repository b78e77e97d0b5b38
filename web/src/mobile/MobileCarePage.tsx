// 我的帮扶对象: the helper's phone list of people to visit (overdue first) with a one-tap visit record.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CARE_KIND_LABELS, RHYTHM_STATUS_LABELS, VISIT_KIND_LABELS, type Pairing, type PairingDetail } from '@yanzhen/domain';
import { Alert, Button, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { api, errorMessage } from '../app/api';
import { VisitForm } from '../pages/care/VisitForm';

const COLOR = { ok: 'success', dueSoon: 'warning', overdue: 'error', ended: 'default' } as const;

export default function MobileCarePage() {
  const qc = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'care'], queryFn: () => api.get<{ items: Pairing[]; total: number }>('/api/me/care/list', { pageSize: 100 }) });
  const helpers = useQuery({ queryKey: ['me', 'care', 'helpers'], queryFn: () => api.get<{ items: PairingDetail[]; total: number }>('/api/me/care/helpers') });
  const visit = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<Pairing>('/api/me/care/visits', { pairingId: open, ...v }),
    onSuccess: (p) => { setOpen(null); setSaved(`已记录对${p.memberName}的走访，下次应访 ${p.nextDue ?? '—'}`); void qc.invalidateQueries({ queryKey: ['me', 'care'] }); },
  });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div data-testid="m-care">
      {(helpers.data?.items.length ?? 0) > 0 && (
        <div className="yz-m-card" data-testid="m-my-helpers">
          <h3>我的帮扶人</h3>
          {helpers.data!.items.map((h) => (
            <div key={h.id} style={{ marginBottom: 8 }}>
              <div><b>{h.helperName}</b> <span className="yz-m-muted">{CARE_KIND_LABELS[h.kind]} · 自 {h.startedOn}</span></div>
              {h.visits.length === 0 && <div className="yz-m-muted">暂无走访记录</div>}
              {h.visits.map((v) => <div key={v.id} className="yz-m-muted">{v.visitedOn} {VISIT_KIND_LABELS[v.kind]}·{v.occasion}：{v.content}</div>)}
            </div>
          ))}
        </div>
      )}
      {saved && <Alert type="success" showIcon title={saved} style={{ marginBottom: 8 }} data-testid="m-care-saved" />}
      <div className="yz-m-card">
        <h3>我的帮扶对象（{data.total} 人）</h3>
        {data.items.length === 0 && <div className="yz-m-muted">暂无结对的帮扶对象</div>}
        {data.items.map((p) => (
          <div key={p.id} data-testid={`m-care-${p.memberName}`} style={{ borderTop: '1px solid #f0f0f0', padding: '10px 0' }}>
            <div className="yz-m-row">
              <span><b>{p.memberName}</b> <span className="yz-m-muted">{CARE_KIND_LABELS[p.kind]}</span></span>
              <Tag color={COLOR[p.status]}>{RHYTHM_STATUS_LABELS[p.status]}</Tag>
            </div>
            <div className="yz-m-muted">上次走访 {p.lastVisitOn ?? '未走访'} · 应访 {p.nextDue ?? '—'}{p.needs ? ` · ${p.needs}` : ''}</div>
            {open === p.id ? (
              <div style={{ marginTop: 8 }}>
                <VisitForm pending={visit.isPending} onSubmit={(v) => visit.mutate(v)} />
                {visit.error && <Alert style={{ marginTop: 8 }} type="error" showIcon title={errorMessage(visit.error)} />}
                <Button block style={{ marginTop: 8 }} onClick={() => setOpen(null)}>取消</Button>
              </div>
            ) : (
              <Button type="primary" block style={{ marginTop: 8 }} onClick={() => { setSaved(null); visit.reset(); setOpen(p.id); }}>登记走访</Button>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
