/**
 * Every client-side path, who may open it, and the page it shows. A page registers by adding a line
 * here (lazy, so that its code, the chart's above all, loads when first visited). No path starts with
 * an API prefix (DESIGN.md): those stay the API's JSON 404s.
 */
import { lazy, type ComponentType } from 'react';

export type Access = 'public' | 'user' | 'admin';

export interface PageRoute {
  path: string;
  access: Access;
  page: ComponentType;
}

export const ROUTES: PageRoute[] = [
  { path: '/login', access: 'public', page: lazy(() => import('../auth/LoginPage.tsx')) },
  { path: '/signup', access: 'public', page: lazy(() => import('../auth/SignupPage.tsx')) },
  { path: '/markets', access: 'user', page: lazy(() => import('../markets/MarketsPage.tsx')) },
  { path: '/markets/:symbol', access: 'user', page: lazy(() => import('../asset/AssetPage.tsx')) },
  { path: '/markets/:symbol/backtest', access: 'user', page: lazy(() => import('../backtest/BacktestPage.tsx')) },
  { path: '/markets/:symbol/analysis', access: 'user', page: lazy(() => import('../analysis/AnalysisPage.tsx')) },
  { path: '/watched', access: 'user', page: lazy(() => import('../watchlist/WatchlistPage.tsx')) },
  { path: '/compare', access: 'user', page: lazy(() => import('../compare/ComparePage.tsx')) },
  { path: '/models', access: 'user', page: lazy(() => import('../models/ModelsPage.tsx')) },
  { path: '/models/:id', access: 'user', page: lazy(() => import('../models/ModelPage.tsx')) },
  { path: '/inbox', access: 'user', page: lazy(() => import('../notifications/InboxPage.tsx')) },
  { path: '/account', access: 'user', page: lazy(() => import('../account/AccountPage.tsx')) },
  { path: '/admin/assets', access: 'admin', page: lazy(() => import('../admin/AdminAssetsPage.tsx')) },
  { path: '/admin/jobs', access: 'admin', page: lazy(() => import('../admin/AdminJobsPage.tsx')) },
  { path: '/admin/users', access: 'admin', page: lazy(() => import('../admin/AdminUsersPage.tsx')) },
];

/** The "Main" navigation: label (the browser tests' accessible names), path, who sees it. */
export const NAV_LINKS: { label: string; path: string; access: Exclude<Access, 'public'> }[] = [
  { label: 'Markets', path: '/markets', access: 'user' },
  // `/watchlist` is the API's (API_PREFIXES): the page lives at /watched.
  { label: 'Watchlist', path: '/watched', access: 'user' },
  { label: 'Compare', path: '/compare', access: 'user' },
  { label: 'Models', path: '/models', access: 'user' },
  { label: 'Inbox', path: '/inbox', access: 'user' },
  { label: 'Account', path: '/account', access: 'user' },
  { label: 'Assets', path: '/admin/assets', access: 'admin' },
  { label: 'Jobs', path: '/admin/jobs', access: 'admin' },
  { label: 'Users', path: '/admin/users', access: 'admin' },
];
