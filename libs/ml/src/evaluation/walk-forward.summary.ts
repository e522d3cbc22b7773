import {
  INTERVAL_LEVELS,
  QUANTILE_LEVELS,
  type BacktestFigures,
  type BacktestSummary,
  type Edge,
  type Estimate,
  type ReturnDistribution,
} from '#libs/domain';
import type { WalkForwardRecord } from '../forecasting/forecaster.js';
import { christoffersenIndependence, coverage } from './coverage.tests.js';
import { hitRate } from './direction.tests.js';
import { dieboldMariano, maeRatioBootstrap } from './forecast.comparison.js';
import { meanPinballLoss, pinballLoss, winklerScore } from './quantile.scores.js';
import { ewmaVarianceForecasts, qlike, r2LogRange, r2OutOfSample } from './volatility.scores.js';

export type SummaryOptions = {
  /** Origins per segment; 365 by default. */
  segment?: number;
  /** Seconds between candles; read from the records' times when absent. */
  stepSeconds?: number;
  /** Seed of the MAE ratio's bootstrap; 1 by default, so a summary of the same records is the same. */
  seed?: number;
};

/** λ of the EWMA (RiskMetrics) variance that the volatility forecasts are compared with (T5). */
export const EWMA_LAMBDA = 0.94;
/** Realized returns that start the EWMA comparator; their origins are left out of the QLIKE comparison. */
export const EWMA_WARMUP = 30;

const MEDIAN = QUANTILE_LEVELS.indexOf(0.5);

/**
 * The figures of a walk-forward (BacktestSummary): one-step figures over every origin whose next
 * candle is known, the 90% coverage per horizon step, and the same one-step figures per segment
 * of `segment` consecutive origins. Records whose step-1 actual is null are left out.
 *
 * In log returns, except the MAE ratio: it is on prices (lastClose × e^return, the naive price
 * being lastClose), as the old MASE was. The QLIKE comparator is EWMA(0.94) of the records' own
 * step-1 returns, each forecast from returns realized before its origin only; it starts from
 * the mean square of the first EWMA_WARMUP returns, whose origins the QLIKE comparison leaves out.
 */
export function summarizeWalkForward(records: readonly WalkForwardRecord[], options: SummaryOptions = {}): BacktestSummary {
  const segment = Math.max(1, Math.floor(options.segment ?? 365));
  const realized = records.filter((r) => r.steps.length > 0 && isNumber(r.actual[0])).sort((a, b) => a.origin - b.origin);
  const stepSeconds = options.stepSeconds ?? typicalGap(realized.map((r) => r.time));
  const ewma = ewmaComparator(realized);
  const seed = options.seed ?? 1;
  const segments: BacktestFigures[] = [];
  for (let from = 0; from < realized.length; from += segment) {
    segments.push(figures(realized.slice(from, from + segment), ewma.slice(from, from + segment), stepSeconds, seed));
  }
  return { ...figures(realized, ewma, stepSeconds, seed), segments };
}

/** What the served median claims against the naive forecast (T1): nothing unless DM says so at 5%. */
export function edgeOf(summary: BacktestFigures): Edge {
  const { value, ci95, dmPValue } = summary.relMae;
  const significant = dmPValue !== null && dmPValue < 0.05 && value !== null && value !== 1;
  return {
    vsNaive: significant ? (value < 1 ? 'better' : 'worse') : 'none',
    relMae: value,
    ci95,
    dmPValue,
    samples: summary.samples,
  };
}

/** The mean pinball loss over QUANTILE_LEVELS of each origin's step-1 forecast, for tests on aligned origins. */
export type OriginLoss = { time: number; pinball: number };

export function originLosses(records: readonly WalkForwardRecord[]): OriginLoss[] {
  return records
    .filter((r) => r.steps.length > 0 && isNumber(r.actual[0]))
    .map((r) => ({ time: r.time, pinball: meanPinballLoss(r.steps[0].quantiles, r.actual[0]!) }));
}

function figures(
  records: readonly WalkForwardRecord[],
  ewmaVariance: readonly (number | null)[],
  stepSeconds: number,
  seed: number,
): BacktestFigures {
  const n = records.length;
  const first: ReturnDistribution[] = records.map((r) => r.steps[0]);
  const actual = records.map((r) => r.actual[0]!);
  const median = first.map((s) => s.quantiles[MEDIAN]);

  const modelErrors = records.map((r, i) => Math.abs(r.lastClose * Math.exp(actual[i]) - r.lastClose * Math.exp(median[i])));
  const naiveErrors = records.map((r, i) => Math.abs(r.lastClose * Math.exp(actual[i]) - r.lastClose));
  const ratio = maeRatioBootstrap(modelErrors, naiveErrors, { seed });
  const dm = dieboldMariano(modelErrors, naiveErrors, 1);

  const hits = hitRate(median, actual);

  const coverageByLevel = INTERVAL_LEVELS.map((level) => {
    const inside = first.map((s, i) => {
      const interval = s.intervals.find((x) => x.level === level);
      return interval !== undefined && interval.lower <= actual[i] && actual[i] <= interval.upper;
    });
    const c = coverage(inside);
    return {
      level,
      value: c.value,
      ci95: c.ci95,
      christoffersenP: christoffersenIndependence(inside.map((x) => !x))?.pValue ?? null,
    };
  });

  const horizon = records.reduce((h, r) => Math.max(h, r.steps.length), 0);
  const coverage90ByStep = Array.from({ length: horizon }, (_, h) => {
    const inside: boolean[] = [];
    for (const r of records) {
      const a = r.actual[h];
      const interval = r.steps[h]?.intervals.find((x) => x.level === 90);
      if (isNumber(a) && interval !== undefined) inside.push(interval.lower <= a && a <= interval.upper);
    }
    return coverage(inside).value;
  });

  const winkler = first.map((s, i) => {
    const interval = s.intervals.find((x) => x.level === 90);
    return interval === undefined ? Number.NaN : winklerScore(90, interval.lower, interval.upper, actual[i]);
  });

  const pinballByQuantile = QUANTILE_LEVELS.map((level, k) =>
    meanOrNull(first.map((s, i) => pinballLoss(level, s.quantiles[k], actual[i]))),
  );
  const pinball = meanOrNull(first.map((s, i) => meanPinballLoss(s.quantiles, actual[i])));

  const modelQlike: number[] = [];
  const ewmaQlike: number[] = [];
  for (let i = 0; i < n; i++) {
    const comparator = ewmaVariance[i];
    if (comparator === null || !(first[i].sigma > 0) || !(comparator > 0)) continue;
    modelQlike.push(qlike(first[i].sigma ** 2, actual[i] ** 2));
    ewmaQlike.push(qlike(comparator, actual[i] ** 2));
  }

  return {
    samples: n,
    from: n > 0 ? records[0].time + stepSeconds : 0,
    to: n > 0 ? records[n - 1].time + stepSeconds : 0,
    relMae: { ...estimate(ratio.value, ratio.ci95), dmPValue: dm?.pValue ?? null },
    hitRate: { ...estimate(hits.value, hits.ci95), samples: hits.samples, ptPValue: hits.ptPValue, upShare: hits.upShare },
    coverage: coverageByLevel,
    coverage90ByStep,
    winkler90: meanOrNull(winkler),
    pinball,
    pinballByQuantile,
    qlike: {
      model: meanOrNull(modelQlike),
      ewma: meanOrNull(ewmaQlike),
      dmPValue: dieboldMariano(modelQlike, ewmaQlike, 1)?.pValue ?? null,
    },
    r2Returns: finiteOrNull(r2OutOfSample(median, actual)),
    r2LogRange: finiteOrNull(
      r2LogRange(
        first.map((s) => s.expectedRange),
        records.map((r) => r.actualRange[0] ?? Number.NaN),
      ),
    ),
  };
}

/** EWMA(0.94) variance forecast of each record's step-1 return from the returns before it; null during the warm-up. */
function ewmaComparator(records: readonly WalkForwardRecord[]): (number | null)[] {
  if (records.length <= EWMA_WARMUP) return records.map(() => null);
  const returns = records.map((r) => r.actual[0]!);
  const initial = returns.slice(0, EWMA_WARMUP).reduce((s, r) => s + r * r, 0) / EWMA_WARMUP;
  const forecasts = ewmaVarianceForecasts(returns.slice(EWMA_WARMUP), EWMA_LAMBDA, initial);
  return [...Array<null>(EWMA_WARMUP).fill(null), ...forecasts];
}

/** The median gap between consecutive times: the candle length of a walk-forward over consecutive origins. */
function typicalGap(times: readonly number[]): number {
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i])
    .sort((a, b) => a - b);
  return gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : 0;
}

function estimate(value: number | null, ci95: [number, number] | null): Estimate {
  return { value: finiteOrNull(value), ci95: ci95 !== null && ci95.every(Number.isFinite) ? ci95 : null };
}

function meanOrNull(values: readonly number[]): number | null {
  const finite = values.filter(Number.isFinite);
  return finite.length > 0 ? finite.reduce((s, x) => s + x, 0) / finite.length : null;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
