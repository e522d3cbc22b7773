import { TrainingBudgetExceededError } from './errors.js';
import { HYPERPARAMETERS, type Hyperparameters } from './hyperparameters.js';

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
