import type { CandleSeries } from './candle.series.js';
import { gaussian, mulberry32, studentT } from './seeded.random.js';

export type SyntheticOptions = {
  n: number;
  seed: number;
  /** Seconds between candles (86,400 daily). */
  stepSeconds?: number;
  /** Open time of the first candle, unix seconds. */
  start?: number;
  /** σ of candle i's log return. */
  sigma: (i: number, time: number) => number;
  /** Student-t degrees of freedom of the returns (unit variance); Gaussian when absent. */
  nu?: number;
};

/**
 * A seeded random-walk series with a known volatility, for the specs: returns σ·ε with ε of unit
 * variance, ranges of the same scale. What a calibration or a volatility model should recover.
 */
export function syntheticSeries(options: SyntheticOptions): CandleSeries {
  const { n, seed, stepSeconds = 86_400, start = 1_600_000_000 - (1_600_000_000 % 86_400), sigma, nu } = options;
  const random = mulberry32(seed);
  const series: CandleSeries = {
    time: [],
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n).fill(1),
    closeText: [],
  };
  let close = 100;
  for (let i = 0; i < n; i++) {
    const time = start + i * stepSeconds;
    const s = sigma(i, time);
    const open = close;
    close = open * Math.exp(s * (nu === undefined ? gaussian(random) : studentT(random, nu, true)));
    series.time.push(time);
    series.open[i] = open;
    series.close[i] = close;
    series.high[i] = Math.max(open, close) * Math.exp(0.5 * s * Math.abs(gaussian(random)));
    series.low[i] = Math.min(open, close) * Math.exp(-0.5 * s * Math.abs(gaussian(random)));
    series.closeText.push(close.toFixed(8));
  }
  return series;
}

/** A copy whose candles after `index` are scrambled (prices scaled at random): what no forecast at or before `index` may notice. */
export function alteredAfter(series: CandleSeries, index: number, seed = 99): CandleSeries {
  const random = mulberry32(seed);
  const copy: CandleSeries = {
    time: series.time.slice(),
    open: series.open.slice(),
    high: series.high.slice(),
    low: series.low.slice(),
    close: series.close.slice(),
    volume: series.volume.slice(),
    closeText: series.closeText.slice(),
  };
  for (let i = index + 1; i < copy.time.length; i++) {
    const factor = Math.exp(0.3 * (random() - 0.5));
    const spread = Math.exp(0.2 * random());
    copy.open[i] *= factor;
    copy.close[i] *= factor;
    copy.high[i] = Math.max(copy.open[i], copy.close[i]) * spread;
    copy.low[i] = Math.min(copy.open[i], copy.close[i]) / spread;
    copy.closeText[i] = copy.close[i].toFixed(8);
  }
  return copy;
}
