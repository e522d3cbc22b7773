import { max, mean, min, sampleKurtosis, sampleSkewness, sampleStandardDeviation } from 'simple-statistics';

/**
 * The statistics of GET /crypto/assets/{symbol}/stats and GET /crypto/correlation, as pure
 * functions of closes (numbers) and unix-second open times. The moments come from
 * simple-statistics; what is ours is which returns exist (no return across a gap), the
 * annualisation, the histogram's bins and the rolling window.
 */

/** A close at its candle's open time (unix seconds). */
export interface ClosePoint {
  time: number;
  close: number;
}

/** The log return ln(Cₜ/Cₜ₋₁) that ends at the candle opening at `time`. */
export interface LogReturn {
  time: number;
  value: number;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** Null where the sample is too small for the figure (sd needs 2 returns, skew 3, kurtosis 4) or has no spread. */
export interface ReturnsDescription {
  mean: number | null;
  sd: number | null;
  skew: number | null;
  kurtosis: number | null;
  min: number | null;
  max: number | null;
  histogram: HistogramBin[];
}

/** Said in the responses and the README, so that a reader can reproduce every figure. */
export const RETURN_CONVENTIONS =
  'log returns ln(Cₜ/Cₜ₋₁) of the closes of consecutive candles, a return only between candles exactly one interval apart (none across a gap); ' +
  'sample standard deviation (n − 1); skew: the adjusted Fisher–Pearson coefficient G1; kurtosis: excess kurtosis, the bias-adjusted estimator G2 ' +
  '(as Excel, SAS and scipy with bias=False); annualised by √(365 × candles per day)';

const DAY_MINUTES = 1440;

/**
 * The log returns of consecutive candles `stepSeconds` apart: a candle whose predecessor is
 * missing (a gap in the series) starts afresh, so that every return spans exactly one interval.
 * `points` are in time order.
 */
export function logReturns(points: readonly ClosePoint[], stepSeconds: number): LogReturn[] {
  const returns: LogReturn[] = [];
  for (let i = 1; i < points.length; i++) {
    const [before, after] = [points[i - 1], points[i]];
    if (after.time - before.time !== stepSeconds || !(before.close > 0) || !(after.close > 0)) continue;
    returns.push({ time: after.time, value: Math.log(after.close / before.close) });
  }
  return returns;
}

/** √(365 × candles per day): what turns the sd of one candle's return into a yearly one. */
export function annualisationFactor(intervalMinutes: number): number {
  return Math.sqrt(365 * (DAY_MINUTES / intervalMinutes));
}

/** Mean, sample sd, skew (G1), excess kurtosis (G2), extremes and an equal-width histogram of `values` in `bins` bins. */
export function returnDistribution(values: readonly number[], bins: number): ReturnsDescription {
  const x = values as number[];
  const sd = x.length >= 2 ? sampleStandardDeviation(x) : null;
  const spread = sd !== null && sd > 0;
  return {
    mean: x.length >= 1 ? mean(x) : null,
    sd,
    skew: spread && x.length >= 3 ? finite(sampleSkewness(x)) : null,
    kurtosis: spread && x.length >= 4 ? finite(sampleKurtosis(x)) : null,
    min: x.length >= 1 ? min(x) : null,
    max: x.length >= 1 ? max(x) : null,
    histogram: histogram(x, bins),
  };
}

/**
 * `bins` bins of equal width from the smallest value to the largest, each holding the values
 * from its `from` (inclusive) to its `to` (exclusive; the last includes the largest). All values
 * equal: one bin of width 0 holds them all. No values: no bins.
 */
export function histogram(values: readonly number[], bins: number): HistogramBin[] {
  if (values.length === 0) return [];
  const lo = min(values as number[]);
  const hi = max(values as number[]);
  if (lo === hi) return [{ from: lo, to: hi, count: values.length }];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) counts[Math.min(bins - 1, Math.floor((v - lo) / width))]++;
  return counts.map((count, i) => ({ from: lo + i * width, to: i === bins - 1 ? hi : lo + (i + 1) * width, count }));
}

/** The annualised sample sd of each run of `window` consecutive returns, at the time of its last return. */
export function rollingVolatility(returns: readonly LogReturn[], window: number, factor: number): LogReturn[] {
  const values = returns.map((r) => r.value);
  const rolling: LogReturn[] = [];
  for (let end = window; end <= values.length; end++) {
    rolling.push({ time: returns[end - 1].time, value: sampleStandardDeviation(values.slice(end - window, end)) * factor });
  }
  return rolling;
}

/** The `count` largest returns, largest first, and the `count` smallest, smallest first; ties by time. */
export function extremeReturns(returns: readonly LogReturn[], count: number): { best: LogReturn[]; worst: LogReturn[] } {
  const sorted = [...returns].sort((a, b) => b.value - a.value || a.time - b.time);
  const worst = [...returns].sort((a, b) => a.value - b.value || a.time - b.time);
  return { best: sorted.slice(0, count), worst: worst.slice(0, count) };
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
