import { DEFAULT_HYPERPARAMETERS, HYPERPARAMETER_NAMES, HYPERPARAMETERS, type Hyperparameters } from '#libs/domain';
import { InvalidHyperparametersError } from './ml.errors.js';

// The table of ranges, defaults and meanings lives in libs/domain, shared with the API, which
// validates train requests without loading TensorFlow. Why the defaults are what they are: there.
export { DEFAULT_HYPERPARAMETERS, type Hyperparameters };

type Range = { min: number; max: number; integer: boolean };

export const HYPERPARAMETER_RANGES: Readonly<Record<keyof Hyperparameters, Range>> = Object.fromEntries(
  HYPERPARAMETER_NAMES.map((name) => {
    const { min, max, integer } = HYPERPARAMETERS[name];
    return [name, { min, max, integer }];
  }),
) as Record<keyof Hyperparameters, Range>;

/**
 * The defaults overridden by `input`, checked field by field. Throws InvalidHyperparametersError
 * naming the first field that is unknown, not a finite number, not whole where it must be, or out
 * of its range.
 */
export function validateHyperparameters(input: Readonly<Record<string, unknown>> = {}): Hyperparameters {
  for (const field of Object.keys(input)) {
    if (!Object.hasOwn(HYPERPARAMETER_RANGES, field)) {
      throw new InvalidHyperparametersError(field, `unknown hyperparameter; known ones are ${HYPERPARAMETER_NAMES.join(', ')}`);
    }
  }
  const result = { ...DEFAULT_HYPERPARAMETERS };
  for (const field of HYPERPARAMETER_NAMES) {
    const value = input[field];
    if (value === undefined) continue;
    const { min, max, integer } = HYPERPARAMETER_RANGES[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidHyperparametersError(
        field,
        `must be a number, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
      );
    }
    if (integer && !Number.isInteger(value)) {
      throw new InvalidHyperparametersError(field, `must be a whole number, got ${value}`);
    }
    if (value < min || value > max) {
      throw new InvalidHyperparametersError(field, `must be between ${min} and ${max}, got ${value}`);
    }
    result[field] = value;
  }
  return result;
}
