// Routes of issue #11: the console page (/instructors) and the instructor's phone pages under /i.
import { lazy, Suspense } from 'react';
import type { RouteObject } from 'react-router';
import { FullPageSpin, RequireAuth, RequirePermission } from '../../app/auth';

const InstructorsPage = lazy(() => import('./InstructorsPage'));
const mobile = () => import('./InstructorMobile');
const Layout = lazy(() => mobile().then((m) => ({ default: m.InstructorMobileLayout })));
const Home = lazy(() => mobile().then((m) => ({ default: m.InstructorHomePage })));
const Scan = lazy(() => mobile().then((m) => ({ default: m.InstructorScanPage })));
const Log = lazy(() => mobile().then((m) => ({ default: m.InstructorLogPage })));
const Month = lazy(() => mobile().then((m) => ({ default: m.InstructorMonthPage })));
const StaffRatingPage = lazy(() => import('./StaffRatingPage'));

/** 职工评议: the public phone page a printed rating code opens (no login). */
export const staffRatingPublicRoute: RouteObject = { path: '/r', element: <Suspense fallback={<FullPageSpin />}><StaffRatingPage /></Suspense> };

export const instructorsConsoleRoutes: RouteObject[] = [
  { path: 'instructors', element: <RequirePermission permission="instructors.read"><InstructorsPage /></RequirePermission> },
];

export const instructorsMobileRoute: RouteObject = {
  path: '/i',
  element: (
    <RequireAuth>
      <RequirePermission permission="instructors.work">
        <Suspense fallback={<FullPageSpin />}>
          <Layout />
        </Suspense>
      </RequirePermission>
    </RequireAuth>
  ),
  children: [
    { index: true, element: <Home /> },
    { path: 'scan', element: <Scan /> },
    { path: 'log', element: <Log /> },
    { path: 'month', element: <Month /> },
  ],
};
