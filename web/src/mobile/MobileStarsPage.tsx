// 我的星级与积分: this year's months (points, stars and what made them), yearly totals and tier.
import { useQuery } from '@tanstack/react-query';
import type { MyStars } from '@yanzhen/domain';
import { Alert, Skeleton } from 'antd';
import { api, errorMessage } from '../app/api';
import { CRITERION_LABELS, TIER_LABELS, monthLabel, stars } from './mobile-format';

export default function MobileStarsPage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'stars'], queryFn: () => api.get<MyStars>('/api/me/stars') });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  return (
    <div data-testid="m-stars">
      <div className="yz-m-card yz-m-hero">
        <div>{data.year}年 · {data.scheme === 'mobile' ? '流动党员' : '在职党员'}</div>
        <div style={{ fontSize: 22, fontWeight: 700, marginTop: 4 }} data-testid="m-total-stars">累计 {data.totalStars} 颗星</div>
        <div style={{ marginTop: 4 }}>月均 {data.averagePoints} 分{data.tier ? ` · ${TIER_LABELS[data.tier]}` : ''}</div>
      </div>
      {data.months.length === 0 && <div className="yz-m-card yz-m-muted">本年度尚无星级记录。</div>}
      {[...data.months].reverse().map((m) => (
        <div className="yz-m-card" key={m.month} data-testid={`m-month-${m.month}`}>
          <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
            <h3 style={{ margin: 0 }}>{monthLabel(m.month)}</h3>
            <span><span className="yz-m-stars">{stars(m.stars)}</span> {m.points}分</span>
          </div>
          {m.items.map((i) => (
            <div className="yz-m-row" key={i.criterion}>
              <span>{CRITERION_LABELS[i.criterion] ?? i.criterion}</span>
              <span style={{ color: i.points < i.max ? '#cf1322' : undefined }}>{i.points} / {i.max}</span>
            </div>
          ))}
          {m.adjustment !== 0 && <div className="yz-m-row"><span>调整</span><span>{m.adjustment > 0 ? '+' : ''}{m.adjustment}</span></div>}
        </div>
      ))}
      {data.adjustments.length > 0 && (
        <div className="yz-m-card">
          <h3>加减分记录</h3>
          {data.adjustments.map((a, i) => (
            <div className="yz-m-row" key={i}><span>{monthLabel(a.month)} {a.reason}</span><span>{a.kind === 'excellence' ? '岗位争先' : a.kind === 'deduction' ? `-${a.points}` : a.points}</span></div>
          ))}
        </div>
      )}
    </div>
  );
}
