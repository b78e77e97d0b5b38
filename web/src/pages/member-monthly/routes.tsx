// Routes of issue #5: console pages (theme days, dues, wall chart, reports) and the members' phone pages under /m.
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpin, RequireAuth, RequirePermission } from '../../app/auth';

const ThemeDaysPage = lazy(() => import('./ThemeDaysPage'));
const DuesPage = lazy(() => import('./DuesPage'));
const DuesImportPage = lazy(() => import('./DuesImportPage'));
const DuesReceiptPage = lazy(() => import('./DuesReceiptPage'));
const StarSettingsPage = lazy(() => import('./StarSettingsPage'));
const NoticesPage = lazy(() => import('./NoticesPage'));
const WallChartPage = lazy(() => import('./WallChartPage'));
const ReportsPage = lazy(() => import('./ReportsPage'));
const MobileLayout = lazy(() => import('../../mobile/MobileLayout'));
const MobileHomePage = lazy(() => import('../../mobile/MobileHomePage'));
const MobileThemeDayPage = lazy(() => import('../../mobile/MobileThemeDayPage'));
const MobileStarsPage = lazy(() => import('../../mobile/MobileStarsPage'));
const MobileDuesPage = lazy(() => import('../../mobile/MobileDuesPage'));
const MobileReportPage = lazy(() => import('../../mobile/MobileReportPage'));
const MobileCommunityPage = lazy(() => import('../../mobile/MobileCommunityPage'));
const MobileCarePage = lazy(() => import('../../mobile/MobileCarePage'));
const CarePage = lazy(() => import('../care/CarePage'));
const TransfersPage = lazy(() => import('../care/TransfersPage'));

export const memberMonthlyConsoleRoutes: RouteObject[] = [
  { path: 'theme-days', element: <RequirePermission permission="themeDays.read"><ThemeDaysPage /></RequirePermission> },
  { path: 'dues', element: <RequirePermission permission="dues.read"><DuesPage /></RequirePermission> },
  { path: 'dues/import', element: <RequirePermission permission="dues.write"><DuesImportPage /></RequirePermission> },
  { path: 'dues/receipts/:id', element: <RequirePermission permission="dues.read"><DuesReceiptPage /></RequirePermission> },
  { path: 'stars/settings', element: <RequirePermission permission="stars.read"><StarSettingsPage /></RequirePermission> },
  { path: 'notices', element: <RequirePermission permission="notices.read"><NoticesPage /></RequirePermission> },
  { path: 'stars/wall', element: <RequirePermission permission="stars.read"><WallChartPage /></RequirePermission> },
  { path: 'reports', element: <RequirePermission permission="reports.read"><ReportsPage /></RequirePermission> },
  // Care and relationship transfers (issue #13).
  { path: 'care', element: <RequirePermission permission="care.read"><CarePage /></RequirePermission> },
  { path: 'transfers', element: <RequirePermission permission="care.read"><TransfersPage /></RequirePermission> },
];

export const memberMonthlyMobileRoute: RouteObject = {
  path: '/m',
  element: (
    <RequireAuth>
      <Suspense fallback={<FullPageSpin />}>
        <MobileLayout />
      </Suspense>
    </RequireAuth>
  ),
  children: [
    { index: true, element: <MobileHomePage /> },
    { path: 'theme-day', element: <MobileThemeDayPage /> },
    { path: 'stars', element: <MobileStarsPage /> },
    { path: 'dues', element: <MobileDuesPage /> },
    { path: 'dues/receipts/:id', element: <DuesReceiptPage mine /> },
    { path: 'report', element: <MobileReportPage /> },
    { path: 'community', element: <MobileCommunityPage /> },
    { path: 'care', element: <MobileCarePage /> },
  ],
};
