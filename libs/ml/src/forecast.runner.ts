import * as tf from '@tensorflow/tfjs';
import type { FeatureSpec } from './dataset.builder.js';
import { yieldToEventLoop } from './event-loop.yield.js';

/** Windows per predict call: each call blocks the event loop, about as long as a training batch. */
const CHUNK = 256;

/**
 * The model's raw (scaled) outputs for `count` windows of scaled inputs, row-major
 * [count, outputs], predicted a chunk at a time with the event loop running in between.
 */
export async function predictScaled(
  model: tf.LayersModel,
  inputs: Float32Array,
  count: number,
  window: number,
  width: number,
): Promise<Float32Array> {
  const outputs = (model.outputs[0].shape[1] ?? 1) as number;
  const result = new Float32Array(count * outputs);
  const stride = window * width;
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    const output = tf.tidy(() => {
      const x = tf.tensor3d(inputs.subarray(start * stride, (start + size) * stride), [size, window, width]);
      return model.predict(x) as tf.Tensor;
    });
    result.set(output.dataSync(), start * outputs);
    output.dispose();
    if (start + size < count) await yieldToEventLoop();
  }
  return result;
}

/**
 * The model's forecast log returns for `count` windows of scaled inputs, row-major
 * [count, horizon]: its outputs back in log-return units, times the spec's shrink.
 */
export async function forecastReturns(
  model: tf.LayersModel,
  inputs: Float32Array,
  count: number,
  spec: FeatureSpec,
): Promise<Float64Array> {
  const scaled = await predictScaled(model, inputs, count, spec.window, spec.names.length);
  const factor = spec.targetScale * spec.shrink;
  return Float64Array.from(scaled, (value) => value * factor);
}

/** Closes `1 … horizon` steps after `last`, compounding the forecast log returns of one window. */
export function compound(last: number, returns: ArrayLike<number>, offset: number, horizon: number): number[] {
  const prices = new Array<number>(horizon);
  let cumulative = 0;
  for (let h = 0; h < horizon; h++) {
    cumulative += returns[offset + h];
    // last × exp(0) is last exactly: a zero forecast return is the naive forecast, to the bit.
    prices[h] = last * Math.exp(cumulative);
  }
  return prices;
}
