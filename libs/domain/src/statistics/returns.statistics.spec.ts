import { describe, expect, it } from '@jest/globals';
import {
  annualisationFactor,
  extremeReturns,
  histogram,
  logReturns,
  returnDistribution,
  rollingVolatility,
  type ClosePoint,
} from './returns.statistics.js';

const DAY = 86_400;
const daily = (closes: number[], start = 0): ClosePoint[] => closes.map((close, i) => ({ time: start + i * DAY, close }));

describe('log returns', () => {
  it('are ln(Cₜ/Cₜ₋₁) of consecutive candles, at the later candle', () => {
    const returns = logReturns(daily([100, 110, 99]), DAY);
    expect(returns.map((r) => r.time)).toEqual([DAY, 2 * DAY]);
    expect(returns[0].value).toBeCloseTo(Math.log(1.1), 15);
    expect(returns[1].value).toBeCloseTo(Math.log(0.9), 15);
  });

  it('skip a gap: no return spans two intervals', () => {
    const points = [...daily([100, 110]), { time: 3 * DAY, close: 121 }, { time: 4 * DAY, close: 133.1 }];
    expect(logReturns(points, DAY).map((r) => r.time)).toEqual([DAY, 4 * DAY]);
  });
});

describe('the return distribution', () => {
  it('takes the sample sd (n − 1), the adjusted skew G1 and the bias-adjusted excess kurtosis G2', () => {
    // The examples of simple-statistics' documentation, checked against scipy (bias=False).
    const d = returnDistribution([2, 4, 6, 3, 1], 5);
    expect(d.mean).toBe(3.2);
    expect(d.sd).toBeCloseTo(Math.sqrt(3.7), 14);
    expect(d.skew).toBeCloseTo(0.590128656384365, 14);
    expect(returnDistribution([1, 2, 2, 3, 5], 5).kurtosis).toBeCloseTo(1.4555765595463122, 14);
    expect([d.min, d.max]).toEqual([1, 6]);
  });

  it('leaves out what too few returns cannot say, and what returns without spread cannot', () => {
    expect(returnDistribution([], 10)).toEqual({ mean: null, sd: null, skew: null, kurtosis: null, min: null, max: null, histogram: [] });
    expect(returnDistribution([0.1], 10)).toMatchObject({ mean: 0.1, sd: null, skew: null, kurtosis: null });
    expect(returnDistribution([0.1, 0.1, 0.1, 0.1], 10)).toMatchObject({ sd: 0, skew: null, kurtosis: null });
  });
});

describe('the histogram', () => {
  it('has equal-width bins from the smallest return to the largest, the largest in the last bin', () => {
    const bins = histogram([0, 1, 2, 3, 4, 10], 5);
    expect(bins.map((b) => [b.from, b.to, b.count])).toEqual([
      [0, 2, 2],
      [2, 4, 2],
      [4, 6, 1],
      [6, 8, 0],
      [8, 10, 1],
    ]);
  });

  it('puts equal returns in one bin of width 0', () => {
    expect(histogram([0.5, 0.5], 40)).toEqual([{ from: 0.5, to: 0.5, count: 2 }]);
  });
});

describe('volatility', () => {
  it('is annualised by √(365 × candles per day)', () => {
    expect(annualisationFactor(1440)).toBe(Math.sqrt(365));
    expect(annualisationFactor(60)).toBe(Math.sqrt(365 * 24));
    expect(annualisationFactor(10080)).toBeCloseTo(Math.sqrt(365 / 7), 15);
  });

  it('rolls over `window` consecutive returns, dated by the last of them', () => {
    const returns = [0.01, -0.02, 0.03, 0.0].map((value, i) => ({ time: i, value }));
    const rolling = rollingVolatility(returns, 3, 2);
    expect(rolling.map((r) => r.time)).toEqual([2, 3]);
    const sd = (v: number[]) => {
      const m = v.reduce((a, b) => a + b) / v.length;
      return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1));
    };
    expect(rolling[0].value).toBeCloseTo(2 * sd([0.01, -0.02, 0.03]), 15);
    expect(rolling[1].value).toBeCloseTo(2 * sd([-0.02, 0.03, 0.0]), 15);
  });
});

describe('the best and worst candles', () => {
  it('are the largest returns first and the smallest first', () => {
    const returns = [0.01, -0.05, 0.2, -0.3, 0.0].map((value, i) => ({ time: i, value }));
    const { best, worst } = extremeReturns(returns, 2);
    expect(best.map((r) => r.value)).toEqual([0.2, 0.01]);
    expect(worst.map((r) => r.value)).toEqual([-0.3, -0.05]);
  });
});
