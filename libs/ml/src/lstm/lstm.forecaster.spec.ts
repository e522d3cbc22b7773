import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as tf from '@tensorflow/tfjs';
import { lstmFitCost, QUANTILE_LEVELS, trainingCost } from '#libs/domain';
import { useBackend } from '../backend.selector.js';
import { toSeries, type CandleSeries } from '../candle.series.js';
import { dailyHistory } from '../daily-history.fixture.js';
import type { FitOptions } from '../forecasting/forecaster.js';
import { forecasterFor, loadForecaster } from '../forecasting/forecaster.registry.js';
import { walkForward } from '../forecasting/walk-forward.js';
import { InsufficientCandlesError, InvalidHyperparametersError, TrainingAbortedError } from '../ml.errors.js';
import type { FittedLstm } from './fitted-lstm.js';
import { memberSeed } from './lstm-member.model.js';
import { lstmForecaster } from './lstm.forecaster.js';

// 400 real days of Kraken BTC/USD and tiny ensembles (2 members of 6 units, 2–3 epochs).
const series = toSeries(dailyHistory('BTC').slice(-400));
const last = series.close.length - 1;
const SMALL = { units: 6, window: 10, epochs: 3, batchSize: 32, patience: 2, seeds: 2, dropout: 0.1 };
const FIXED = { ...SMALL, epochs: 2, folds: 0 };
const options = (settings: Record<string, number>, more: Partial<FitOptions> = {}): FitOptions => ({
  horizon: 3,
  stepSeconds: 86_400,
  backend: 'wasm',
  settings,
  ...more,
});
const origins = Array.from({ length: 25 }, (_, k) => last - 24 + k);

/** The series with every candle after `origin` changed (prices × 1.5, volume × 3). */
function alteredAfter(source: CandleSeries, origin: number): CandleSeries {
  const copy = {
    ...source,
    open: source.open.slice(),
    high: source.high.slice(),
    low: source.low.slice(),
    close: source.close.slice(),
    volume: source.volume.slice(),
  };
  for (let i = origin + 1; i < copy.close.length; i++) {
    for (const field of ['open', 'high', 'low', 'close'] as const) copy[field][i] *= 1.5;
    copy.volume[i] *= 3;
  }
  return copy;
}

let cv: FittedLstm;

beforeAll(async () => {
  await useBackend('wasm');
  cv = await lstmForecaster.fit(series, { from: 0, to: last }, options({ ...SMALL, folds: 2 }));
});

afterAll(() => cv?.dispose());

describe('lstmForecaster', () => {
  it('fits with cross-validated epochs on real candles and forecasts finite centers, positive sigmas and ranges', async () => {
    expect(cv.crossValidation).toMatchObject({ folds: 2, bestEpochs: [expect.any(Number), expect.any(Number)] });
    for (const epoch of cv.crossValidation!.bestEpochs) expect(epoch).toBeGreaterThanOrEqual(1);
    expect(cv.epochs).toBeGreaterThanOrEqual(1);
    expect(cv.epochs).toBeLessThanOrEqual(3);
    expect(cv.context).toBe(60 + 10);

    const forecasts = await cv.predict(series, origins);
    expect(forecasts).toHaveLength(origins.length);
    for (const raw of forecasts) {
      for (const key of ['center', 'sigma', 'expectedRange'] as const) expect(raw[key]).toHaveLength(3);
      expect(raw.center.every(Number.isFinite)).toBe(true);
      expect(raw.sigma.every((s) => Number.isFinite(s) && s > 0)).toBe(true);
      expect(raw.expectedRange.every((r) => Number.isFinite(r) && r > 0)).toBe(true);
    }
    // In σ units scaled back by σ at the origin: a daily BTC σ is a few percent, not 1.
    expect(forecasts[0].sigma[0]).toBeGreaterThan(0.001);
    expect(forecasts[0].sigma[0]).toBeLessThan(0.5);
  });

  it('gives quantiles that never cross, the median as the center and sigma from the 5–95% spread', async () => {
    const all = Array.from({ length: last - cv.context + 2 }, (_, k) => cv.context - 1 + k);
    const quantiles = await cv.predictQuantiles(series, all);
    for (const steps of quantiles) {
      expect(steps).toHaveLength(3);
      for (const q of steps) {
        expect(q).toHaveLength(QUANTILE_LEVELS.length);
        for (let j = 1; j < q.length; j++) expect(q[j]).toBeGreaterThanOrEqual(q[j - 1]);
        expect(q[0]).toBeLessThan(q[q.length - 1]);
      }
    }
    const [raw] = await cv.predict(series, [last]);
    const [steps] = await cv.predictQuantiles(series, [last]);
    steps.forEach((q, h) => {
      expect(raw.center[h]).toBe(q[QUANTILE_LEVELS.indexOf(0.5)]);
      expect(raw.sigma[h]).toBeCloseTo((q[QUANTILE_LEVELS.indexOf(0.95)] - q[QUANTILE_LEVELS.indexOf(0.05)]) / 3.29, 3);
    });
  });

  it('forecasts at an origin the same when every candle after it is altered (no look-ahead)', async () => {
    const origin = last - 30;
    const altered = alteredAfter(series, origin);
    const at = [origin - 5, origin];
    expect(await cv.predict(altered, at)).toEqual(await cv.predict(series, at));
    expect((await cv.predict(altered, [origin + 1]))[0]).not.toEqual((await cv.predict(series, [origin + 1]))[0]);
  });

  it('gives the same model for the same seed, data and backend, and reads nothing after the range it fits', async () => {
    const to = last - 40;
    const first = await lstmForecaster.fit(series, { from: 0, to }, options(FIXED));
    const second = await lstmForecaster.fit(alteredAfter(series, to), { from: 0, to }, options(FIXED));
    const other = await lstmForecaster.fit(series, { from: 0, to }, options({ ...FIXED, epochs: 1, seed: 7 }));
    try {
      const [a, b] = [await first.toArtifact(), await second.toArtifact()];
      expect(b.weights!.equals(a.weights!)).toBe(true);
      expect(b.params).toEqual(a.params);
      expect(await second.predict(series, origins)).toEqual(await first.predict(series, origins));
      expect(a.params).toMatchObject({ epochs: 2, crossValidation: null });
      const seeds = (a.params as { members: { seed: number }[] }).members.map((m) => m.seed);
      expect(new Set(seeds).size).toBe(2);
      expect((await other.toArtifact()).weights!.equals(a.weights!)).toBe(false);
    } finally {
      for (const fitted of [first, second, other]) fitted.dispose();
    }
  });

  it("has members that are each the single-seed fit of that member's seed, sharing the ensemble's tensors", async () => {
    const to = last - 40;
    const ensemble = await lstmForecaster.fit(series, { from: 0, to }, options(FIXED));
    const single = await lstmForecaster.fit(series, { from: 0, to }, options({ ...FIXED, seeds: 1, seed: memberSeed(42, 1) }));
    try {
      expect(ensemble.size).toBe(2);
      const member = ensemble.member(1);
      expect((await member.toArtifact()).weights!.equals((await single.toArtifact()).weights!)).toBe(true);
      expect(await member.predict(series, origins)).toEqual(await single.predict(series, origins));
      const before = tf.memory().numTensors;
      member.dispose();
      expect(tf.memory().numTensors).toBe(before);
      expect(await ensemble.member(0).predict(series, origins)).not.toEqual(await single.predict(series, origins));
      expect(() => ensemble.member(2)).toThrow(RangeError);
    } finally {
      ensemble.dispose();
      single.dispose();
    }
  });

  it('round-trips through one artifact (params as JSON, weights as bytes) to identical forecasts', async () => {
    const artifact = await cv.toArtifact();
    expect(artifact).toMatchObject({ family: 'lstm', horizon: 3, settings: { ...SMALL, folds: 2 } });
    const members = (artifact.params as { members: { offset: number; length: number }[] }).members;
    expect(members).toHaveLength(2);
    expect(members[1].offset).toBe(members[0].length);
    expect(artifact.weights!.length).toBe(members[0].length + members[1].length);

    const stored = { ...JSON.parse(JSON.stringify({ ...artifact, weights: undefined })), weights: Buffer.from(artifact.weights!) };
    const loaded = await lstmForecaster.load(stored);
    try {
      expect(loaded.context).toBe(cv.context);
      expect(await loaded.predict(series, origins)).toEqual(await cv.predict(series, origins));
    } finally {
      loaded.dispose();
    }
  });

  it('leaves no tensor behind after fit, predict and dispose, nor after load, predict and dispose', async () => {
    const before = tf.memory().numTensors;
    const fitted = await lstmForecaster.fit(series, { from: 0, to: last }, options({ ...FIXED, epochs: 1 }));
    await fitted.predict(series, origins);
    const artifact = await fitted.toArtifact();
    fitted.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const loaded = await lstmForecaster.load(artifact);
    await loaded.predict(series, origins);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(loaded.predict(series, origins)).rejects.toThrow('disposed');
  });

  it('stops at the next batch when aborted, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const epochs: number[] = [];
    const fit = lstmForecaster.fit(
      series,
      { from: 0, to: last },
      options(FIXED, {
        signal: controller.signal,
        onProgress: ({ epoch }) => {
          epochs.push(epoch);
          controller.abort();
        },
      }),
    );
    await expect(fit).rejects.toBeInstanceOf(TrainingAbortedError);
    expect(epochs).toEqual([1]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('forecasts finite values with sigma > 0 from a flat price without volume (σ at its floor)', async () => {
    const flat: CandleSeries = {
      ...series,
      open: series.open.map(() => 1),
      high: series.high.map(() => 1),
      low: series.low.map(() => 1),
      close: series.close.map(() => 1),
      volume: series.volume.map(() => 0),
    };
    const fitted = await lstmForecaster.fit(flat, { from: 0, to: 250 }, options({ ...FIXED, epochs: 1 }));
    try {
      for (const raw of await fitted.predict(flat, [250, last])) {
        expect([...raw.center, ...raw.sigma, ...raw.expectedRange].every(Number.isFinite)).toBe(true);
        expect(raw.sigma.every((s) => s > 0)).toBe(true);
      }
    } finally {
      fitted.dispose();
    }
  });

  it('refuses a range shorter than minCandles and settings out of range, before any work', async () => {
    const needed = lstmForecaster.minCandles({ horizon: 3, settings: FIXED });
    expect(needed).toBeGreaterThan(70 + 3);
    expect(lstmForecaster.minCandles({ horizon: 3, settings: { ...FIXED, folds: 3 } })).toBeGreaterThan(needed);
    await expect(lstmForecaster.fit(series, { from: 0, to: needed - 2 }, options(FIXED))).rejects.toBeInstanceOf(InsufficientCandlesError);
    await expect(lstmForecaster.fit(series, { from: 0, to: last }, options({ ...FIXED, folds: 9 }))).rejects.toBeInstanceOf(
      InvalidHyperparametersError,
    );
    await expect(lstmForecaster.fit(series, { from: 0, to: last }, options({ ...FIXED, seeds: 0 }))).rejects.toBeInstanceOf(
      InvalidHyperparametersError,
    );
  });
});

describe("the registry's lstm", () => {
  it('is lstmForecaster, loads its artifacts and runs in the walk-forward engine with calibrated, finite forecasts', async () => {
    expect(forecasterFor('lstm')).toBe(lstmForecaster);
    const loaded = await loadForecaster(await cv.toArtifact());
    try {
      expect(await loaded.predict(series, [last])).toEqual(await cv.predict(series, [last]));
    } finally {
      loaded.dispose();
    }

    const before = tf.memory().numTensors;
    const result = await walkForward(lstmForecaster, series, {
      horizon: 3,
      start: last - 20,
      refitEvery: 15,
      trainWindow: 300,
      fit: { stepSeconds: 86_400, backend: 'wasm', settings: { ...FIXED, epochs: 1 } },
    });
    expect(result.fits).toBe(2);
    expect(result.records).toHaveLength(21);
    for (const record of result.records) {
      for (const step of record.steps) {
        expect(step.quantiles.every(Number.isFinite)).toBe(true);
        expect(step.sigma).toBeGreaterThan(0);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('lstmFitCost', () => {
  it('counts every member once per fold and once for the final fit', () => {
    const knobs = { units: 16, layers: 1, window: 20, epochs: 40 };
    expect(lstmFitCost({ ...knobs, seeds: 5 }, 1000)).toBe(trainingCost(knobs, 1000) * 5 * 4);
    expect(lstmFitCost({ ...knobs, seeds: 2, folds: 0 }, 1000)).toBe(trainingCost(knobs, 1000) * 2);
  });
});
