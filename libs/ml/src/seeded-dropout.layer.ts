import * as tf from '@tensorflow/tfjs';

type SeededDropoutArgs = { rate: number; seed: number; name?: string };

/**
 * Dropout whose masks come from `seed`, `seed + 1`, … one per training batch, so that a run can be
 * repeated. TF.js's own dropout draws from Math.random without a seed, and with one it draws the
 * same mask for every batch. Identity outside training, so it costs nothing at prediction.
 */
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'SeededDropout';
  private readonly rate: number;
  private readonly seed: number;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return input;
    return tf.dropout(input, this.rate, undefined, this.seed + this.calls++);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

tf.serialization.registerClass(SeededDropout);
