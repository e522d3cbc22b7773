import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { useCryptoConfig } from '../crypto-config/useCryptoConfig.ts';
import { assetKeys } from './asset.keys.ts';
import { tickerRefreshMs } from './ticker.ts';

/** Kraken's live ticker of the asset, read again every cache TTL; a 503 (never reached, nothing known) is shown, not retried at once. */
export function useTicker(symbol: string) {
  const config = useCryptoConfig();
  return useQuery({
    queryKey: assetKeys.ticker(symbol),
    queryFn: () => call(api.GET('/crypto/assets/{symbol}/ticker', { params: { path: { symbol } } })),
    refetchInterval: tickerRefreshMs(config.data?.tickerCacheTtl),
    retry: false,
    staleTime: 0,
  });
}
