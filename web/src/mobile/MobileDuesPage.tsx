// 我的党费: my base and monthly amount, this year's months paid and owed, arrears, recent payments.
import { useQuery } from '@tanstack/react-query';
import type { MyDues } from '@yanzhen/domain';
import { Alert, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api, errorMessage } from '../app/api';
import { DUES_CATEGORY_SHORT, currentMonth, monthLabel, yuan } from './mobile-format';

export default function MobileDuesPage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'dues'], queryFn: () => api.get<MyDues>('/api/me/dues') });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const now = currentMonth();
  return (
    <div data-testid="m-dues">
      <div className="yz-m-card yz-m-hero">
        <div>每月应交</div>
        <div style={{ fontSize: 24, fontWeight: 700 }}>{yuan(data.monthlyFen)} 元</div>
        <div style={{ opacity: 0.9 }}>{data.category ? `${DUES_CATEGORY_SHORT[data.category]}${data.baseFen !== null ? ` · 基数 ${yuan(data.baseFen)} 元` : ''}` : '党费基数尚未核定，请联系支部'}</div>
      </div>
      {data.level !== 'none' && (
        <Alert type={data.level === 'red' ? 'error' : 'warning'} showIcon style={{ marginBottom: 10 }} title={`已连续 ${data.streak} 个月未交党费，共欠 ${yuan(data.unpaidFen)} 元，请尽快交纳`} />
      )}
      <div className="yz-m-card">
        <h3>{data.year}年交纳情况</h3>
        <div className="yz-m-grid">
          {data.months.map((m) => (
            <div key={m.month} className={`yz-m-month ${m.paid ? 'paid' : m.due && m.month < now ? 'owed' : ''}`}>
              <div>{monthLabel(m.month)}</div>
              <div>{m.paid ? '已交' : m.due ? (m.month < now ? '未交' : m.month === now ? '本月' : '—') : '免交'}</div>
            </div>
          ))}
        </div>
      </div>
      <div className="yz-m-card">
        <h3>交纳记录</h3>
        {data.payments.length === 0 && <div className="yz-m-muted">暂无记录</div>}
        {data.payments.map((p) => (
          <Link key={p.id} to={`/m/dues/receipts/${p.id}`} className="yz-m-row" data-testid="m-dues-payment">
            <span>{p.paidOn} · {p.months.map(monthLabel).join('、')}</span>
            <span>{yuan(p.amountFen)} 元 · 收据 ›</span>
          </Link>
        ))}
      </div>
    </div>
  );
}
