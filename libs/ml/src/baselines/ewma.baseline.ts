import { BASELINE_SETTINGS } from '#libs/domain';
import { rangeOffset, type BaselineModel, type BaselineSettings, type Deseasonalized } from './baseline.model.js';

type EwmaParams = { initialVariance: number; rangeOffset: number };

/**
 * RiskMetrics: σ²[t + 1] = λ σ²[t] + (1 − λ) r²[t], λ 0.94; center 0; flat over the steps (the
 * recursion has no mean reversion). The yardstick of QLIKE (T5).
 */
export const ewmaModel: BaselineModel<EwmaParams> = {
  family: 'ewma',
  settings: BASELINE_SETTINGS.ewma,
  minCandles: () => 31,
  fit(data, { from, to }, settings) {
    let squares = 0;
    for (let i = from + 1; i <= to; i++) squares += data.returns[i] ** 2;
    const initialVariance = Math.max(squares / Math.max(1, to - from), 1e-12);
    // The one-step forecasts of the fit range, for the range's offset.
    const forecasts = new Float64Array(to + 1);
    let variance = initialVariance;
    for (let i = from + 1; i <= to; i++) {
      forecasts[i] = variance;
      variance = settings.lambda * variance + (1 - settings.lambda) * data.returns[i] ** 2;
    }
    return { initialVariance, rangeOffset: rangeOffset(data.range, (i) => forecasts[i], from + 1, to) };
  },
  context: (_params, settings) => contextOf(settings),
  forecast(data, origin, horizon, params, settings) {
    const variance = filtered(data, origin, params, settings);
    const range = Math.exp(params.rangeOffset) * Math.sqrt(variance);
    return { variance: new Array<number>(horizon).fill(variance), range: new Array<number>(horizon).fill(range) };
  },
};

/** Enough candles for the starting variance to weigh less than one millionth. */
function contextOf(settings: BaselineSettings): number {
  return Math.min(5_000, Math.ceil(Math.log(1e-6) / Math.log(settings.lambda)) + 1);
}

function filtered(data: Deseasonalized, origin: number, params: EwmaParams, settings: BaselineSettings): number {
  let variance = params.initialVariance;
  for (let i = Math.max(1, origin - contextOf(settings) + 2); i <= origin; i++) {
    variance = settings.lambda * variance + (1 - settings.lambda) * data.returns[i] ** 2;
  }
  return Math.max(variance, 1e-12);
}
