import { useQuery } from '@tanstack/react-query';
import { getRaw } from '../api/get-raw.ts';
import type { CryptoConfig } from '../api/market-views.ts';

export const cryptoConfigKey = ['crypto-config'] as const;

/** What the API offers (intervals, tracked assets and their spans, limits, the ticker's TTL): the menus' source. */
export function useCryptoConfig() {
  return useQuery({
    queryKey: cryptoConfigKey,
    queryFn: async () => (await getRaw('/crypto/config')).json() as Promise<CryptoConfig>,
    staleTime: 5 * 60_000,
  });
}
