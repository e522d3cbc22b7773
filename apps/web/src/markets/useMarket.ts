import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import type { MarketQuery } from './market-view.ts';
import { marketsKeys } from './markets.keys.ts';

/** The overview for the API query of a view (market-view.ts's marketQuery); the previous table stays while the next loads. */
export function useMarket(query: MarketQuery) {
  return useQuery({
    queryKey: marketsKeys.overview(query),
    queryFn: () => call(api.GET('/crypto/market', { params: { query: { ...query, format: 'json' } } })),
    placeholderData: keepPreviousData,
  });
}

/** The same table as CSV, from the API (`format=csv` with the same query), as the text of the file to save. */
export async function fetchMarketCsv(query: MarketQuery): Promise<string> {
  return call(api.GET('/crypto/market', { params: { query: { ...query, format: 'csv' } }, parseAs: 'text' }));
}
