import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';

export const compareKeys = {
  all: ['compare'] as const,
  series: (series: string[], points: number | null) => [...compareKeys.all, series.join(','), points] as const,
};

/** The chosen series aligned on their shared times, rebased to 100 (GET /crypto/compare, mode=normalized); asked for two or more. */
export function useCompare(series: string[], points: number | null) {
  return useQuery({
    queryKey: compareKeys.series(series, points),
    queryFn: () =>
      call(
        api.GET('/crypto/compare', {
          params: { query: { series: series.join(','), mode: 'normalized', ...(points !== null ? { limit: points } : {}) } },
        }),
      ),
    enabled: series.length >= 2,
    placeholderData: keepPreviousData,
  });
}
