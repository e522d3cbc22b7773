import type { CandleSeries } from '../candle.series.js';

/**
 * What every baseline reads of a series, computed once per series and not once per origin: the
 * log return of each candle and its range ln(high / low). A series is treated as immutable: a
 * caller that changes its arrays in place must build a new series object.
 */
export type SeriesFeatures = {
  /** ln(close[i] / close[i − 1]); 0 at index 0, which has no predecessor. */
  returns: Float64Array;
  /** ln(high[i] / low[i]), floored at RANGE_FLOOR (a candle with one trade has none). */
  range: Float64Array;
};

/** A range of 0 would make its logarithm −∞; one millionth stands in for it. */
export const RANGE_FLOOR = 1e-6;

const cache = new WeakMap<CandleSeries, SeriesFeatures>();

export function featuresOf(series: CandleSeries): SeriesFeatures {
  let features = cache.get(series);
  if (features === undefined) {
    const n = series.time.length;
    const returns = new Float64Array(n);
    const range = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (i > 0) returns[i] = Math.log(series.close[i] / series.close[i - 1]);
      range[i] = Math.max(RANGE_FLOOR, Math.log(series.high[i] / series.low[i]));
    }
    features = { returns, range };
    cache.set(series, features);
  }
  return features;
}
