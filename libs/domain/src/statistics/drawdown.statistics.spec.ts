import { describe, expect, it } from '@jest/globals';
import { drawdown } from './drawdown.statistics.js';

const points = (closes: number[]) => closes.map((close, time) => ({ time, close }));

describe('the maximum drawdown', () => {
  it('is the deepest fall from a running peak, with the peak, the trough and the recovery', () => {
    const d = drawdown(points([100, 120, 90, 60, 100, 130, 110]));
    expect(d.max).toBeCloseTo(60 / 120 - 1, 15);
    expect([d.peak, d.trough, d.recovered]).toEqual([1, 3, 5]);
    expect(d.series.map((p) => p.value)).toEqual([0, 0, 90 / 120 - 1, 60 / 120 - 1, 100 / 120 - 1, 0, 110 / 130 - 1]);
  });

  it('says it has not recovered while no close regained the peak', () => {
    expect(drawdown(points([10, 8, 9]))).toMatchObject({ max: 8 / 10 - 1, peak: 0, trough: 1, recovered: null });
  });

  it('is 0 without a peak or trough for closes that never fell', () => {
    expect(drawdown(points([1, 2, 3]))).toMatchObject({ max: 0, peak: null, trough: null, recovered: null });
  });
});
