import { describe, expect, it } from '@jest/globals';
import { leastSquares } from './least-squares.js';

describe('leastSquares', () => {
  it('fits a line through three points as by hand', () => {
    // x 0, 1, 2; y 1, 3, 2: slope Σ(x − 1)(y − 2) / Σ(x − 1)² = 1 / 2, intercept 2 − 1/2 = 1.5;
    // residuals −0.5, 1, −0.5: variance 1.5 / (3 − 2).
    const { coefficients, residualVariance } = leastSquares(
      [
        [1, 0],
        [1, 1],
        [1, 2],
      ],
      [1, 3, 2],
    );
    expect(coefficients[0]).toBeCloseTo(1.5, 12);
    expect(coefficients[1]).toBeCloseTo(0.5, 12);
    expect(residualVariance).toBeCloseTo(1.5, 12);
  });

  it('recovers exact coefficients of three regressors', () => {
    const rows = [
      [1, 2, 0],
      [1, -1, 3],
      [1, 0.5, 1],
      [1, 4, -2],
      [1, 0, 0],
    ];
    const y = rows.map(([a, b, c]) => 0.3 * a - 1.2 * b + 2 * c);
    const { coefficients, residualVariance } = leastSquares(rows, y);
    expect(coefficients.map((c) => Number(c.toFixed(10)))).toEqual([0.3, -1.2, 2]);
    expect(residualVariance).toBeLessThan(1e-20);
  });

  it('answers with finite numbers when two regressors are the same', () => {
    const { coefficients } = leastSquares(
      [
        [1, 2, 2],
        [1, 3, 3],
        [1, 5, 5],
      ],
      [1, 2, 3],
    );
    expect(coefficients.every(Number.isFinite)).toBe(true);
    // However the weight is split between the twins, the fit is the line's: −1/7 + 9/14 x, 8/7 at x = 2.
    expect(coefficients[0] + 2 * (coefficients[1] + coefficients[2])).toBeCloseTo(8 / 7, 4);
  });
});
