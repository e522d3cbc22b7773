import type { ModelFamily } from './forecast-distribution.js';

/** One setting (hyperparameter) of a baseline family: its default and the range it is checked against. */
export type SettingSpec = { default: number; min: number; max: number; integer: boolean; description: string };

export type BaselineFamily = Exclude<ModelFamily, 'lstm'>;

/**
 * The settings of each baseline family (models.hyperparameters), here rather than in libs/ml so
 * that the API can check a backtest's settings without loading the models. The LSTM's are the
 * shared HYPERPARAMETERS table.
 */
export const BASELINE_SETTINGS: Readonly<Record<BaselineFamily, Readonly<Record<string, SettingSpec>>>> = {
  naive: {
    window: { default: 365, min: 10, max: 100_000, integer: true, description: 'Returns the spread is measured on' },
  },
  ewma: {
    lambda: { default: 0.94, min: 0.5, max: 0.9999, integer: false, description: 'Decay of the variance recursion (RiskMetrics: 0.94)' },
  },
  garch: {
    window: { default: 1500, min: 100, max: 100_000, integer: true, description: 'Returns the likelihood is fitted on' },
  },
  'har-range': {
    window: { default: 1500, min: 60, max: 100_000, integer: true, description: 'Candles the regression is fitted on' },
  },
};

/**
 * What is wrong with `input` as settings of `family` (an unknown name, not a number, not whole,
 * out of range), or null when nothing is; absent settings take their defaults.
 */
export function baselineSettingsProblem(
  family: BaselineFamily,
  input: Readonly<Record<string, unknown>>,
): { field: string; reason: string } | null {
  const specs = BASELINE_SETTINGS[family];
  for (const field of Object.keys(input)) {
    if (!Object.hasOwn(specs, field)) return { field, reason: `unknown setting; known ones are ${Object.keys(specs).join(', ')}` };
  }
  for (const [field, spec] of Object.entries(specs)) {
    const value = input[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field, reason: `must be a number, got ${String(value)}` };
    if (spec.integer && !Number.isInteger(value)) return { field, reason: `must be a whole number, got ${value}` };
    if (value < spec.min || value > spec.max) return { field, reason: `must be within ${spec.min}…${spec.max}, got ${value}` };
  }
  return null;
}
