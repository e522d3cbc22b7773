import { describe, expect, it } from '@jest/globals';
import { hitRate, pesaranTimmermann } from './direction.tests.js';

describe('hit rate', () => {
  it('leaves out forecasts that call no move and counts a flat outcome as a miss', () => {
    const h = hitRate([0.01, -0.02, 0, 0.03], [0.02, 0.01, -0.01, 0]);
    expect(h.samples).toBe(3);
    expect(h.value).toBeCloseTo(1 / 3, 12);
    expect(h.ci95![0]).toBeCloseTo(0.06149194472039626, 10); // scipy.stats.binomtest(1, 3).proportion_ci('wilson')
    expect(h.ci95![1]).toBeCloseTo(0.7923403991979523, 10);
    expect(h.upShare).toBeCloseTo(0.5, 12);
  });

  it('has no hit rate for the naive forecast, only the up-share', () => {
    const h = hitRate([0, 0, 0], [0.01, -0.01, 0.02]);
    expect(h.value).toBeNull();
    expect(h.samples).toBe(0);
    expect(h.upShare).toBeCloseTo(2 / 3, 12);
    expect(h.ptPValue).toBeNull();
  });
});

describe('Pesaran–Timmermann', () => {
  it('gives the statistic worked out by hand', () => {
    // calls + + + + − − − −, outcomes + + + − − − − +: P = 0.75, Py = Px = 0.5, P* = 0.5,
    // V(P) = 0.25/8, V(P*) = 4 × 0.0625 / 64 → PT = 0.25 / √0.02734375 = 1.5119, p = 1 − Φ(PT) = 0.06529 (scipy)
    const pt = pesaranTimmermann([1, 1, 1, 1, -1, -1, -1, -1], [1, 1, 1, -1, -1, -1, -1, 1])!;
    expect(pt.statistic).toBeCloseTo(0.25 / Math.sqrt(0.02734375), 12);
    expect(pt.pValue).toBeCloseTo(0.0652850090578681, 10);
  });

  it('cannot test "always up"', () => {
    expect(pesaranTimmermann([1, 1, 1, 1], [1, -1, 1, 1])).toBeNull();
  });
});
