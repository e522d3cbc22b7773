import { baselineSettingsProblem, type SettingSpec } from './baseline-settings.js';
import { InvalidRequestError } from './errors.js';
import type { ModelFamily } from './forecast-distribution.js';
import { HYPERPARAMETERS } from './hyperparameters.js';

/** The LSTM's settings: the shared table, and `folds` of the rolling-origin cross-validation (libs/ml/src/lstm). */
const LSTM_SETTINGS: Readonly<Record<string, Pick<SettingSpec, 'min' | 'max' | 'integer'>>> = {
  ...HYPERPARAMETERS,
  folds: { min: 0, max: 5, integer: true },
};

/** What is wrong with `input` as settings of `family`, or null: the API checks a backtest's settings without loading libs/ml. */
export function familySettingsProblem(
  family: ModelFamily,
  input: Readonly<Record<string, unknown>>,
): { field: string; reason: string } | null {
  if (family !== 'lstm') return baselineSettingsProblem(family, input);
  for (const [field, value] of Object.entries(input)) {
    const spec = Object.hasOwn(LSTM_SETTINGS, field) ? LSTM_SETTINGS[field] : undefined;
    if (!spec) return { field, reason: `unknown setting; known ones are ${Object.keys(LSTM_SETTINGS).join(', ')}` };
    if (typeof value !== 'number' || !Number.isFinite(value)) return { field, reason: `must be a number, got ${String(value)}` };
    if (spec.integer && !Number.isInteger(value)) return { field, reason: `must be a whole number, got ${value}` };
    if (value < spec.min || value > spec.max) return { field, reason: `must be within ${spec.min}…${spec.max}, got ${value}` };
  }
  return null;
}

/** Settings a family does not take. */
export class InvalidSettingsError extends InvalidRequestError {
  constructor(family: ModelFamily, field: string, reason: string) {
    super(`settings.${field} of ${family}: ${reason}`);
  }
}
