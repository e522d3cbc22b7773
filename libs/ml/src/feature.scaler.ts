/** Mean and standard deviation of each column, to z-score features with. */
export type ScalingStats = { means: number[]; stds: number[] };

/**
 * Statistics of the rows `from` (inclusive) to `to` (exclusive) of a row-major matrix of `width`
 * columns: the training split's rows only, so that nothing later leaks into the scaling. A
 * constant column gets a standard deviation of 1 (it scales to 0).
 */
export function fitScaling(values: Float64Array, width: number, from: number, to: number): ScalingStats {
  const count = to - from;
  if (count < 2) throw new RangeError(`Scaling needs at least 2 rows, got ${count}`);
  const means = new Array<number>(width).fill(0);
  const stds = new Array<number>(width).fill(0);
  for (let i = from; i < to; i++) for (let f = 0; f < width; f++) means[f] += values[i * width + f];
  for (let f = 0; f < width; f++) means[f] /= count;
  for (let i = from; i < to; i++) for (let f = 0; f < width; f++) stds[f] += (values[i * width + f] - means[f]) ** 2;
  for (let f = 0; f < width; f++) {
    const std = Math.sqrt(stds[f] / count);
    stds[f] = std > 1e-12 ? std : 1;
  }
  return { means, stds };
}

/** z-score of one value, clipped to ±clip so that a crash or a filler candle cannot saturate the LSTM. */
export function scale(value: number, mean: number, std: number, clip: number): number {
  const z = (value - mean) / std;
  return z > clip ? clip : z < -clip ? -clip : z;
}
