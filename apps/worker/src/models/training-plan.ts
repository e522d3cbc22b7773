import type { AppConfig } from '#libs/config';
import { intervalSeconds, type IntervalCode, type ModelFamily } from '#libs/domain';

/** The baselines: closed forms or a few coefficients, seconds to fit, so every interval gets them. */
export const BASELINE_FAMILIES = ['naive', 'ewma', 'garch', 'har-range'] as const satisfies readonly ModelFamily[];

/**
 * How one family is trained on one interval: the walk-forward that measures and calibrates it
 * (the newest `origins` candles, refit every `refitEvery`), the horizon it forecasts, and how
 * far back its training reads (TRAIN_HISTORY).
 */
export interface TrainingPlan {
  family: ModelFamily;
  interval: IntervalCode;
  horizon: number;
  /** Origins of the training walk-forward: the newest candles whose forecasts are measured. */
  origins: number;
  refitEvery: number;
  /** Candles the training reads at most (the newest); null: every stored candle. */
  maxCandles: number | null;
}

interface Span {
  horizon: number;
  origins: number;
  refitEvery: number;
  /** The LSTM's refits are its cost: fewer of them (its ensemble and CV make each fit long). */
  lstmRefitEvery: number;
}

/**
 * Per interval: a year of daily origins refit monthly (FORECAST.md), about a month of hourly
 * ones refit weekly, and in between what keeps a training to a few minutes of a worker.
 */
const SPANS: Record<IntervalCode, Span> = {
  '1m': { horizon: 12, origins: 1440, refitEvery: 240, lstmRefitEvery: 1440 },
  '5m': { horizon: 12, origins: 1152, refitEvery: 288, lstmRefitEvery: 1152 },
  '15m': { horizon: 8, origins: 960, refitEvery: 192, lstmRefitEvery: 960 },
  '30m': { horizon: 8, origins: 960, refitEvery: 192, lstmRefitEvery: 960 },
  '1h': { horizon: 24, origins: 720, refitEvery: 168, lstmRefitEvery: 720 },
  '4h': { horizon: 6, origins: 540, refitEvery: 90, lstmRefitEvery: 540 },
  '1d': { horizon: 7, origins: 365, refitEvery: 30, lstmRefitEvery: 365 },
  '1w': { horizon: 4, origins: 104, refitEvery: 13, lstmRefitEvery: 104 },
  '15d': { horizon: 2, origins: 48, refitEvery: 12, lstmRefitEvery: 48 },
};

/** The families an interval trains when a job names none: the baselines first (seconds), then the LSTM where LSTM_INTERVALS has it. */
export function familiesFor(interval: IntervalCode, config: Pick<AppConfig, 'LSTM_INTERVALS'>): ModelFamily[] {
  return [...BASELINE_FAMILIES, ...(config.LSTM_INTERVALS.includes(interval) ? (['lstm'] as const) : [])];
}

export function trainingPlan(
  interval: IntervalCode,
  family: ModelFamily,
  config: Pick<AppConfig, 'TRAIN_HISTORY'>,
  overrides: { horizon?: number } = {},
): TrainingPlan {
  const span = SPANS[interval];
  const history = config.TRAIN_HISTORY[interval];
  return {
    family,
    interval,
    horizon: overrides.horizon ?? span.horizon,
    origins: span.origins,
    refitEvery: family === 'lstm' ? span.lstmRefitEvery : span.refitEvery,
    maxCandles: history === null ? null : Math.ceil(history / intervalSeconds(interval)),
  };
}

/**
 * BullMQ options that let a baseline's training (seconds) pass the LSTMs waiting before it (each
 * can take many minutes): a prioritized job runs before every job without a priority.
 */
export function trainingPriority(family: ModelFamily): { priority?: number } {
  return family === 'lstm' ? {} : { priority: 1 };
}

/**
 * The settings of a family's walk-forward refits (training's, backtests', tune trials'). The LSTM's
 * refit without its inner cross-validation (`folds: 0`) and for `epochs` (10 unless given), so
 * that a walk-forward costs 2 × seeds member fits, not 2 × seeds × 4; the final fit of a training
 * keeps the settings asked for, CV included (epochs chosen by rolling-origin CV, then a refit on
 * every candle). Other families refit as they fit.
 */
export function walkForwardSettings(family: ModelFamily, settings: Readonly<Record<string, number>>): Record<string, number> {
  return family === 'lstm' ? { ...settings, folds: 0, epochs: settings.epochs ?? 10 } : { ...settings };
}
