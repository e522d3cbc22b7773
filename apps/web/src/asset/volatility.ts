/**
 * The forecast's volatility in words and figures: σ of the log return to each step, the expected
 * high-low range of each coming candle, and σ of one step annualised (crypto trades every hour of
 * the year, so a year is 365 days of candles).
 */
import type { Forecast } from './chart-data.ts';

export interface VolatilityRow {
  step: number;
  targetTime: string;
  /** σ of the log return from the last close to this step, in percent. */
  sigmaPercent: number | null;
  low: number | null;
  high: number | null;
  /** ln(high / low) of the expected range, in percent. */
  rangePercent: number | null;
}

const YEAR_SECONDS = 365 * 86_400;

const finite = (value: unknown): number | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
};

/** One row per forecast point that carries σ or an expected range; empty before step 8's forecasts. */
export function volatilityRows(forecast: Forecast | null | undefined): VolatilityRow[] {
  if (!forecast) return [];
  return forecast.points.flatMap((point, i) => {
    const sigma = finite(point.sigma);
    const low = finite(point.expectedRange?.low);
    const high = finite(point.expectedRange?.high);
    if (sigma === null && (low === null || high === null)) return [];
    const range = low !== null && high !== null && low > 0 && high >= low ? Math.log(high / low) * 100 : null;
    return [
      { step: i + 1, targetTime: point.targetTime, sigmaPercent: sigma === null ? null : sigma * 100, low, high, rangePercent: range },
    ];
  });
}

/** σ of the first step scaled to a year by √(candles per year), in percent; null without it. */
export function annualizedSigma(rows: VolatilityRow[], intervalSeconds: number): number | null {
  const first = rows.find((r) => r.step === 1)?.sigmaPercent;
  if (first === null || first === undefined || !(intervalSeconds > 0)) return null;
  return first * Math.sqrt(YEAR_SECONDS / intervalSeconds);
}
