// The members' phone shell (/m): a red header and a bottom tab bar; the pages load lazily, without the console's
// charts or tables, so the first screen stays small on a slow connection.
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../app/auth';
import { MobileShell } from './MobileShell';

const TABS = [
  { to: '/m', label: '首页', end: true },
  { to: '/m/theme-day', label: '主题党日' },
  { to: '/m/stars', label: '星级' },
  { to: '/m/dues', label: '党费' },
  { to: '/m/report', label: '汇报' },
];

export default function MobileLayout() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useEffect(() => {
    const tab = [...TABS].reverse().find((t) => (t.end ? pathname === t.to : pathname.startsWith(t.to)));
    const page = pathname.startsWith('/m/community') ? '社区报到' : pathname.startsWith('/m/care') ? '关爱帮扶' : tab && tab.to !== '/m' ? tab.label : null;
    document.title = page ? `${page} · 党员之家 · 雁阵` : '党员之家 · 雁阵';
  }, [pathname]);
  const toConsole = me.permissions.includes('dashboard.read');
  return <MobileShell title="雁阵 · 党员之家" navLabel="党员之家导航" tabs={TABS} action={{ label: toConsole ? '管理端' : '我的档案', onClick: () => navigate(toConsole ? '/' : '/me') }} />;
}
