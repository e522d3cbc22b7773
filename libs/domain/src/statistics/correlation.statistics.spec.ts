import { describe, expect, it } from '@jest/globals';
import { correlationMatrix } from './correlation.statistics.js';

describe('the correlation matrix', () => {
  it('is Pearson’s r of every pair, symmetric, 1 on the diagonal', () => {
    const m = correlationMatrix([
      [1, 2, 3, 4],
      [2, 4, 6, 8.5],
      [4, 3, 2, 1],
    ]);
    expect(m[0][0]).toBe(1);
    expect(m[0][2]).toBeCloseTo(-1, 15);
    expect(m[0][1]).toBe(m[1][0]);
    // Σdxdy / √(Σdx² Σdy²) by hand: 10.75 / √(5 × 23.1875).
    expect(m[0][1]).toBeCloseTo(10.75 / Math.sqrt(5 * 23.1875), 14);
  });

  it('is undefined (null) for a series without spread', () => {
    expect(
      correlationMatrix([
        [1, 2, 3],
        [5, 5, 5],
      ]),
    ).toEqual([
      [1, null],
      [null, null],
    ]);
  });
});
