import { HYPERPARAMETERS, type HyperparameterLimit } from '#libs/domain';

export { HYPERPARAMETER_NAMES, type HyperparameterName } from '#libs/domain';

/** What a train request may set; the worker applies the defaults for what it leaves out. */
export const HYPERPARAMETER_LIMITS = HYPERPARAMETERS;

/** `a whole number from 4 to 256`, `a number from 0.00001 to 0.1`. */
export function describeLimit(limit: HyperparameterLimit): string {
  const format = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(Math.max(0, -Math.floor(Math.log10(n)))).replace(/0+$/, ''));
  return `${limit.integer ? 'a whole number' : 'a number'} from ${format(limit.min)} to ${format(limit.max)}`;
}
