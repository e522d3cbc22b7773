import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { adminKeys } from './admin.keys.ts';

/** One page of GET /auth/users. */
export function useUsers(offset: number, limit: number) {
  return useQuery({
    queryKey: adminKeys.userPage(offset, limit),
    queryFn: () => call(api.GET('/auth/users', { params: { query: { offset, limit } } })),
    placeholderData: keepPreviousData,
  });
}
