// Routes of issue #12: the meeting calendar and the compliance page in the console; the member's page under /m.
import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/auth';

const MeetingsPage = lazy(() => import('./MeetingsPage'));
const CompliancePage = lazy(() => import('./CompliancePage'));
const TalksHoursPage = lazy(() => import('./TalksHoursPage'));
const LifeMeetingsPage = lazy(() => import('./LifeMeetingsPage'));
const CheckupsPage = lazy(() => import('./CheckupsPage'));
export const MobileOrgLifePage = lazy(() => import('../../mobile/MobileOrgLifePage'));

export const orgLifeConsoleRoutes: RouteObject[] = [
  { path: 'org-life/meetings', element: <RequirePermission permission="orgLife.read"><MeetingsPage /></RequirePermission> },
  { path: 'org-life/life-meetings', element: <RequirePermission permission="orgLife.read"><LifeMeetingsPage /></RequirePermission> },
  { path: 'org-life/checkups', element: <RequirePermission permission="orgLife.checkups"><CheckupsPage /></RequirePermission> },
  { path: 'org-life/talks-hours', element: <RequirePermission permission="orgLife.read"><TalksHoursPage /></RequirePermission> },
  { path: 'org-life/compliance', element: <RequirePermission permission="orgLife.read"><CompliancePage /></RequirePermission> },
];
export const orgLifeMobileRoutes: RouteObject[] = [{ path: 'org-life', element: <MobileOrgLifePage /> }];
