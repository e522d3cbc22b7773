import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { components } from '../api/schema';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { useSession } from '../auth/useSession.ts';
import { watchlistKeys } from './watchlist.keys.ts';

export type Watchlist = components['schemas']['WatchlistViewDto'];
export type WatchedAsset = components['schemas']['WatchedAssetDto'];

/** The caller's watched assets, oldest first. */
export function useWatchlist() {
  const { status } = useSession();
  return useQuery({
    queryKey: watchlistKeys.all,
    queryFn: () => call(api.GET('/watchlist')),
    enabled: status === 'signed-in',
  });
}

/** Watch or stop watching one asset; the list is read again after either (a PUT answers it, a DELETE does not). */
export function useToggleWatch(symbol: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (watch: boolean): Promise<Watchlist | null> => {
      if (watch) return call(api.PUT('/watchlist/{symbol}', { params: { path: { symbol } } }));
      await call(api.DELETE('/watchlist/{symbol}', { params: { path: { symbol } } }));
      return null;
    },
    onSuccess: (list) => {
      if (list) client.setQueryData(watchlistKeys.all, list);
      else
        client.setQueryData<Watchlist>(watchlistKeys.all, (old) =>
          old ? { count: old.count - 1, assets: old.assets.filter((a) => a.symbol !== symbol) } : old,
        );
    },
    onError: (error) => toast.error(`${symbol}: ${describeError(error)}`),
    onSettled: () => client.invalidateQueries({ queryKey: watchlistKeys.all }),
  });
}
