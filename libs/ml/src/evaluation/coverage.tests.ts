import { chiSquareUpperP } from './probability.distributions.js';

/** z of the two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson's score interval (95%) of a binomial proportion, `hits` of `trials`: better behaved than
 * the normal one near 0 and 1 and for small samples (Newcombe 1998), and it is what inverting
 * the score test gives. Null when there are no trials.
 */
export function wilsonInterval(hits: number, trials: number, z = Z95): [number, number] | null {
  if (trials <= 0) return null;
  const p = hits / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

/**
 * The shares of `trials` forecasts a calibrated interval of nominal coverage `nominal` (0–1)
 * lands inside 95% of the time: nominal ± z·√(nominal(1 − nominal)/n), the acceptance region of
 * the score test. A realized coverage is inside it exactly when its Wilson interval holds the
 * nominal level. For n = 1,095 at 90% it is 88.2–91.8%, T2's band.
 */
export function coverageBand(nominal: number, trials: number, z = Z95): [number, number] | null {
  if (trials <= 0) return null;
  const half = z * Math.sqrt((nominal * (1 - nominal)) / trials);
  return [nominal - half, nominal + half];
}

export type Coverage = { value: number | null; ci95: [number, number] | null; hits: number; trials: number };

/** Share of outcomes inside their intervals, with its Wilson 95% interval. */
export function coverage(inside: readonly boolean[]): Coverage {
  const hits = inside.reduce((n, x) => n + (x ? 1 : 0), 0);
  const trials = inside.length;
  return { value: trials > 0 ? hits / trials : null, ci95: wilsonInterval(hits, trials), hits, trials };
}

export type IndependenceTest = { lr: number; pValue: number };

/**
 * Christoffersen's (1998) test that misses do not cluster: a likelihood ratio of a first-order
 * Markov chain of the miss sequence against independent misses, chi-square with 1 df. A small p
 * says a miss makes the next one likelier (or less likely) than the miss rate alone says: the
 * intervals do not follow changes of volatility. Null with fewer than two observations.
 */
export function christoffersenIndependence(misses: readonly boolean[]): IndependenceTest | null {
  if (misses.length < 2) return null;
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < misses.length; t++) {
    if (misses[t - 1]) {
      if (misses[t]) n11++;
      else n10++;
    } else if (misses[t]) n01++;
    else n00++;
  }
  const pi01 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi11 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / (n00 + n01 + n10 + n11);
  const independent = xLogY(n00 + n10, 1 - pi) + xLogY(n01 + n11, pi);
  const markov = xLogY(n00, 1 - pi01) + xLogY(n01, pi01) + xLogY(n10, 1 - pi11) + xLogY(n11, pi11);
  const lr = Math.max(0, -2 * (independent - markov));
  return { lr, pValue: chiSquareUpperP(lr, 1) };
}

/** n · ln p with 0 · ln 0 = 0 (a transition never seen adds nothing to the likelihood). */
function xLogY(n: number, p: number): number {
  return n === 0 ? 0 : n * Math.log(p);
}
