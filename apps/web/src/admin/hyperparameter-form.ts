import type { Hyperparameter } from './job-types.ts';

/** What the fields hold: text as typed, one entry per hyperparameter name. */
export type FieldValues = Record<string, string>;

export interface HyperparameterField extends Hyperparameter {
  /** The input's step: 1 for integers, any for the rest. */
  step: '1' | 'any';
}

/** One field per hyperparameter the API publishes, in its order. */
export function hyperparameterFields(list: readonly Hyperparameter[]): HyperparameterField[] {
  return list.map((h) => ({ ...h, step: h.type === 'integer' ? '1' : 'any' }));
}

/** Every field at the API's default. */
export function defaultValues(list: readonly Hyperparameter[]): FieldValues {
  return Object.fromEntries(list.map((h) => [h.name, String(h.default)]));
}

export type Checked = { ok: true; hyperparameters: Record<string, number> } | { ok: false; errors: Record<string, string> };

/** The values as numbers, or what is wrong with each field that is (empty, not a number, fraction for an integer, out of range). */
export function checkValues(list: readonly Hyperparameter[], values: FieldValues): Checked {
  const errors: Record<string, string> = {};
  const hyperparameters: Record<string, number> = {};
  for (const h of list) {
    const text = (values[h.name] ?? '').trim();
    const n = Number(text);
    if (text === '') errors[h.name] = `${h.name} is required (default ${h.default})`;
    else if (!Number.isFinite(n)) errors[h.name] = `${h.name} must be a number`;
    else if (h.type === 'integer' && !Number.isInteger(n)) errors[h.name] = `${h.name} must be a whole number`;
    else if (n < h.min || n > h.max) errors[h.name] = `${h.name} must be between ${h.min} and ${h.max}`;
    else hyperparameters[h.name] = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, hyperparameters };
}

/** The cost the API checks (units × layers × window × epochs × maxCandles), or null while a factor is unknown. */
export function trainingCost(hyperparameters: Record<string, number>, maxCandles: number): number | null {
  const factors = ['units', 'layers', 'window', 'epochs'].map((name) => hyperparameters[name]);
  if (factors.some((f) => f === undefined || !Number.isFinite(f))) return null;
  return factors.reduce((product, f) => product * f, maxCandles);
}
