import { describe, expect, it } from '@jest/globals';
import type { ReturnDistribution } from '#libs/domain';
import { toSeries } from '../candle.series.js';
import { dailyHistory } from '../daily-history.fixture.js';
import type { WalkForwardRecord } from '../forecasting/forecaster.js';
import { forecasterFor } from '../forecasting/forecaster.registry.js';
import { walkForward } from '../forecasting/walk-forward.js';
import { edgeOf, originLosses, summarizeWalkForward } from './walk-forward.summary.js';

const DAY = 86_400;

/** A one-step forecast with its median at `median`, quantiles ±spread around it and intervals ±0.02/0.03/0.04. */
function step(median: number, options: { sigma?: number; expectedRange?: number; step?: number } = {}): ReturnDistribution {
  return {
    step: options.step ?? 1,
    quantiles: [-3, -2, -1, 0, 1, 2, 3].map((k) => median + k * 0.01),
    intervals: [
      { level: 80, lower: median - 0.02, upper: median + 0.02 },
      { level: 90, lower: median - 0.03, upper: median + 0.03 },
      { level: 95, lower: median - 0.04, upper: median + 0.04 },
    ],
    sigma: options.sigma ?? 0.02,
    expectedRange: options.expectedRange ?? 0.03,
  };
}

function record(
  i: number,
  lastClose: number,
  steps: ReturnDistribution[],
  actual: (number | null)[],
  actualRange?: (number | null)[],
): WalkForwardRecord {
  return { origin: 100 + i, time: 1_600_000_000 + i * DAY, lastClose, steps, actual, actualRange: actualRange ?? actual.map(() => 0.03) };
}

describe('summarizeWalkForward', () => {
  it('scores the naive forecast: MAE ratio 1, no hit rate, R² 0, and the coverage counted by hand', () => {
    const actual = [0.01, -0.025, 0.035, 0.05];
    const records = [...actual.map((a, i) => record(i, 100, [step(0)], [a])), record(4, 100, [step(0)], [null])];
    const s = summarizeWalkForward(records);
    expect(s.samples).toBe(4); // the last one has no actual yet
    expect(s.from).toBe(1_600_000_000 + DAY); // the candle after the first origin
    expect(s.to).toBe(1_600_000_000 + 4 * DAY);
    expect(s.relMae.value).toBe(1);
    expect(s.relMae.dmPValue).toBe(1);
    expect(s.hitRate.value).toBeNull();
    expect(s.hitRate.upShare).toBeCloseTo(0.75, 12);
    expect(s.r2Returns).toBe(0);
    // inside ±0.02: 0.01 only; ±0.03: 0.01, −0.025; ±0.04: all but 0.05
    expect(s.coverage.map((c) => c.value)).toEqual([0.25, 0.5, 0.75]);
    // width 0.06 each, plus 20 × 0.005 and 20 × 0.02 for the two misses
    expect(s.winkler90).toBeCloseTo((4 * 0.06 + 0.1 + 0.4) / 4, 12);
    // median loss = 0.5 × |a|
    expect(s.pinballByQuantile[3]).toBeCloseTo((0.5 * (0.01 + 0.025 + 0.035 + 0.05)) / 4, 12);
    expect(s.qlike).toEqual({ model: null, ewma: null, dmPValue: null }); // fewer origins than the EWMA's warm-up
    expect(s.segments).toHaveLength(1);
    expect(edgeOf(s).vsNaive).toBe('none');
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // what is undefined is null, not NaN
  });

  it('takes the MAE ratio on prices and claims an edge only where DM says so', () => {
    // price errors (model, naive): 110 vs 105/100 → 5, 10; 180 vs 190/200 → 10, 20; 60 vs 55/50 → 5, 10
    const three = [
      record(0, 100, [step(Math.log(1.05))], [Math.log(1.1)]),
      record(1, 200, [step(Math.log(0.95))], [Math.log(0.9)]),
      record(2, 50, [step(Math.log(1.1))], [Math.log(1.2)]),
    ];
    const s3 = summarizeWalkForward(three);
    expect(s3.relMae.value).toBeCloseTo(0.5, 12);
    expect(s3.relMae.ci95![0]).toBeCloseTo(0.5, 12); // the ratio is 0.5 on every sample
    expect(s3.relMae.dmPValue).toBeCloseTo(0.05719095841793661, 10); // scipy ttest_1samp([−5, −10, −5], 0)
    expect(edgeOf(s3)).toMatchObject({ vsNaive: 'none', relMae: s3.relMae.value, samples: 3 });
    expect(s3.hitRate).toMatchObject({ value: 1, samples: 3 });

    const four = summarizeWalkForward([...three, record(3, 100, [step(Math.log(1.05))], [Math.log(1.1)])]);
    expect(four.relMae.dmPValue).toBeCloseTo(0.015392438073302294, 10); // scipy ttest_1samp([−5, −10, −5, −5], 0)
    expect(edgeOf(four).vsNaive).toBe('better');
    const worse = summarizeWalkForward([0, 1, 2, 3].map((i) => record(i, 100, [step(Math.log(1.05 + 0.01 * (i % 2)))], [Math.log(0.95)])));
    expect(edgeOf(worse).vsNaive).toBe('worse');
  });

  it('compares QLIKE with EWMA(0.94) forecast from earlier returns only, after a 30-return warm-up', () => {
    // 30 returns of ±0.02 start the EWMA at 0.0004; origin 30 is forecast 0.0004, origin 31 0.94 × 0.0004 + 0.06 × 0.01²
    const records = Array.from({ length: 32 }, (_, i) =>
      record(i, 100, [step(0, { sigma: 0.01 })], [i < 30 ? (i % 2 ? 0.02 : -0.02) : 0.01]),
    );
    const s = summarizeWalkForward(records);
    const model = Math.log(1e-4) + 1;
    expect(s.qlike.model).toBeCloseTo(model, 10);
    expect(s.qlike.ewma).toBeCloseTo((Math.log(4e-4) + 0.25 + Math.log(3.82e-4) + 1e-4 / 3.82e-4) / 2, 10);
    // the returns after an origin never reach its comparator: changing the last return leaves origin 30's alone
    records[31] = record(31, 100, [step(0, { sigma: 0.01 })], [0.5]);
    const changed = summarizeWalkForward(records);
    expect(changed.qlike.ewma! * 2 - (Math.log(3.82e-4) + 0.25 / 3.82e-4)).toBeCloseTo(Math.log(4e-4) + 0.25, 10);
  });

  it('gives the 90% coverage of every step, the R² of log range, and segments of consecutive origins', () => {
    const records = Array.from({ length: 5 }, (_, i) =>
      record(
        i,
        100,
        [step(0, { expectedRange: 0.01 * (i + 1) }), step(0, { step: 2 })],
        [0.001, i < 4 ? (i % 2 ? 0.05 : 0.001) : null],
        [0.02 * (i + 1), null],
      ),
    );
    const s = summarizeWalkForward(records, { segment: 2 });
    expect(s.coverage90ByStep).toEqual([1, 0.5]); // step 2: 2 of the 4 known inside
    expect(s.r2LogRange).toBeCloseTo(1, 12); // the expected range is half the actual one every time
    expect(s.segments.map((x) => x.samples)).toEqual([2, 2, 1]);
    expect(s.segments[1].from).toBe(1_600_000_000 + 3 * DAY);
  });

  it('gives the per-origin pinball of the realized origins', () => {
    const losses = originLosses([record(0, 100, [step(0)], [0]), record(1, 100, [step(0)], [null])]);
    // outcome 0 against −0.03 … 0.03: (0.05 × 3 + 0.1 × 2 + 0.25 × 1) × 0.01 × 2 / 7
    expect(losses).toHaveLength(1);
    expect(losses[0].time).toBe(1_600_000_000);
    expect(losses[0].pinball).toBeCloseTo((2 * 0.01 * (0.15 + 0.2 + 0.25)) / 7, 12);
  });
});

describe('summarizeWalkForward on the production walk-forward', () => {
  it('finds the har-range baseline calibrated on real daily candles, with no edge over naive', async () => {
    const series = toSeries(dailyHistory('ETH').slice(-900));
    const end = series.time.length - 2;
    const { records } = await walkForward(forecasterFor('har-range'), series, {
      horizon: 2,
      start: end - 399,
      end,
      refitEvery: 30,
      fit: { stepSeconds: DAY },
    });
    const s = summarizeWalkForward(records);
    expect(s.samples).toBe(400);
    expect(s.segments.map((x) => x.samples)).toEqual([365, 35]);
    const c90 = s.coverage.find((c) => c.level === 90)!;
    expect(c90.value).toBeGreaterThanOrEqual(0.86); // 90% ± 1.96 √(0.09/400) ≈ 87.1–92.9, with some slack
    expect(c90.value).toBeLessThanOrEqual(0.94);
    expect(c90.ci95![0]).toBeLessThan(0.9);
    expect(s.relMae.value).toBe(1); // its median is the last close
    expect(edgeOf(s).vsNaive).toBe('none');
    expect(s.hitRate.value).toBeNull();
    expect(s.coverage90ByStep).toHaveLength(2);
    expect(s.r2LogRange).toBeGreaterThan(0.05); // the range forecast explains some of the next range
    expect(JSON.parse(JSON.stringify(s))).toEqual(s); // no NaN or Infinity: it is stored as jsonb as it is
  });
});
