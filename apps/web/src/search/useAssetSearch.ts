import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import { api, call } from '../api/client.ts';

export const searchKeys = { all: ['search'] as const, query: (q: string) => [...searchKeys.all, q] as const };

/** The query as it is asked: trimmed, and only once it is long enough for the API (a shorter one is its 400). */
export function searchable(text: string): string | null {
  const q = text.trim();
  return q.length >= MARKET_LIMITS.searchQuery.min && q.length <= MARKET_LIMITS.searchQuery.max ? q : null;
}

/** A value that follows `value` once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** Tracked assets and Kraken pairs matching the typed text (GET /crypto/search), asked a moment after typing stops. */
export function useAssetSearch(text: string) {
  const q = searchable(useDebounced(text, 250));
  return useQuery({
    queryKey: searchKeys.query(q ?? ''),
    queryFn: () => call(api.GET('/crypto/search', { params: { query: { q: q!, limit: 20 } } })),
    enabled: q !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
