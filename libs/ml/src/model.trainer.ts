import * as tf from '@tensorflow/tfjs';
import type { Candle, EpochLog } from '#libs/domain';
import { useBackend, type BackendName } from './backend.selector.js';
import { stepSeconds, toSeries, type CandleSeries } from './candle.series.js';
import { DEFAULT_SPLIT, size, splitChronologically, type SampleRange, type SplitFractions } from './chronological.split.js';
import { buildInputs, buildTargets, contextLength, fitFeatureSpec, labeledEnds, type FeatureSpec } from './dataset.builder.js';
import { yieldToEventLoop } from './event-loop.yield.js';
import { computeFeatures, logReturns } from './features.builder.js';
import { forecastReturns, predictScaled } from './forecast.runner.js';
import { scoreForecasts, type Evaluation } from './forecast.scorer.js';
import { validateHyperparameters, type Hyperparameters } from './hyperparameters.schema.js';
import { buildLstm } from './lstm.model.js';
import { saveArtifact, type ModelArtifact } from './model.artifact.js';
import { InsufficientCandlesError, TrainingAbortedError } from './ml.errors.js';
import { calibrateShrink } from './shrink.calibrator.js';

export type { EpochLog };

export type TrainOptions = {
  /** Called after each epoch; training waits for it (a job can report progress here). */
  onEpoch?: (log: EpochLog) => void | Promise<void>;
  /** Aborting stops training before its next batch: train rejects with TrainingAbortedError. */
  signal?: AbortSignal;
  /** Force a backend (benchmarks, tests); otherwise the process's choice (see useBackend). */
  backend?: BackendName;
  /** Shares held out for validation (early stopping, shrink) and test (the reported metrics). Test may be 0. */
  splits?: SplitFractions;
};

export type TrainResult = {
  artifact: ModelArtifact;
  featureSpec: FeatureSpec;
  /** As validated, defaults filled in. */
  hyperparameters: Hyperparameters;
  /** Open time of the first candle used, and of the last close that training or validation saw. */
  trainedFrom: number;
  trainedTo: number;
  samples: { train: number; validation: number; test: number };
  history: EpochLog[];
  /** The epoch whose weights were kept: the lowest validation loss. */
  bestEpoch: number;
  /** Model and naive forecast on the validation split (which chose the epoch and the shrink). */
  validation: Evaluation;
  /** Model and naive forecast on the test split, which nothing in training saw; null when splits.test is 0. */
  test: Evaluation | null;
  backend: BackendName;
  durationMs: number;
};

/** Huber rather than squared error: a crash day should not pull every weight toward itself. */
const HUBER_DELTA = 1;
const MIN_SAMPLES = { train: 32, validation: 8 };

type Split = { ends: number[]; inputs: Float32Array; targets: Float32Array };

/**
 * Trains an LSTM on candles (oldest first) to forecast the next `horizon` log returns, with early
 * stopping on the validation split, and reports it on the test split beside the naive forecast.
 * Throws InvalidHyperparametersError or InsufficientCandlesError before any work.
 *
 * The event loop keeps running while it trains: it yields a macrotask after every batch and
 * every chunk of predictions (each tens of milliseconds with wasm), so that timers and I/O go on.
 * BullMQ renews a job's lock from a timer; a training that held the loop for longer than the
 * lock duration would see its job declared stalled and run a second time elsewhere.
 */
export async function train(
  candles: readonly Candle[],
  input: Readonly<Record<string, unknown>> = {},
  options: TrainOptions = {},
): Promise<TrainResult> {
  const hp = validateHyperparameters(input);
  const series = toSeries(candles);
  const ends = labeledEnds(series.close.length, hp.window, hp.horizon);
  const splits = splitChronologically(ends.length, options.splits ?? DEFAULT_SPLIT, hp.horizon - 1);
  if (size(splits.train) < MIN_SAMPLES.train || size(splits.validation) < MIN_SAMPLES.validation) {
    const trainShare = 1 - (options.splits ?? DEFAULT_SPLIT).validation - (options.splits ?? DEFAULT_SPLIT).test;
    const needed = contextLength(hp.window) + hp.horizon + Math.ceil((MIN_SAMPLES.train + 2 * hp.horizon) / trainShare);
    throw new InsufficientCandlesError(needed, candles.length, `Training with window ${hp.window} and horizon ${hp.horizon}`);
  }
  if (options.signal?.aborted) throw new TrainingAbortedError(0);

  const backend = await useBackend(options.backend);
  const started = performance.now();
  const features = computeFeatures(series);
  const returns = logReturns(series);
  const endsOf = (range: SampleRange) => ends.slice(range.start, range.end);
  const trainEnds = endsOf(splits.train);
  const spec = fitFeatureSpec(features, returns, trainEnds, {
    window: hp.window,
    horizon: hp.horizon,
    stepSeconds: stepSeconds(series.time),
  });
  const split = (splitEnds: number[]): Split => ({
    ends: splitEnds,
    inputs: buildInputs(features, spec, splitEnds),
    targets: buildTargets(returns, spec, splitEnds),
  });
  const [training, validation, test] = [split(trainEnds), split(endsOf(splits.validation)), split(endsOf(splits.test))];

  const model = buildLstm(hp, spec.names.length);
  const optimizer = tf.train.adam(hp.learningRate);
  model.compile({ optimizer, loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.huberLoss(yTrue, yPred, undefined, HUBER_DELTA) });
  try {
    const fit = await fitWithEarlyStopping(model, hp, spec, training, validation, options);
    spec.shrink = await shrinkOnValidation(model, spec, series, validation);
    const evaluate = async ({ ends: splitEnds, inputs }: Split) =>
      scoreForecasts(series, splitEnds, await forecastReturns(model, inputs, splitEnds.length, spec), hp.horizon);
    const lastValidationEnd = validation.ends[validation.ends.length - 1];
    return {
      artifact: await saveArtifact(model),
      featureSpec: spec,
      hyperparameters: hp,
      trainedFrom: series.time[0],
      trainedTo: series.time[lastValidationEnd + hp.horizon],
      samples: { train: training.ends.length, validation: validation.ends.length, test: test.ends.length },
      history: fit.history,
      bestEpoch: fit.bestEpoch,
      validation: await evaluate(validation),
      test: test.ends.length > 0 ? await evaluate(test) : null,
      backend,
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}

/**
 * Epochs of mini-batches in a seeded order until the validation loss has not improved for
 * `patience` epochs; the best epoch's weights are restored.
 */
async function fitWithEarlyStopping(
  model: tf.LayersModel,
  hp: Hyperparameters,
  spec: FeatureSpec,
  training: Split,
  validation: Split,
  { onEpoch, signal }: TrainOptions,
): Promise<{ history: EpochLog[]; bestEpoch: number }> {
  const width = spec.names.length;
  const stride = hp.window * width;
  const count = training.ends.length;
  const random = mulberry32(hp.seed);
  const history: EpochLog[] = [];
  let best: { epoch: number; valLoss: number; weights: tf.Tensor[] } | undefined;
  try {
    for (let epoch = 1; epoch <= hp.epochs; epoch++) {
      const order = shuffled(count, random);
      let lossSum = 0;
      for (let start = 0; start < count; start += hp.batchSize) {
        if (signal?.aborted) throw new TrainingAbortedError(epoch);
        const batch = order.subarray(start, start + hp.batchSize);
        const xs = new Float32Array(batch.length * stride);
        const ys = new Float32Array(batch.length * hp.horizon);
        batch.forEach((sample, j) => {
          xs.set(training.inputs.subarray(sample * stride, (sample + 1) * stride), j * stride);
          ys.set(training.targets.subarray(sample * hp.horizon, (sample + 1) * hp.horizon), j * hp.horizon);
        });
        const [x, y] = [tf.tensor3d(xs, [batch.length, hp.window, width]), tf.tensor2d(ys, [batch.length, hp.horizon])];
        try {
          lossSum += ((await model.trainOnBatch(x, y)) as number) * batch.length;
        } finally {
          tf.dispose([x, y]);
        }
        await yieldToEventLoop();
      }
      const predicted = await predictScaled(model, validation.inputs, validation.ends.length, hp.window, width);
      const log = { epoch, loss: lossSum / count, valLoss: huberLoss(validation.targets, predicted) };
      history.push(log);
      await onEpoch?.(log);
      if (!best || log.valLoss < best.valLoss) {
        tf.dispose(best?.weights);
        best = { epoch, valLoss: log.valLoss, weights: model.getWeights().map((w) => w.clone()) };
      } else if (epoch - best.epoch >= hp.patience) {
        break;
      }
    }
    model.setWeights(best!.weights);
    return { history, bestEpoch: best!.epoch };
  } finally {
    tf.dispose(best?.weights);
  }
}

/** How far the one-step forecasts are shrunk toward "no change": the least price MAE on validation. */
async function shrinkOnValidation(model: tf.LayersModel, spec: FeatureSpec, series: CandleSeries, validation: Split): Promise<number> {
  const full = await forecastReturns(model, validation.inputs, validation.ends.length, { ...spec, shrink: 1 });
  const oneStep = validation.ends.map((_, k) => full[k * spec.horizon]);
  return calibrateShrink(
    validation.ends.map((end) => series.close[end]),
    validation.ends.map((end) => series.close[end + 1]),
    oneStep,
  );
}

/** The mean Huber loss, as tf.losses.huberLoss computes it, of predictions against targets. */
function huberLoss(targets: Float32Array, predicted: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) {
    const error = Math.abs(targets[i] - predicted[i]);
    sum += error <= HUBER_DELTA ? 0.5 * error * error : HUBER_DELTA * (error - 0.5 * HUBER_DELTA);
  }
  return sum / targets.length;
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

/** A small seeded generator of numbers in [0, 1) (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
