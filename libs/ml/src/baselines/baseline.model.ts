import { baselineSettingsProblem, BASELINE_SETTINGS, type BaselineFamily, type SettingSpec } from '#libs/domain';
import { InvalidHyperparametersError } from '../ml.errors.js';

export type { SettingSpec };

export type BaselineSettings = Record<string, number>;

/**
 * A series' returns and ranges divided by the hour-of-day profile (its square root): what the
 * baselines model; the profile is put back on each forecast step. Filled only over the indexes a
 * fit or a prediction reads (the fit range; the origins' contexts), zero elsewhere.
 */
export type Deseasonalized = { returns: Float64Array; range: Float64Array };

/**
 * What differs between the baselines; everything else (settings, the hour profile, artifacts, the
 * cumulation of σ over steps) is BaselineForecaster's.
 */
export interface BaselineModel<P> {
  readonly family: BaselineFamily;
  readonly settings: Readonly<Record<string, SettingSpec>>;
  minCandles(settings: BaselineSettings): number;
  /** Parameters from the candles `from … to` (data holds them, returns from from + 1 on). */
  fit(data: Deseasonalized, range: { from: number; to: number }, settings: BaselineSettings): P;
  /** Candles up to an origin that a forecast reads. */
  context(params: P, settings: BaselineSettings): number;
  /**
   * At `origin`, reading data at indexes origin − context + 1 … origin only (and at least 1): the
   * variance of each next candle's own return (not cumulative) and its expected range, steps 1…horizon.
   */
  forecast(
    data: Deseasonalized,
    origin: number,
    horizon: number,
    params: P,
    settings: BaselineSettings,
  ): { variance: number[]; range: number[] };
}

/** The family's defaults overridden by `input`; throws InvalidHyperparametersError naming the first bad field. */
export function validateSettings(family: BaselineFamily, input: Readonly<Record<string, unknown>> = {}): BaselineSettings {
  const problem = baselineSettingsProblem(family, input);
  if (problem !== null) throw new InvalidHyperparametersError(problem.field, problem.reason);
  const result: BaselineSettings = {};
  for (const [field, spec] of Object.entries(BASELINE_SETTINGS[family]))
    result[field] = (input[field] as number | undefined) ?? spec.default;
  return result;
}

/**
 * The constant c of ln range ≈ ln σ + c over rows `first … last`, σ² being the model's one-step
 * variance forecast of each row: how the σ-only baselines (EWMA, GARCH) forecast a range. Fitted
 * in logarithms because the range is scored in logarithms (R² of log range).
 */
export function rangeOffset(range: Float64Array, variance: (i: number) => number, first: number, last: number): number {
  let sum = 0;
  let count = 0;
  for (let i = first; i <= last; i++) {
    const v = variance(i);
    if (!(v > 0)) continue;
    sum += Math.log(range[i]) - 0.5 * Math.log(v);
    count++;
  }
  // Brownian motion's E[range] / σ = √(8 / π) when nothing was measured.
  return count === 0 ? Math.log(Math.sqrt(8 / Math.PI)) : sum / count;
}
