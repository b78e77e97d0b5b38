// The members' phone shell (/m): a red header and a bottom tab bar; the pages load lazily, without the console's
// charts or tables, so the first screen stays small on a slow connection.
import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin, useCurrentUser } from '../app/auth';
import './mobile.css';

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
  return (
    <div className="yz-m">
      <header className="yz-m-header">
        <span className="yz-m-title">雁阵 · 党员之家</span>
        <button type="button" className="yz-m-link" onClick={() => navigate(me.permissions.includes('dashboard.read') ? '/' : '/me')}>
          {me.permissions.includes('dashboard.read') ? '管理端' : '我的档案'}
        </button>
      </header>
      <main className="yz-m-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="yz-m-tabs" aria-label="党员之家导航">
        {TABS.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className={({ isActive }) => (isActive ? 'active' : '')}>
            {t.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
