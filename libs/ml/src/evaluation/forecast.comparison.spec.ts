import { describe, expect, it } from '@jest/globals';
import { mulberry32 } from '../seeded.random.js';
import { dieboldMariano, maeRatioBootstrap, percentile } from './forecast.comparison.js';

describe('Diebold–Mariano with the HLN correction', () => {
  it('equals the paired t-test at one step', () => {
    // With h = 1 the HLN statistic is d̄ / √(s² / n) with the n − 1 variance: scipy.stats.ttest_1samp(d, 0)
    const d = dieboldMariano([1, 2, 3, 4], [0, 0, 0, 0])!;
    expect(d.meanDifference).toBeCloseTo(2.5, 12);
    expect(d.statistic).toBeCloseTo(3.872983346207417, 10);
    expect(d.pValue).toBeCloseTo(0.030466291662170977, 10);
    const e = dieboldMariano([0.3, -0.1, 0.5, 0.2, -0.4, 0.6, 0.1], [0, 0, 0, 0, 0, 0, 0])!;
    expect(e.statistic).toBeCloseTo(1.3145341380123987, 10);
    expect(e.pValue).toBeCloseTo(0.23667747661443833, 10);
  });

  it('adds the lag-1 autocovariance at two steps', () => {
    // d = 1 2 4 3 5: d̄ = 3, γ0 = 2, γ1 = 0.2, long-run 2.4, DM = 3 / √(2.4 / 5); HLN factor √((5 + 1 − 4 + 2/5) / 5) = √0.48 → 3;
    // p = 2 × t₄.sf(3) = 0.0399419680717 (scipy)
    const d = dieboldMariano([1, 2, 4, 3, 5], [0, 0, 0, 0, 0], 2)!;
    expect(d.statistic).toBeCloseTo(3, 12);
    expect(d.pValue).toBeCloseTo(0.03994196807171883, 10);
  });

  it('says no difference for identical losses and refuses series that are not aligned', () => {
    expect(dieboldMariano([1, 2, 3], [1, 2, 3])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(dieboldMariano([1, 2], [1, 2])).toBeNull();
    expect(() => dieboldMariano([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('moving-block bootstrap of the MAE ratio', () => {
  it('spans the resamples a two-point series can give', () => {
    // n = 2, blocks of round(∛2) = 1: resamples (1,1) → 2/4, (3,3) → 6/4, mixed → 1, each at least 1/4 of the draws
    const r = maeRatioBootstrap([1, 3], [2, 2]);
    expect(r.value).toBe(1);
    expect(r.blockLength).toBe(1);
    expect(r.ci95).toEqual([0.5, 1.5]);
  });

  it('gives a point interval when the ratio is the same on every sample', () => {
    const naive = Array.from({ length: 200 }, (_, i) => 1 + (i % 7));
    const r = maeRatioBootstrap(
      naive.map((x) => 0.9 * x),
      naive,
    );
    expect(r.value).toBeCloseTo(0.9, 12);
    expect(r.ci95![0]).toBeCloseTo(0.9, 12);
    expect(r.ci95![1]).toBeCloseTo(0.9, 12);
    expect(r.blockLength).toBe(6); // round(200^(1/3)) = round(5.85)
  });

  it('is reproducible with its seed and holds the ratio inside its interval', () => {
    const random = mulberry32(7);
    const naive = Array.from({ length: 300 }, () => random());
    const model = naive.map((x) => x * (0.8 + 0.4 * random()));
    const a = maeRatioBootstrap(model, naive, { seed: 3 });
    expect(maeRatioBootstrap(model, naive, { seed: 3 })).toEqual(a);
    expect(a.ci95![0]).toBeLessThan(a.value!);
    expect(a.ci95![1]).toBeGreaterThan(a.value!);
    expect(maeRatioBootstrap([1], [0]).value).toBeNull();
  });

  it('reads percentiles between order statistics as numpy does', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5); // numpy.percentile([1, 2, 3, 4], 50)
    expect(percentile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
  });
});
