import { QUANTILE_LEVELS } from '#libs/domain';

/**
 * Pinball (quantile) loss of the forecast quantile `q` at level `level` for the outcome `actual`:
 * level × (actual − q) above the quantile, (1 − level) × (q − actual) below. Its mean over many
 * levels approximates CRPS / 2.
 */
export function pinballLoss(level: number, q: number, actual: number): number {
  const error = actual - q;
  return error >= 0 ? level * error : (level - 1) * error;
}

/** Mean pinball loss over QUANTILE_LEVELS of quantiles given at those levels, lowest first. */
export function meanPinballLoss(quantiles: readonly number[], actual: number, levels: readonly number[] = QUANTILE_LEVELS): number {
  if (quantiles.length !== levels.length) throw new RangeError(`expected ${levels.length} quantiles, got ${quantiles.length}`);
  let sum = 0;
  for (let i = 0; i < levels.length; i++) sum += pinballLoss(levels[i], quantiles[i], actual);
  return sum / levels.length;
}

/**
 * Winkler (interval) score of the central interval [lower, upper] at `level` percent: its width,
 * plus 2 / α times how far the outcome fell outside it (α = 1 − level / 100). Lower is better; it
 * rewards narrow intervals only as long as they still hold the outcome.
 */
export function winklerScore(level: number, lower: number, upper: number, actual: number): number {
  const alpha = 1 - level / 100;
  const width = upper - lower;
  if (actual < lower) return width + (2 / alpha) * (lower - actual);
  if (actual > upper) return width + (2 / alpha) * (actual - upper);
  return width;
}
