/** Candle intervals as the API names them, with their length. */
import type { components } from '../api/schema';

export type IntervalCode = components['schemas']['HistoryDto']['interval'];

export const INTERVAL_SECONDS: Record<IntervalCode, number> = {
  '1m': 60,
  '5m': 300,
  '15m': 900,
  '30m': 1800,
  '1h': 3600,
  '4h': 14_400,
  '1d': 86_400,
  '1w': 604_800,
  '15d': 1_296_000,
};

export function isInterval(value: string | null | undefined): value is IntervalCode {
  return typeof value === 'string' && Object.hasOwn(INTERVAL_SECONDS, value);
}

/** The interval an asset opens at when the user has chosen none for it. */
export const DEFAULT_INTERVAL: IntervalCode = '1d';

/** The interval the user last chose for the asset (the preferences' `intervals`, keyed by symbol), else the default. */
export function preferredInterval(remembered: Record<string, string>, symbol: string): IntervalCode {
  const chosen = remembered[symbol.toUpperCase()];
  return isInterval(chosen) ? chosen : DEFAULT_INTERVAL;
}

export const intervalMs = (interval: IntervalCode): number => INTERVAL_SECONDS[interval] * 1000;

/**
 * When the next candle after the newest one closes: the first close (open + one interval, stepping
 * by intervals from the newest open) later than now. A stale series gets the next boundary, not a
 * long-past one.
 */
export function nextCloseTime(newestOpenMs: number, interval: IntervalCode, nowMs: number): number {
  const step = intervalMs(interval);
  const steps = Math.max(1, Math.floor((nowMs - newestOpenMs) / step) + 1);
  return newestOpenMs + steps * step;
}
