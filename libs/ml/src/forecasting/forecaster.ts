import type { CalibrationState, ModelFamily, ReturnDistribution } from '#libs/domain';
import type { BackendName } from '../backend.selector.js';
import type { CandleSeries } from '../candle.series.js';

/**
 * What a fitted model says of the next `horizon` candles before calibration, in cumulative log
 * returns from the close at the origin (index h − 1 is step h).
 */
export type RawForecast = {
  /** The point forecast (median) of each step. */
  center: number[];
  /** Its scale: the standard deviation of the log return to each step (> 0). */
  sigma: number[];
  /** Expected ln(high / low) of each step's candle. */
  expectedRange: number[];
};

export type FitOptions = {
  horizon: number;
  /** Family settings (hyperparameters); each family validates its own and fills defaults. */
  settings?: Readonly<Record<string, number>>;
  /** Seconds between candles (interval), for time-of-day features and profiles. */
  stepSeconds: number;
  signal?: AbortSignal;
  backend?: BackendName;
  /** Progress inside one fit (LSTM epochs); awaited. */
  onProgress?: (progress: { epoch: number; epochs: number; loss: number; valLoss: number | null }) => void | Promise<void>;
};

/**
 * A fitted model, JSON-serialisable plus an optional binary part (the LSTM's weights): what
 * the registry stores (models.artifact jsonb, models.weights bytea). An ensemble is one
 * artifact whose params list its members.
 */
export type ForecasterArtifact = {
  family: ModelFamily;
  horizon: number;
  /** Settings as validated, defaults filled in. */
  settings: Record<string, number>;
  params: Record<string, unknown>;
  weights?: Buffer;
};

export interface FittedForecaster {
  readonly family: ModelFamily;
  readonly horizon: number;
  /** Candles up to and including an origin that predict needs (its context). */
  readonly context: number;
  /**
   * The raw forecasts made at each origin (candle indexes, ascending, each ≥ context − 1): each
   * reads the candles at or before its origin only, never after.
   */
  predict(series: CandleSeries, origins: readonly number[]): Promise<RawForecast[]>;
  toArtifact(): Promise<ForecasterArtifact>;
  /** Frees what it holds (tensors); a baseline's does nothing. */
  dispose(): void;
}

export interface Forecaster {
  readonly family: ModelFamily;
  /** The fewest candles a fit needs with these settings. */
  minCandles(options: Pick<FitOptions, 'horizon' | 'settings'>): number;
  /** Fits on the candles `from … to` (indexes, inclusive) of the series: nothing after `to`. */
  fit(series: CandleSeries, range: { from: number; to: number }, options: FitOptions): Promise<FittedForecaster>;
  load(artifact: ForecasterArtifact): Promise<FittedForecaster>;
}

export type WalkForwardOptions = {
  horizon: number;
  /** First origin index: the first forecast is made from this candle's close. */
  start: number;
  /** Last origin index (inclusive); defaults to the last candle (whose actuals are unknown). */
  end?: number;
  /** Refit after this many origins. */
  refitEvery: number;
  /** Candles before each refit's origin the fit sees at most (its training window); all when absent. */
  trainWindow?: number;
  fit: Omit<FitOptions, 'horizon' | 'signal'>;
  /** Calibration to start from (a model's stored state); a fresh one otherwise. */
  calibration?: CalibrationState | { window: number; gamma: number };
  signal?: AbortSignal;
  /** After each refit; awaited (a job reports progress here). */
  onRefit?: (progress: { refit: number; refits: number; origin: number }) => void | Promise<void>;
  /** Keep the last fit and return it as `last` (the caller disposes it); disposed otherwise. */
  keepLast?: boolean;
};

/** One origin of a walk-forward: the calibrated forecast made there, and what came. */
export type WalkForwardRecord = {
  /** Candle index and open time (unix seconds) of the origin. */
  origin: number;
  time: number;
  lastClose: number;
  /** Calibrated, one per step. */
  steps: ReturnDistribution[];
  /** Realized cumulative log return of each step; null where that candle is not in the series. */
  actual: (number | null)[];
  /** Realized ln(high / low) of each step's candle; null where unknown. */
  actualRange: (number | null)[];
};

export type WalkForwardResult = {
  records: WalkForwardRecord[];
  /** The calibration after every actual the series holds: what a production model carries on with. */
  calibration: CalibrationState;
  fits: number;
  /** The last fit, for a caller that serves it (the caller disposes it); absent if `keepLast` was not asked. */
  last?: FittedForecaster;
};
