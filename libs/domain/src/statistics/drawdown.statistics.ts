import type { ClosePoint, LogReturn } from './returns.statistics.js';

/** The deepest fall from a running peak of the closes, and when it began, bottomed and was made good. */
export interface Drawdown {
  /** close / running peak − 1 at the trough: 0 when the closes never fell, −0.77 for a 77% fall. */
  max: number;
  /** Indexes into the closes; null when they never fell. */
  peak: number | null;
  trough: number | null;
  /** The first close after the trough back at the peak's close or above; null while it has not come back. */
  recovered: number | null;
  /** close / running peak − 1 at every close. */
  series: LogReturn[];
}

/** Drawdowns of `points` (in time order), on closes: a gap between candles changes nothing. */
export function drawdown(points: readonly ClosePoint[]): Drawdown {
  const series: LogReturn[] = [];
  let peakIndex = 0;
  let worst = 0;
  let peak: number | null = null;
  let trough: number | null = null;
  for (let i = 0; i < points.length; i++) {
    if (points[i].close > points[peakIndex].close) peakIndex = i;
    const value = points[i].close / points[peakIndex].close - 1;
    series.push({ time: points[i].time, value });
    if (value < worst) [worst, peak, trough] = [value, peakIndex, i];
  }
  let recovered: number | null = null;
  if (peak !== null && trough !== null) {
    for (let i = trough + 1; i < points.length && recovered === null; i++) if (points[i].close >= points[peak].close) recovered = i;
  }
  return { max: worst, peak, trough, recovered, series };
}
