import { useQueries, useQueryClient } from '@tanstack/react-query';
import { adminKeys } from './admin.keys.ts';
import { chainIds, followChain, type ChainStep } from './job-chain.ts';
import { jobQuery } from './job-query.ts';
import type { JobView } from './job-types.ts';

export interface ChainRoot {
  jobId: string;
  name: string;
  queue: string;
}

/**
 * A started job and the ones it led to (train → score → predict), each polled while pending. The
 * chain is read from the query cache: each finished job's `result.next` names the next one to poll,
 * and every poll's answer re-renders, so the chain grows as its jobs arrive.
 */
export function useJobChain(root: ChainRoot): { steps: ChainStep[]; errors: unknown[] } {
  const client = useQueryClient();
  const steps = followChain(root, (id) => client.getQueryData<JobView>(adminKeys.job(id)));
  const results = useQueries({ queries: chainIds(steps).map((id) => jobQuery(client, id)) });
  // Reading each result's data subscribes this component to it (TanStack Query tracks what is read).
  const polled = new Map(results.flatMap((r) => (r.data ? [[r.data.id, r.data] as const] : [])));
  return {
    steps: followChain(root, (id) => polled.get(id) ?? client.getQueryData<JobView>(adminKeys.job(id))),
    errors: results.flatMap((r) => (r.error ? [r.error] : [])),
  };
}
