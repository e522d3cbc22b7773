import * as tf from '@tensorflow/tfjs';
import type { Hyperparameters } from './hyperparameters.schema.js';
import { SeededDropout } from './seeded-dropout.layer.js';

/**
 * Stacked LSTM layers, each followed by dropout, and a linear layer with one output per horizon
 * step (the scaled log returns). Every initializer is seeded from `seed`. The recurrent kernels
 * are Glorot-initialized like the input kernels, not orthogonal as in Keras: TF.js's orthogonal
 * initializer writes a console warning for every matrix of more than 2,000 weights (23 units on).
 * The LSTM's own dropout options are not used: they draw their masks from Math.random.
 */
export function buildLstm(hp: Hyperparameters, features: number): tf.Sequential {
  const model = tf.sequential({ name: 'candlecast_lstm' });
  const seeds = seedSequence(hp.seed);
  for (let layer = 1; layer <= hp.layers; layer++) {
    model.add(
      tf.layers.lstm({
        name: `lstm_${layer}`,
        units: hp.units,
        returnSequences: layer < hp.layers,
        ...(layer === 1 ? { inputShape: [hp.window, features] } : {}),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seeds() }),
        recurrentInitializer: tf.initializers.glorotUniform({ seed: seeds() }),
      }),
    );
    if (hp.dropout > 0) model.add(new SeededDropout({ name: `dropout_${layer}`, rate: hp.dropout, seed: seeds() }));
  }
  model.add(tf.layers.dense({ name: 'returns', units: hp.horizon, kernelInitializer: tf.initializers.glorotUniform({ seed: seeds() }) }));
  return model;
}

/** Distinct seeds for each initializer and dropout layer, derived from one. */
function seedSequence(seed: number): () => number {
  let next = seed;
  return () => (next = (next + 7_919) % 2 ** 31);
}
