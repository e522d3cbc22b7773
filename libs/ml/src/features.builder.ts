import { FEATURE_NAMES, type FeatureName } from '#libs/domain';
import type { CandleSeries } from './candle.series.js';

export { FEATURE_NAMES, type FeatureName };

const VOLATILITY_STEPS = 14;
const AVERAGE_STEPS = 20;

/** Index of the first candle whose features are all defined (the ones before only feed them). */
export const WARMUP = Math.max(AVERAGE_STEPS - 1, VOLATILITY_STEPS);

/**
 * Features of every candle, row-major (`values[i * FEATURE_NAMES.length + f]`), in the order of
 * FEATURE_NAMES; rows before WARMUP are NaN. Each uses that candle and earlier ones only.
 * - logReturn: ln(close / previous close).
 * - range: (high − low) / close, the candle's spread.
 * - logVolumeChange: ln(1 + volume) − ln(1 + previous volume); the 1 keeps Kraken's zero-volume
 *   filler candles finite.
 * - volatility: standard deviation of the last 14 log returns.
 * - closeVsAverage: ln(close / mean of the last 20 closes), how stretched the price is.
 */
export function computeFeatures(series: CandleSeries): Float64Array {
  const { close, high, low, volume } = series;
  const n = close.length;
  const width = FEATURE_NAMES.length;
  const values = new Float64Array(n * width).fill(Number.NaN);
  const returns = logReturns(series);

  for (let i = WARMUP; i < n; i++) {
    const row = i * width;
    values[row] = returns[i];
    values[row + 1] = (high[i] - low[i]) / close[i];
    values[row + 2] = Math.log1p(volume[i]) - Math.log1p(volume[i - 1]);
    values[row + 3] = standardDeviation(returns, i - VOLATILITY_STEPS + 1, i + 1);
    values[row + 4] = Math.log(close[i] / mean(close, i - AVERAGE_STEPS + 1, i + 1));
  }
  return values;
}

/** ln(close[i] / close[i − 1]): what the model learns to forecast. */
export function logReturns(series: CandleSeries): Float64Array {
  const { close } = series;
  const returns = new Float64Array(close.length);
  for (let i = 1; i < close.length; i++) returns[i] = Math.log(close[i] / close[i - 1]);
  return returns;
}

function mean(values: ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i];
  return sum / (to - from);
}

function standardDeviation(values: ArrayLike<number>, from: number, to: number): number {
  const m = mean(values, from, to);
  let sum = 0;
  for (let i = from; i < to; i++) sum += (values[i] - m) ** 2;
  return Math.sqrt(sum / (to - from));
}
