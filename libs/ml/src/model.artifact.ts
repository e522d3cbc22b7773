import * as tf from '@tensorflow/tfjs';
import type { ModelTopology, WeightSpec } from '#libs/domain';

/**
 * A trained model as the registry stores it (models.topology jsonb, models.weight_specs jsonb,
 * models.weights bytea): no file system, so that any worker can load any model.
 */
export type ModelArtifact = {
  topology: ModelTopology;
  /** In the order of `weights`. */
  weightSpecs: WeightSpec[];
  /** Every weight's values, concatenated. */
  weights: Buffer;
};

/** The topology and weights of a model; its optimizer and training settings are left out. */
export async function saveArtifact(model: tf.LayersModel): Promise<ModelArtifact> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!saved?.modelTopology || !saved.weightSpecs || !saved.weightData || saved.modelTopology instanceof ArrayBuffer) {
    throw new Error('TF.js saved no topology or weights');
  }
  return {
    topology: saved.modelTopology,
    weightSpecs: saved.weightSpecs,
    weights: Buffer.from(tf.io.concatenateArrayBuffers(saved.weightData)),
  };
}

/** A model to predict with (uncompiled). The caller disposes it. */
export async function loadArtifact(artifact: ModelArtifact): Promise<tf.LayersModel> {
  const weights = new Uint8Array(artifact.weights).buffer;
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifact.topology,
      weightSpecs: artifact.weightSpecs,
      weightData: weights,
    }),
  );
}
