import type { Candle } from '#libs/domain';
import { InvalidCandlesError } from './ml.errors.js';

/** Candles as columns of numbers, oldest first: what the features are computed from. */
export type CandleSeries = {
  /** Open times, unix seconds. */
  time: number[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  /** The decimal strings of the closes, for the precision forecasts are written with. */
  closeText: string[];
};

/** Reads the decimal strings of candles, oldest first, as numbers; refuses disorder and non-positive prices. */
export function toSeries(candles: readonly Candle[]): CandleSeries {
  const n = candles.length;
  const series: CandleSeries = {
    time: new Array<number>(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
    closeText: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const candle = candles[i];
    if (i > 0 && candle.time <= candles[i - 1].time) {
      throw new InvalidCandlesError(`Candles must be oldest first: ${candle.time} comes after ${candles[i - 1].time}`);
    }
    series.time[i] = candle.time;
    series.open[i] = price(candle, 'open');
    series.high[i] = price(candle, 'high');
    series.low[i] = price(candle, 'low');
    series.close[i] = price(candle, 'close');
    const volume = Number(candle.volume);
    if (!(volume >= 0)) throw new InvalidCandlesError(`Candle ${candle.time} has volume '${candle.volume}'`);
    series.volume[i] = volume;
    series.closeText[i] = candle.close;
  }
  return series;
}

/** The step between candles: the most common gap, so that a missing day does not change it. */
export function stepSeconds(time: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < time.length; i++) {
    const gap = time[i] - time[i - 1];
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [gap, count] of counts) if (count > bestCount) [best, bestCount] = [gap, count];
  return best;
}

function price(candle: Candle, field: 'open' | 'high' | 'low' | 'close'): number {
  const value = Number(candle[field]);
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new InvalidCandlesError(`Candle ${candle.time} has ${field} '${candle[field]}'`);
  }
  return value;
}
