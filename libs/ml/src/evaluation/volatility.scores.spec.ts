import { describe, expect, it } from '@jest/globals';
import { ewmaVarianceForecasts, qlike, r2LogRange, r2OutOfSample, varianceSquaredError } from './volatility.scores.js';

describe('volatility scores', () => {
  it('gives QLIKE and MSE of a variance forecast', () => {
    expect(qlike(2, 2)).toBeCloseTo(Math.log(2) + 1, 12);
    expect(qlike(0.5, 0)).toBeCloseTo(Math.log(0.5), 12); // finite on a flat close
    expect(varianceSquaredError(2, 5)).toBe(9);
  });

  it('is smallest in expectation at the true variance (the mean of the proxies)', () => {
    const proxies = [1, 3];
    const meanQlike = (h: number): number => proxies.reduce((s, p) => s + qlike(h, p), 0) / proxies.length;
    expect(meanQlike(2)).toBeLessThan(meanQlike(1.9));
    expect(meanQlike(2)).toBeLessThan(meanQlike(2.1));
  });

  it('gives R² out of sample against the zero forecast: 0 for it, 0.6 here by hand', () => {
    // residual 0.01² + 0.01² = 0.0002, total 0.02² + 0.01² = 0.0005
    expect(r2OutOfSample([0.01, 0], [0.02, -0.01])).toBeCloseTo(0.6, 12);
    expect(r2OutOfSample([0, 0], [0.02, -0.01])).toBe(0);
    expect(r2OutOfSample([0], [0])).toBeNull();
  });

  it('gives R² of log range as the squared correlation, blind to a constant factor', () => {
    const expected = [0.02, 0.03, 0.05, 0.04, 0.025];
    const actual = [0.018, 0.04, 0.045, 0.03, 0.03];
    expect(r2LogRange(expected, actual)).toBeCloseTo(0.6190466459814005, 10); // numpy.corrcoef(log x, log y)[0, 1]²
    expect(
      r2LogRange(
        expected.map((x) => 1.3 * x),
        actual,
      ),
    ).toBeCloseTo(0.6190466459814005, 10);
    expect(r2LogRange([...expected, 0.1], [...actual, 0])).toBeCloseTo(0.6190466459814005, 10); // a flat candle is left out
  });

  it('forecasts each EWMA variance from the returns before it only', () => {
    const f = ewmaVarianceForecasts([0.1, 0.2, 0.5], 0.94, 0.02);
    expect(f[0]).toBe(0.02);
    expect(f[1]).toBeCloseTo(0.94 * 0.02 + 0.06 * 0.01, 15);
    expect(f[2]).toBeCloseTo(0.94 * f[1] + 0.06 * 0.04, 15);
  });
});
