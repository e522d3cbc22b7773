import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/api-error.ts';
import { api, call } from '../api/client.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { adminKeys } from './admin.keys.ts';
import { jobNotice } from './job-notice.ts';
import { isPending, type JobView } from './job-types.ts';

/** Jobs started from this page and not announced yet: their end gets a toast even if no poll saw them run. */
const watched = new Set<string>();

export function watchJob(id: string): void {
  watched.add(id);
}

export const POLL_MS = 1000;

/** One job, read every second while it is pending; a toast when it finishes or fails. */
export function jobQuery(client: QueryClient, id: string) {
  const queryKey = adminKeys.job(id);
  return {
    queryKey,
    queryFn: async (): Promise<JobView> => {
      const previous = client.getQueryData<JobView>(queryKey)?.state;
      const job = await call(api.GET('/prediction/jobs/{id}', { params: { path: { id } } }));
      const notice = jobNotice(previous, job, watched.has(id));
      if (notice) {
        watched.delete(id);
        toast[notice.kind](notice.text);
      }
      return job;
    },
    staleTime: 0,
    refetchInterval: (query: { state: { data?: JobView; error: unknown } }) => {
      if (query.state.error instanceof ApiError && query.state.error.status < 500) return false;
      return query.state.data && !isPending(query.state.data.state) ? false : POLL_MS;
    },
  };
}
