import { describe, expect, it } from '@jest/globals';
import { christoffersenIndependence, coverage, coverageBand, wilsonInterval } from './coverage.tests.js';

describe('coverage tests', () => {
  it("gives Wilson's interval of the published examples", () => {
    // Newcombe (1998), Stat Med 17:857, table I, method 3: 81/263 → 0.2553–0.3662; 0/20 → 0–0.1611
    const [low, high] = wilsonInterval(81, 263)!;
    expect(low).toBeCloseTo(0.2552885198782742, 10); // scipy.stats.binomtest(81, 263).proportion_ci('wilson')
    expect(high).toBeCloseTo(0.36620957698280004, 10);
    const [zeroLow, zeroHigh] = wilsonInterval(0, 20)!;
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(3.8414588206941236 / (20 + 3.8414588206941236), 12); // z² / (n + z²)
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("gives FORECAST.md's T2 bands for 1,095 forecasts", () => {
    const within = (band: [number, number] | null): number[] => band!.map((x) => Math.round(x * 1000) / 10);
    expect(within(coverageBand(0.8, 1095))).toEqual([77.6, 82.4]);
    expect(within(coverageBand(0.9, 1095))).toEqual([88.2, 91.8]);
    expect(within(coverageBand(0.95, 1095))).toEqual([93.7, 96.3]);
    expect(within(coverageBand(0.9, 365))).toEqual([86.9, 93.1]);
  });

  it('counts the share of outcomes inside with its interval', () => {
    const c = coverage([true, false, true]);
    expect(c.value).toBeCloseTo(2 / 3, 12);
    expect(c.ci95![0]).toBeCloseTo(1 - 0.7923403991979523, 10); // 1 − upper of Wilson(1/3), scipy
    expect(coverage([]).value).toBeNull();
  });

  it("computes Christoffersen's likelihood ratio from the transition counts", () => {
    // misses F F T T F F F T T F: n00 = 3, n01 = 2, n10 = 2, n11 = 2, π01 = 0.4, π11 = 0.5, π = 4/9;
    // LR = −2 [5 ln(5/9) + 4 ln(4/9) − 3 ln 0.6 − 2 ln 0.4 − 4 ln 0.5] = 0.0900142641797, p = 0.76416 (scipy chi2.sf)
    const test = christoffersenIndependence([false, false, true, true, false, false, false, true, true, false])!;
    expect(test.lr).toBeCloseTo(0.09001426417969327, 10);
    expect(test.pValue).toBeCloseTo(0.7641590224574418, 8);
  });

  it('finds clustered misses and gives p = 1 without a miss', () => {
    const clustered = [...Array<boolean>(40).fill(false), ...Array<boolean>(8).fill(true), ...Array<boolean>(40).fill(false)];
    expect(christoffersenIndependence(clustered)!.pValue).toBeLessThan(0.001);
    expect(christoffersenIndependence([false, false, false])).toEqual({ lr: 0, pValue: 1 });
    expect(christoffersenIndependence([true])).toBeNull();
  });
});
