import { BASELINE_SETTINGS } from '#libs/domain';
import type { BaselineModel, Deseasonalized } from './baseline.model.js';
import { leastSquares } from './least-squares.js';

export type HarParams = {
  /** Intercept, then the weights of ln range over 1, 7 and 30 candles. */
  coefficients: number[];
  /** Variance of the regression's residuals (ln units). */
  residualVariance: number;
  /** Mean r² over the mean forecast Parkinson variance in the fit: the range's σ in return units. */
  varianceScale: number;
};

const LAGS = [1, 7, 30] as const;
const PARKINSON = 4 * Math.log(2);

/**
 * Log-HAR on the Parkinson range (Corsi 2009's shape on ranges): ln R[t + 1] = b0 + b1 ln R[t] +
 * b7 mean(ln R[t − 6 … t]) + b30 mean(ln R[t − 29 … t]), OLS on the last `window` candles of the
 * fit range; steps ahead by iterating with the forecasts in place of the unknown ranges. σ² of a
 * step is its Parkinson variance E[R²] / (4 ln 2) (lognormal: exp(2 m + 2 s²)), rescaled to the
 * returns' variance over the fit; the expected range exp(m) (the median, as the R² of log range
 * scores it). The family the evidence favours (FORECAST.md: R² of log range 0.20–0.34).
 */
export const harRangeModel: BaselineModel<HarParams> = {
  family: 'har-range',
  settings: BASELINE_SETTINGS['har-range'],
  minCandles: () => 100,
  fit(data, { from, to }, settings) {
    const log = logRanges(data, from, to);
    const rows: number[][] = [];
    const targets: number[] = [];
    // Targets j, each regressed on the 30 candles before it, all inside the fit range.
    for (let j = Math.max(from + 30, to - settings.window + 1); j <= to; j++) {
      rows.push(regressors(log, j - 1));
      targets.push(log[j]);
    }
    const { coefficients, residualVariance } = leastSquares(rows, targets);
    let returnSquares = 0;
    let parkinson = 0;
    rows.forEach((row, k) => {
      const m = row.reduce((sum, x, i) => sum + x * coefficients[i], 0);
      parkinson += Math.exp(2 * m + 2 * residualVariance) / PARKINSON;
      returnSquares += data.returns[to - rows.length + 1 + k] ** 2;
    });
    const varianceScale = parkinson > 0 && returnSquares > 0 ? returnSquares / parkinson : 1;
    return { coefficients, residualVariance, varianceScale };
  },
  context: () => 30,
  forecast(data, origin, horizon, params) {
    const first = Math.max(0, origin - 29);
    // The known 30 log ranges, then each step's forecast appended in turn.
    const log: number[] = [];
    for (let i = first; i <= origin; i++) log.push(Math.log(data.range[i]));
    while (log.length < 30) log.unshift(log[0]);
    const variance: number[] = [];
    const range: number[] = [];
    for (let h = 1; h <= horizon; h++) {
      const m = regressors(log, log.length - 1).reduce((sum, x, i) => sum + x * params.coefficients[i], 0);
      log.push(m);
      range.push(Math.exp(m));
      variance.push((params.varianceScale * Math.exp(2 * m + 2 * params.residualVariance)) / PARKINSON);
    }
    return { variance, range };
  },
};

function logRanges(data: Deseasonalized, from: number, to: number): number[] {
  const log = new Array<number>(to + 1).fill(0);
  for (let i = from; i <= to; i++) log[i] = Math.log(data.range[i]);
  return log;
}

/** 1, then the means of the last 1, 7 and 30 log ranges up to `i` (log[i − 29] onwards must exist). */
function regressors(log: readonly number[], i: number): number[] {
  const row = [1];
  for (const lag of LAGS) {
    let sum = 0;
    for (let k = 0; k < lag; k++) sum += log[i - k];
    row.push(sum / lag);
  }
  return row;
}
