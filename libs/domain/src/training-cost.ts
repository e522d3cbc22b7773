import { ResearchBudgetExceededError, TrainingBudgetExceededError } from './errors.js';
import type { ModelFamily } from './forecast-distribution.js';
import { DEFAULT_HYPERPARAMETERS, HYPERPARAMETERS, type Hyperparameters } from './hyperparameters.js';
import { costliestTrial } from './tune-space.js';

/** The hyperparameters a fit's cost grows with, in the order a message names them. */
const KNOBS = ['units', 'layers', 'window', 'epochs'] as const;

export type TrainingCostKnobs = Pick<Hyperparameters, (typeof KNOBS)[number]>;

/**
 * What one fit costs: units × layers × window × epochs × candles, the LSTM cell-steps (each epoch
 * runs every candle's window through every layer) times the width of each. It leaves out what
 * changes the time little (horizon, dropout, learning rate, patience, the five input features)
 * and early stopping, which only ever ends a fit sooner. One number in one place, so that the
 * gateway, the prediction service and the worker refuse the same trainings.
 *
 * It is linear in units on purpose: TensorFlow.js's per-step overhead dominates at the sizes we
 * train, and bigger models (32 or 64 units, window 30, 2 layers) took 3 to 8 times longer per
 * epoch than the defaults (bench/train.ts), which this cost puts at 6 and 12 times. Far wider
 * models would grow faster than this (a step's work is units × (units + inputs)): the budget's
 * default refuses 256 units with the other defaults.
 */
export function trainingCost(knobs: TrainingCostKnobs, candles: number): number {
  return KNOBS.reduce((cost, knob) => cost * knobs[knob], candles);
}

/** Rolling-origin folds an LSTM fit runs by default to choose its epoch count (libs/ml/src/lstm). */
export const LSTM_CV_FOLDS = 3;

/**
 * What one fit of the LSTM forecaster (an ensemble) costs, in trainingCost's units: each of the
 * `seeds` members trains once per cross-validation fold and once more on the whole range, so
 * trainingCost × seeds × (folds + 1). `folds: 0` (no CV, a fixed epoch count) costs seeds fits.
 * An upper bound like trainingCost: CV folds train on less than the whole range and stop early.
 */
export function lstmFitCost(knobs: TrainingCostKnobs & { seeds: number; folds?: number }, candles: number): number {
  return trainingCost(knobs, candles) * knobs.seeds * ((knobs.folds ?? LSTM_CV_FOLDS) + 1);
}

/**
 * Throws TrainingBudgetExceededError when one fit of these hyperparameters on `candles` candles
 * would cost more than `budget`, with a message that gives the cost, the budget and, for each knob
 * that alone can bring it within, the largest value that does.
 */
export function checkTrainingBudget(knobs: TrainingCostKnobs, candles: number, budget: number): void {
  const cost = trainingCost(knobs, candles);
  if (cost <= budget) return;
  const fixes = KNOBS.map((knob) => ({ knob, most: largestWithin(budget, cost / knobs[knob]) }))
    .filter(({ knob, most }) => most >= HYPERPARAMETERS[knob].min)
    .map(({ knob, most }) => `${knob} to ${most}`);
  const product = KNOBS.map((knob) => `${knob} ${knobs[knob]}`).join(' × ');
  throw new TrainingBudgetExceededError(
    `This training would cost ${count(cost)} per fit (${product} × ${count(candles)} candles), ` +
      `above the budget of ${count(budget)} (TRAIN_COST_BUDGET): ` +
      (fixes.length ? `lower ${fixes.join(', or ')}` : `lower ${KNOBS.join(', ')}: no one of them alone is enough`),
    cost,
    budget,
  );
}

/** The largest whole n with n × rest ≤ budget (a float quotient can round up across a whole number). */
function largestWithin(budget: number, rest: number): number {
  const n = Math.floor(budget / rest);
  return n * rest > budget ? n - 1 : n;
}

const count = (n: number) => n.toLocaleString('en-US');

// --- research budgets (step 8, helper `api`) ---

/** What a baseline fit costs in trainingCost's units: next to nothing beside an LSTM epoch. */
export const BASELINE_FIT_COST = 1;

/** The cost of one fit of a family with these settings (defaults filled in) on `candles` candles. */
export function familyFitCost(family: ModelFamily, settings: Readonly<Record<string, number>>, candles: number): number {
  if (family !== 'lstm') return BASELINE_FIT_COST;
  const knobs = { ...DEFAULT_HYPERPARAMETERS, ...settings } as TrainingCostKnobs & { seeds: number; folds?: number };
  return lstmFitCost(knobs, candles);
}

export type ResearchCost = { fits: number; costPerFit: number; cost: number };

/**
 * A walk-forward's cost: one fit per refit (origins / refitEvery, rounded up) at the family's
 * per-fit cost on its training window. Its refits skip the LSTM's cross-validation (folds 0, as
 * libs/ml's walk-forward refits do) unless the settings ask for folds.
 */
export function backtestCost(options: {
  family: ModelFamily;
  settings?: Readonly<Record<string, number>>;
  origins: number;
  refitEvery: number;
  trainCandles: number;
}): ResearchCost {
  const fits = Math.max(1, Math.ceil(options.origins / options.refitEvery));
  const costPerFit = familyFitCost(options.family, { folds: 0, ...options.settings }, options.trainCandles);
  return { fits, costPerFit, cost: fits * costPerFit };
}

/**
 * A tuning's cost, an upper bound: each trial is one walk-forward fit (the LSTM's without its
 * cross-validation, folds 0, as the worker's trials run), counted at the costliest settings the
 * trials can draw (TUNE_SPACE's maxima); then the winner's training, a walk-forward fit and the
 * final fit on every candle, two more fits at most that cost. A baseline's fits count 1 each, one
 * per trial and per cross-validation fold as before: next to nothing beside an LSTM's.
 */
export function tuneCost(options: { family: ModelFamily; trials: number; trainCandles: number }): ResearchCost {
  if (options.family !== 'lstm') {
    const fits = options.trials * (LSTM_CV_FOLDS + 1);
    return { fits, costPerFit: BASELINE_FIT_COST, cost: fits * BASELINE_FIT_COST };
  }
  const costPerFit = familyFitCost('lstm', { ...costliestTrial('lstm'), folds: 0 }, options.trainCandles);
  const fits = options.trials + 2;
  return { fits, costPerFit, cost: fits * costPerFit };
}

/** Throws ResearchBudgetExceededError when `cost` is above `budget`, naming both, how it was counted and the variable. */
export function checkResearchBudget(
  what: 'backtest' | 'tuning',
  cost: ResearchCost,
  budget: number,
  counted: string,
  variable: string,
): void {
  if (cost.cost <= budget) return;
  throw new ResearchBudgetExceededError(
    `This ${what} would cost ${count(cost.cost)} (${count(cost.fits)} fits × ${count(cost.costPerFit)} per fit; ${counted}), ` +
      `above the limit of ${count(budget)} (${variable})`,
    cost.cost,
    budget,
  );
}
