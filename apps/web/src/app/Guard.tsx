import type { ReactNode } from 'react';
import { Redirect, useLocation, useSearch } from 'wouter';
import { loginPath } from '../auth/next-path.ts';
import { useMe } from '../auth/useMe.ts';
import { useSession } from '../auth/useSession.ts';
import { NotAllowedPage } from './NotAllowedPage.tsx';
import type { Access } from './routes.ts';

/** Opens a page for who may see it: no session → sign in (and back here after); a user at an admin page → "Not allowed". */
export function Guard({ access, children }: { access: Access; children: ReactNode }) {
  const { status } = useSession();
  const [location] = useLocation();
  const search = useSearch();
  const me = useMe();
  if (access === 'public') return children;
  if (status === 'booting') return <Loading />;
  if (status === 'signed-out') return <Redirect to={loginPath(location + (search ? `?${search}` : ''))} replace />;
  if (access === 'admin') {
    if (!me.data) return me.isError ? <NotAllowedPage /> : <Loading />;
    if (me.data.role !== 'admin') return <NotAllowedPage />;
  }
  return children;
}

export function Loading() {
  return (
    <p className="loading" aria-busy="true">
      Loading…
    </p>
  );
}
