import { describe, expect, it } from 'vitest';
import { formatLoss, lossSeries } from './loss-series.ts';

describe('lossSeries', () => {
  it('gives one point per epoch for each curve, in epoch order', () => {
    const series = lossSeries([
      { epoch: 2, loss: 0.2, valLoss: 0.25 },
      { epoch: 1, loss: 0.4, valLoss: 0.5 },
      { epoch: 3, loss: 0.1, valLoss: 0.2 },
    ]);
    expect(series.loss).toEqual([
      { time: 1, value: 0.4 },
      { time: 2, value: 0.2 },
      { time: 3, value: 0.1 },
    ]);
    expect(series.valLoss.map((p) => p.value)).toEqual([0.5, 0.25, 0.2]);
  });

  it('keeps the last report of a repeated epoch and drops values the chart cannot draw', () => {
    const series = lossSeries([
      { epoch: 1, loss: 0.9, valLoss: 0.9 },
      { epoch: 1, loss: 0.4, valLoss: Number.NaN },
      { epoch: 2, loss: Number.POSITIVE_INFINITY, valLoss: 0.3 },
    ]);
    expect(series.loss).toEqual([{ time: 1, value: 0.4 }]);
    expect(series.valLoss).toEqual([{ time: 2, value: 0.3 }]);
  });

  it('is empty for an empty history', () => {
    expect(lossSeries([])).toEqual({ loss: [], valLoss: [] });
  });
});

describe('formatLoss', () => {
  it('reads small losses in exponent form and others with four digits', () => {
    expect(formatLoss(0.00021)).toBe('2.100e-4');
    expect(formatLoss(0.0123456)).toBe('0.01235');
    expect(formatLoss(null)).toBe('—');
    expect(formatLoss(Number.NaN)).toBe('—');
  });
});
