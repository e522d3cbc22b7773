/** The asset page's server state: candles, the newest candle, forecasts, evaluation, which intervals have data. */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { api, call } from '../api/client.ts';
import { assetKeys } from './asset.keys.ts';
import { useAssets } from '../markets/useAssets.ts';
import { nextCloseTime, type IntervalCode } from './intervals.ts';
import { MAX_CANDLES, type CandleWindow } from './range.ts';

/** The newest candle's open time, which presets count back from. */
export function useNewestCandle(symbol: string, interval: IntervalCode, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.newest(symbol, interval),
    queryFn: () => call(api.GET('/crypto/assets/{symbol}/latest', { params: { path: { symbol }, query: { interval } } })),
    enabled,
  });
}

export function useCandles(symbol: string, interval: IntervalCode, range: CandleWindow, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.history(symbol, interval, range),
    queryFn: () =>
      call(
        api.GET('/crypto/assets/{symbol}/history', {
          params: {
            path: { symbol },
            query: { interval, limit: MAX_CANDLES, ...(range.from ? { from: range.from } : {}), ...(range.to ? { to: range.to } : {}) },
          },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useLatestForecast(symbol: string, interval: IntervalCode) {
  return useQuery({
    queryKey: assetKeys.forecast(symbol, interval),
    queryFn: () => call(api.GET('/prediction/latest', { params: { query: { asset: symbol, interval } } })),
  });
}

/** The newest past forecasts (the API's most, 1000) and their live accuracy. */
export function useForecastHistory(symbol: string, interval: IntervalCode) {
  return useQuery({
    queryKey: assetKeys.forecastHistory(symbol, interval),
    queryFn: () => call(api.GET('/prediction/history', { params: { query: { asset: symbol, interval, limit: 1000 } } })),
  });
}

/** The forecast's volatility (σ per step, expected range, skill over EWMA); only for a forecast that carries a distribution. */
export function useVolatility(symbol: string, interval: IntervalCode, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.volatility(symbol, interval),
    queryFn: () => call(api.GET('/prediction/volatility', { params: { query: { asset: symbol, interval } } })),
    enabled,
  });
}

/** The best model's step-7 evaluation beside naive; step 8's models have none (their walk-forward says it), so it is asked only when `enabled`. */
export function useModelEvaluation(symbol: string, interval: IntervalCode, enabled: boolean) {
  return useQuery({
    queryKey: assetKeys.evaluation(symbol, interval),
    queryFn: () => call(api.GET('/prediction/model-evaluation', { params: { query: { asset: symbol, interval } } })),
    enabled,
  });
}

/** The intervals the asset has candles of, as the tracked assets' list says (the Markets page's query). */
export function useTrackedIntervals(symbol: string): IntervalCode[] {
  const { data } = useAssets();
  return useMemo(() => data?.find((asset) => asset.symbol === symbol.toUpperCase())?.intervals ?? [], [data, symbol]);
}

/** A little after a candle of the shown interval closes, the series is read again (the sync needs a moment). */
export const CLOSE_GRACE_MS = 30_000;
const MAX_TIMER_MS = 2 ** 31 - 1;

export function useRefreshAtClose(symbol: string, interval: IntervalCode, newestOpen: string | null | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!newestOpen) return;
    const wait = nextCloseTime(Date.parse(newestOpen), interval, Date.now()) + CLOSE_GRACE_MS - Date.now();
    const timer = setTimeout(
      () => void queryClient.invalidateQueries({ queryKey: assetKeys.series(symbol, interval) }),
      Math.min(Math.max(wait, 1000), MAX_TIMER_MS),
    );
    return () => clearTimeout(timer);
  }, [queryClient, symbol, interval, newestOpen]);
}
