import type { CalibrationState } from '#libs/domain';
import type { CandleSeries } from '../candle.series.js';
import { yieldToEventLoop } from '../event-loop.yield.js';
import { InsufficientCandlesError } from '../ml.errors.js';
import { DEFAULT_CALIBRATION, calibrate, copyCalibration, newCalibration, realize } from './conformal.calibrator.js';
import type {
  FitOptions,
  FittedForecaster,
  Forecaster,
  ForecasterArtifact,
  RawForecast,
  WalkForwardOptions,
  WalkForwardRecord,
  WalkForwardResult,
} from './forecaster.js';
import { ForecastAbortedError, InvalidCalibrationError, InvalidWalkForwardError } from './forecasting.errors.js';

/** Origins calibrated between two yields to the event loop (BullMQ renews its lock from a timer). */
const ORIGINS_PER_YIELD = 200;

/**
 * The one walk-forward the bench, the training job, the backtest job and tuning share: a rolling
 * origin from `start` to `end`; every `refitEvery` origins a fit on the candles up to that origin
 * (at most `trainWindow`); each forecast calibrated with the state as it stood at its origin. The
 * step-h actual of the forecast made at origin s joins the calibration at origin s + h, when its
 * close is known, and never before: nothing a forecast or its intervals depend on comes from
 * after its origin.
 */
export async function walkForward(forecaster: Forecaster, series: CandleSeries, options: WalkForwardOptions): Promise<WalkForwardResult> {
  const n = series.time.length;
  const { horizon, start, refitEvery, trainWindow, signal } = options;
  const end = options.end ?? n - 1;
  if (!Number.isInteger(horizon) || horizon < 1) throw new InvalidWalkForwardError(`horizon must be a whole number ≥ 1, got ${horizon}`);
  if (!Number.isInteger(refitEvery) || refitEvery < 1)
    throw new InvalidWalkForwardError(`refitEvery must be a whole number ≥ 1, got ${refitEvery}`);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > n - 1) {
    throw new InvalidWalkForwardError(`origins ${start}…${end} are not within the series' 0…${n - 1}`);
  }
  if (trainWindow !== undefined && !(Number.isInteger(trainWindow) && trainWindow >= 1)) {
    throw new InvalidWalkForwardError(`trainWindow must be a whole number ≥ 1, got ${trainWindow}`);
  }
  const state = startingCalibration(options.calibration, horizon);
  const needed = forecaster.minCandles({ horizon, settings: options.fit.settings });

  const raws: RawForecast[] = [];
  const records: WalkForwardRecord[] = [];
  /** Moves the calibration with every actual whose close is candle `t`'s: step h of origin t − h. */
  const realizeAt = (t: number) => {
    for (let h = 1; h <= horizon; h++) {
      const origin = t - h;
      if (origin < start || origin - start >= records.length) continue;
      const raw = raws[origin - start];
      const actual = Math.log(series.close[t] / series.close[origin]);
      realize(state, h, raw.center[h - 1], raw.sigma[h - 1], actual, records[origin - start].steps[h - 1].intervals);
    }
  };

  const refits = Math.ceil((end - start + 1) / refitEvery);
  let fits = 0;
  let last: FittedForecaster | undefined;
  for (let refit = 0; refit < refits; refit++) {
    if (signal?.aborted) throw new ForecastAbortedError(`before refit ${refit + 1} of ${refits}`);
    const first = start + refit * refitEvery;
    const lastOrigin = Math.min(end, first + refitEvery - 1);
    const from = trainWindow === undefined ? 0 : Math.max(0, first - trainWindow + 1);
    if (first - from + 1 < needed) {
      throw new InsufficientCandlesError(needed, first - from + 1, `A ${forecaster.family} fit at origin ${first}`);
    }
    const fitted = await forecaster.fit(series, { from, to: first }, { ...options.fit, horizon, signal });
    fits++;
    let keep = false;
    try {
      const origins = Array.from({ length: lastOrigin - first + 1 }, (_, i) => first + i);
      const forecasts = await fitted.predict(series, origins);
      for (let i = 0; i < origins.length; i++) {
        const origin = origins[i];
        const raw = forecasts[i];
        if (raw.center.length < horizon) {
          throw new InvalidWalkForwardError(`${forecaster.family} forecast ${raw.center.length} steps, ${horizon} were asked for`);
        }
        realizeAt(origin);
        raws.push(raw);
        records.push(recordOf(series, origin, horizon, raw, state));
        if (records.length % ORIGINS_PER_YIELD === 0) await yieldToEventLoop();
      }
      keep = options.keepLast === true && refit === refits - 1;
      if (keep) last = fitted;
    } finally {
      if (!keep) fitted.dispose();
    }
    await options.onRefit?.({ refit: refit + 1, refits, origin: first });
    await yieldToEventLoop();
  }
  // The actuals of the last origins that the series already holds.
  for (let t = end + 1; t <= Math.min(n - 1, end + horizon); t++) realizeAt(t);
  return { records, calibration: state, fits, last };
}

export type ProductionFitOptions = {
  horizon: number;
  /** How many of the newest origins the walk-forward covers (for the calibration and the metrics). */
  span: number;
  refitEvery: number;
  /** Candles each fit sees at most, the final one included; all when absent. */
  trainWindow?: number;
  fit: Omit<FitOptions, 'horizon' | 'signal'>;
  /**
   * Settings of the walk-forward's refits when they should differ from the final fit's
   * (`fit.settings`): e.g. the LSTM's `folds: 0` with a fixed epoch count, so that dozens of
   * refits do not each run a cross-validation. The final fit always uses `fit.settings`.
   */
  walkForwardSettings?: Readonly<Record<string, number>>;
  /** Calibration settings; DEFAULT_CALIBRATION when absent. */
  calibration?: { window: number; gamma: number };
  signal?: AbortSignal;
  /** After each walk-forward refit and after the final fit (the last of `refits`); awaited. */
  onRefit?: WalkForwardOptions['onRefit'];
};

export type ProductionFit = {
  /** The final fit, on every candle up to the newest (the caller disposes it). */
  fitted: FittedForecaster;
  artifact: ForecasterArtifact;
  /** The calibration after the walk-forward: every actual the series holds. */
  calibration: CalibrationState;
  walkForward: WalkForwardResult;
  /** Open times (unix seconds) of the first and last candle of the final fit; trainedTo is the newest candle's. */
  trainedFrom: number;
  trainedTo: number;
};

/**
 * What training serves: a walk-forward over the newest `span` origins (its forecasts made by fits
 * that never saw their futures: the honest metrics, and the calibration's residuals), then one
 * fit on every candle up to the newest (at most trainWindow), so that the served model knows the
 * latest regime. A series too short for any walk-forward origin still gets its model, with a
 * fresh calibration (the fallback multiples of σ) and no records.
 */
export async function fitForProduction(
  forecaster: Forecaster,
  series: CandleSeries,
  options: ProductionFitOptions,
): Promise<ProductionFit> {
  const n = series.time.length;
  const { horizon, span, refitEvery, trainWindow, signal } = options;
  const needed = forecaster.minCandles({ horizon, settings: options.fit.settings });
  if (n < needed) throw new InsufficientCandlesError(needed, n, `A ${forecaster.family} model`);
  const refitOptions = options.walkForwardSettings === undefined ? options.fit : { ...options.fit, settings: options.walkForwardSettings };
  const refitNeeded = forecaster.minCandles({ horizon, settings: refitOptions.settings });
  if (!Number.isInteger(span) || span < 0) throw new InvalidWalkForwardError(`span must be a whole number ≥ 0, got ${span}`);
  const calibration = options.calibration ?? DEFAULT_CALIBRATION;

  // The newest origin with an actual is the candle before the newest; the first must leave a fit
  // its minimum of candles.
  const end = n - 2;
  const start = Math.max(end - span + 1, refitNeeded - 1);
  let walk: WalkForwardResult;
  let refits = 1;
  if (start <= end) {
    refits += Math.ceil((end - start + 1) / refitEvery);
    walk = await walkForward(forecaster, series, {
      horizon,
      start,
      end,
      refitEvery,
      trainWindow,
      fit: refitOptions,
      calibration,
      signal,
      onRefit: async (progress) => options.onRefit?.({ ...progress, refits }),
    });
  } else {
    walk = { records: [], calibration: newCalibration({ ...calibration, horizon }), fits: 0 };
  }

  if (signal?.aborted) throw new ForecastAbortedError('before the final fit');
  const from = trainWindow === undefined ? 0 : Math.max(0, n - trainWindow);
  const fitted = await forecaster.fit(series, { from, to: n - 1 }, { ...options.fit, horizon, signal });
  try {
    const artifact = await fitted.toArtifact();
    await options.onRefit?.({ refit: refits, refits, origin: n - 1 });
    return {
      fitted,
      artifact,
      calibration: walk.calibration,
      walkForward: walk,
      trainedFrom: series.time[from],
      trainedTo: series.time[n - 1],
    };
  } catch (error) {
    fitted.dispose();
    throw error;
  }
}

function startingCalibration(given: WalkForwardOptions['calibration'], horizon: number): CalibrationState {
  if (given === undefined) return newCalibration({ ...DEFAULT_CALIBRATION, horizon });
  if (!('steps' in given)) return newCalibration({ window: given.window, gamma: given.gamma, horizon });
  if (given.steps.length !== horizon) {
    throw new InvalidCalibrationError(`the calibration covers ${given.steps.length} steps, the walk-forward ${horizon}`);
  }
  return copyCalibration(given);
}

function recordOf(series: CandleSeries, origin: number, horizon: number, raw: RawForecast, state: CalibrationState): WalkForwardRecord {
  const n = series.time.length;
  const actual: (number | null)[] = [];
  const actualRange: (number | null)[] = [];
  for (let h = 1; h <= horizon; h++) {
    const t = origin + h;
    actual.push(t < n ? Math.log(series.close[t] / series.close[origin]) : null);
    actualRange.push(t < n ? Math.log(series.high[t] / series.low[t]) : null);
  }
  const steps = calibrate(
    { center: raw.center.slice(0, horizon), sigma: raw.sigma.slice(0, horizon), expectedRange: raw.expectedRange.slice(0, horizon) },
    state,
  );
  return { origin, time: series.time[origin], lastClose: series.close[origin], steps, actual, actualRange };
}
