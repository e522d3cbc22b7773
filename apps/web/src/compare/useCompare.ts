import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRaw } from '../api/get-raw.ts';
import type { CompareAnswer } from '../api/market-views.ts';

export const compareKeys = {
  all: ['compare'] as const,
  series: (series: string[], points: number | null) => [...compareKeys.all, series.join(','), points] as const,
};

/** The chosen series aligned on their shared times, rebased to 100 (GET /crypto/compare, mode=normalized); asked for two or more. */
export function useCompare(series: string[], points: number | null) {
  return useQuery({
    queryKey: compareKeys.series(series, points),
    queryFn: async () =>
      (
        await getRaw('/crypto/compare', { series: series.join(','), mode: 'normalized', limit: points ?? undefined })
      ).json() as Promise<CompareAnswer>,
    enabled: series.length >= 2,
    placeholderData: keepPreviousData,
  });
}
