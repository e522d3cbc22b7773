/**
 * QLIKE loss of a variance forecast for a variance proxy (the squared return): ln h + σ²/h.
 * Patton (2011): with MSE, the one of the common losses that ranks variance forecasts the same
 * with a noisy proxy as with the true variance. This form differs from σ²/h − ln(σ²/h) − 1 by a
 * term of the proxy alone (same differences, same DM test) and stays finite on a zero return.
 */
export function qlike(variance: number, squaredReturn: number): number {
  return Math.log(variance) + squaredReturn / variance;
}

/** Squared error of a variance forecast for the squared return. */
export function varianceSquaredError(variance: number, squaredReturn: number): number {
  return (squaredReturn - variance) ** 2;
}

/**
 * R² out of sample of return forecasts against the zero forecast (Campbell & Thompson 2008 with
 * a zero benchmark): 1 − Σ(r − r̂)² / Σ r². 0 for the naive forecast, negative when a forecast
 * does worse than it; null when every return is 0.
 */
export function r2OutOfSample(forecast: readonly number[], actual: readonly number[]): number | null {
  let residual = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    residual += (actual[i] - forecast[i]) ** 2;
    total += actual[i] ** 2;
  }
  return total > 0 ? 1 - residual / total : null;
}

/**
 * R² of ln(expected range) for the realized ln(ln(high / low)), as the squared correlation
 * (the R² of the Mincer–Zarnowitz regression of outcome on forecast): how much of the log
 * range's variation the forecast explains, not counting a constant offset (E[ln x] ≠ ln E[x]).
 * Pairs with a range that is not positive (a flat candle) are left out. Null with fewer than 3
 * pairs or no variation.
 */
export function r2LogRange(expectedRange: readonly number[], actualRange: readonly number[]): number | null {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < actualRange.length; i++) {
    if (expectedRange[i] > 0 && actualRange[i] > 0) {
      x.push(Math.log(expectedRange[i]));
      y.push(Math.log(actualRange[i]));
    }
  }
  return squaredCorrelation(x, y);
}

export function squaredCorrelation(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3) return null;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : null;
}

/**
 * EWMA (RiskMetrics) variance forecasts of each next squared return from the ones before it
 * only: forecast[t] = λ·forecast[t − 1] + (1 − λ)·r[t − 1]², started at `initial`.
 */
export function ewmaVarianceForecasts(returns: readonly number[], lambda: number, initial: number): number[] {
  const forecasts: number[] = [];
  let variance = initial;
  for (let t = 0; t < returns.length; t++) {
    forecasts.push(variance);
    variance = lambda * variance + (1 - lambda) * returns[t] ** 2;
  }
  return forecasts;
}
