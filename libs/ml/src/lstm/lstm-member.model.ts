import * as tf from '@tensorflow/tfjs';
import { SeededDropout } from '../seeded-dropout.layer.js';
import { QUANTILES } from './quantile.head.js';
import type { LstmSettings } from './lstm.settings.js';

/**
 * One ensemble member: stacked LSTM layers, each followed by seeded dropout, and a linear layer
 * with QUANTILES raw outputs per horizon step (quantile.head.ts makes them quantiles). Every
 * initializer is seeded from `seed`; Glorot for the recurrent kernels too (see lstm.model.ts: TF.js's
 * orthogonal initializer warns on the console for larger matrices).
 */
export function buildMember(settings: LstmSettings, features: number, horizon: number, seed: number): tf.Sequential {
  const model = tf.sequential({ name: 'candlecast_lstm_quantiles' });
  const seeds = seedSequence(seed);
  for (let layer = 1; layer <= settings.layers; layer++) {
    model.add(
      tf.layers.lstm({
        name: `lstm_${layer}`,
        units: settings.units,
        returnSequences: layer < settings.layers,
        ...(layer === 1 ? { inputShape: [settings.window, features] } : {}),
        kernelInitializer: tf.initializers.glorotUniform({ seed: seeds() }),
        recurrentInitializer: tf.initializers.glorotUniform({ seed: seeds() }),
      }),
    );
    if (settings.dropout > 0) model.add(new SeededDropout({ name: `dropout_${layer}`, rate: settings.dropout, seed: seeds() }));
  }
  model.add(
    tf.layers.dense({ name: 'quantiles', units: horizon * QUANTILES, kernelInitializer: tf.initializers.glorotUniform({ seed: seeds() }) }),
  );
  return model;
}

/** The seed of member `member` of an ensemble whose base seed is `seed`. */
export function memberSeed(seed: number, member: number): number {
  return (seed + member * 1_000_003) % 2 ** 31;
}

/** Distinct seeds for each initializer and dropout layer, derived from one. */
function seedSequence(seed: number): () => number {
  let next = seed;
  return () => (next = (next + 7_919) % 2 ** 31);
}
