/**
 * How close forecasts of prices came to what happened. `last` is the last close known when each
 * forecast was made: the naive forecast, and the point that direction is measured from.
 */
export type ForecastMetrics = {
  mae: number;
  rmse: number;
  /** Mean absolute percentage error, in percent. */
  mape: number;
  /**
   * R² out of sample of the log return ln(forecast / last) for ln(actual / last), against the zero
   * (naive) forecast: 1 − Σ(r − r̂)² / Σ r². 0 for the naive forecast, below 0 when worse than it.
   * (Before step 8 this was R² on price levels, ~1 for any forecast near the last close; stored
   * metrics of older models still hold that.)
   */
  r2: number;
  /** MAE over the naive forecast's MAE on the same samples: below 1 beats "next close = last close". Absent in metrics stored before step 8. */
  maeRatio?: number;
  /** The same value as `maeRatio`, under its old name (it is an out-of-sample MAE ratio, not Hyndman's MASE). */
  mase: number;
  /**
   * Share (0–1) of right directions among the forecasts that called a move from `last`; forecasts
   * of no move are left out, so the naive forecast has none (NaN, null in jsonb). A close that
   * did not move is a miss for any call. Compare it with `upShare`, not with 0.5. (Before step 8
   * a forecast of no move counted, right only when the close did not move either.)
   */
  directionalAccuracy: number;
  /** Share (0–1) of samples whose close rose from `last`: what "always up" scores. Absent before step 8. */
  upShare?: number;
};

/** A model's metrics and the naive forecast's on the same samples. */
export type ModelVsNaive = { model: ForecastMetrics; naive: ForecastMetrics };

/** The metrics of forecasts made from consecutive windows, beside the naive forecast's: an evaluation. */
export type Evaluation = {
  /** Forecasts scored: one per window. */
  samples: number;
  /** Open times (unix seconds) of the first and last candle whose close was forecast one step ahead. */
  from: number;
  to: number;
  /** One step ahead (the next close), the headline figures. */
  model: ForecastMetrics;
  naive: ForecastMetrics;
  /**
   * One entry per horizon step h (index h − 1): forecasts h closes ahead against the last close
   * known when they were made, which is also the naive forecast for every step.
   */
  steps: ModelVsNaive[];
};

/** Losses are Huber losses of scaled targets (log returns over the training split's standard deviation). */
export type EpochLog = { epoch: number; loss: number; valLoss: number };

/** What a training reports of itself, stored with its model (models.metrics jsonb). */
export type TrainingMetrics = {
  /** The epoch whose weights were kept: the lowest validation loss. */
  bestEpoch: number;
  samples: { train: number; validation: number; test: number };
  /** Model and naive forecast on the validation split (which chose the epoch and the shrink). */
  validation: Evaluation;
  /** Model and naive forecast on the test split, which nothing in training saw; null when there was none. */
  test: Evaluation | null;
  history: EpochLog[];
};

/**
 * What a value of type T reads back as from a jsonb column: JSON has no NaN or ±Infinity, and
 * JSON.stringify writes them as null (an r2 over closes that never moved, a MASE against a naive
 * forecast that made no error).
 */
export type Jsonb<T> = T extends number
  ? number | null
  : T extends readonly (infer U)[]
    ? Jsonb<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonb<T[K]> }
      : T;
