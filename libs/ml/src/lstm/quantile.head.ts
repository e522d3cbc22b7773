import * as tf from '@tensorflow/tfjs';
import { QUANTILE_LEVELS } from '#libs/domain';

/**
 * The network's last layer gives QUANTILE_LEVELS.length raw numbers per horizon step. They become
 * quantiles that cannot cross: the median is the one at 0.5, and every other quantile lies a
 * softplus (> 0) increment beyond its neighbour toward the median. The same transform runs in
 * the loss (TF.js, so that training sees it) and at prediction (plain JS, on the outputs).
 */
export const QUANTILES = QUANTILE_LEVELS.length;
export const MEDIAN = QUANTILE_LEVELS.indexOf(0.5);

/** [batch, horizon × QUANTILES] raw outputs → [batch, horizon, QUANTILES] nondecreasing quantiles. */
export function quantilesOf(raw: tf.Tensor, horizon: number): tf.Tensor3D {
  return tf.tidy(() => {
    const r = raw.reshape([-1, horizon, QUANTILES]);
    const median = r.slice([0, 0, MEDIAN], [-1, -1, 1]);
    const below = tf.softplus(r.slice([0, 0, 0], [-1, -1, MEDIAN]));
    const above = tf.softplus(r.slice([0, 0, MEDIAN + 1], [-1, -1, QUANTILES - MEDIAN - 1]));
    // Quantile j below the median: the median minus the increments j … MEDIAN − 1 (a reverse cumsum).
    const lower = median.sub(tf.cumsum(below, 2, false, true));
    const upper = median.add(tf.cumsum(above, 2));
    return tf.concat([lower, median, upper], 2) as tf.Tensor3D;
  });
}

/**
 * The pinball (quantile) loss averaged over batch, horizon steps and QUANTILE_LEVELS. Keras-style
 * losses must get targets of the outputs' shape, so yTrue holds each step's target QUANTILES
 * times over ([batch, horizon × QUANTILES], see tileTargets).
 */
export function pinballLoss(horizon: number): (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar {
  return (yTrue, yPred) =>
    tf.tidy(() => {
      const error = yTrue.reshape([-1, horizon, QUANTILES]).sub(quantilesOf(yPred, horizon));
      const tau = tf.tensor1d([...QUANTILE_LEVELS]);
      return tf.maximum(error.mul(tau), error.mul(tau.sub(1))).mean() as tf.Scalar;
    });
}

/** Row-major [count, horizon] targets → [count, horizon × QUANTILES], each repeated per quantile. */
export function tileTargets(
  targets: Float32Array,
  out: Float32Array,
  outOffset: number,
  from: number,
  count: number,
  horizon: number,
): void {
  for (let k = 0; k < count * horizon; k++)
    out.fill(targets[from * horizon + k], outOffset + k * QUANTILES, outOffset + (k + 1) * QUANTILES);
}

/** quantilesOf in plain JS, for one row of raw outputs: adds the row's quantiles, times `weight`, into `sum`. */
export function addQuantiles(
  raw: ArrayLike<number>,
  rawOffset: number,
  horizon: number,
  weight: number,
  sum: Float64Array,
  sumOffset: number,
): void {
  for (let h = 0; h < horizon; h++) {
    const base = rawOffset + h * QUANTILES;
    const at = sumOffset + h * QUANTILES;
    const median = raw[base + MEDIAN];
    sum[at + MEDIAN] += weight * median;
    let q = median;
    for (let j = MEDIAN - 1; j >= 0; j--) sum[at + j] += weight * (q -= softplus(raw[base + j]));
    q = median;
    for (let j = MEDIAN + 1; j < QUANTILES; j++) sum[at + j] += weight * (q += softplus(raw[base + j]));
  }
}

/** The mean pinball loss of quantiles [count, horizon, QUANTILES] against targets [count, horizon]. */
export function meanPinball(quantiles: Float64Array, targets: Float32Array, targetOffset: number, count: number, horizon: number): number {
  let sum = 0;
  for (let k = 0; k < count * horizon; k++) {
    const actual = targets[targetOffset + k];
    for (let j = 0; j < QUANTILES; j++) {
      const error = actual - quantiles[k * QUANTILES + j];
      const tau = QUANTILE_LEVELS[j];
      sum += Math.max(tau * error, (tau - 1) * error);
    }
  }
  return sum / (count * horizon * QUANTILES);
}

function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
