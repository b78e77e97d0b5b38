// 党员之家 首页: my branch, my party birthday (政治生日), and this month's notices.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MyOverview, NoticeList } from '@yanzhen/domain';
import { Alert, Pagination, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage } from '../app/api';
import { useServerPage } from '../app/paging';

export default function MobileHomePage() {
  const qc = useQueryClient();
  const { data, isLoading, error } = useQuery({ queryKey: ['me', 'overview'], queryFn: () => api.get<MyOverview>('/api/me/overview') });
  const noticePage = useServerPage(null, 10);
  const notices = useQuery({ queryKey: ['me', 'notices', noticePage.query], queryFn: () => api.get<NoticeList>('/api/me/notices', noticePage.query) });
  const [open, setOpen] = useState<string | null>(null);
  const read = useMutation({ mutationFn: (id: string) => api.post(`/api/me/notices/${id}/read`), onSuccess: () => void qc.invalidateQueries({ queryKey: ['me', 'notices'] }) });
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
      <div className="yz-m-card" data-testid="m-notices">
        <h3>支部通知{notices.data?.unread ? <Tag color="red" style={{ marginLeft: 8 }}>{notices.data.unread} 条未读</Tag> : null}</h3>
        {notices.data?.items.length === 0 && <div className="yz-m-muted">支部暂未发布通知</div>}
        {notices.data?.items.map((n) => (
          <div key={n.id} className="yz-m-notice">
            <button
              type="button"
              className={`yz-m-notice-title${n.read ? '' : ' unread'}`}
              onClick={() => {
                setOpen(open === n.id ? null : n.id);
                if (!n.read) read.mutate(n.id);
              }}
              data-testid={`m-notice-${n.title}`}
            >
              {!n.read && <Tag color="red">未读</Tag>}{n.title}<span className="yz-m-muted"> · {n.postedAt.slice(5, 10)}</span>
            </button>
            {open === n.id && <div className="yz-m-notice-body">{n.body}<div className="yz-m-muted">{n.postedByName}</div></div>}
          </div>
        ))}
        {notices.data && notices.data.total > noticePage.pageSize && (
          <Pagination simple size="small" align="center" style={{ marginTop: 8 }} {...noticePage.pagination(notices.data.total, '条')} showSizeChanger={false} />
        )}
      </div>
      <div className="yz-m-card">
        <h3>本月提醒</h3>
        {data.notices.map((n, i) => (
          <div key={i} className="yz-m-row">
            {n.text}
          </div>
        ))}
      </div>
      <div className="yz-m-card" style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Link to="/m/theme-day">主题党日签到</Link>·<Link to="/m/stars">我的星级</Link>·<Link to="/m/dues">我的党费</Link>·<Link to="/m/community">社区报到</Link>·<Link to="/m/care">关爱帮扶</Link>·<Link to="/m/org-life">我的学时</Link>
        {data.scheme === 'mobile' && (
          <>
            ·<Link to="/m/report">提交汇报</Link>
          </>
        )}
      </div>
    </div>
  );
}
