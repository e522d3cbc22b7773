import type { CandleSeries } from '../candle.series.js';

/**
 * The LSTM's inputs and targets, volatility-normalized so that one model serves calm and wild
 * regimes alike: nothing is z-scored with the statistics of a training span, whose regime may
 * be long gone by the time the model predicts.
 *
 * Every origin's inputs are computed from its own context only (the `warmup + window` candles
 * ending at the origin), in fit and predict alike: a forecast reads nothing after its origin,
 * does not depend on where the series starts, and `context` says exactly what predict needs.
 */

/** Candles before the window that warm the EWMAs up: 0.94^60 ≈ 2%, the start value is forgotten. */
export const LSTM_WARMUP = 60;
/** RiskMetrics' daily decay, for σ and the range. */
const LAMBDA = 0.94;
/** Returns the σ EWMA starts from (their mean square). */
const SEED_RETURNS = 10;
/** Candles of the range's recent mean. */
const RANGE_MEAN = 20;
/** Below this σ (a flat price), returns are divided by it instead of by almost zero. */
export const SIGMA_FLOOR = 1e-5;
const RANGE_EPSILON = 1e-6;
/** Inputs are clipped: one crash day must not saturate every LSTM gate for the window. */
const RETURN_CLIP = 8;
const OTHER_CLIP = 5;
/** Targets in σ units are clipped too, far out: a price jump after a flat stretch divides by the floor. */
const TARGET_CLIP = 50;

export const BASE_FEATURES = ['zReturn', 'logRange', 'logVolumeChange', 'volRegime'] as const;
export const HOUR_FEATURES = ['hourSin', 'hourCos'] as const;

export type LstmInputSpec = {
  window: number;
  warmup: number;
  /** Hour of day as sin/cos: series finer than a day only. */
  hourOfDay: boolean;
  features: string[];
};

export function lstmInputSpec(window: number, stepSeconds: number): LstmInputSpec {
  const hourOfDay = stepSeconds < 86_400;
  return { window, warmup: LSTM_WARMUP, hourOfDay, features: [...BASE_FEATURES, ...(hourOfDay ? HOUR_FEATURES : [])] };
}

export const contextOf = (spec: LstmInputSpec): number => spec.warmup + spec.window;

/** What the model is given at one origin besides its inputs: the scale of its outputs and of its range. */
export type OriginScale = {
  /** EWMA σ of the one-step log return, after the origin's own return. */
  sigma: number;
  /**
   * The geometric EWMA of ln(high / low) at the origin (exp of the EWMA of its log): the typical
   * range, which R² of the log range scores (the arithmetic mean would sit above it).
   */
  range: number;
};

/**
 * Writes the [window, features] inputs of the window ending at `origin` into `out` at `offset`
 * and returns the origin's scales. Reads candles origin − context + 1 … origin only.
 */
export function writeInputs(series: CandleSeries, origin: number, spec: LstmInputSpec, out: Float32Array, offset: number): OriginScale {
  const start = origin - contextOf(spec) + 1;
  if (start < 0 || origin >= series.close.length) {
    throw new RangeError(`Origin ${origin} needs candles ${start} … ${origin}; the series has 0 … ${series.close.length - 1}`);
  }
  const width = spec.features.length;
  const firstWindow = origin - spec.window + 1;
  let volumeMean = 0;
  for (let i = start; i <= origin; i++) volumeMean += series.volume[i];
  const volumeEpsilon = (volumeMean / (origin - start + 1)) * 1e-3 + 1e-12;

  let seed = 0;
  for (let i = start + 1; i <= start + SEED_RETURNS; i++) seed += logReturn(series, i) ** 2;
  let variance = Math.max(seed / SEED_RETURNS, SIGMA_FLOOR ** 2);
  let squareSum = 0;
  let logRangeEwma = 0;
  for (let i = start + 1; i <= start + SEED_RETURNS; i++) logRangeEwma += Math.log(logRange(series, i) + RANGE_EPSILON) / SEED_RETURNS;
  const ranges: number[] = [];
  let rangeSum = 0;

  for (let i = start + 1; i <= origin; i++) {
    const r = logReturn(series, i);
    const sigmaBefore = Math.sqrt(variance);
    variance = LAMBDA * variance + (1 - LAMBDA) * r * r;
    squareSum += r * r;
    const g = logRange(series, i);
    logRangeEwma = LAMBDA * logRangeEwma + (1 - LAMBDA) * Math.log(g + RANGE_EPSILON);
    ranges.push(g);
    rangeSum += g;
    if (ranges.length > RANGE_MEAN) rangeSum -= ranges[ranges.length - RANGE_MEAN - 1];
    if (i < firstWindow) continue;

    const at = offset + (i - firstWindow) * width;
    const recentRange = rangeSum / Math.min(ranges.length, RANGE_MEAN);
    const meanSquare = squareSum / (i - start);
    out[at] = clip(r / Math.max(sigmaBefore, SIGMA_FLOOR), RETURN_CLIP);
    out[at + 1] = clip(Math.log((g + RANGE_EPSILON) / (recentRange + RANGE_EPSILON)), OTHER_CLIP);
    out[at + 2] = clip(Math.log((series.volume[i] + volumeEpsilon) / (series.volume[i - 1] + volumeEpsilon)), OTHER_CLIP);
    // Today's σ against the mean square of the context: whether volatility is high or low for this
    // series now, which the σ-normalized returns alone no longer say.
    out[at + 3] = clip(0.5 * Math.log(Math.max(variance, 1e-24) / Math.max(meanSquare, 1e-24)), OTHER_CLIP);
    if (spec.hourOfDay) {
      const angle = (2 * Math.PI * (((series.time[i] % 86_400) + 86_400) % 86_400)) / 86_400;
      out[at + 4] = Math.sin(angle);
      out[at + 5] = Math.cos(angle);
    }
  }
  return { sigma: Math.max(Math.sqrt(variance), SIGMA_FLOOR), range: Math.exp(logRangeEwma) };
}

/**
 * Writes the targets of `origin`: the cumulative log returns to origin + 1 … origin + horizon,
 * in units of the origin's σ.
 */
export function writeTargets(
  series: CandleSeries,
  origin: number,
  horizon: number,
  sigma: number,
  out: Float32Array,
  offset: number,
): void {
  const base = Math.log(series.close[origin]);
  for (let h = 1; h <= horizon; h++) {
    out[offset + h - 1] = clip((Math.log(series.close[origin + h]) - base) / sigma, TARGET_CLIP);
  }
}

/** Inputs, targets and scales of consecutive origins, oldest first: what training reads. */
export type LstmSamples = {
  firstOrigin: number;
  count: number;
  inputs: Float32Array;
  targets: Float32Array;
  sigma: Float64Array;
  range: Float64Array;
};

/** The samples of origins first … last; targets only when `horizon` is given (each needs origin + horizon in the series). */
export function buildSamples(series: CandleSeries, first: number, last: number, spec: LstmInputSpec, horizon?: number): LstmSamples {
  const count = Math.max(0, last - first + 1);
  const stride = spec.window * spec.features.length;
  const samples: LstmSamples = {
    firstOrigin: first,
    count,
    inputs: new Float32Array(count * stride),
    targets: new Float32Array(count * (horizon ?? 0)),
    sigma: new Float64Array(count),
    range: new Float64Array(count),
  };
  for (let k = 0; k < count; k++) {
    const scale = writeInputs(series, first + k, spec, samples.inputs, k * stride);
    samples.sigma[k] = scale.sigma;
    samples.range[k] = scale.range;
    if (horizon !== undefined) writeTargets(series, first + k, horizon, scale.sigma, samples.targets, k * horizon);
  }
  return samples;
}

function logReturn(series: CandleSeries, i: number): number {
  return Math.log(series.close[i] / series.close[i - 1]);
}

function logRange(series: CandleSeries, i: number): number {
  return Math.log(series.high[i] / series.low[i]);
}

function clip(value: number, limit: number): number {
  return value > limit ? limit : value < -limit ? -limit : value;
}
