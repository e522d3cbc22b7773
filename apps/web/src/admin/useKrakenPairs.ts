import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { adminKeys } from './admin.keys.ts';

/** Every pair Kraken offers, read once per visit (the gateway caches it too); the picker filters it here. */
export function useKrakenPairs() {
  return useQuery({
    queryKey: adminKeys.krakenPairs(),
    queryFn: () => call(api.GET('/crypto/kraken-assets')),
    staleTime: 30 * 60_000,
  });
}
