import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './backend.selector.js';
import { validateHyperparameters } from './hyperparameters.schema.js';
import { buildLstm } from './lstm.model.js';
import { loadArtifact, saveArtifact, type ModelArtifact } from './model.artifact.js';

/** What Postgres gives back: jsonb is JSON text, bytea a Buffer of its own. */
function throughPostgres(artifact: ModelArtifact): ModelArtifact {
  return {
    topology: JSON.parse(JSON.stringify(artifact.topology)),
    weightSpecs: JSON.parse(JSON.stringify(artifact.weightSpecs)),
    weights: Buffer.from(Uint8Array.prototype.slice.call(artifact.weights)),
  };
}

beforeAll(async () => {
  await useBackend('wasm');
});

describe('model artifact', () => {
  it('loads back from topology, weight specs and weights and predicts exactly as the model it came from', async () => {
    const hp = validateHyperparameters({ units: 8, layers: 2, window: 6, horizon: 2, dropout: 0.3 });
    const model = buildLstm(hp, 5);
    const inputs = tf.randomNormal([4, 6, 5], 0, 1, 'float32', 1);
    const before = model.predict(inputs) as tf.Tensor;

    const artifact = await saveArtifact(model);
    const loaded = await loadArtifact(throughPostgres(artifact));
    const after = loaded.predict(inputs) as tf.Tensor;

    expect(Array.from(after.dataSync())).toEqual(Array.from(before.dataSync()));
    expect(artifact.weightSpecs).toHaveLength(model.getWeights().length);
    expect((await saveArtifact(loaded)).weights.equals(artifact.weights)).toBe(true);
    tf.dispose([inputs, before, after]);
    model.dispose();
    loaded.dispose();
  });

  it('stores no optimizer or training settings, only what predicting needs', async () => {
    const model = buildLstm(validateHyperparameters({ units: 4, window: 5 }), 5);
    model.compile({ optimizer: tf.train.adam(), loss: 'meanSquaredError' });
    const artifact = await saveArtifact(model);
    model.dispose();
    expect(Object.keys(artifact).sort()).toEqual(['topology', 'weightSpecs', 'weights']);
    expect(JSON.stringify(artifact.topology)).not.toMatch(/optimizer/i);
  });
});
