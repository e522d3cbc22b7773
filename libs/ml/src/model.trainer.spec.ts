import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './backend.selector.js';
import { dailyHistory } from './daily-history.fixture.js';
import { TrainingAbortedError } from './ml.errors.js';
import { predict } from './model.predictor.js';
import { train, type EpochLog } from './model.trainer.js';

// 300 real days of Kraken BTC/USD, and a model small enough to train in about a second.
const candles = dailyHistory('BTC').slice(-300);
const SMALL = { window: 10, units: 8, epochs: 5, batchSize: 16, patience: 5 };

beforeAll(async () => {
  await useBackend('wasm');
});

describe('train', () => {
  it('trains a small model on 300 real days and reports it beside the naive forecast on the test split', async () => {
    const epochs: EpochLog[] = [];
    const result = await train(candles, SMALL, { onEpoch: (log) => void epochs.push(log) });

    expect(result.backend).toBe('wasm');
    expect(result.hyperparameters).toMatchObject(SMALL);
    expect(result.history).toEqual(epochs);
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(epochs.every((e) => Number.isFinite(e.loss) && Number.isFinite(e.valLoss))).toBe(true);
    expect(result.bestEpoch).toBe(epochs.reduce((best, e) => (e.valLoss < best.valLoss ? e : best)).epoch);

    const { test, samples } = result;
    expect(test).not.toBeNull();
    expect(test!.samples).toBe(samples.test);
    expect(samples.train).toBeGreaterThan(4 * samples.test);
    for (const metrics of [test!.model, test!.naive]) {
      expect(Object.keys(metrics).sort()).toEqual(['directionalAccuracy', 'mae', 'maeRatio', 'mape', 'mase', 'r2', 'rmse', 'upShare']);
      expect(Number.isFinite(metrics.mae)).toBe(true);
    }
    expect(test!.naive.mase).toBe(1);
    expect(test!.model.mase).toBeCloseTo(test!.model.mae / test!.naive.mae, 12);
    expect(test!.to).toBe(candles[candles.length - 1].time);

    expect(result.trainedFrom).toBe(candles[0].time);
    expect(result.trainedTo).toBeLessThan(test!.from);
    expect(result.featureSpec).toMatchObject({ window: 10, horizon: 1, stepSeconds: 86_400 });
    expect(result.artifact.weights.length).toBeGreaterThan(0);
  });

  it('gives the same model and the same forecasts when trained twice on the same data and hyperparameters', async () => {
    const first = await train(candles, { ...SMALL, dropout: 0.2 });
    const second = await train(candles, { ...SMALL, dropout: 0.2 });

    expect(second.history).toEqual(first.history);
    expect(second.featureSpec).toEqual(first.featureSpec);
    expect(second.artifact.weights.equals(first.artifact.weights)).toBe(true);
    const forecast = (r: typeof first) => predict(r.artifact, r.featureSpec, candles);
    expect(await forecast(second)).toEqual(await forecast(first));
  });

  it('gives a different model for a different seed', async () => {
    const first = await train(candles, { ...SMALL, epochs: 1 });
    const second = await train(candles, { ...SMALL, epochs: 1, seed: 7 });
    expect(second.artifact.weights.equals(first.artifact.weights)).toBe(false);
  });

  it('forecasts several steps ahead when the horizon is more than one', async () => {
    const result = await train(candles, { ...SMALL, horizon: 3 });
    expect(result.test!.steps).toHaveLength(3);
    expect(result.test!.steps[0]).toEqual({ model: result.test!.model, naive: result.test!.naive });
    expect(result.test!.steps[2].naive.mae).toBeGreaterThan(result.test!.steps[0].naive.mae);
  });

  it('stops at its next batch when the signal aborts, and leaves no tensor behind', async () => {
    const controller = new AbortController();
    const before = tf.memory().numTensors;
    const epochs: number[] = [];
    const training = train(
      candles,
      { ...SMALL, epochs: 50, patience: 50 },
      {
        signal: controller.signal,
        onEpoch: ({ epoch }) => {
          epochs.push(epoch);
          if (epoch === 2) controller.abort();
        },
      },
    );

    await expect(training).rejects.toThrow(TrainingAbortedError);
    await expect(training).rejects.toThrow('Training was aborted during epoch 3');
    expect(epochs).toEqual([1, 2]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to start when the signal has already aborted', async () => {
    await expect(train(candles, SMALL, { signal: AbortSignal.abort() })).rejects.toThrow(TrainingAbortedError);
  });

  it('leaves as many tensors as there were before it trained', async () => {
    const before = tf.memory().numTensors;
    await train(candles, { ...SMALL, layers: 2, dropout: 0.1 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses too few candles before training anything, saying how many it needs', async () => {
    await expect(train(candles.slice(0, 60), SMALL)).rejects.toThrow(/needs at least \d+ candles, got 60/);
  });

  it('refuses out-of-range hyperparameters before training anything, naming the field', async () => {
    await expect(train(candles, { ...SMALL, units: 1000 })).rejects.toThrow(
      "Invalid hyperparameter 'units': must be between 4 and 256, got 1000",
    );
  });

  it("lets the event loop run timers while it trains, as BullMQ's lock renewal needs", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await train(candles, SMALL);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(5);
  });
});
