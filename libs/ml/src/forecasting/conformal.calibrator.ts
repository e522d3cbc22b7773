import {
  INTERVAL_LEVELS,
  type CalibrationState,
  type CalibrationStep,
  type RealizedCoverage,
  type ReturnDistribution,
  type ReturnInterval,
} from '#libs/domain';
import type { RawForecast } from './forecaster.js';
import { InvalidCalibrationError } from './forecasting.errors.js';

/**
 * Normalized conformal calibration per horizon step with an adaptive (ACI, Gibbs & Candès 2021)
 * miscoverage per interval level. A model's σ says how wide its errors are *relative to each
 * other*; the residual window says what multiple of σ the errors actually reached lately; ACI
 * moves each level's working miscoverage when the intervals keep missing (or keep being too
 * wide), so that coverage recovers after a change of regime faster than the window turns over.
 *
 * The state is plain JSON (models.calibration). The functions of the lib's API (calibrate,
 * updateCalibration, applyActuals, realizedCoverage) are pure: they return a new state and never
 * change the one they are given (unchanged steps are shared with the old state, so treat states as
 * immutable). `realize`, which moves a state in place, is the walk-forward's alone.
 * A window below MIN_RESIDUALS keeps every step on the fallback multiples.
 */

/** Window 500 (daily: about 1.5 years of residuals) and γ 0.005 held 90% over 1,095 days (FORECAST.md). */
export const DEFAULT_CALIBRATION = { window: 500, gamma: 0.005 } as const;

/** Residuals a step needs before its empirical quantiles replace the fallback multiples of σ. */
export const MIN_RESIDUALS = 30;

const ALPHA_MIN = 0.001;
/** The 90% interval's index in INTERVAL_LEVELS. */
const NINETY = INTERVAL_LEVELS.indexOf(90);
const ALPHA_MAX = 0.5;

/**
 * Before enough residuals: quantiles of a Student t with 5 degrees of freedom (not rescaled to unit
 * variance), in σ units. Wider than the normal's at 90 and 95%: returns are fat-tailed, and a
 * model's first forecasts had better over-cover than under-cover.
 */
const FALLBACK_Z = { 50: 0.7267, 80: 1.4759, 90: 2.015, 95: 2.5706 } as const;

export type CalibrationSettings = { window: number; gamma: number; horizon: number };

/** A calibration with no residuals yet: every level at its nominal miscoverage. */
export function newCalibration({ window, gamma, horizon }: CalibrationSettings): CalibrationState {
  if (!Number.isInteger(window) || window < 1) throw new InvalidCalibrationError(`window must be a whole number ≥ 1, got ${window}`);
  if (!(gamma >= 0 && gamma < 1)) throw new InvalidCalibrationError(`gamma must be in [0, 1), got ${gamma}`);
  if (!Number.isInteger(horizon) || horizon < 1) throw new InvalidCalibrationError(`horizon must be a whole number ≥ 1, got ${horizon}`);
  return {
    method: 'normalized-conformal-aci',
    window,
    gamma,
    steps: Array.from({ length: horizon }, () => ({
      residuals: [],
      alpha: { '80': 0.2, '90': 0.1, '95': 0.05 },
      hits: { '80': [], '90': [], '95': [] },
    })),
  };
}

/** The calibrated distribution of each step of a raw forecast (at most the state's horizon). */
export function calibrate(raw: RawForecast, state: CalibrationState): ReturnDistribution[] {
  if (raw.center.length > state.steps.length) {
    throw new InvalidCalibrationError(`the calibration covers ${state.steps.length} steps, the forecast ${raw.center.length}`);
  }
  const z = raw.center.map((_, i) => multiples(state.steps[i]));
  const width90 = z.map(({ lower, upper }) => upper[NINETY] - lower[NINETY]);
  return raw.center.map((center, i) => {
    const sigma = positive(raw.sigma[i]);
    if (!Number.isFinite(center)) throw new InvalidCalibrationError(`the center of step ${i + 1} is ${center}`);
    const at = (multiple: number) => center + sigma * multiple;
    const { lower, upper, q25, q75 } = z[i];
    return {
      step: i + 1,
      // QUANTILE_LEVELS: 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95.
      quantiles: [at(lower[1]), at(lower[0]), at(q25), center, at(q75), at(upper[0]), at(upper[1])],
      intervals: INTERVAL_LEVELS.map((level, j) => ({ level, lower: at(lower[j]), upper: at(upper[j]) })),
      // The level is the model's one-step σ (what QLIKE scores); its growth over the steps follows
      // the served 90% intervals, so that σ and the intervals tell one story even when a model's own
      // σ does not widen with the horizon (a small LSTM's quantile spread can stay flat).
      sigma: width90[0] > 0 ? sigma * (width90[i] / width90[0]) : sigma,
      expectedRange: raw.expectedRange[i],
    };
  });
}

/**
 * The state once the actual (cumulative log return) of `step` (1 for the next candle) of a forecast
 * is known: its normalized residual joins the step's window and each level's miscoverage moves by
 * ACI. `issued` are the intervals that were served for that forecast; without them, those the
 * current state gives (the same unless the state moved since the forecast was made).
 */
export function updateCalibration(
  state: CalibrationState,
  step: number,
  raw: { center: number; sigma: number },
  actual: number,
  issued?: readonly ReturnInterval[],
): CalibrationState {
  if (!Number.isInteger(step) || step < 1 || step > state.steps.length) {
    throw new InvalidCalibrationError(`step must be 1…${state.steps.length}, got ${step}`);
  }
  const steps = state.steps.slice();
  steps[step - 1] = copyStep(state.steps[step - 1]);
  const next = { ...state, steps };
  realize(next, step, raw.center, raw.sigma, actual, issued);
  return next;
}

/** One realized step of a stored forecast, in log returns from the close it was made from. */
export type RealizedActual = {
  /** 1 for the first target candle. */
  step: number;
  /** The raw forecast's center and sigma of that step (predictions.raw_center, raw_sigma). */
  center: number;
  sigma: number;
  /** ln(actual close / close at the origin). */
  actual: number;
  /** The intervals served for it, if known (ln(bound / close at the origin)). */
  issued?: readonly ReturnInterval[];
};

/**
 * The state after several actuals, applied in the order given (give them oldest target first,
 * then by step, as the walk-forward does): what the predict job does when candles close. Copies
 * the state once, so that a batch costs no more than the updates themselves.
 */
export function applyActuals(state: CalibrationState, actuals: readonly RealizedActual[]): CalibrationState {
  for (const { step } of actuals) {
    if (!Number.isInteger(step) || step < 1 || step > state.steps.length) {
      throw new InvalidCalibrationError(`step must be 1…${state.steps.length}, got ${step}`);
    }
  }
  const next = copyCalibration(state);
  for (const { step, center, sigma, actual, issued } of actuals) realize(next, step, center, sigma, actual, issued);
  return next;
}

/**
 * Realized coverage of one step (1 by default) over its newest `last` realized forecasts (all the
 * state keeps, at most its window, by default).
 */
export function realizedCoverage(state: CalibrationState, options: { step?: number; last?: number } = {}): RealizedCoverage {
  const step = state.steps[(options.step ?? 1) - 1];
  if (step === undefined) throw new InvalidCalibrationError(`no step ${options.step} in a calibration of ${state.steps.length}`);
  const share = (hits: boolean[]) => {
    const kept = options.last === undefined ? hits : hits.slice(Math.max(0, hits.length - options.last));
    return kept.length === 0 ? null : kept.filter(Boolean).length / kept.length;
  };
  const window = Math.min(step.hits['90'].length, options.last ?? Infinity);
  return { coverage80: share(step.hits['80']), coverage90: share(step.hits['90']), coverage95: share(step.hits['95']), window };
}

/** A deep copy, for a caller (the walk-forward) that moves a state in place many times. */
export function copyCalibration(state: CalibrationState): CalibrationState {
  return { ...state, steps: state.steps.map(copyStep) };
}

/**
 * Moves `state` in place (the walk-forward's working copy: copying 500 residuals per actual would
 * cost more than the models).
 */
export function realize(
  state: CalibrationState,
  step: number,
  center: number,
  sigma: number,
  actual: number,
  issued?: readonly ReturnInterval[],
): void {
  const s = state.steps[step - 1];
  const scale = positive(sigma);
  if (!Number.isFinite(actual) || !Number.isFinite(center)) {
    throw new InvalidCalibrationError(`an actual of ${actual} for a center of ${center} cannot calibrate`);
  }
  let intervals = issued;
  if (intervals === undefined) {
    const z = multiples(s);
    intervals = INTERVAL_LEVELS.map((level, j) => ({ level, lower: center + scale * z.lower[j], upper: center + scale * z.upper[j] }));
  }
  for (const { level, lower, upper } of intervals) {
    const key = `${level}` as const;
    const miss = actual < lower || actual > upper ? 1 : 0;
    s.alpha[key] = Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, s.alpha[key] + state.gamma * (1 - level / 100 - miss)));
    pushBounded(s.hits[key], miss === 0, state.window);
  }
  // Six significant digits: plenty for a quantile of σ multiples, and a state of 24 steps × 500
  // residuals (models.calibration, rewritten whenever actuals arrive) half the size of full doubles.
  const residual = Number(((actual - center) / scale).toPrecision(6));
  const sorted = sortedCache.get(s);
  s.residuals.push(residual);
  const evicted = s.residuals.length > state.window ? s.residuals.splice(0, s.residuals.length - state.window) : [];
  if (sorted !== undefined && sorted.length + 1 - evicted.length === s.residuals.length) {
    sorted.splice(lowerBound(sorted, residual), 0, residual);
    for (const old of evicted) sorted.splice(lowerBound(sorted, old), 1);
  } else {
    sortedCache.delete(s);
  }
}

/**
 * The residuals of a step, sorted, kept beside the step object and moved by `realize`: the
 * walk-forward calibrates and realizes thousands of times, and sorting 500 residuals each time
 * cost more than the models. Keyed by the step object, so a copied state starts its own.
 */
const sortedCache = new WeakMap<CalibrationStep, number[]>();

function sortedResiduals(step: CalibrationStep): readonly number[] {
  let sorted = sortedCache.get(step);
  if (sorted === undefined || sorted.length !== step.residuals.length) {
    sorted = step.residuals.slice().sort((a, b) => a - b);
    sortedCache.set(step, sorted);
  }
  return sorted;
}

/** The first index whose value is not below `value`. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The σ multiples of one step: lower and upper bound of each interval level (INTERVAL_LEVELS
 * order) and the quartiles, ordered outward from the median (0) so that quantiles never cross and
 * intervals nest, even where the residuals are lopsided or ACI moved the levels apart unevenly.
 */
function multiples(step: CalibrationStep): { lower: number[]; upper: number[]; q25: number; q75: number } {
  let lower: number[];
  let upper: number[];
  let q25: number;
  let q75: number;
  if (step.residuals.length < MIN_RESIDUALS) {
    lower = INTERVAL_LEVELS.map((level) => -FALLBACK_Z[level]);
    upper = INTERVAL_LEVELS.map((level) => FALLBACK_Z[level]);
    q25 = -FALLBACK_Z[50];
    q75 = FALLBACK_Z[50];
  } else {
    const sorted = sortedResiduals(step);
    // A wider level never gets a larger miscoverage than a narrower one.
    const alphas: number[] = [];
    for (const level of INTERVAL_LEVELS) alphas.push(Math.min(step.alpha[`${level}`], alphas.at(-1) ?? Infinity));
    lower = alphas.map((alpha) => quantile(sorted, alpha / 2));
    upper = alphas.map((alpha) => quantile(sorted, 1 - alpha / 2));
    q25 = quantile(sorted, 0.25);
    q75 = quantile(sorted, 0.75);
  }
  q25 = Math.min(q25, 0);
  q75 = Math.max(q75, 0);
  lower = ordered(lower, q25, Math.min);
  upper = ordered(upper, q75, Math.max);
  return { lower, upper, q25, q75 };
}

/** Each bound at least as far out as the one inside it. */
function ordered(bounds: number[], inner: number, outward: (a: number, b: number) => number): number[] {
  const result: number[] = [];
  let previous = inner;
  for (const bound of bounds) {
    previous = outward(bound, previous);
    result.push(previous);
  }
  return result;
}

/** Linear interpolation between order statistics (type 7). */
function quantile(sorted: readonly number[], p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

function copyStep(step: CalibrationStep): CalibrationStep {
  return {
    residuals: step.residuals.slice(),
    alpha: { ...step.alpha },
    hits: { '80': step.hits['80'].slice(), '90': step.hits['90'].slice(), '95': step.hits['95'].slice() },
  };
}

function pushBounded<T>(values: T[], value: T, window: number): void {
  values.push(value);
  if (values.length > window) values.splice(0, values.length - window);
}

/** A σ of 0 (a flat series) would make residuals infinite; the smallest positive scale stands in. */
function positive(sigma: number): number {
  if (!Number.isFinite(sigma)) throw new InvalidCalibrationError(`sigma must be finite, got ${sigma}`);
  return Math.max(sigma, 1e-12);
}
