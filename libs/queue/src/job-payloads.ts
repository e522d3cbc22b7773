import type { AlertEvent, IntervalCode, ModelFamily } from '#libs/domain';
import { JobName, type QueueName } from './queue-name.js';

/** Carried by every job: the id of the HTTP request that asked for it (or for the job that enqueued it), for the logs. */
export interface JobTrace {
  requestId?: string;
}

/** Incremental ingestion from the last stored candle. */
export interface SyncPayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
}

/** Everything Kraken still serves for an asset and interval (its most recent 720 candles), from `since` on. */
export interface BackfillPayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  /** Unix seconds; defaults to as far back as Kraken serves. */
  since?: number;
}

export interface TrainPayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  /**
   * Step 8: the family to train. The API always names one (one job per family); absent (the
   * retrain scheduler's jobs), the worker enqueues one job per default family of the interval.
   */
  family?: ModelFamily;
  /** The family's settings (an LSTM's hyperparameters). */
  hyperparameters?: Record<string, number>;
}

export interface ScorePayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
}

export interface PredictPayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  horizon?: number;
}

/** A walk-forward of one family over a span (research queue). */
export interface BacktestPayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  family: ModelFamily;
  /** Unix seconds: the first and last origin's candle; absent, the worker's default span (the newest candles). */
  from?: number;
  to?: number;
  horizon?: number;
  /** Refit after this many origins. */
  refitEvery?: number;
  /** The family's settings; absent, its defaults. */
  settings?: Record<string, number>;
}

/** A bounded random search of a family's settings inside the rolling-origin cross-validation, scored by pinball loss (research queue). */
export interface TunePayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  trials: number;
  /** Absent: the LSTM. */
  family?: ModelFamily;
}

/** What made a series' rules worth checking: each kind of rule listens to some of these. */
export type AlertTrigger = AlertEvent;

/**
 * Checks the active rules of one series once for one event (alerts queue). The event's identity
 * (candle time, prediction id, job id) is in the payload, so that a job run twice fires nothing twice.
 */
export interface EvaluatePayload extends JobTrace {
  asset: string;
  interval: IntervalCode;
  trigger: AlertTrigger;
  /** Unix seconds: the open time of the newest candle (trigger `candle`, `stale_check`). */
  candleTime?: number;
  /** The new forecast's id (trigger `forecast`). */
  predictionId?: string;
  /** The job the event is about (trigger `training_failed`, `score`), and why it failed. */
  jobId?: string;
  reason?: string;
}

/** One webhook delivery (notifications queue); its row in webhook_deliveries holds the rest, and its id is the job's. */
export interface DeliverPayload extends JobTrace {
  deliveryId: string;
}

/**
 * Deletes the notifications, alert firings and finished webhook deliveries past their retention
 * (notifications queue, made by one job scheduler); it needs nothing but the configuration.
 */
export type PrunePayload = JobTrace;

/** Pairs every job name with its payload, so that no producer can enqueue a job with the wrong data. */
export interface JobPayloads {
  [JobName.Sync]: SyncPayload;
  [JobName.Backfill]: BackfillPayload;
  [JobName.Train]: TrainPayload;
  [JobName.Score]: ScorePayload;
  [JobName.Predict]: PredictPayload;
  [JobName.Backtest]: BacktestPayload;
  [JobName.Tune]: TunePayload;
  [JobName.Evaluate]: EvaluatePayload;
  [JobName.Deliver]: DeliverPayload;
  [JobName.Prune]: PrunePayload;
}

/** The job another one enqueued when it finished (train → score → predict), named in that one's result as `next`. */
export interface NextJob {
  queue: QueueName;
  name: JobName;
  jobId: string;
}

export interface SyncResult {
  asset: string;
  interval: IntervalCode;
  requests: number;
  received: number;
  inserted: number;
  updated: number;
  lastCandleTime: number | null;
  /** Set when another sync of the same asset and interval was already running. */
  skipped?: string;
}

export type BackfillResult = SyncResult;
