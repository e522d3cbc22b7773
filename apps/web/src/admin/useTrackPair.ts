import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { marketsKeys } from '../markets/markets.keys.ts';
import { watchJob } from './job-query.ts';

export type TrackedAsset = components['schemas']['TrackedAssetDto'];

/** Tracks a Kraken pair under a symbol (POST /crypto/assets, admins only); its backfill jobs are watched and the asset lists read again. */
export function useTrackPair(onTracked?: (asset: TrackedAsset) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ symbol, pair }: { symbol: string; pair: string }) => call(api.POST('/crypto/assets', { body: { symbol, pair } })),
    onSuccess: (asset) => {
      for (const job of asset.backfillJobs) watchJob(job.jobId);
      onTracked?.(asset);
      void client.invalidateQueries({ queryKey: marketsKeys.all });
      void client.invalidateQueries({ queryKey: ['search'] });
      void client.invalidateQueries({ queryKey: ['crypto-config'] });
    },
  });
}
