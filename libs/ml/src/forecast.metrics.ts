import type { ForecastMetrics, ModelVsNaive } from '#libs/domain';

export type { ForecastMetrics, ModelVsNaive };

export function meanAbsoluteError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return mean(actual, (a, i) => Math.abs(a - predicted[i]));
}

export function rootMeanSquaredError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return Math.sqrt(mean(actual, (a, i) => (a - predicted[i]) ** 2));
}

export function meanAbsolutePercentageError(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  return 100 * mean(actual, (a, i) => Math.abs((a - predicted[i]) / a));
}

/** 1 − residual / total sum of squares about the mean of `actual`; NaN when every actual value is the same. */
export function rSquared(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  const average = mean(actual, (a) => a);
  let residual = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    residual += (actual[i] - predicted[i]) ** 2;
    total += (actual[i] - average) ** 2;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

/**
 * The MAE ratio: MAE over the naive forecast's MAE on the same samples (out of sample, so not
 * Hyndman's in-sample-scaled MASE, whose name the field `mase` keeps as an alias). NaN when the
 * price never moved (the naive forecast made no error to compare with).
 */
export function meanAbsoluteScaledError(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): number {
  const naive = meanAbsoluteError(actual, last);
  return naive === 0 ? Number.NaN : meanAbsoluteError(actual, predicted) / naive;
}

/**
 * R² out of sample of the log returns ln(predicted / last) for ln(actual / last), against the
 * zero (naive) forecast: 1 − Σ(r − r̂)² / Σ r². 0 for the naive forecast, below 0 for a forecast
 * worse than it; NaN when the price never moved. (R² on price levels is ~1 for any forecast near
 * the last close, so it said nothing.)
 */
export function rSquaredOfReturns(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): number {
  let residual = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const r = Math.log(actual[i] / last[i]);
    residual += (r - Math.log(predicted[i] / last[i])) ** 2;
    total += r * r;
  }
  return total === 0 ? Number.NaN : 1 - residual / total;
}

/**
 * Share of right directions among the forecasts that called a move from `last`: a forecast of
 * no move (the naive one) is left out, so the naive model has none (NaN) instead of ~0%; a close
 * that did not move counts as a miss for any call.
 */
export function directionalAccuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): number {
  let called = 0;
  let hits = 0;
  for (let i = 0; i < actual.length; i++) {
    const call = Math.sign(predicted[i] - last[i]);
    if (call === 0) continue;
    called++;
    if (call === Math.sign(actual[i] - last[i])) hits++;
  }
  return called === 0 ? Number.NaN : hits / called;
}

/** Share of samples whose price rose from `last`: what "always up" would score, the hit rate's benchmark. */
export function upShare(actual: ArrayLike<number>, last: ArrayLike<number>): number {
  return mean(actual, (a, i) => (a > last[i] ? 1 : 0));
}

export function forecastMetrics(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  last: ArrayLike<number>,
): Required<ForecastMetrics> {
  const maeRatio = meanAbsoluteScaledError(actual, predicted, last);
  return {
    mae: meanAbsoluteError(actual, predicted),
    rmse: rootMeanSquaredError(actual, predicted),
    mape: meanAbsolutePercentageError(actual, predicted),
    r2: rSquaredOfReturns(actual, predicted, last),
    maeRatio,
    mase: maeRatio,
    directionalAccuracy: directionalAccuracy(actual, predicted, last),
    upShare: upShare(actual, last),
  };
}

/** The model's metrics beside the naive forecast's (next close = last close) on the same samples. */
export function compareWithNaive(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  last: ArrayLike<number>,
): { model: Required<ForecastMetrics>; naive: Required<ForecastMetrics> } {
  return { model: forecastMetrics(actual, predicted, last), naive: forecastMetrics(actual, last, last) };
}

function mean(values: ArrayLike<number>, term: (value: number, index: number) => number): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += term(values[i], i);
  return sum / values.length;
}
