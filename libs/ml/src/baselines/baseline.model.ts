import type { ModelFamily } from '#libs/domain';
import { InvalidHyperparametersError } from '../ml.errors.js';

/** One setting (hyperparameter) of a baseline family: its default and the range it is checked against. */
export type SettingSpec = { default: number; min: number; max: number; integer: boolean; description: string };

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
  readonly family: ModelFamily;
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

/** The defaults overridden by `input`; throws InvalidHyperparametersError naming the first bad field. */
export function validateSettings(
  specs: Readonly<Record<string, SettingSpec>>,
  input: Readonly<Record<string, unknown>> = {},
): BaselineSettings {
  for (const field of Object.keys(input)) {
    if (!Object.hasOwn(specs, field)) {
      throw new InvalidHyperparametersError(field, `unknown setting; known ones are ${Object.keys(specs).join(', ') || 'none'}`);
    }
  }
  const result: BaselineSettings = {};
  for (const [field, spec] of Object.entries(specs)) {
    const value = input[field] ?? spec.default;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new InvalidHyperparametersError(field, `must be a number, got ${String(value)}`);
    if (spec.integer && !Number.isInteger(value)) throw new InvalidHyperparametersError(field, `must be a whole number, got ${value}`);
    if (value < spec.min || value > spec.max)
      throw new InvalidHyperparametersError(field, `must be within ${spec.min}…${spec.max}, got ${value}`);
    result[field] = value;
  }
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
