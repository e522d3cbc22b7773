import { describe, expect, it } from '@jest/globals';
import { INTERVAL_LEVELS, type ReturnDistribution } from '#libs/domain';
import { naiveForecaster } from '../baselines/baseline.forecasters.js';
import { toSeries, type CandleSeries } from '../candle.series.js';
import { dailyHistory } from '../daily-history.fixture.js';
import { InsufficientCandlesError } from '../ml.errors.js';
import { DEFAULT_CALIBRATION, calibrate, newCalibration, updateCalibration } from './conformal.calibrator.js';
import { alteredAfter, syntheticSeries } from '../synthetic-series.fixture.js';
import type { Forecaster, RawForecast } from './forecaster.js';
import { forecasterFor, loadForecaster, registeredFamilies } from './forecaster.registry.js';
import { ForecastAbortedError, InvalidWalkForwardError, UnknownFamilyError } from './forecasting.errors.js';
import { fitForProduction, walkForward } from './walk-forward.js';

const DAY = 86_400;
const btc = toSeries(dailyHistory('BTC'));

function head(series: CandleSeries, n: number): CandleSeries {
  return {
    time: series.time.slice(0, n),
    open: series.open.slice(0, n),
    high: series.high.slice(0, n),
    low: series.low.slice(0, n),
    close: series.close.slice(0, n),
    volume: series.volume.slice(0, n),
    closeText: series.closeText.slice(0, n),
  };
}

/** A forecaster that records what the engine asks of it. */
function spy(inner: Forecaster) {
  const log = {
    fits: [] as { from: number; to: number }[],
    predicts: [] as number[][],
    disposed: 0,
    signals: [] as (AbortSignal | undefined)[],
  };
  const forecaster: Forecaster = {
    family: inner.family,
    minCandles: (options) => inner.minCandles(options),
    async fit(series, range, options) {
      log.fits.push(range);
      log.signals.push(options.signal);
      const fitted = await inner.fit(series, range, options);
      return {
        family: fitted.family,
        horizon: fitted.horizon,
        context: fitted.context,
        predict: (s, origins) => {
          log.predicts.push([...origins]);
          return fitted.predict(s, origins);
        },
        toArtifact: () => fitted.toArtifact(),
        dispose: () => {
          log.disposed++;
          fitted.dispose();
        },
      };
    },
    load: (artifact) => inner.load(artifact),
  };
  return { forecaster, log };
}

describe('walkForward', () => {
  const series = head(btc, 900);

  it.each(registeredFamilies().filter((family) => family !== 'lstm'))(
    'gives %s forecasts that do not change when the candles after their origin do',
    async (family) => {
      const options = { horizon: 3, start: 500, end: 800, refitEvery: 50, trainWindow: 400, fit: { stepSeconds: DAY } };
      const cut = 650;
      const original = await walkForward(forecasterFor(family), series, options);
      const altered = await walkForward(forecasterFor(family), alteredAfter(series, cut), options);
      const before = (records: typeof original.records) => records.filter((r) => r.origin <= cut).map((r) => r.steps);
      expect(before(altered.records)).toEqual(before(original.records));
      // The alteration does reach the later forecasts: the comparison above could fail.
      const after = (records: typeof original.records) => records.filter((r) => r.origin > cut).map((r) => r.steps);
      expect(after(altered.records)).not.toEqual(after(original.records));
    },
  );

  it('refits every refitEvery origins on at most trainWindow candles ending at the origin, and predicts each block once', async () => {
    const { forecaster, log } = spy(naiveForecaster);
    const progress: unknown[] = [];
    const result = await walkForward(forecaster, series, {
      horizon: 2,
      start: 100,
      end: 219,
      refitEvery: 50,
      trainWindow: 80,
      fit: { stepSeconds: DAY },
      onRefit: (p) => {
        progress.push(p);
      },
    });
    expect(log.fits).toEqual([
      { from: 21, to: 100 },
      { from: 71, to: 150 },
      { from: 121, to: 200 },
    ]);
    expect(log.predicts.map((origins) => [origins[0], origins.at(-1), origins.length])).toEqual([
      [100, 149, 50],
      [150, 199, 50],
      [200, 219, 20],
    ]);
    expect(progress).toEqual([
      { refit: 1, refits: 3, origin: 100 },
      { refit: 2, refits: 3, origin: 150 },
      { refit: 3, refits: 3, origin: 200 },
    ]);
    expect(result.fits).toBe(3);
    expect(log.disposed).toBe(3);
    expect(result.last).toBeUndefined();
    expect(result.records.map((r) => r.origin)).toEqual(Array.from({ length: 120 }, (_, i) => 100 + i));
    const record = result.records[0];
    expect(record.time).toBe(series.time[100]);
    expect(record.lastClose).toBe(series.close[100]);
    expect(record.actual[1]).toBeCloseTo(Math.log(series.close[102] / series.close[100]), 12);
    expect(record.actualRange[0]).toBeCloseTo(Math.log(series.high[101] / series.low[101]), 12);
  });

  it('calibrates with every actual the series holds by the end, and none beyond it', async () => {
    const n = 400;
    const result = await walkForward(naiveForecaster, head(btc, n), { horizon: 3, start: 200, refitEvery: 40, fit: { stepSeconds: DAY } });
    // Origins 200 … 399; step h of origin s is known when s + h ≤ 399.
    expect(result.calibration.steps.map((s) => s.residuals.length)).toEqual([199, 198, 197]);
    const last = result.records.at(-1)!;
    expect(last.origin).toBe(n - 1);
    expect(last.actual).toEqual([null, null, null]);
    expect(result.records.at(-2)!.actual.map((a) => a === null)).toEqual([false, true, true]);
  });

  it('calibrates each origin with exactly the actuals known at it, as calibrate and updateCalibration do one by one', async () => {
    const start = 100;
    const horizon = 2;
    const result = await walkForward(naiveForecaster, series, { horizon, start, end: 259, refitEvery: 50, fit: { stepSeconds: DAY } });
    // The same by hand: the raw forecasts of the same fits, then the state moved by the pure API.
    const raws: RawForecast[] = [];
    for (const first of [100, 150, 200, 250]) {
      const fitted = await naiveForecaster.fit(series, { from: 0, to: first }, { horizon, stepSeconds: DAY });
      raws.push(
        ...(await fitted.predict(
          series,
          Array.from({ length: Math.min(50, 260 - first) }, (_, i) => first + i),
        )),
      );
    }
    let state = newCalibration({ ...DEFAULT_CALIBRATION, horizon });
    const expected: ReturnDistribution[][] = [];
    for (let origin = start; origin <= 259; origin++) {
      for (let h = 1; h <= horizon; h++) {
        const from = origin - h;
        if (from < start) continue;
        const raw = raws[from - start];
        const actual = Math.log(series.close[origin] / series.close[from]);
        state = updateCalibration(
          state,
          h,
          { center: raw.center[h - 1], sigma: raw.sigma[h - 1] },
          actual,
          expected[from - start][h - 1].intervals,
        );
      }
      expected.push(calibrate(raws[origin - start], state));
    }
    expect(result.records.map((r) => r.steps)).toEqual(expected);
  });

  it('starts from a stored calibration without changing it', async () => {
    const seeded = await walkForward(naiveForecaster, series, {
      horizon: 1,
      start: 100,
      end: 299,
      refitEvery: 100,
      fit: { stepSeconds: DAY },
      calibration: { window: 300, gamma: 0.01 },
    });
    const stored = seeded.calibration;
    expect(stored.window).toBe(300);
    expect(stored.steps[0].residuals).toHaveLength(200);
    const copy = structuredClone(stored);
    const fresh = await walkForward(naiveForecaster, series, {
      horizon: 1,
      start: 500,
      end: 510,
      refitEvery: 100,
      fit: { stepSeconds: DAY },
    });
    const carried = await walkForward(naiveForecaster, series, {
      horizon: 1,
      start: 500,
      end: 510,
      refitEvery: 100,
      fit: { stepSeconds: DAY },
      calibration: stored,
    });
    expect(stored).toEqual(copy);
    expect(carried.records[0].steps).not.toEqual(fresh.records[0].steps);
    expect(carried.calibration.steps[0].residuals.slice(0, -11)).toEqual(stored.steps[0].residuals);
    expect(carried.calibration.gamma).toBe(0.01);
  });

  it('stops between refits once its signal fires, and hands the signal to every fit', async () => {
    const { forecaster, log } = spy(naiveForecaster);
    const controller = new AbortController();
    const run = walkForward(forecaster, series, {
      horizon: 1,
      start: 100,
      end: 399,
      refitEvery: 50,
      fit: { stepSeconds: DAY },
      signal: controller.signal,
      onRefit: ({ refit }) => {
        if (refit === 2) controller.abort();
      },
    });
    await expect(run).rejects.toThrow(ForecastAbortedError);
    expect(log.fits).toHaveLength(2);
    expect(log.signals.every((s) => s === controller.signal)).toBe(true);
    expect(log.disposed).toBe(2);
  });

  it('lets timers and I/O run between refits (BullMQ renews its lock from a timer)', async () => {
    const events: string[] = [];
    const run = walkForward(naiveForecaster, series, {
      horizon: 1,
      start: 100,
      end: 399,
      refitEvery: 100,
      fit: { stepSeconds: DAY },
      onRefit: ({ refit }) => {
        events.push(`refit ${refit}`);
      },
    });
    setImmediate(() => events.push('macrotask'));
    await run;
    expect(events.indexOf('macrotask')).toBeGreaterThan(-1);
    expect(events.indexOf('macrotask')).toBeLessThan(events.indexOf('refit 3'));
  });

  it('keeps the last fit when asked, undisposed', async () => {
    const { forecaster, log } = spy(naiveForecaster);
    const result = await walkForward(forecaster, series, {
      horizon: 1,
      start: 100,
      end: 199,
      refitEvery: 50,
      fit: { stepSeconds: DAY },
      keepLast: true,
    });
    expect(log.disposed).toBe(1);
    expect(result.last?.family).toBe('naive');
    result.last?.dispose();
  });

  it('refuses origins outside the series, a refit every 0 and a first fit with too few candles', async () => {
    const base = { horizon: 1, refitEvery: 10, fit: { stepSeconds: DAY } };
    await expect(walkForward(naiveForecaster, series, { ...base, start: 300, end: 200 })).rejects.toThrow(InvalidWalkForwardError);
    await expect(walkForward(naiveForecaster, series, { ...base, start: 100, end: 900 })).rejects.toThrow(InvalidWalkForwardError);
    await expect(walkForward(naiveForecaster, series, { ...base, start: 100, refitEvery: 0 })).rejects.toThrow(InvalidWalkForwardError);
    await expect(walkForward(naiveForecaster, series, { ...base, start: 10 })).rejects.toThrow(InsufficientCandlesError);
  });

  it('covers 80, 90 and 95% with every calibrated baseline over 1,095 daily BTC origins', async () => {
    const n = btc.time.length;
    for (const family of ['naive', 'ewma', 'garch', 'har-range'] as const) {
      const result = await walkForward(forecasterFor(family), btc, {
        horizon: 7,
        start: n - 1096,
        end: n - 2,
        refitEvery: 30,
        trainWindow: 2000,
        fit: { stepSeconds: DAY },
      });
      expect(result.records).toHaveLength(1095);
      for (const [j, level] of INTERVAL_LEVELS.entries()) {
        for (const step of [0, 6]) {
          const realized = result.records.filter((r) => r.actual[step] !== null);
          const inside = realized.filter((r) => {
            const { lower, upper } = r.steps[step].intervals[j];
            return r.actual[step]! >= lower && r.actual[step]! <= upper;
          });
          // ±3.5 binomial standard errors of 1,095 (the seven-day errors overlap, so a little wider there).
          const p = level / 100;
          expect(Math.abs(inside.length / realized.length - p)).toBeLessThan(
            (step === 0 ? 3.5 : 5) * Math.sqrt((p * (1 - p)) / realized.length),
          );
        }
      }
      const crossed = result.records
        .flatMap((r) => r.steps)
        .filter((step) => step.quantiles.some((q, i) => i > 0 && q < step.quantiles[i - 1]));
      expect(crossed).toEqual([]);
    }
  });
});

describe('walkForward on an hourly series', () => {
  it.each(['ewma', 'har-range'] as const)('covers 90%% in the busy hours and in the calm ones alike with %s', async (family) => {
    // Three times as volatile from 13:00 to 16:59 UTC: one σ for every hour would cover the
    // calm hours too much and the busy ones far too little.
    const hourOf = (time: number) => Math.floor((time % DAY) / 3600);
    const series = syntheticSeries({
      n: 3200,
      seed: 4,
      stepSeconds: 3600,
      nu: 5,
      sigma: (_i, time) => (hourOf(time) >= 13 && hourOf(time) <= 16 ? 0.015 : 0.005),
    });
    const result = await walkForward(forecasterFor(family), series, {
      horizon: 1,
      start: 1000,
      end: 3198,
      refitEvery: 500,
      trainWindow: 1000,
      fit: { stepSeconds: 3600 },
    });
    const coverage = (busy: boolean) => {
      const kept = result.records.slice(100).filter((r) => (hourOf(r.time + 3600) >= 13 && hourOf(r.time + 3600) <= 16) === busy);
      const inside = kept.filter((r) => r.actual[0]! >= r.steps[0].intervals[1].lower && r.actual[0]! <= r.steps[0].intervals[1].upper);
      return { share: inside.length / kept.length, n: kept.length };
    };
    for (const busy of [true, false]) {
      const { share, n } = coverage(busy);
      expect(Math.abs(share - 0.9)).toBeLessThan(3.5 * Math.sqrt((0.9 * 0.1) / n));
    }
  });
});

describe('fitForProduction', () => {
  it('walks forward over the newest span, then fits on every candle up to the newest', async () => {
    const series = head(btc, 700);
    const { forecaster, log } = spy(forecasterFor('har-range'));
    const progress: { refit: number; refits: number }[] = [];
    const fit = await fitForProduction(forecaster, series, {
      horizon: 3,
      span: 200,
      refitEvery: 50,
      trainWindow: 500,
      fit: { stepSeconds: DAY },
      onRefit: ({ refit, refits }) => {
        progress.push({ refit, refits });
      },
    });
    expect(fit.walkForward.records[0].origin).toBe(499);
    expect(fit.walkForward.records.at(-1)!.origin).toBe(698);
    expect(log.fits.at(-1)).toEqual({ from: 200, to: 699 });
    expect(fit.trainedTo).toBe(series.time[699]);
    expect(fit.trainedFrom).toBe(series.time[200]);
    expect(fit.calibration).toBe(fit.walkForward.calibration);
    expect(fit.calibration.steps[0].residuals).toHaveLength(200);
    expect(progress.at(-1)).toEqual({ refit: 5, refits: 5 });
    expect(progress.map((p) => p.refit)).toEqual([1, 2, 3, 4, 5]);
    expect(fit.artifact.family).toBe('har-range');

    // The stored artifact, through JSON as the registry keeps it, forecasts as the fit does.
    const loaded = await loadForecaster(JSON.parse(JSON.stringify(fit.artifact)));
    expect(await loaded.predict(series, [699])).toEqual(await fit.fitted.predict(series, [699]));
    fit.fitted.dispose();
  });

  it('refits the walk-forward with walkForwardSettings and the final fit with fit.settings', async () => {
    const seen: (Readonly<Record<string, number>> | undefined)[] = [];
    const inner = forecasterFor('naive');
    const forecaster: Forecaster = {
      family: 'naive',
      minCandles: (options) => inner.minCandles(options),
      fit: (series, range, options) => {
        seen.push(options.settings);
        return inner.fit(series, range, options);
      },
      load: (artifact) => inner.load(artifact),
    };
    const fit = await fitForProduction(forecaster, head(btc, 300), {
      horizon: 1,
      span: 100,
      refitEvery: 50,
      fit: { stepSeconds: DAY, settings: { window: 100 } },
      walkForwardSettings: { window: 30 },
    });
    expect(seen).toEqual([{ window: 30 }, { window: 30 }, { window: 100 }]);
    expect(fit.artifact.settings).toEqual({ window: 100 });
  });

  it('gives a series too short for a walk-forward its model, with a fresh calibration', async () => {
    const series = head(btc, 31);
    const fit = await fitForProduction(naiveForecaster, series, { horizon: 2, span: 100, refitEvery: 30, fit: { stepSeconds: DAY } });
    expect(fit.walkForward.records).toEqual([]);
    expect(fit.calibration.steps).toHaveLength(2);
    expect(fit.calibration.steps[0].residuals).toEqual([]);
    expect(fit.trainedTo).toBe(series.time[30]);
    await expect(
      fitForProduction(naiveForecaster, head(btc, 20), { horizon: 2, span: 10, refitEvery: 30, fit: { stepSeconds: DAY } }),
    ).rejects.toThrow(InsufficientCandlesError);
  });
});

describe('the forecaster registry', () => {
  it('has every baseline family and loads their artifacts', async () => {
    for (const family of ['naive', 'ewma', 'garch', 'har-range'] as const) expect(forecasterFor(family).family).toBe(family);
    await expect(loadForecaster({ family: 'bogus' as 'naive', horizon: 1, settings: {}, params: {} })).rejects.toThrow(UnknownFamilyError);
  });
});
