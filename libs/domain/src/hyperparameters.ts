/**
 * The hyperparameters of an LSTM forecaster: each one's range, default and meaning, in one
 * table that the API (to validate and document train requests) and libs/ml (to train) share.
 *
 * The defaults are small and quick on purpose. On the whole shipped BTC daily history (4,500
 * candles) they train in about 20 s with the wasm backend here (bench/train.ts). Bigger models
 * (32 or 64 units, window 30, 2 layers) took 3 to 8 times longer per epoch and forecast no
 * better: daily returns carry little signal, and a larger LSTM only fits more of the noise
 * (bench/walk-forward.ts). Patience 5: the validation loss of daily returns is flat and noisy.
 *
 * The LSTM forecaster of step 8 (libs/ml/src/lstm) trains `seeds` such models, once per
 * cross-validation fold and once more on the whole range (lstmFitCost counts it): 5 seeds average
 * out most of the seed-to-seed noise of models this small; `horizon` there comes from the fit, not
 * from this table.
 */
export const HYPERPARAMETERS = {
  units: { min: 4, max: 256, integer: true, default: 16, description: 'LSTM units per layer' },
  layers: { min: 1, max: 3, integer: true, default: 1, description: 'Stacked LSTM layers' },
  window: { min: 5, max: 200, integer: true, default: 20, description: 'Candles the model sees before each forecast' },
  horizon: { min: 1, max: 30, integer: true, default: 1, description: 'Future closes the model forecasts at once' },
  epochs: { min: 1, max: 500, integer: true, default: 40, description: 'Training epochs at most (early stopping usually ends sooner)' },
  batchSize: { min: 8, max: 1024, integer: true, default: 128, description: 'Samples per gradient step' },
  learningRate: { min: 0.00001, max: 0.1, integer: false, default: 0.001, description: "Adam's learning rate" },
  dropout: { min: 0, max: 0.8, integer: false, default: 0.1, description: 'Dropout after each LSTM layer, while training only' },
  patience: { min: 1, max: 50, integer: true, default: 5, description: 'Epochs without a better validation loss before training stops' },
  seeds: {
    min: 1,
    max: 10,
    integer: true,
    default: 5,
    description: 'Ensemble members, each trained from its own seed (seed + m × 1,000,003 for member m); their quantiles are averaged',
  },
  seed: {
    min: 0,
    max: 2 ** 31 - 1,
    integer: true,
    default: 42,
    description: 'Seeds the initial weights, dropout masks and batch order: same seed, data and backend, same model',
  },
} as const satisfies Record<string, HyperparameterLimit>;

export interface HyperparameterLimit {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  default: number;
  description: string;
}

export type HyperparameterName = keyof typeof HYPERPARAMETERS;
export type Hyperparameters = Record<HyperparameterName, number>;

export const HYPERPARAMETER_NAMES = Object.keys(HYPERPARAMETERS) as HyperparameterName[];

export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.fromEntries(
  HYPERPARAMETER_NAMES.map((name) => [name, HYPERPARAMETERS[name].default]),
) as Hyperparameters;
