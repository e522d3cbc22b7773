import type { Evaluation, ModelVsNaive } from '#libs/domain';
import type { CandleSeries } from './candle.series.js';
import { compareWithNaive } from './forecast.metrics.js';
import { compound } from './forecast.runner.js';

export type { Evaluation };

/**
 * Scores forecast log returns (row-major [ends.length, horizon]) of the windows ending at the
 * candle indexes `ends` against the closes that followed; prices, not returns.
 */
export function scoreForecasts(series: CandleSeries, ends: readonly number[], returns: Float64Array, horizon: number): Evaluation {
  const { close, time } = series;
  const last = ends.map((end) => close[end]);
  const steps: ModelVsNaive[] = [];
  const forecasts = ends.map((end, k) => compound(close[end], returns, k * horizon, horizon));
  for (let h = 1; h <= horizon; h++) {
    const actual = ends.map((end) => close[end + h]);
    const predicted = forecasts.map((prices) => prices[h - 1]);
    steps.push(compareWithNaive(actual, predicted, last));
  }
  return {
    samples: ends.length,
    from: time[ends[0] + 1],
    to: time[ends[ends.length - 1] + 1],
    model: steps[0].model,
    naive: steps[0].naive,
    steps,
  };
}
