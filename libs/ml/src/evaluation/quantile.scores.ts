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

/**
 * The PIT value F(actual) of a forecast given by its quantiles (for the PIT histogram: uniform
 * when calibrated). Linear between the quantiles; beyond the outermost ones an exponential tail
 * whose density meets the inner segment's (below q₁: p₁·e^((x − q₁)/(q₂ − q₁)), and the mirror
 * above), so that outcomes past the 5% and 95% quantiles spread over (0, 0.05) and (0.95, 1)
 * instead of piling up at 0 and 1.
 */
export function pitValue(quantiles: readonly number[], actual: number, levels: readonly number[] = QUANTILE_LEVELS): number {
  const k = levels.length;
  if (quantiles.length !== k || k < 2) throw new RangeError(`expected ${k} quantiles, got ${quantiles.length}`);
  if (actual <= quantiles[0]) {
    const scale = quantiles[1] - quantiles[0];
    return scale > 0 ? levels[0] * Math.exp((actual - quantiles[0]) / scale) : actual < quantiles[0] ? 0 : levels[0];
  }
  if (actual >= quantiles[k - 1]) {
    const scale = quantiles[k - 1] - quantiles[k - 2];
    const tail = 1 - levels[k - 1];
    return scale > 0 ? 1 - tail * Math.exp(-(actual - quantiles[k - 1]) / scale) : actual > quantiles[k - 1] ? 1 : levels[k - 1];
  }
  for (let i = 1; i < k; i++) {
    if (actual <= quantiles[i]) {
      const width = quantiles[i] - quantiles[i - 1];
      return width > 0 ? levels[i - 1] + ((levels[i] - levels[i - 1]) * (actual - quantiles[i - 1])) / width : levels[i];
    }
  }
  return levels[k - 1];
}
