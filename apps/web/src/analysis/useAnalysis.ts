import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { MARKET_LIMITS } from '../../../../libs/domain/src/market-views.ts';
import { api, call } from '../api/client.ts';
import type { IntervalCode } from '../asset/intervals.ts';

type Range = { from: string | null; to: string | null };

export const analysisKeys = {
  all: ['analysis'] as const,
  stats: (symbol: string, interval: string, range: Range) =>
    [...analysisKeys.all, 'stats', symbol, interval, range.from, range.to] as const,
  correlation: (symbols: string[], interval: string, range: Range) =>
    [...analysisKeys.all, 'correlation', symbols.join(','), interval, range.from, range.to] as const,
};

/** The asset's return distribution, volatility and drawdowns over the span (GET /crypto/assets/{symbol}/stats). */
export function useStats(symbol: string, interval: IntervalCode, range: Range, enabled: boolean) {
  return useQuery({
    queryKey: analysisKeys.stats(symbol, interval, range),
    queryFn: () =>
      call(
        api.GET('/crypto/assets/{symbol}/stats', {
          params: {
            path: { symbol },
            query: {
              interval,
              ...(range.from ? { from: range.from } : {}),
              ...(range.to ? { to: range.to } : {}),
              bins: MARKET_LIMITS.histogramBins.default,
              window: MARKET_LIMITS.rollingWindow.default,
            },
          },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The correlation matrix of the assets' returns over the span (GET /crypto/correlation); needs two or more. */
export function useCorrelation(symbols: string[], interval: IntervalCode, range: Range, enabled: boolean) {
  return useQuery({
    queryKey: analysisKeys.correlation(symbols, interval, range),
    queryFn: () =>
      call(
        api.GET('/crypto/correlation', {
          params: {
            query: {
              symbols: symbols.join(','),
              interval,
              ...(range.from ? { from: range.from } : {}),
              ...(range.to ? { to: range.to } : {}),
            },
          },
        }),
      ),
    enabled: enabled && symbols.length >= MARKET_LIMITS.correlationSymbols.min,
    placeholderData: keepPreviousData,
  });
}
