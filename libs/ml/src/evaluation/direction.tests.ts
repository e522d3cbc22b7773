import { wilsonInterval } from './coverage.tests.js';
import { normalCdf } from './probability.distributions.js';

export type HitRate = {
  /** Share of right directions among the forecasts that called a move; null when none did. */
  value: number | null;
  ci95: [number, number] | null;
  /** Forecasts that called a move (the hit rate's denominator). */
  samples: number;
  /** Share of up moves among all outcomes: what "always up" scores. Null without outcomes. */
  upShare: number | null;
  /** Pesaran–Timmermann's one-sided p that the directions called beat independence; null when undefined. */
  ptPValue: number | null;
};

/**
 * Directional accuracy of forecast moves (e.g. median log returns) against realized moves. A
 * forecast of no move (0) calls no direction and is left out: a naive model has no hit rate,
 * not a 0% one. A realized move of exactly 0 is a miss for either call, and not an up move.
 */
export function hitRate(forecast: readonly number[], actual: readonly number[]): HitRate {
  if (forecast.length !== actual.length) throw new RangeError('forecasts and outcomes must be aligned');
  let called = 0;
  let hits = 0;
  let ups = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] > 0) ups++;
    if (forecast[i] === 0 || !Number.isFinite(forecast[i])) continue;
    called++;
    if (Math.sign(forecast[i]) === Math.sign(actual[i])) hits++;
  }
  const pt = pesaranTimmermann(forecast, actual);
  return {
    value: called > 0 ? hits / called : null,
    ci95: wilsonInterval(hits, called),
    samples: called,
    upShare: actual.length > 0 ? ups / actual.length : null,
    ptPValue: pt?.pValue ?? null,
  };
}

/**
 * Pesaran & Timmermann's (1992) test of market timing on the forecasts that called a move:
 * (P − P*) / √(V(P) − V(P*)), P the hit rate, P* the hit rate if calls and outcomes were
 * independent with the same up-shares; standard normal, one-sided (skill means P > P*). Null
 * when the variance vanishes (every call the same direction, or every outcome).
 */
export function pesaranTimmermann(forecast: readonly number[], actual: readonly number[]): { statistic: number; pValue: number } | null {
  let n = 0;
  let hits = 0;
  let upCalls = 0;
  let upOutcomes = 0;
  for (let i = 0; i < actual.length; i++) {
    if (forecast[i] === 0 || !Number.isFinite(forecast[i])) continue;
    n++;
    const up = actual[i] > 0;
    if (forecast[i] > 0) upCalls++;
    if (up) upOutcomes++;
    if (forecast[i] > 0 === up) hits++;
  }
  if (n < 2) return null;
  const p = hits / n;
  const py = upOutcomes / n;
  const px = upCalls / n;
  const pStar = py * px + (1 - py) * (1 - px);
  const varP = (pStar * (1 - pStar)) / n;
  const varPStar =
    ((2 * py - 1) ** 2 * px * (1 - px)) / n + ((2 * px - 1) ** 2 * py * (1 - py)) / n + (4 * py * px * (1 - py) * (1 - px)) / (n * n);
  const variance = varP - varPStar;
  if (!(variance > 1e-15)) return null;
  const statistic = (p - pStar) / Math.sqrt(variance);
  return { statistic, pValue: 1 - normalCdf(statistic) };
}
