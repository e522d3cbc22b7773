import type { CandleSeries } from '../candle.series.js';
import type { SeriesFeatures } from './series.features.js';

const DAY = 86_400;
const HOUR = 3_600;
/** Candles an hour needs before its own level is trusted; fewer and it counts as average. */
const MIN_PER_HOUR = 10;

/**
 * Variance multipliers by hour of day (UTC, of the candle's open), 24 of them, averaging 1 over
 * the candles they were estimated on; null for daily and longer series, which have none. Hourly
 * crypto variance peaks with the US session (max/min 2.5–2.8×, FORECAST.md): a model that ignores
 * it gives every hour the same interval, too wide at night and too narrow at 15:00.
 */
export type HourProfile = number[] | null;

/**
 * The profile of the candles `from … to` only (the fit range): the mean log range per hour
 * against the overall mean, squared into a variance ratio. Logarithms, so that one crash hour
 * does not make its hour of day look volatile forever.
 */
export function fitHourProfile(series: CandleSeries, features: SeriesFeatures, from: number, to: number, stepSeconds: number): HourProfile {
  if (stepSeconds >= DAY) return null;
  const sums = new Float64Array(24);
  const counts = new Float64Array(24);
  let total = 0;
  for (let i = from; i <= to; i++) {
    const hour = hourOf(series.time[i]);
    const value = Math.log(features.range[i]);
    sums[hour] += value;
    counts[hour]++;
    total += value;
  }
  const mean = total / (to - from + 1);
  const profile = Array.from({ length: 24 }, (_, hour) =>
    counts[hour] >= MIN_PER_HOUR ? Math.exp(2 * (sums[hour] / counts[hour] - mean)) : 1,
  );
  // Rescaled so that the candles it was fitted on average 1: σ keeps the model's level.
  let weighted = 0;
  let count = 0;
  for (let hour = 0; hour < 24; hour++) {
    weighted += profile[hour] * counts[hour];
    count += counts[hour];
  }
  return profile.map((value) => value / (weighted / count));
}

/** The variance multiplier of a candle opening at `time` (1 without a profile). */
export function hourFactor(profile: HourProfile, time: number): number {
  return profile === null ? 1 : profile[hourOf(time)];
}

function hourOf(time: number): number {
  return Math.floor((((time % DAY) + DAY) % DAY) / HOUR);
}
