import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';

export const cryptoConfigKey = ['crypto-config'] as const;

/** What the API offers (intervals, tracked assets and their spans, limits, the ticker's TTL): the menus' source. */
export function useCryptoConfig() {
  return useQuery({
    queryKey: cryptoConfigKey,
    queryFn: () => call(api.GET('/crypto/config')),
    staleTime: 5 * 60_000,
  });
}
