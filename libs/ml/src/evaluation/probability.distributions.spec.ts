import { describe, expect, it } from '@jest/globals';
import {
  chiSquareCdf,
  chiSquareUpperP,
  lnGamma,
  normalCdf,
  regularizedBeta,
  regularizedGammaP,
  studentTCdf,
  studentTTwoSidedP,
} from './probability.distributions.js';

// Reference values are closed forms, printed tables, or scipy 1.17 (an independent implementation: Cephes),
// as each comment says.
describe('probability distributions', () => {
  it('gives ln Γ at the integers and at one half', () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 12); // Γ(5) = 4!
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12); // Γ(1/2) = √π
    expect(lnGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 12); // Γ(1/4), Abramowitz & Stegun 6.1.10
  });

  it('matches the closed forms of the incomplete beta and gamma functions', () => {
    expect(regularizedBeta(0.3, 2.5, 1)).toBeCloseTo(0.3 ** 2.5, 12); // I_x(a, 1) = x^a
    expect(regularizedBeta(0.3, 1, 4)).toBeCloseTo(1 - 0.7 ** 4, 12); // I_x(1, b) = 1 − (1 − x)^b
    expect(regularizedBeta(0.5, 7, 7)).toBeCloseTo(0.5, 12); // symmetry
    expect(regularizedBeta(0.3, 2.5, 4)).toBeCloseTo(0.3521975859067672, 12); // scipy.special.betainc(2.5, 4, 0.3)
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12); // P(1, x) = 1 − e^−x
    expect(regularizedGammaP(3.3, 2.1)).toBeCloseTo(0.2833396064122837, 12); // scipy.special.gammainc(3.3, 2.1)
    expect((1 - regularizedGammaP(3.3, 20)) / 8.472401715630019e-7).toBeCloseTo(1, 9); // scipy.special.gammaincc(3.3, 20): the continued-fraction side
  });

  it('gives the normal CDF of the printed table', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(1.2345)).toBeCloseTo(0.8914916766373298, 12); // scipy.stats.norm.cdf
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 12);
  });

  it("gives Student's t CDF: the closed forms for 1 and 2 df, and the tables", () => {
    for (const t of [-3, -0.4, 0.9, 12.7]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 12); // Cauchy
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 12);
    }
    expect(studentTCdf(2.228138851986274, 10)).toBeCloseTo(0.975, 12); // t(0.975, 10), the t table
    expect(studentTCdf(2, 5)).toBeCloseTo(0.9490302605850708, 12); // scipy.stats.t.cdf(2, 5)
    expect(studentTCdf(-1.5, 30)).toBeCloseTo(0.072032964564323, 12); // scipy.stats.t.cdf(-1.5, 30)
    expect(studentTCdf(0.7, 3.5)).toBeCloseTo(0.7361829288271606, 12); // scipy, fractional df
    expect(studentTTwoSidedP(-2.228138851986274, 10)).toBeCloseTo(0.05, 12);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it('gives the chi-square CDF: the closed form for 2 df and the tables', () => {
    expect(chiSquareCdf(3, 2)).toBeCloseTo(1 - Math.exp(-1.5), 12); // exponential with mean 2
    expect(chiSquareUpperP(3.841458820694124, 1)).toBeCloseTo(0.05, 12); // χ²(0.95, 1)
    expect(chiSquareCdf(7, 3)).toBeCloseTo(0.9281022275035349, 12); // scipy.stats.chi2.cdf(7, 3)
    expect(chiSquareUpperP(50, 4) / 3.610865404890647e-10).toBeCloseTo(1, 10); // scipy.stats.chi2.sf(50, 4): tiny tails keep their digits
    expect(chiSquareUpperP(0, 1)).toBe(1);
  });
});
