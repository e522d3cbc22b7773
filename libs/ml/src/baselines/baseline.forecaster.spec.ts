import { describe, expect, it } from '@jest/globals';
import type { ModelFamily } from '#libs/domain';
import type { CandleSeries } from '../candle.series.js';
import { InsufficientCandlesError, InvalidHyperparametersError } from '../ml.errors.js';
import { alteredAfter, syntheticSeries } from '../synthetic-series.fixture.js';
import type { Forecaster } from '../forecasting/forecaster.js';
import { ForecastAbortedError } from '../forecasting/forecasting.errors.js';
import { ewmaForecaster, garchForecaster, harRangeForecaster, naiveForecaster } from './baseline.forecasters.js';

const DAY = 86_400;
const HOUR = 3_600;
const BASELINES: [ModelFamily, Forecaster][] = [
  ['naive', naiveForecaster],
  ['ewma', ewmaForecaster],
  ['garch', garchForecaster],
  ['har-range', harRangeForecaster],
];

const daily = syntheticSeries({ n: 800, seed: 1, sigma: () => 0.02, nu: 5 });
/** Hourly, three times as volatile from 13:00 to 16:59 UTC. */
const hourly = syntheticSeries({
  n: 1500,
  seed: 2,
  stepSeconds: HOUR,
  sigma: (_i, time) => {
    const hour = Math.floor((time % DAY) / HOUR);
    return hour >= 13 && hour <= 16 ? 0.015 : 0.005;
  },
});

async function forecastAt(forecaster: Forecaster, series: CandleSeries, fitTo: number, origins: number[], stepSeconds: number) {
  const fitted = await forecaster.fit(series, { from: 0, to: fitTo }, { horizon: 4, stepSeconds });
  return { fitted, forecasts: await fitted.predict(series, origins) };
}

describe.each(BASELINES)('the %s baseline', (family, forecaster) => {
  it('forecasts from its origin back: candles after the origin change nothing, in the fit or the forecast', async () => {
    for (const [series, step] of [
      [daily, DAY],
      [hourly, HOUR],
    ] as const) {
      const origins = [600, 650, 700];
      const original = await forecastAt(forecaster, series, 600, origins, step);
      const altered = await forecastAt(forecaster, alteredAfter(series, 700), 600, origins, step);
      expect(altered.forecasts).toEqual(original.forecasts);
      // The fit reads its range only: altering after 600 leaves the forecast at 600 alone.
      const refit = await forecastAt(forecaster, alteredAfter(series, 600), 600, [600], step);
      expect(refit.forecasts[0]).toEqual(original.forecasts[0]);
    }
  });

  it('forecasts the same from its last `context` candles alone as from the whole series (what the predict job loads)', async () => {
    for (const [series, step] of [
      [daily, DAY],
      [hourly, HOUR],
    ] as const) {
      const origin = 780;
      const { fitted, forecasts } = await forecastAt(forecaster, series, 600, [origin], step);
      const first = Math.max(0, origin - fitted.context + 1);
      const tail: CandleSeries = {
        time: series.time.slice(first, origin + 1),
        open: series.open.slice(first, origin + 1),
        high: series.high.slice(first, origin + 1),
        low: series.low.slice(first, origin + 1),
        close: series.close.slice(first, origin + 1),
        volume: series.volume.slice(first, origin + 1),
        closeText: series.closeText.slice(first, origin + 1),
      };
      expect(await fitted.predict(tail, [origin - first])).toEqual(forecasts);
    }
  });

  it('centers on no move, with σ growing over the steps and about the true scale', async () => {
    const { fitted, forecasts } = await forecastAt(forecaster, daily, 700, [700, 799], DAY);
    expect(fitted.family).toBe(family);
    expect(fitted.horizon).toBe(4);
    for (const forecast of forecasts) {
      expect(forecast.center).toEqual([0, 0, 0, 0]);
      for (let h = 1; h < 4; h++) expect(forecast.sigma[h]).toBeGreaterThan(forecast.sigma[h - 1]);
      expect(forecast.sigma[0]).toBeGreaterThan(0.02 * 0.7);
      expect(forecast.sigma[0]).toBeLessThan(0.02 * 1.4);
      expect(forecast.sigma[3] / forecast.sigma[0]).toBeCloseTo(2, 0);
      for (const range of forecast.expectedRange) expect(range).toBeGreaterThan(0);
    }
  });

  it('gives identical forecasts from its artifact, through JSON', async () => {
    for (const [series, step] of [
      [daily, DAY],
      [hourly, HOUR],
    ] as const) {
      const { fitted, forecasts } = await forecastAt(forecaster, series, 700, [700, 750], step);
      const artifact = JSON.parse(JSON.stringify(await fitted.toArtifact()));
      expect(artifact.family).toBe(family);
      expect(artifact.horizon).toBe(4);
      const loaded = await forecaster.load(artifact);
      expect(loaded.context).toBe(fitted.context);
      expect(await loaded.predict(series, [700, 750])).toEqual(forecasts);
    }
  });

  it('scales σ and range by the hour of each step on an hourly series', async () => {
    // Origins whose next candle opens at 14:00 and at 02:00.
    const calm = hourly.time.findIndex((t, i) => i > 1200 && Math.floor((t % DAY) / HOUR) === 1);
    const busy = hourly.time.findIndex((t, i) => i > 1200 && Math.floor((t % DAY) / HOUR) === 13);
    const { forecasts } = await forecastAt(forecaster, hourly, 1200, [calm, busy], HOUR);
    const [quiet, loud] = forecasts;
    expect(loud.sigma[0] / quiet.sigma[0]).toBeGreaterThan(2);
    expect(loud.expectedRange[0] / quiet.expectedRange[0]).toBeGreaterThan(2);
  });

  it('fills its settings with defaults and refuses unknown or out-of-range ones', async () => {
    const fitted = await forecaster.fit(daily, { from: 0, to: 500 }, { horizon: 1, stepSeconds: DAY });
    const { settings } = await fitted.toArtifact();
    expect(Object.keys(settings).sort()).toEqual(Object.keys((forecaster as unknown as { settings: object }).settings).sort());
    await expect(forecaster.fit(daily, { from: 0, to: 500 }, { horizon: 1, stepSeconds: DAY, settings: { bogus: 1 } })).rejects.toThrow(
      InvalidHyperparametersError,
    );
    const [name] = Object.keys(settings);
    await expect(forecaster.fit(daily, { from: 0, to: 500 }, { horizon: 1, stepSeconds: DAY, settings: { [name]: -5 } })).rejects.toThrow(
      InvalidHyperparametersError,
    );
    const needed = forecaster.minCandles({ horizon: 1 });
    await expect(forecaster.fit(daily, { from: 0, to: needed - 2 }, { horizon: 1, stepSeconds: DAY })).rejects.toThrow(
      InsufficientCandlesError,
    );
    await expect(forecaster.fit(daily, { from: 0, to: needed - 1 }, { horizon: 1, stepSeconds: DAY })).resolves.toBeDefined();
  });

  it('refuses to fit once its signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(forecaster.fit(daily, { from: 0, to: 500 }, { horizon: 1, stepSeconds: DAY, signal: controller.signal })).rejects.toThrow(
      ForecastAbortedError,
    );
  });

  it('gives finite forecasts for a flat series', async () => {
    const flat = syntheticSeries({ n: 300, seed: 3, sigma: () => 0 });
    const { forecasts } = await forecastAt(forecaster, flat, 299, [299], DAY);
    expect(forecasts[0].sigma.every((s) => Number.isFinite(s) && s >= 0)).toBe(true);
    expect(forecasts[0].expectedRange.every(Number.isFinite)).toBe(true);
  });
});
