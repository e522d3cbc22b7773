/** Whether what the page shows is old: a candle feed that stopped, a forecast overtaken by time. */
import type { Forecast } from './chart-data.ts';
import { intervalMs, type IntervalCode } from './intervals.ts';

/**
 * Stale when the newest candle closed more than two intervals ago (its close is its open plus one
 * interval): a sync missed twice is not a hiccup.
 */
export function candlesStale(newestOpen: string | null | undefined, interval: IntervalCode, nowMs: number): boolean {
  if (!newestOpen) return false;
  return nowMs > Date.parse(newestOpen) + 3 * intervalMs(interval);
}

export type ForecastStaleness = { stale: false } | { stale: true; reason: 'passed' | 'old' };

/**
 * Stale when every candle it forecast has closed (its last target's close has passed), or when it
 * was made more than two intervals ago (newer candles came without a newer forecast).
 */
export function forecastStaleness(forecast: Forecast | null | undefined, interval: IntervalCode, nowMs: number): ForecastStaleness {
  if (!forecast || forecast.points.length === 0) return { stale: false };
  const lastTarget = Math.max(...forecast.points.map((p) => Date.parse(p.targetTime)));
  if (nowMs > lastTarget + intervalMs(interval)) return { stale: true, reason: 'passed' };
  if (nowMs > Date.parse(forecast.madeAt) + 2 * intervalMs(interval)) return { stale: true, reason: 'old' };
  return { stale: false };
}
