/**
 * Query keys of the asset page. Everything of one asset and interval shares the prefix
 * `series(symbol, interval)`, so that a candle's close refreshes all of it at once.
 */
import type { IntervalCode } from './intervals.ts';
import type { CandleWindow } from './range.ts';

export const assetKeys = {
  all: ['asset'] as const,
  series: (symbol: string, interval: IntervalCode) => [...assetKeys.all, symbol, interval] as const,
  newest: (symbol: string, interval: IntervalCode) => [...assetKeys.series(symbol, interval), 'newest'] as const,
  history: (symbol: string, interval: IntervalCode, range: CandleWindow) =>
    [...assetKeys.series(symbol, interval), 'history', range.from, range.to] as const,
  forecast: (symbol: string, interval: IntervalCode) => [...assetKeys.series(symbol, interval), 'forecast'] as const,
  forecastHistory: (symbol: string, interval: IntervalCode) => [...assetKeys.series(symbol, interval), 'forecast-history'] as const,
  volatility: (symbol: string, interval: IntervalCode) => [...assetKeys.series(symbol, interval), 'volatility'] as const,
  ticker: (symbol: string) => [...assetKeys.all, symbol, 'ticker'] as const,
  evaluation: (symbol: string, interval: IntervalCode) => [...assetKeys.series(symbol, interval), 'evaluation'] as const,
};
