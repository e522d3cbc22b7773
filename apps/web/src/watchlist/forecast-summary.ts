/** What a watchlist row shows of an asset's latest forecast: its next step, beside the current price. */
import type { Forecast } from '../asset/chart-data.ts';

/** The interval a row shows (of the 80, 90 and 95% ones a forecast gives). */
export const SUMMARY_LEVEL = 80;

export interface ForecastSummary {
  /** The next step's median close. */
  median: number;
  /** The median's change from the current price, in percent; null while no current price is known. */
  changePercent: number | null;
  /** The next step's 80% interval; null on a forecast made before intervals existed. */
  range: { lower: number; upper: number } | null;
}

const positive = (value: string | number | null | undefined): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : null;
};

/** The first point's median, its change from `currentPrice` and its 80% interval; null when the forecast has no readable first point. */
export function summarizeForecast(forecast: Forecast, currentPrice: string | number | null | undefined): ForecastSummary | null {
  const next = forecast.points[0];
  const median = positive(next?.median);
  if (!next || median === null) return null;
  const price = positive(currentPrice);
  const interval = next.intervals?.find((i) => i.level === SUMMARY_LEVEL);
  const lower = positive(interval?.lower);
  const upper = positive(interval?.upper);
  return {
    median,
    changePercent: price === null ? null : (median / price - 1) * 100,
    range: lower === null || upper === null ? null : { lower: Math.min(lower, upper), upper: Math.max(lower, upper) },
  };
}
