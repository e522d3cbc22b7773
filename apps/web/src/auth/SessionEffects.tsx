import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useSearch } from 'wouter';
import { toast } from '../app/toasts/toasts.store.ts';
import { loginPath } from './next-path.ts';
import { session } from './session.ts';
import { useSession } from './useSession.ts';

/** Boots the session from the cookie once; a session that ends drops the cached data and goes to sign-in. */
export function SessionEffects() {
  const { status, ended } = useSession();
  const queryClient = useQueryClient();
  const [location, navigate] = useLocation();
  const search = useSearch();

  useEffect(() => {
    if (session.getSnapshot().status === 'booting') void session.boot();
  }, []);

  useEffect(() => {
    if (status === 'signed-out') queryClient.clear();
  }, [status, queryClient]);

  useEffect(() => {
    if (!ended) return;
    session.acknowledgeEnded();
    toast.error('Your session has ended. Please sign in again.');
    navigate(loginPath(location + (search ? `?${search}` : '')), { replace: true });
  }, [ended, navigate, location, search]);

  return null;
}
