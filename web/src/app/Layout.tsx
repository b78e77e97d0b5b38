// The console frame: a side menu from the user's permissions (a drawer on phones), a header with the user and logout.
import {
  AuditOutlined,
  ClockCircleOutlined,
  DashboardOutlined,
  FlagOutlined,
  NotificationOutlined,
  IdcardOutlined,
  ScheduleOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  TeamOutlined,
  UploadOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Me } from '@yanzhen/domain';
import { Breadcrumb, Button, Drawer, Dropdown, Grid, Layout as AntLayout, Menu, Typography, theme } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { FullPageSpin, useAuthActions, useCurrentUser } from './auth';
import { breadcrumbsOf, documentTitleOf } from './page-titles';
import { MEMBER_MOBILE_NAV, MEMBER_MONTHLY_NAV } from '../pages/member-monthly/nav';
import { INSTRUCTORS_NAV } from '../pages/instructors/nav';
import { ORG_LIFE_NAV } from '../pages/org-life/nav';
import { ASSESSMENT_NAV } from '../pages/assessment/nav';

export type NavItem = { key: string; label: string; icon: ReactNode; visible: (me: Me) => boolean };

const NAV: NavItem[] = [
  { key: '/', label: '首页', icon: <DashboardOutlined />, visible: (me) => me.permissions.includes('dashboard.read') },
  { key: '/members', label: '组织与党员', icon: <TeamOutlined />, visible: (me) => me.permissions.includes('members.read') },
  { key: '/members/import', label: '党员导入', icon: <UploadOutlined />, visible: (me) => me.permissions.includes('members.import') },
  { key: '/development', label: '发展党员', icon: <FlagOutlined />, visible: (me) => me.permissions.includes('development.read') },
  { key: '/duties', label: '书记履职', icon: <ScheduleOutlined />, visible: (me) => me.permissions.includes('duties.read') },
  ...MEMBER_MONTHLY_NAV,
  { key: '/publicity', label: '信息宣传', icon: <NotificationOutlined />, visible: (me) => me.permissions.includes('publicity.read') },
  ...INSTRUCTORS_NAV,
  ...ORG_LIFE_NAV,
  ...ASSESSMENT_NAV,
  { key: '/audit', label: '操作日志', icon: <AuditOutlined />, visible: (me) => me.permissions.includes('audit.read') },
  { key: '/jobs', label: '定时任务', icon: <ClockCircleOutlined />, visible: (me) => me.permissions.includes('jobs.run') },
  { key: '/accounts', label: '账号管理', icon: <UserSwitchOutlined />, visible: (me) => me.permissions.includes('accounts.read') },
  { key: '/me', label: '我的档案', icon: <IdcardOutlined />, visible: (me) => me.role === 'member' || (me.memberId !== null && me.permissions.includes('self.read')) },
  ...MEMBER_MOBILE_NAV,
];

export const navItemsFor = (me: Me) => NAV.filter((n) => n.visible(me));

function selectedKey(pathname: string, items: NavItem[]): string {
  const match = items
    .filter((i) => (i.key === '/' ? pathname === '/' : pathname === i.key || pathname.startsWith(`${i.key}/`)))
    .sort((a, b) => b.key.length - a.key.length)[0];
  return match?.key ?? '';
}

export function Layout() {
  const me = useCurrentUser();
  const { logout } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const { token } = theme.useToken();
  const items = navItemsFor(me);
  const crumbs = breadcrumbsOf(location.pathname);
  useEffect(() => {
    document.title = documentTitleOf(location.pathname);
  }, [location.pathname]);

  const menu = (
    <Menu
      mode="inline"
      inlineCollapsed={!isPhone && collapsed}
      theme={isPhone ? 'light' : 'dark'}
      selectedKeys={[selectedKey(location.pathname, items)]}
      items={items.map((i) => ({ key: i.key, icon: i.icon, label: i.label }))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  const userMenu = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: '我的账号（密码、登录设备）' },
      { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
    ],
    onClick: ({ key }: { key: string }) => (key === 'logout' ? void logout() : navigate('/password')),
  };

  return (
    <AntLayout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <AntLayout.Sider width={208} breakpoint="lg" collapsedWidth={64} collapsed={collapsed} onBreakpoint={setCollapsed} trigger={null} style={{ background: '#8c1212', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#ffd666', fontWeight: 700, fontSize: 18, letterSpacing: 2 }}>
            {collapsed ? '雁' : '雁阵'}
          </div>
          <div className="yz-sider-menu">{menu}</div>
        </AntLayout.Sider>
      )}
      <AntLayout>
        <AntLayout.Header
          style={{ position: 'sticky', top: 0, zIndex: 10, background: token.colorPrimary, padding: isPhone ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, height: 56, lineHeight: '56px' }}
        >
          {isPhone && <Button type="text" aria-label="菜单" icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />} onClick={() => setDrawerOpen(true)} />}
          <Typography.Text strong style={{ color: '#fff', fontSize: isPhone ? 16 : 17, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', flex: 1 }}>
            {isPhone ? '雁阵' : '雁阵 · 党建工作管理平台'}
          </Typography.Text>
          <Dropdown menu={userMenu} placement="bottomRight" trigger={['click']}>
            <Button type="text" style={{ color: '#fff', maxWidth: isPhone ? 180 : 360 }} data-testid="user-menu">
              <UserOutlined />
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
                {me.displayName}
                {!isPhone && <span style={{ opacity: 0.8 }}> · {me.orgName}</span>}
              </span>
            </Button>
          </Dropdown>
        </AntLayout.Header>
        <AntLayout.Content style={{ padding: isPhone ? 8 : 16, minWidth: 0 }}>
          {crumbs.length > 1 && (
            <Breadcrumb
              data-testid="breadcrumb"
              style={{ marginBottom: isPhone ? 8 : 12 }}
              items={crumbs.map((c, i) => (i < crumbs.length - 1 ? { key: c.path, title: <Link to={c.path}>{c.title}</Link> } : { key: c.path, title: c.title }))}
            />
          )}
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </AntLayout.Content>
        {!isPhone && <AntLayout.Footer style={{ textAlign: 'center', padding: '8px 0', color: '#999', fontSize: 12 }}>雁阵 · {me.orgName}</AntLayout.Footer>}
      </AntLayout>
      <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={240} title="雁阵 · 党建工作管理平台" styles={{ body: { padding: 0 } }}>
        <div style={{ padding: '8px 16px', color: '#666', fontSize: 13 }}>
          {me.displayName} · {me.orgName}
        </div>
        {menu}
      </Drawer>
    </AntLayout>
  );
}
