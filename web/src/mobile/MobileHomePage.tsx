// 党员之家 首页: my branch, my party birthday (政治生日), and this month's notices.
import { useQuery } from '@tanstack/react-query';
import type { MyOverview } from '@yanzhen/domain';
import { Alert, Skeleton } from 'antd';
import { Link } from 'react-router';
import { api, errorMessage } from '../app/api';

export default function MobileHomePage() {
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'overview'], queryFn: () => api.get<MyOverview>('/api/me/overview') });
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <Alert type="info" showIcon title={errorMessage(error)} />;
  return (
    <div data-testid="m-home">
      <div className="yz-m-card yz-m-hero">
        <div style={{ fontSize: 20, fontWeight: 700 }}>{data.name}</div>
        <div style={{ opacity: 0.9, marginTop: 4 }}>{data.orgName}</div>
        <div style={{ marginTop: 8 }}>{data.scheme === 'mobile' ? '流动党员' : '在职党员'} · 党龄 {data.partyYears} 年</div>
      </div>
      <div className="yz-m-card" data-testid="m-birthday">
        <h3>我的政治生日</h3>
        <div>入党日期：{data.joinDate}</div>
        <div style={{ marginTop: 4 }}>
          {data.daysToPartyBirthday === 0 ? (
            <b style={{ color: '#c41d1d' }}>今天是您入党 {data.partyYears} 周年的政治生日！</b>
          ) : (
            <>
              下一个政治生日：{data.nextPartyBirthday}（还有 <b>{data.daysToPartyBirthday}</b> 天，入党 {data.partyYears + 1} 周年）
            </>
          )}
        </div>
      </div>
      <div className="yz-m-card">
        <h3>支部通知</h3>
        {data.notices.map((n, i) => (
          <div key={i} className="yz-m-row">
            {n.text}
          </div>
        ))}
      </div>
      <div className="yz-m-card" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Link to="/m/theme-day">主题党日签到</Link>·<Link to="/m/stars">我的星级</Link>·<Link to="/m/dues">我的党费</Link>·<Link to="/m/community">社区报到</Link>
        {data.scheme === 'mobile' && (
          <>
            ·<Link to="/m/report">提交汇报</Link>
          </>
        )}
      </div>
    </div>
  );
}
