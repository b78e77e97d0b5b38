// The console shell: Ant Design in Chinese, server state through TanStack Query, lazy-loaded pages.
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, useRouteError, type RouteObject } from 'react-router';
import { Button, Result } from 'antd';
import './app.css';
import { isStaleVersion } from './api';
import { FullPageSpin, homePath, RequireAuth, RequirePermission, useCurrentUser } from './auth';
import { Layout } from './Layout';
import { memberMonthlyConsoleRoutes, memberMonthlyMobileRoute } from '../pages/member-monthly/routes';
import { instructorsConsoleRoutes, instructorsMobileRoute, staffRatingPublicRoute } from '../pages/instructors/routes';
import { orgLifeConsoleRoutes, orgLifeMobileRoutes } from '../pages/org-life/routes';
import { assessmentConsoleRoutes } from '../pages/assessment/routes';

dayjs.locale('zh-cn');
const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
  // A write refused as STALE_VERSION (someone else changed the record): every screen reloads what it shows, so the
  // next attempt carries the current version. The page still shows the server's message.
  mutationCache: new MutationCache({ onError: (err) => (isStaleVersion(err) ? void queryClient.invalidateQueries() : undefined) }),
});

const LoginPage = lazy(() => import('../pages/login/LoginPage'));
const DashboardPage = lazy(() => import('../pages/dashboard/DashboardPage'));
const MembersPage = lazy(() => import('../pages/members/MembersPage'));
const MemberDetailPage = lazy(() => import('../pages/members/MemberDetailPage'));
const MemberFormPage = lazy(() => import('../pages/members/MemberFormPage'));
const ImportPage = lazy(() => import('../pages/members/ImportPage'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage'));
const AccountsPage = lazy(() => import('../pages/accounts/AccountsPage'));
const PasswordPage = lazy(() => import('../pages/password/PasswordPage'));
const MyProfilePage = lazy(() => import('../pages/me/MyProfilePage'));
const DevelopmentPage = lazy(() => import('../pages/development/DevelopmentPage'));
const DevelopmentFilePage = lazy(() => import('../pages/development/DevelopmentFilePage'));
const ProspectsPage = lazy(() => import('../pages/development/ProspectsPage'));
const DutiesPage = lazy(() => import('../pages/duties/DutiesPage'));
const BoardPage = lazy(() => import('../board/BoardPage'));
const DevelopmentImportPage = lazy(() => import('../pages/development/DevelopmentImportPage'));
const DevelopmentRulesPage = lazy(() => import('../pages/development/DevelopmentRulesPage'));
const JobsPage = lazy(() => import('../pages/jobs/JobsPage'));
const DutyHomeCard = lazy(() => import('../pages/duties/DutyHomeCard'));
const PublicityPage = lazy(() => import('../pages/publicity/PublicityPage'));
const PublicityHomeCard = lazy(() => import('../pages/publicity/PublicityHomeCard'));

function Home() {
  const me = useCurrentUser();
  const target = homePath(me);
  return target === '/' ? <>{me.permissions.includes('duties.submit') && me.role === 'branchSecretary' && <DutyHomeCard />}{me.permissions.includes('publicity.submit') && me.role !== 'countyAdmin' && <PublicityHomeCard />}<DashboardPage /></> : <Navigate to={target} replace />;
}

/** A page that failed to load (often a new version deployed since the tab opened): offer a reload. */
function RouteError() {
  const error = useRouteError();
  return (
    <Result
      status="warning"
      title="页面加载失败"
      subTitle={error instanceof Error ? error.message : '请刷新页面后重试'}
      extra={<Button type="primary" onClick={() => window.location.reload()}>刷新页面</Button>}
    />
  );
}

const router = createBrowserRouter([
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  { path: '/board/:token', element: <Suspense fallback={<FullPageSpin />}><BoardPage /></Suspense> },
  { ...memberMonthlyMobileRoute, children: [...(memberMonthlyMobileRoute.children ?? []), ...orgLifeMobileRoutes] } as RouteObject,
  instructorsMobileRoute,
  staffRatingPublicRoute,
  {
    path: '/',
    element: (
      <RequireAuth>
        <Layout />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      { path: 'members', element: <RequirePermission permission="members.read"><MembersPage /></RequirePermission> },
      { path: 'members/new', element: <RequirePermission permission="members.write"><MemberFormPage /></RequirePermission> },
      { path: 'members/import', element: <RequirePermission permission="members.import"><ImportPage /></RequirePermission> },
      { path: 'members/:id', element: <RequirePermission permission="members.read"><MemberDetailPage /></RequirePermission> },
      { path: 'members/:id/edit', element: <RequirePermission permission="members.write"><MemberFormPage /></RequirePermission> },
      { path: 'jobs', element: <RequirePermission permission="jobs.run"><JobsPage /></RequirePermission> },
      { path: 'audit', element: <RequirePermission permission="audit.read"><AuditPage /></RequirePermission> },
      { path: 'accounts', element: <RequirePermission permission="accounts.read"><AccountsPage /></RequirePermission> },
      { path: 'password', element: <PasswordPage /> },
      { path: 'duties', element: <RequirePermission permission="duties.read"><DutiesPage /></RequirePermission> },
      { path: 'me', element: <RequirePermission permission="self.read"><MyProfilePage /></RequirePermission> },
      { path: 'development', element: <RequirePermission permission="development.read"><DevelopmentPage /></RequirePermission> },
      { path: 'development/prospects', element: <RequirePermission permission="development.read"><ProspectsPage /></RequirePermission> },
      { path: 'development/import', element: <RequirePermission permission="development.record"><DevelopmentImportPage /></RequirePermission> },
      { path: 'development/rules', element: <RequirePermission permission="development.read"><DevelopmentRulesPage /></RequirePermission> },
      { path: 'development/:id', element: <RequirePermission permission="development.read"><DevelopmentFilePage /></RequirePermission> },
      { path: 'publicity', element: <RequirePermission permission="publicity.read"><PublicityPage /></RequirePermission> },
      ...memberMonthlyConsoleRoutes,
      ...instructorsConsoleRoutes,
      ...orgLifeConsoleRoutes,
      ...assessmentConsoleRoutes,
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);

export function App() {
  // Dialogs hold forms: a click beside one must not close it and lose what was typed (取消 or Esc still close it).
  return (
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#c41d1d' } }} modal={{ mask: { closable: false } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
