import { LSTM_CV_FOLDS } from '#libs/domain';
import { validateHyperparameters } from '../hyperparameters.schema.js';
import { InvalidHyperparametersError } from '../ml.errors.js';

/**
 * The LSTM forecaster's settings: the shared table's (libs/domain/src/hyperparameters.ts, which
 * the API validates train requests with) less `horizon`, which FitOptions gives, plus `folds`.
 *
 * `folds` (0–5, default LSTM_CV_FOLDS) is how many rolling-origin folds choose the epoch count;
 * `folds: 0` skips that and trains exactly `epochs` epochs: walk-forward refits and tuning pass
 * it, with the count an earlier CV fit chose (its artifact's params.epochs), to bound their cost.
 * With folds > 0, `epochs` is the most any fold trains (early stopping after `patience`).
 */
export type LstmSettings = {
  units: number;
  layers: number;
  window: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  dropout: number;
  patience: number;
  seeds: number;
  seed: number;
  folds: number;
};

const MAX_FOLDS = 5;

export function validateLstmSettings(input: Readonly<Record<string, unknown>> = {}): LstmSettings {
  const { folds, horizon: _horizon, ...shared } = input;
  const { horizon: _ignored, ...hp } = validateHyperparameters(shared);
  let chosenFolds = LSTM_CV_FOLDS;
  if (folds !== undefined) {
    if (typeof folds !== 'number' || !Number.isInteger(folds) || folds < 0 || folds > MAX_FOLDS) {
      throw new InvalidHyperparametersError('folds', `must be a whole number between 0 and ${MAX_FOLDS}, got ${String(folds)}`);
    }
    chosenFolds = folds;
  }
  return { ...hp, folds: chosenFolds };
}
