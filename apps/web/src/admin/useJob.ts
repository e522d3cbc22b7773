import { useQuery, useQueryClient } from '@tanstack/react-query';
import { jobQuery } from './job-query.ts';

/** One job, polled while it is pending. */
export function useJob(id: string) {
  const client = useQueryClient();
  return useQuery(jobQuery(client, id));
}
