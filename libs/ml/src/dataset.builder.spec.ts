import { describe, expect, it } from '@jest/globals';
import type { Candle } from '#libs/domain';
import { toSeries } from './candle.series.js';
import { splitChronologically } from './chronological.split.js';
import { dailyHistory } from './daily-history.fixture.js';
import { buildInputs, buildTargets, CLIP, fitFeatureSpec, labeledEnds } from './dataset.builder.js';
import { computeFeatures, FEATURE_NAMES, logReturns, WARMUP } from './features.builder.js';

const WINDOW = 10;
const days = dailyHistory('BTC').slice(-300);

/** The spec fitted on the training split of these candles, as train() fits it. */
function specOf(candles: Candle[]) {
  const series = toSeries(candles);
  const ends = labeledEnds(candles.length, WINDOW, 1);
  const { train } = splitChronologically(ends.length);
  const trainEnds = ends.slice(train.start, train.end);
  return {
    spec: fitFeatureSpec(computeFeatures(series), logReturns(series), trainEnds, { window: WINDOW, horizon: 1, stepSeconds: 86_400 }),
    ends,
    trainEnds,
  };
}

function withClose(candles: Candle[], index: number, close: string): Candle[] {
  return candles.map((candle, i) => (i === index ? { ...candle, close, high: close } : candle));
}

describe('features and scaling', () => {
  it('computes each feature from that candle and earlier ones, starting after the warm-up', () => {
    const series = toSeries(days);
    const features = computeFeatures(series);
    const width = FEATURE_NAMES.length;
    expect(features[(WARMUP - 1) * width]).toBeNaN();
    const i = 100;
    expect(features[i * width]).toBeCloseTo(Math.log(series.close[i] / series.close[i - 1]), 12);
    expect(features[i * width + 1]).toBeCloseTo((series.high[i] - series.low[i]) / series.close[i], 12);
    expect(features[i * width + 2]).toBeCloseTo(Math.log1p(series.volume[i]) - Math.log1p(series.volume[i - 1]), 12);
    const changed = computeFeatures(toSeries(withClose(days, i + 1, '1.0')));
    expect(Array.from(changed.subarray(0, (i + 1) * width))).toEqual(Array.from(features.subarray(0, (i + 1) * width)));
  });

  it('keeps the features finite across a zero-volume filler candle', () => {
    const candles = days.map((candle, i) => (i === 50 ? { ...candle, volume: '0', trades: 0 } : candle));
    const features = computeFeatures(toSeries(candles)).subarray(WARMUP * FEATURE_NAMES.length);
    expect(features.every(Number.isFinite)).toBe(true);
  });

  it('scales with statistics of the training split only: a changed test-split candle leaves them as they were', () => {
    const { spec, ends } = specOf(days);
    const lastEnd = ends[ends.length - 1];
    expect(specOf(withClose(days, lastEnd, '999999.9')).spec).toEqual(spec);
    expect(specOf(withClose(days, lastEnd + 1, '1.0')).spec).toEqual(spec);
  });

  it('does change its statistics when a training-split candle changes', () => {
    const { spec, trainEnds } = specOf(days);
    expect(specOf(withClose(days, trainEnds[10], '1.0')).spec.means).not.toEqual(spec.means);
  });

  it('takes the means and deviations from exactly the rows the training windows see', () => {
    const { spec, trainEnds } = specOf(days);
    const features = computeFeatures(toSeries(days));
    const rows = [];
    for (let i = trainEnds[0] - WINDOW + 1; i <= trainEnds[trainEnds.length - 1]; i++) rows.push(features[i * FEATURE_NAMES.length]);
    const mean = rows.reduce((a, b) => a + b, 0) / rows.length;
    expect(spec.names).toEqual(FEATURE_NAMES);
    expect(spec.means[0]).toBeCloseTo(mean, 12);
    expect(spec.stds[0]).toBeCloseTo(Math.sqrt(rows.reduce((a, b) => a + (b - mean) ** 2, 0) / rows.length), 12);
  });

  it('windows the scaled features, clipped, and targets the next log returns over the target scale', () => {
    const { spec, ends } = specOf(days);
    const series = toSeries(days);
    const features = computeFeatures(series);
    const returns = logReturns(series);
    const inputs = buildInputs(features, spec, ends.slice(0, 2));
    const width = FEATURE_NAMES.length;
    expect(inputs).toHaveLength(2 * WINDOW * width);
    const first = ends[0] - WINDOW + 1;
    expect(inputs[0]).toBeCloseTo((features[first * width] - spec.means[0]) / spec.stds[0], 5);
    expect(inputs.every((value) => Math.abs(value) <= CLIP)).toBe(true);
    // the second window is the first moved one step on
    expect(Array.from(inputs.subarray(WINDOW * width, WINDOW * width + width))).toEqual(Array.from(inputs.subarray(width, 2 * width)));
    const targets = buildTargets(returns, spec, ends.slice(0, 2));
    expect(targets[0]).toBeCloseTo(returns[ends[0] + 1] / spec.targetScale, 5);
  });
});
