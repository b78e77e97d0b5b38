// The signed-in user: GET /api/auth/me through TanStack Query; its permissions drive the menu and the buttons.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me, Permission } from '@yanzhen/domain';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { api, ApiError, setCsrfToken } from './api';

export const ME_KEY = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        const me = await api.get<Me>('/api/auth/me');
        setCsrfToken(me.csrfToken);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

/** The current user; only call below <RequireAuth>, where it is known to be signed in. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('not signed in');
  return data;
}

export const useCan = () => {
  const me = useCurrentUser();
  return (p: Permission) => me.permissions.includes(p);
};

export function useAuthActions() {
  const qc = useQueryClient();
  return {
    signedIn(me: Me) {
      setCsrfToken(me.csrfToken);
      qc.setQueryData(ME_KEY, me);
    },
    async logout() {
      try {
        await api.post('/api/auth/logout');
      } finally {
        setCsrfToken('');
        qc.clear();
        window.location.assign('/login');
      }
    },
  };
}

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '60vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const { data, isLoading } = useMe();
  const location = useLocation();
  if (isLoading) return <FullPageSpin />;
  if (!data) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (data.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password?required=1" replace />;
  return children;
}

/** The landing page for a role: members see their own record, everyone else the dashboard. */
/** A phone-sized screen (below antd's md breakpoint, where the console switches to its drawer menu). */
export const isPhoneScreen = () => typeof window !== 'undefined' && window.matchMedia('(max-width: 767.98px)').matches;

/** Where an account lands: the console home; a member on a phone 党员之家 (/m), on a computer their profile; an
 * instructor on a phone their pages (/i: scan in/out, the work log). */
export const homePath = (me: Me) =>
  me.role === 'instructor' && isPhoneScreen() && me.permissions.includes('instructors.work') ? '/i' : me.permissions.includes('dashboard.read') ? '/' : me.permissions.includes('self.read') ? (me.role === 'member' && isPhoneScreen() ? '/m' : '/me') : '/password';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useCurrentUser();
  if (!me.permissions.includes(permission)) return <Navigate to={homePath(me)} replace />;
  return children;
}
