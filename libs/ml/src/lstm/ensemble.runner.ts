import type * as tf from '@tensorflow/tfjs';
import { predictScaled } from '../forecast.runner.js';
import { addQuantiles, QUANTILES } from './quantile.head.js';

/**
 * The ensemble's quantiles of `count` windows of inputs (row-major [count, window, width] from
 * `from`), in σ units: [count, horizon, QUANTILES], each member's non-crossing quantiles averaged
 * level by level (a mean of nondecreasing rows is nondecreasing). The event loop runs between chunks.
 */
export async function ensembleQuantiles(
  members: readonly tf.LayersModel[],
  inputs: Float32Array,
  from: number,
  count: number,
  window: number,
  width: number,
  horizon: number,
): Promise<Float64Array> {
  const sum = new Float64Array(count * horizon * QUANTILES);
  const stride = window * width;
  const slice = inputs.subarray(from * stride, (from + count) * stride);
  const weight = 1 / members.length;
  for (const member of members) {
    const raw = await predictScaled(member, slice, count, window, width);
    const outputs = horizon * QUANTILES;
    for (let k = 0; k < count; k++) addQuantiles(raw, k * outputs, horizon, weight, sum, k * outputs);
  }
  return sum;
}
