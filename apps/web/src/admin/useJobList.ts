import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { adminKeys } from './admin.keys.ts';
import type { JobsFilters } from './job-types.ts';

/** GET /prediction/jobs, newest first, read again every few seconds while the page is open. */
export function useJobList(filters: JobsFilters) {
  return useQuery({
    queryKey: adminKeys.jobList(filters),
    queryFn: () => call(api.GET('/prediction/jobs', { params: { query: filters } })),
    refetchInterval: 5000,
  });
}
