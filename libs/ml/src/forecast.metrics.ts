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

/** NaN when every actual value is the same. */
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

/** NaN when the price never moved (the naive forecast made no error to compare with). */
export function meanAbsoluteScaledError(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): number {
  const naive = meanAbsoluteError(actual, last);
  return naive === 0 ? Number.NaN : meanAbsoluteError(actual, predicted) / naive;
}

export function directionalAccuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): number {
  return mean(actual, (a, i) => (Math.sign(predicted[i] - last[i]) === Math.sign(a - last[i]) ? 1 : 0));
}

export function forecastMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): ForecastMetrics {
  return {
    mae: meanAbsoluteError(actual, predicted),
    rmse: rootMeanSquaredError(actual, predicted),
    mape: meanAbsolutePercentageError(actual, predicted),
    r2: rSquared(actual, predicted),
    mase: meanAbsoluteScaledError(actual, predicted, last),
    directionalAccuracy: directionalAccuracy(actual, predicted, last),
  };
}

/** The model's metrics beside the naive forecast's (next close = last close) on the same samples. */
export function compareWithNaive(actual: ArrayLike<number>, predicted: ArrayLike<number>, last: ArrayLike<number>): ModelVsNaive {
  return { model: forecastMetrics(actual, predicted, last), naive: forecastMetrics(actual, last, last) };
}

function mean(values: ArrayLike<number>, term: (value: number, index: number) => number): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += term(values[i], i);
  return sum / values.length;
}
