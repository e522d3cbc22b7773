import { beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { useBackend } from './backend.selector.js';
import { dailyHistory } from './daily-history.fixture.js';
import { HorizonTooLongError, InsufficientCandlesError } from './ml.errors.js';
import { evaluate } from './model.evaluator.js';
import { predict } from './model.predictor.js';
import { train, type TrainResult } from './model.trainer.js';

// Trained on 300 real days; scored and asked for forecasts on the 120 days that followed.
const history = dailyHistory('BTC');
const trainedOn = history.slice(-420, -120);
const later = history.slice(-120);
let trained: TrainResult;

beforeAll(async () => {
  await useBackend('wasm');
  trained = await train(trainedOn, { window: 10, units: 8, epochs: 5, batchSize: 16, horizon: 2 });
});

describe('evaluate', () => {
  it('scores the model and the naive forecast on candles it never trained on', async () => {
    const { artifact, featureSpec } = trained;
    const scored = await evaluate(artifact, featureSpec, later);
    const context = featureSpec.warmup + featureSpec.window;

    expect(scored.samples).toBe(later.length - context - 1); // every window with its 2 next closes known
    expect(scored.from).toBe(later[context].time);
    expect(scored.naive.mase).toBe(1);
    expect(Number.isFinite(scored.model.mase)).toBe(true);
    expect(scored.steps).toHaveLength(2);
  });

  it('scores only forecasts of closes from `from` on, using the candles before as context', async () => {
    const { artifact, featureSpec } = trained;
    const from = trained.test!.from;
    const scored = await evaluate(artifact, featureSpec, trainedOn, { from });
    expect(scored.from).toBe(from);
    expect(scored.samples).toBe(trained.test!.samples);
    expect(scored.model).toEqual(trained.test!.model);
  });

  it('refuses candles too few for one window', async () => {
    await expect(evaluate(trained.artifact, trained.featureSpec, later.slice(0, 20))).rejects.toThrow(InsufficientCandlesError);
  });

  it('leaves as many tensors as there were before it scored', async () => {
    const before = tf.memory().numTensors;
    await evaluate(trained.artifact, trained.featureSpec, later);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('predict', () => {
  it('forecasts the next closes as decimal strings, dated one candle apart after the last', async () => {
    const { artifact, featureSpec } = trained;
    const prediction = await predict(artifact, featureSpec, later);
    const last = later[later.length - 1];

    expect(prediction.from).toBe(last.time);
    expect(prediction.lastClose).toBe(last.close);
    expect(prediction.closes.map((c) => c.time)).toEqual([last.time + 86_400, last.time + 2 * 86_400]);
    for (const { close } of prediction.closes) {
      expect(close).toMatch(/^\d+\.\d$/); // Kraken's BTC/USD closes have one decimal
      expect(Math.abs(Number(close) / Number(last.close) - 1)).toBeLessThan(0.5);
    }
  });

  it('forecasts fewer steps than the model was trained for when asked, the same ones', async () => {
    const { artifact, featureSpec } = trained;
    const two = await predict(artifact, featureSpec, later);
    const one = await predict(artifact, featureSpec, later, 1);
    expect(one.closes).toEqual(two.closes.slice(0, 1));
  });

  it('uses only the last candles it needs: older ones change nothing', async () => {
    const { artifact, featureSpec } = trained;
    expect(await predict(artifact, featureSpec, history.slice(-60))).toEqual(await predict(artifact, featureSpec, later));
  });

  it('refuses a horizon beyond the one the model was trained for', async () => {
    await expect(predict(trained.artifact, trained.featureSpec, later, 3)).rejects.toThrow(HorizonTooLongError);
  });

  it('leaves as many tensors as there were before it forecast', async () => {
    const before = tf.memory().numTensors;
    await predict(trained.artifact, trained.featureSpec, later);
    expect(tf.memory().numTensors).toBe(before);
  });
});
