import type { FeatureSpec } from '#libs/domain';
import { fitScaling, scale } from './feature.scaler.js';
import { FEATURE_NAMES, WARMUP, type FeatureName } from './features.builder.js';

export type { FeatureSpec };

export const CLIP = 5;

/** Candles one forecast needs, its window's last candle included: the features' warm-up and the window. */
export function contextLength(window: number): number {
  return WARMUP + window;
}

/**
 * The candle index at which each window ends whose next `horizon` closes are known, oldest first:
 * one sample per window, input rows `end − window + 1 … end`, targets `end + 1 … end + horizon`.
 */
export function labeledEnds(candles: number, window: number, horizon: number): number[] {
  const first = contextLength(window) - 1;
  const last = candles - 1 - horizon;
  return last < first ? [] : Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/**
 * The spec of a model trained on the windows ending at `trainEnds`: scaling statistics of the
 * feature rows those windows see, target scale of the returns they learn; nothing after the last
 * training target.
 */
export function fitFeatureSpec(
  features: Float64Array,
  returns: Float64Array,
  trainEnds: readonly number[],
  shape: { window: number; horizon: number; stepSeconds: number },
  names: readonly FeatureName[] = FEATURE_NAMES,
): FeatureSpec {
  const firstEnd = trainEnds[0];
  const lastEnd = trainEnds[trainEnds.length - 1];
  const all = fitScaling(features, FEATURE_NAMES.length, firstEnd - shape.window + 1, lastEnd + 1);
  const columns = names.map((name) => FEATURE_NAMES.indexOf(name));
  const target = fitScaling(returns, 1, firstEnd + 1, lastEnd + shape.horizon + 1);
  return {
    names: [...names],
    means: columns.map((c) => all.means[c]),
    stds: columns.map((c) => all.stds[c]),
    clip: CLIP,
    targetScale: target.stds[0],
    shrink: 1,
    warmup: WARMUP,
    ...shape,
  };
}

/** Scaled inputs of the windows ending at `ends`, shaped [ends.length, window, spec.names.length] row-major. */
export function buildInputs(features: Float64Array, spec: FeatureSpec, ends: readonly number[]): Float32Array {
  const { window, means, stds, clip } = spec;
  const columns = spec.names.map((name) => FEATURE_NAMES.indexOf(name));
  const stride = FEATURE_NAMES.length;
  const inputs = new Float32Array(ends.length * window * columns.length);
  let k = 0;
  for (const end of ends) {
    for (let i = end - window + 1; i <= end; i++) {
      columns.forEach((c, f) => (inputs[k++] = scale(features[i * stride + c], means[f], stds[f], clip)));
    }
  }
  return inputs;
}

/** Scaled targets of the windows ending at `ends`: the next `horizon` log returns over targetScale. */
export function buildTargets(returns: Float64Array, spec: FeatureSpec, ends: readonly number[]): Float32Array {
  const { horizon, targetScale } = spec;
  const targets = new Float32Array(ends.length * horizon);
  let k = 0;
  for (const end of ends) for (let h = 1; h <= horizon; h++) targets[k++] = returns[end + h] / targetScale;
  return targets;
}
