import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

/** Server state lives here only. A 4xx is an answer, not a glitch: no retries for it. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
      mutations: { retry: false },
    },
  });
}
