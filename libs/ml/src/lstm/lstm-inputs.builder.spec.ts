import { describe, expect, it } from '@jest/globals';
import { toSeries, type CandleSeries } from '../candle.series.js';
import { dailyHistory } from '../daily-history.fixture.js';
import { buildSamples, contextOf, lstmInputSpec, writeInputs } from './lstm-inputs.builder.js';

const series = toSeries(dailyHistory('BTC').slice(-300));
const spec = lstmInputSpec(10, 86_400);
const stride = spec.window * spec.features.length;

function scaled(source: CandleSeries, from: number, to: number, factor: number): CandleSeries {
  const copy = {
    ...source,
    high: source.high.slice(),
    low: source.low.slice(),
    close: source.close.slice(),
    volume: source.volume.slice(),
  };
  for (let i = from; i <= to; i++) for (const field of ['high', 'low', 'close', 'volume'] as const) copy[field][i] *= factor;
  return copy;
}

describe('LSTM inputs', () => {
  it('read exactly the context candles ending at the origin', () => {
    const origin = 200;
    const start = origin - contextOf(spec) + 1;
    const at = (s: CandleSeries) => {
      const out = new Float32Array(stride);
      return { scale: writeInputs(s, origin, spec, out, 0), out };
    };
    const base = at(series);
    // Every candle before the context and after the origin changed: the inputs and scales do not move.
    const outside = scaled(scaled(series, 0, start - 1, 3), origin + 1, series.close.length - 1, 0.2);
    expect(at(outside)).toEqual(base);
    // One candle inside the context changed: they do.
    expect(at(scaled(series, start + 5, start + 5, 1.3))).not.toEqual(base);
    expect(() => writeInputs(series, contextOf(spec) - 2, spec, new Float32Array(stride), 0)).toThrow(RangeError);
  });

  it('are the same for prices at any scale: returns over σ, ranges over their mean, volume changes', () => {
    const base = buildSamples(series, 100, 120, spec, 3);
    const tenfold = buildSamples(scaled(series, 0, series.close.length - 1, 10), 100, 120, spec, 3);
    tenfold.inputs.forEach((value, i) => expect(value).toBeCloseTo(base.inputs[i], 4));
    tenfold.targets.forEach((value, i) => expect(value).toBeCloseTo(base.targets[i], 4));
  });

  it('give targets as cumulative log returns in units of σ at the origin, and hour of day below a day only', () => {
    const samples = buildSamples(series, 150, 150, spec, 3);
    const sigma = samples.sigma[0];
    expect(sigma).toBeGreaterThan(0.005);
    expect(sigma).toBeLessThan(0.2);
    for (let h = 1; h <= 3; h++) expect(samples.targets[h - 1]).toBeCloseTo(Math.log(series.close[150 + h] / series.close[150]) / sigma, 4);
    expect(samples.range[0]).toBeGreaterThan(0);

    expect(spec.features).toEqual(['zReturn', 'logRange', 'logVolumeChange', 'volRegime']);
    const hourly = lstmInputSpec(10, 3_600);
    expect(hourly.features).toEqual(['zReturn', 'logRange', 'logVolumeChange', 'volRegime', 'hourSin', 'hourCos']);
    const out = new Float32Array(10 * 6);
    writeInputs({ ...series, time: series.time.map((_, i) => i * 3_600) }, 150, hourly, out, 0);
    // The last candle of the window opens at 150 h = 6 h past midnight: sin 1, cos 0.
    expect(out[9 * 6 + 4]).toBeCloseTo(1, 6);
    expect(out[9 * 6 + 5]).toBeCloseTo(0, 6);
  });
});
