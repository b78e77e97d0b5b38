// 三会一课 calendar: a branch's meetings in a month view, the kinds due this month and not yet held, and the form.
import { useQuery } from '@tanstack/react-query';
import { MEETING_KIND_LABELS, PERIOD_STATE_LABELS, type ComplianceReport, type MeetingSummary } from '@yanzhen/domain';
import { Button, Card, DatePicker, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../app/api';
import { useCan } from '../../app/auth';
import { BranchPicker, useDefaultOrg } from '../member-monthly/BranchPicker';
import { MeetingForm } from './MeetingForm';
import './org-life.css';

const SHORT: Record<string, string> = { branchAssembly: '党员大会', branchCommittee: '支委会', groupMeeting: '党小组会', partyLecture: '党课', themeDay: '主题党日' };
const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

export default function MeetingsPage() {
  const can = useCan();
  const [orgId, setOrgId] = useState<string | undefined>(useDefaultOrg());
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [open, setOpen] = useState<{ id: string | null; date: string } | null>(null);
  const meetings = useQuery({ queryKey: ['org-life', 'meetings', orgId, month], enabled: !!orgId, queryFn: () => api.get<{ items: MeetingSummary[]; total: number }>(`/api/org-life/meetings?orgId=${orgId}&month=${month}&pageSize=200`) });
  const year = Number(month.slice(0, 4));
  const compliance = useQuery({ queryKey: ['org-life', 'compliance', orgId, year], enabled: !!orgId, queryFn: () => api.get<ComplianceReport>(`/api/org-life/compliance?orgId=${orgId}&year=${year}&pageSize=1`) });
  const branch = compliance.data?.items[0];
  const due = (branch?.kinds ?? []).map((k) => ({ kind: k.kind, p: k.periods.find((p) => periodContains(p.period, month)) })).filter((x) => x.p);

  const first = dayjs(`${month}-01`);
  const lead = (first.day() + 6) % 7;
  const days = first.daysInMonth();
  const cells = [...Array(lead).fill(null), ...Array.from({ length: days }, (_, i) => i + 1)];
  const byDay = new Map<number, MeetingSummary[]>();
  for (const m of meetings.data?.items ?? []) byDay.set(Number(m.date.slice(8, 10)), [...(byDay.get(Number(m.date.slice(8, 10))) ?? []), m]);
  const today = dayjs().format('YYYY-MM-DD');
  const isBranch = compliance.data ? compliance.data.total === 1 && branch?.orgId === orgId : false;

  return (
    <Card title="三会一课" extra={<BranchPicker value={orgId} onChange={setOrgId} branchesOnly />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => setMonth(dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM'))} aria-label="上个月">‹</Button>
        <DatePicker picker="month" value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} allowClear={false} inputReadOnly />
        <Button onClick={() => setMonth(dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM'))} aria-label="下个月">›</Button>
        {can('orgLife.write') && isBranch && <Button type="primary" onClick={() => setOpen({ id: null, date: month === today.slice(0, 7) ? today : `${month}-01` })} data-testid="new-meeting">记录会议</Button>}
      </Space>
      {branch && (
        <div style={{ marginBottom: 12 }} data-testid="due-items">
          <Typography.Text type="secondary">本期应召开：</Typography.Text>
          {due.map(({ kind, p }) => (
            <Tag key={kind} color={p!.state === 'held' ? 'green' : p!.state === 'overdue' ? 'red' : p!.state === 'open' ? 'orange' : 'default'}>
              {SHORT[kind]} {PERIOD_STATE_LABELS[p!.state as keyof typeof PERIOD_STATE_LABELS]}
            </Tag>
          ))}
        </div>
      )}
      {!isBranch && compliance.data && <Typography.Paragraph type="secondary">请选择一个党支部查看会议日历。</Typography.Paragraph>}
      <div className="yz-ol-cal" data-testid="meeting-calendar">
        {WEEK.map((w) => <div key={w} className="yz-ol-wk">{w}</div>)}
        {cells.map((d, i) => (
          <div key={i} className={`yz-ol-day${d && `${month}-${String(d).padStart(2, '0')}` === today ? ' yz-ol-today' : ''}`}>
            {d && <span className="yz-ol-num">{d}</span>}
            {d && (byDay.get(d) ?? []).map((m) => (
              <button type="button" key={m.id} className={`yz-ol-ev yz-ol-${m.kind}`} onClick={() => setOpen({ id: m.id, date: m.date })} title={`${MEETING_KIND_LABELS[m.kind]}：${m.topic}`}>
                {SHORT[m.kind]}
              </button>
            ))}
          </div>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>本月共 {meetings.data?.total ?? 0} 次会议。主题党日在“主题党日”中安排，计入频次统计。</Typography.Paragraph>
      {open && orgId && <MeetingForm orgId={orgId} meetingId={open.id} defaultDate={open.date} onClose={() => setOpen(null)} />}
    </Card>
  );
}

/** Whether a period ('2026-03', '2026-Q1', '2026-H1', '2026') contains the month. */
function periodContains(period: string, month: string): boolean {
  if (period.length === 7 && period[4] === '-' && period[5] !== 'Q' && period[5] !== 'H') return period === month;
  if (period.slice(0, 4) !== month.slice(0, 4)) return false;
  const m = Number(month.slice(5, 7));
  if (period.includes('Q')) return Math.ceil(m / 3) === Number(period.slice(-1));
  if (period.includes('H')) return Math.ceil(m / 6) === Number(period.slice(-1));
  return true;
}
