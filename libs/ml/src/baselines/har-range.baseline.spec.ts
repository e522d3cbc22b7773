import { describe, expect, it } from '@jest/globals';
import { gaussian, mulberry32 } from '../seeded.random.js';
import type { Deseasonalized } from './baseline.model.js';
import { harRangeModel } from './har-range.baseline.js';

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Log ranges from a known log-HAR with Gaussian noise, and returns of the matching scale. */
function harData(n: number, b: number[], noise: number, seed: number): Deseasonalized {
  const random = mulberry32(seed);
  const log: number[] = Array.from({ length: 30 }, () => -4 + 0.3 * gaussian(random));
  while (log.length < n) {
    const t = log.length - 1;
    const m7 = mean(log.slice(t - 6, t + 1));
    const m30 = mean(log.slice(t - 29, t + 1));
    log.push(b[0] + b[1] * log[t] + b[2] * m7 + b[3] * m30 + noise * gaussian(random));
  }
  const range = Float64Array.from(log, Math.exp);
  const returns = Float64Array.from(range, (r, i) => (i === 0 ? 0 : (r / 1.67) * gaussian(random)));
  return { returns, range };
}

describe('log-HAR on the range', () => {
  it('recovers the coefficients of a simulated log-HAR', () => {
    const b = [-0.8, 0.35, 0.3, 0.15];
    const params = harRangeModel.fit(harData(3000, b, 0.3, 1), { from: 0, to: 2999 }, { window: 3000 });
    params.coefficients.forEach((c, i) => expect(Math.abs(c - b[i])).toBeLessThan(i === 0 ? 0.35 : 0.1));
    expect(params.residualVariance).toBeGreaterThan(0.3 ** 2 * 0.9);
    expect(params.residualVariance).toBeLessThan(0.3 ** 2 * 1.1);
  });

  it('fits on the last `window` candles of the range only', () => {
    const data = harData(2000, [-0.8, 0.35, 0.3, 0.15], 0.3, 2);
    const all = harRangeModel.fit(data, { from: 0, to: 1999 }, { window: 500 });
    // Scrambling what lies before the window's first target's 30-candle context changes nothing.
    const early = { returns: data.returns.slice(), range: data.range.slice() };
    for (let i = 0; i < 1400; i++) early.range[i] = 0.5;
    expect(harRangeModel.fit(early, { from: 0, to: 1999 }, { window: 500 })).toEqual(all);
  });

  it('forecasts step 1 from the last 1, 7 and 30 log ranges, and step 2 from step 1 put in their place', () => {
    const range = new Float64Array(40).fill(0.02);
    range[39] = 0.04;
    const data = { returns: new Float64Array(40), range };
    const params = { coefficients: [0.1, 0.5, 0.2, 0.2], residualVariance: 0.04, varianceScale: 1.5 };
    const { variance, range: forecast } = harRangeModel.forecast(data, 39, 2, params, { window: 1500 });
    const [a, b] = [Math.log(0.02), Math.log(0.04)];
    const m1 = 0.1 + 0.5 * b + 0.2 * ((6 * a + b) / 7) + 0.2 * ((29 * a + b) / 30);
    const m2 = 0.1 + 0.5 * m1 + 0.2 * ((5 * a + b + m1) / 7) + 0.2 * ((28 * a + b + m1) / 30);
    expect(forecast[0]).toBeCloseTo(Math.exp(m1), 12);
    expect(forecast[1]).toBeCloseTo(Math.exp(m2), 12);
    // Parkinson: σ² = E[R²] / (4 ln 2), E[R²] = exp(2m + 2s²) for a lognormal range, times the scale.
    expect(variance[0]).toBeCloseTo((1.5 * Math.exp(2 * m1 + 2 * 0.04)) / (4 * Math.log(2)), 14);
  });
});
