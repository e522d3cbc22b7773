import { mulberry32 } from '../seeded.random.js';
import { studentTTwoSidedP } from './probability.distributions.js';

export type DieboldMariano = {
  /** Mean of lossA − lossB: negative when A's losses are smaller. */
  meanDifference: number;
  /** The HLN-corrected statistic, compared with Student's t with n − 1 df. */
  statistic: number;
  /** Two-sided. */
  pValue: number;
  samples: number;
};

/**
 * Diebold–Mariano test of equal expected loss for two forecasts of the same outcomes (losses
 * aligned by origin), with Harvey, Leybourne & Newbold's (1997) small-sample correction:
 * d_t = lossA_t − lossB_t; the variance of its mean from the autocovariances up to lag h − 1
 * (rectangular window: an h-step forecast's errors overlap h − 1 steps), the statistic scaled by
 * √((n + 1 − 2h + h(h − 1)/n) / n) and read against t with n − 1 df. When the rectangular sum is
 * not positive (it can be for h > 1), the lag-0 variance is used. Null with fewer than 3 pairs.
 */
export function dieboldMariano(lossA: readonly number[], lossB: readonly number[], horizon = 1): DieboldMariano | null {
  if (lossA.length !== lossB.length) throw new RangeError('the two loss series must be aligned');
  const n = lossA.length;
  if (n < 3) return null;
  const d = lossA.map((a, i) => a - lossB[i]);
  const mean = d.reduce((s, x) => s + x, 0) / n;
  const autocovariance = (lag: number): number => {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += (d[t] - mean) * (d[t - lag] - mean);
    return sum / n;
  };
  const gamma0 = autocovariance(0);
  let longRun = gamma0;
  for (let k = 1; k < horizon && k < n; k++) longRun += 2 * autocovariance(k);
  if (!(longRun > 0)) longRun = gamma0;
  if (!(longRun > 0)) {
    // Every difference is the same: no doubt about its sign, or no difference at all.
    return {
      meanDifference: mean,
      statistic: mean === 0 ? 0 : Math.sign(mean) * Number.POSITIVE_INFINITY,
      pValue: mean === 0 ? 1 : 0,
      samples: n,
    };
  }
  const dm = mean / Math.sqrt(longRun / n);
  const h = horizon;
  const statistic = dm * Math.sqrt((n + 1 - 2 * h + (h * (h - 1)) / n) / n);
  return { meanDifference: mean, statistic, pValue: studentTTwoSidedP(statistic, n - 1), samples: n };
}

export type RatioEstimate = { value: number | null; ci95: [number, number] | null; blockLength: number; replicates: number };

export type BootstrapOptions = {
  /** Resamples drawn; 2,000 by default. */
  replicates?: number;
  /** Seed of the generator: the same inputs and seed give the same interval. */
  seed?: number;
  /** Length of the moving blocks; round(n^(1/3)) by default (Hall, Horowitz & Jing 1995). */
  blockLength?: number;
};

/**
 * Ratio of the mean absolute errors of a model and of a comparator (the naive forecast) on the
 * same outcomes, with a 95% percentile interval from a moving-block bootstrap (Künsch 1989):
 * blocks of consecutive pairs keep the errors' serial dependence (volatility clustering) that
 * an i.i.d. bootstrap would throw away and so understate the interval.
 */
export function maeRatioBootstrap(
  modelErrors: readonly number[],
  naiveErrors: readonly number[],
  options: BootstrapOptions = {},
): RatioEstimate {
  if (modelErrors.length !== naiveErrors.length) throw new RangeError('the two error series must be aligned');
  const n = modelErrors.length;
  const replicates = options.replicates ?? 2000;
  const blockLength = Math.min(n, Math.max(1, options.blockLength ?? Math.round(Math.cbrt(n))));
  const a = modelErrors.map(Math.abs);
  const b = naiveErrors.map(Math.abs);
  const sumB = b.reduce((s, x) => s + x, 0);
  if (n === 0 || sumB === 0) return { value: null, ci95: null, blockLength, replicates };
  const value = a.reduce((s, x) => s + x, 0) / sumB;
  const random = mulberry32(options.seed ?? 1);
  const starts = n - blockLength + 1;
  const ratios: number[] = [];
  for (let r = 0; r < replicates; r++) {
    let sa = 0;
    let sb = 0;
    for (let filled = 0; filled < n;) {
      const start = Math.floor(random() * starts);
      for (let k = 0; k < blockLength && filled < n; k++, filled++) {
        sa += a[start + k];
        sb += b[start + k];
      }
    }
    if (sb > 0) ratios.push(sa / sb);
  }
  if (ratios.length === 0) return { value, ci95: null, blockLength, replicates };
  ratios.sort((x, y) => x - y);
  return { value, ci95: [percentile(ratios, 0.025), percentile(ratios, 0.975)], blockLength, replicates };
}

/** The p-quantile of sorted values, linear between order statistics (type 7, as R and numpy default). */
export function percentile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}
