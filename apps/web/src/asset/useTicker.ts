import { useQuery } from '@tanstack/react-query';
import { getRaw } from '../api/get-raw.ts';
import type { Ticker } from '../api/market-views.ts';
import { useCryptoConfig } from '../crypto-config/useCryptoConfig.ts';
import { assetKeys } from './asset.keys.ts';
import { tickerRefreshMs } from './ticker.ts';

/** Kraken's live ticker of the asset, read again every cache TTL; a 503 (never reached, nothing known) is shown, not retried at once. */
export function useTicker(symbol: string) {
  const config = useCryptoConfig();
  return useQuery({
    queryKey: assetKeys.ticker(symbol),
    queryFn: async () => (await getRaw(`/crypto/assets/${encodeURIComponent(symbol)}/ticker`)).json() as Promise<Ticker>,
    refetchInterval: tickerRefreshMs(config.data?.tickerCacheTtl),
    retry: false,
    staleTime: 0,
  });
}
