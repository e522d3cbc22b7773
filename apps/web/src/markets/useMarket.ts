import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRaw } from '../api/get-raw.ts';
import type { MarketTable } from '../api/market-views.ts';
import { marketsKeys } from './markets.keys.ts';

/** The overview for the API query of a view (market-view.ts's marketQuery); the previous table stays while the next loads. */
export function useMarket(query: Record<string, string>, enabled = true) {
  return useQuery({
    queryKey: marketsKeys.overview(query),
    queryFn: async () => (await getRaw('/crypto/market', { ...query, format: 'json' })).json() as Promise<MarketTable>,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The same table as CSV, from the API (`format=csv` with the same query), as the text of the file to save. */
export async function fetchMarketCsv(query: Record<string, string>): Promise<string> {
  return (await getRaw('/crypto/market', { ...query, format: 'csv' })).text();
}
