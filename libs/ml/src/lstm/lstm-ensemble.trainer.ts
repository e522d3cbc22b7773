import * as tf from '@tensorflow/tfjs';
import { yieldToEventLoop } from '../event-loop.yield.js';
import type { FitOptions } from '../forecasting/forecaster.js';
import { TrainingAbortedError } from '../ml.errors.js';
import { mulberry32 } from '../seeded.random.js';
import { ensembleQuantiles } from './ensemble.runner.js';
import type { LstmSamples } from './lstm-inputs.builder.js';
import { buildMember, memberSeed } from './lstm-member.model.js';
import type { LstmSettings } from './lstm.settings.js';
import { meanPinball, pinballLoss, QUANTILES, tileTargets } from './quantile.head.js';

/** Share of the samples in each validation block of the cross-validation, and its least size. */
const BLOCK_SHARE = 0.1;
export const MIN_BLOCK = 16;
/** Fewest samples a member trains on (the earliest fold's, or the whole range without CV). */
export const MIN_TRAIN = 64;

/** How the epoch count was chosen: each fold's best epoch and its ensemble pinball loss (σ units). */
export type CrossValidation = { folds: number; block: number; bestEpochs: number[]; validationLoss: number[] };

export type EnsembleFit = { members: tf.LayersModel[]; epochs: number; crossValidation: CrossValidation | null };

type Shape = { window: number; width: number; horizon: number };
type Progress = { done: number; planned: number; report: FitOptions['onProgress']; signal?: AbortSignal };

/** The block size and the number of samples before the first validation block that the earliest fold can train on. */
export function foldLayout(samples: number, folds: number, horizon: number): { block: number; earliestTrain: number } {
  if (folds === 0) return { block: 0, earliestTrain: samples };
  const block = Math.max(MIN_BLOCK, Math.round(samples * BLOCK_SHARE));
  return { block, earliestTrain: samples - folds * block - horizon + 1 };
}

/**
 * Trains the ensemble on every sample. With settings.folds > 0 the epoch count comes first from
 * rolling-origin cross-validation on the tail: fold f validates on the f-th of the last `folds`
 * blocks and trains on every sample whose target is known at the block's first origin; each fold
 * stops early on the ensemble's validation pinball loss and gives its best epoch; the count is
 * their median. Then every member is refit on all the samples for that many epochs (no hold-out:
 * the newest candles, the most informative, are trained on). Without folds: settings.epochs.
 *
 * The members train in lockstep, epoch by epoch, because early stopping watches the ensemble,
 * whose average is what predicts. Nothing is left allocated when it throws.
 */
export async function fitEnsemble(
  samples: LstmSamples,
  shape: Shape,
  settings: LstmSettings,
  options: Pick<FitOptions, 'signal' | 'onProgress'>,
): Promise<EnsembleFit> {
  const progress: Progress = {
    done: 0,
    planned: settings.epochs * (settings.folds + 1),
    report: options.onProgress,
    signal: options.signal,
  };
  let epochs = settings.epochs;
  let crossValidation: CrossValidation | null = null;
  if (settings.folds > 0) {
    const { block } = foldLayout(samples.count, settings.folds, shape.horizon);
    crossValidation = { folds: settings.folds, block, bestEpochs: [], validationLoss: [] };
    for (let fold = 0; fold < settings.folds; fold++) {
      const validationStart = samples.count - (settings.folds - fold) * block;
      const trainCount = validationStart - shape.horizon + 1;
      const result = await trainMembers(
        samples,
        trainCount,
        { from: validationStart, count: block },
        settings.epochs,
        shape,
        settings,
        progress,
      );
      for (const member of result.members) member.dispose();
      crossValidation.bestEpochs.push(result.bestEpoch);
      crossValidation.validationLoss.push(result.bestLoss);
      progress.planned -= settings.epochs - result.epochsRun;
    }
    // At least one: a fold whose every loss was NaN has no best epoch (0).
    epochs = Math.max(1, median(crossValidation.bestEpochs));
    progress.planned = progress.done + epochs;
  }
  const { members } = await trainMembers(samples, samples.count, null, epochs, shape, settings, progress);
  return { members, epochs, crossValidation };
}

async function trainMembers(
  samples: LstmSamples,
  trainCount: number,
  validation: { from: number; count: number } | null,
  maxEpochs: number,
  shape: Shape,
  settings: LstmSettings,
  progress: Progress,
): Promise<{ members: tf.LayersModel[]; bestEpoch: number; bestLoss: number; epochsRun: number }> {
  const members: tf.LayersModel[] = [];
  const optimizers: tf.Optimizer[] = [];
  const randoms: (() => number)[] = [];
  try {
    for (let m = 0; m < settings.seeds; m++) {
      const seed = memberSeed(settings.seed, m);
      const model = buildMember(settings, shape.width, shape.horizon, seed);
      const optimizer = tf.train.adam(settings.learningRate);
      optimizers.push(optimizer);
      model.compile({ optimizer, loss: pinballLoss(shape.horizon) });
      members.push(model);
      randoms.push(mulberry32(seed));
    }
    let best = { epoch: 0, loss: Infinity };
    let epoch = 0;
    while (epoch < maxEpochs) {
      epoch++;
      progress.done++;
      let lossSum = 0;
      for (let m = 0; m < members.length; m++) {
        lossSum += await trainEpoch(members[m], samples, trainCount, shape, settings.batchSize, randoms[m], progress);
      }
      let valLoss: number | null = null;
      if (validation) {
        const quantiles = await ensembleQuantiles(
          members,
          samples.inputs,
          validation.from,
          validation.count,
          shape.window,
          shape.width,
          shape.horizon,
        );
        valLoss = meanPinball(quantiles, samples.targets, validation.from * shape.horizon, validation.count, shape.horizon);
        if (valLoss < best.loss) best = { epoch, loss: valLoss };
      }
      await progress.report?.({ epoch: progress.done, epochs: progress.planned, loss: lossSum / members.length, valLoss });
      if (validation && epoch - best.epoch >= settings.patience) break;
    }
    return { members, bestEpoch: validation ? best.epoch : epoch, bestLoss: best.loss, epochsRun: epoch };
  } catch (error) {
    for (const member of members) member.dispose();
    throw error;
  } finally {
    for (const optimizer of optimizers) optimizer.dispose();
  }
}

/** One epoch of mini-batches over samples 0 … trainCount − 1 in an order drawn from `random`; the mean loss. */
async function trainEpoch(
  model: tf.LayersModel,
  samples: LstmSamples,
  trainCount: number,
  { window, width, horizon }: Shape,
  batchSize: number,
  random: () => number,
  progress: Progress,
): Promise<number> {
  const stride = window * width;
  const outputs = horizon * QUANTILES;
  const order = shuffled(trainCount, random);
  let lossSum = 0;
  for (let start = 0; start < trainCount; start += batchSize) {
    if (progress.signal?.aborted) throw new TrainingAbortedError(progress.done);
    const batch = order.subarray(start, start + batchSize);
    const xs = new Float32Array(batch.length * stride);
    const ys = new Float32Array(batch.length * outputs);
    batch.forEach((sample, j) => {
      xs.set(samples.inputs.subarray(sample * stride, (sample + 1) * stride), j * stride);
      tileTargets(samples.targets, ys, j * outputs, sample, 1, horizon);
    });
    const x = tf.tensor3d(xs, [batch.length, window, width]);
    const y = tf.tensor2d(ys, [batch.length, outputs]);
    try {
      lossSum += ((await model.trainOnBatch(x, y)) as number) * batch.length;
    } finally {
      tf.dispose([x, y]);
    }
    await yieldToEventLoop();
  }
  return lossSum / trainCount;
}

/** The median of whole numbers, rounded (folds are few: 1 to 5). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

/** 0 … count − 1 in an order drawn from `random` (Fisher–Yates). */
function shuffled(count: number, random: () => number): Uint32Array {
  const order = Uint32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
