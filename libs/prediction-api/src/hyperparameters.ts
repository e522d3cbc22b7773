/** One hyperparameter of the LSTM: its allowed range and its default. */
export interface HyperparameterLimit {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  default: number;
  description: string;
}

/**
 * What a train request may set, and the default a model gets for what it leaves out. The worker
 * applies the defaults (libs/ml's validateHyperparameters, whose table this one must match: the
 * API cannot import libs/ml without loading TensorFlow); the API only checks and documents them.
 */
export const HYPERPARAMETER_LIMITS = {
  units: { min: 4, max: 256, integer: true, default: 32, description: 'LSTM units per layer' },
  layers: { min: 1, max: 3, integer: true, default: 1, description: 'Stacked LSTM layers' },
  window: { min: 5, max: 200, integer: true, default: 30, description: 'Candles the model sees before each forecast' },
  horizon: { min: 1, max: 30, integer: true, default: 1, description: 'Future closes the model forecasts at once' },
  epochs: { min: 1, max: 500, integer: true, default: 50, description: 'Training epochs at most (early stopping may end sooner)' },
  batchSize: { min: 8, max: 1024, integer: true, default: 64, description: 'Samples per gradient step' },
  learningRate: { min: 0.00001, max: 0.1, integer: false, default: 0.001, description: "Adam's learning rate" },
  dropout: { min: 0, max: 0.8, integer: false, default: 0.1, description: 'Dropout after each LSTM layer' },
  patience: { min: 1, max: 50, integer: true, default: 8, description: 'Epochs without a better validation loss before training stops' },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true, default: 42, description: 'Seeds the initial weights, dropout masks and batch order: same seed, data and backend, same model' },
} as const satisfies Record<string, HyperparameterLimit>;

export type HyperparameterName = keyof typeof HYPERPARAMETER_LIMITS;

export const HYPERPARAMETER_NAMES = Object.keys(HYPERPARAMETER_LIMITS) as HyperparameterName[];

/** `a whole number from 4 to 256`, `a number from 0.00001 to 0.1`. */
export function describeLimit(limit: HyperparameterLimit): string {
  const format = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.max(0, -Math.floor(Math.log10(n)))).replace(/0+$/, ''));
  return `${limit.integer ? 'a whole number' : 'a number'} from ${format(limit.min)} to ${format(limit.max)}`;
}
