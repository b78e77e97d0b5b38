// The phone shell every phone area shares (/m for members, /i for instructors): a red header with a title and one
// link, the page, and a bottom tab bar.
import { Suspense, type ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';
import { FullPageSpin } from '../app/auth';
import './mobile.css';

export type MobileTab = { to: string; label: string; end?: boolean };

export function MobileShell(props: { title: string; navLabel: string; tabs: readonly MobileTab[]; action: { label: ReactNode; onClick: () => void } }) {
  return (
    <div className="yz-m">
      <header className="yz-m-header">
        <span className="yz-m-title">{props.title}</span>
        <button type="button" className="yz-m-link" onClick={props.action.onClick}>
          {props.action.label}
        </button>
      </header>
      <main className="yz-m-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      <nav className="yz-m-tabs" aria-label={props.navLabel}>
        {props.tabs.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className={({ isActive }) => (isActive ? 'active' : '')}>
            {t.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
