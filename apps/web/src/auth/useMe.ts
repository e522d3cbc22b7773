import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { authKeys } from './auth.keys.ts';
import { useSession } from './useSession.ts';

/** The signed-in user (GET /auth/users/me): read again on focus and after any 403. */
export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: authKeys.me(),
    queryFn: () => call(api.GET('/auth/users/me')),
    enabled: status === 'signed-in',
    staleTime: 0,
    refetchOnWindowFocus: 'always',
  });
}

export type Role = 'user' | 'admin';

/** The caller's role, or null while unknown or signed out. */
export function useRole(): Role | null {
  const { status } = useSession();
  const { data } = useMe();
  return status === 'signed-in' && data ? (data.role as Role) : null;
}
