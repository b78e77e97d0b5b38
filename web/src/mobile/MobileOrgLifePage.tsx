// 我的组织生活: this year's training hours against the requirement, and the meetings the member was on the list of.
import { useQuery } from '@tanstack/react-query';
import { ATTENDANCE_STATUS_LABELS, MEETING_KIND_LABELS, type MyOrgLife } from '@yanzhen/domain';
import { Alert, Progress, Skeleton } from 'antd';
import { api, errorMessage } from '../app/api';

export default function MobileOrgLifePage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'org-life'], queryFn: () => api.get<MyOrgLife>('/api/me/org-life') });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const h = data.hours;
  return (
    <div data-testid="m-org-life">
      <div className="yz-m-card yz-m-hero">
        <div>{data.year}年 · {data.orgName}</div>
        <div style={{ fontSize: 22, fontWeight: 700, marginTop: 4 }} data-testid="m-hours">学时 {h.total} / {h.required}</div>
        <div style={{ marginTop: 4 }}>{h.shortfall > 0 ? `还差 ${h.shortfall} 学时` : '已完成本年度学习任务'}</div>
      </div>
      <div className="yz-m-card">
        <Progress percent={Math.round(h.permille / 10)} status={h.shortfall > 0 ? 'active' : 'success'} strokeColor="#c41d1d" />
        <div className="yz-m-row"><span>三会一课、主题党日（出席）</span><span>{h.meetingHours} 学时</span></div>
        <div className="yz-m-row"><span>党校培训、网络学习等</span><span>{h.otherHours} 学时</span></div>
      </div>
      <div className="yz-m-card">
        <h3>我参加的会议（{data.meetings.total} 次）</h3>
        {data.meetings.items.length === 0 && <div className="yz-m-muted">本年度尚无会议记录。</div>}
        {data.meetings.items.map((m) => (
          <div className="yz-m-row" key={m.id}>
            <span>{m.date.slice(5)} {MEETING_KIND_LABELS[m.kind]}<br /><small className="yz-m-muted">{m.topic}</small></span>
            <span style={{ color: m.attendance === 'present' ? '#389e0d' : m.attendance === 'absent' ? '#cf1322' : '#d48806' }}>{m.attendance ? ATTENDANCE_STATUS_LABELS[m.attendance] : '—'}{m.hours ? ` · ${m.hours}学时` : ''}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
