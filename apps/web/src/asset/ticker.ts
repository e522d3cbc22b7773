/** The live ticker's figures as the asset header shows them. */
import type { Ticker } from '../api/market-views.ts';

/** How often the header reads the ticker again: the API's cache TTL (nothing newer before it), never under 2 s; 10 s until it is known. */
export function tickerRefreshMs(tickerCacheTtl: number | null | undefined): number {
  if (typeof tickerCacheTtl !== 'number' || !Number.isFinite(tickerCacheTtl) || tickerCacheTtl <= 0) return 10_000;
  return Math.max(2, tickerCacheTtl) * 1000;
}

/** The change since today's open (Kraken's day starts at 00:00 UTC), in percent; null without a usable open. */
export function tickerChangePercent(ticker: Pick<Ticker, 'last' | 'open'>): number | null {
  const last = Number(ticker.last);
  const open = Number(ticker.open);
  if (!Number.isFinite(last) || !Number.isFinite(open) || open === 0) return null;
  return ((last - open) / open) * 100;
}

/** "live" or "stale, 42 s old" (Kraken could not be reached: the last values known). */
export function tickerFreshness(ticker: Pick<Ticker, 'stale' | 'ageSeconds'>): string {
  if (!ticker.stale) return 'live';
  return `stale, ${Math.max(0, Math.round(ticker.ageSeconds))} s old`;
}
