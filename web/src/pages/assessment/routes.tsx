// Routes of issue #15: the annual ranking with its drill-down, the weak organizations.
import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/auth';

const AssessmentPage = lazy(() => import('./AssessmentPage'));
const WeakOrgsPage = lazy(() => import('./WeakOrgsPage'));

export const assessmentConsoleRoutes: RouteObject[] = [
  { path: 'assessment', element: <RequirePermission permission="assessment.read"><AssessmentPage /></RequirePermission> },
  { path: 'assessment/weak-orgs', element: <RequirePermission permission="assessment.read"><WeakOrgsPage /></RequirePermission> },
];
