import { describe, expect, it } from '@jest/globals';
import { meanPinballLoss, pinballLoss, pitValue, winklerScore } from './quantile.scores.js';

describe('quantile scores', () => {
  it('charges the level above the quantile and one minus the level below it', () => {
    expect(pinballLoss(0.9, 1, 3)).toBeCloseTo(1.8, 12); // 0.9 × 2
    expect(pinballLoss(0.9, 1, -1)).toBeCloseTo(0.2, 12); // 0.1 × 2
    expect(pinballLoss(0.5, 1, 1)).toBe(0);
  });

  it('averages to half the absolute error for a point forecast over symmetric levels (CRPS / 2)', () => {
    // CRPS of a point forecast x for outcome y is |y − x|; (0.25 + 0.5 + 0.75) × 2 / 3 = 1 = |2| / 2
    expect(meanPinballLoss([0, 0, 0], 2, [0.25, 0.5, 0.75])).toBeCloseTo(1, 12);
  });

  it('averages over QUANTILE_LEVELS by default and refuses quantiles at other levels', () => {
    // outcome 0 against quantiles −3 … 3 at 0.05 … 0.95: losses 0.15, 0.2, 0.25, 0, 0.25, 0.2, 0.15
    expect(meanPinballLoss([-3, -2, -1, 0, 1, 2, 3], 0)).toBeCloseTo(1.2 / 7, 12);
    expect(() => meanPinballLoss([0, 1], 0)).toThrow(RangeError);
  });

  it('scores an interval by its width plus 2/α times how far it missed', () => {
    expect(winklerScore(90, -1, 1, 0)).toBeCloseTo(2, 12);
    expect(winklerScore(90, -1, 1, 2)).toBeCloseTo(22, 12); // 2 + (2 / 0.1) × 1
    expect(winklerScore(80, -1, 1, -1.5)).toBeCloseTo(7, 12); // 2 + (2 / 0.2) × 0.5
  });

  it('gives the PIT value: the level at a quantile, linear between them, an exponential tail beyond', () => {
    const q = [-3, -2, -1, 0, 1, 2, 3];
    expect(pitValue(q, 0)).toBe(0.5);
    expect(pitValue(q, -2)).toBeCloseTo(0.1, 12);
    expect(pitValue(q, 0.5)).toBeCloseTo(0.625, 12); // halfway from 0.5 to 0.75
    expect(pitValue(q, -4)).toBeCloseTo(0.05 * Math.exp(-1), 12); // one segment width below q0.05
    expect(pitValue(q, 5)).toBeCloseTo(1 - 0.05 * Math.exp(-2), 12);
    expect(pitValue(q, -1e9)).toBeGreaterThanOrEqual(0);
    expect(pitValue(q, 1e9)).toBeLessThanOrEqual(1);
  });
});
