import { describe, expect, it } from '@jest/globals';
import { gaussian, mulberry32 } from '../seeded.random.js';
import { fitGarch } from './garch.baseline.js';

/** Returns of a GARCH(1,1) with Gaussian innovations. */
function simulate(n: number, omega: number, alpha: number, beta: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  const returns = new Float64Array(n);
  let variance = omega / (1 - alpha - beta);
  for (let i = 0; i < n; i++) {
    returns[i] = Math.sqrt(variance) * gaussian(random);
    variance = omega + alpha * returns[i] ** 2 + beta * variance;
  }
  return returns;
}

describe('GARCH(1,1) by QMLE', () => {
  it.each([
    [0.1, 0.85],
    [0.05, 0.93],
    [0.2, 0.6],
  ])('recovers α %s and β %s of simulated series roughly', (alpha, beta) => {
    const omega = 2e-5;
    // Four paths of 4,000: one path can hold a burst that its own likelihood rightly reads as more α.
    const fits = [1, 2, 3, 4].map((seed) => fitGarch(simulate(4000, omega, alpha, beta, seed)));
    const mean = (pick: (f: (typeof fits)[number]) => number) => fits.reduce((sum, f) => sum + pick(f), 0) / fits.length;
    expect(Math.abs(mean((f) => f.alpha) - alpha)).toBeLessThan(0.03);
    expect(Math.abs(mean((f) => f.beta) - beta)).toBeLessThan(0.06);
    for (const fitted of fits) {
      expect(fitted.alpha + fitted.beta).toBeLessThan(1);
      expect(fitted.omega / (1 - fitted.alpha - fitted.beta)).toBeCloseTo(fitted.variance, 12);
      expect(fitted.variance / (omega / (1 - alpha - beta))).toBeGreaterThan(0.7);
      expect(fitted.variance / (omega / (1 - alpha - beta))).toBeLessThan(1.4);
    }
  });

  it('finds little persistence in returns that have none', () => {
    const random = mulberry32(5);
    const fitted = fitGarch(Float64Array.from({ length: 3000 }, () => 0.01 * gaussian(random)));
    // α near 0; β is then unidentified, which is harmless as long as α stays small.
    expect(fitted.alpha).toBeLessThan(0.03);
    expect(fitted.alpha + fitted.beta).toBeLessThan(1);
  });
});
