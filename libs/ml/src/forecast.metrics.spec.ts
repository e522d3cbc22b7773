import { describe, expect, it } from '@jest/globals';
import {
  compareWithNaive,
  directionalAccuracy,
  forecastMetrics,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  rootMeanSquaredError,
  rSquared,
  rSquaredOfReturns,
  upShare,
} from './forecast.metrics.js';

// Three forecasts made when the close was 100: errors 1, 3 and 2; the second calls the wrong direction.
const last = [100, 100, 100];
const actual = [102, 98, 105];
const predicted = [101, 101, 103];

describe('forecast metrics', () => {
  it('computes MAE, RMSE and MAPE of prices as worked out by hand', () => {
    expect(meanAbsoluteError(actual, predicted)).toBeCloseTo(2, 12); // (1 + 3 + 2) / 3
    expect(rootMeanSquaredError(actual, predicted)).toBeCloseTo(Math.sqrt(14 / 3), 12); // √((1 + 9 + 4) / 3)
    expect(meanAbsolutePercentageError(actual, predicted)).toBeCloseTo((100 * (1 / 102 + 3 / 98 + 2 / 105)) / 3, 12);
  });

  it('computes R² against the mean of the actual prices', () => {
    // mean 305/3; total sum of squares 74/3; residual 14 → 1 − 42/74
    expect(rSquared(actual, predicted)).toBeCloseTo(16 / 37, 12);
  });

  it('gives as r2 the R² out of sample of log returns against the zero forecast', () => {
    // returns ln 1.02, ln 0.98, ln 1.05 against forecasts ln 1.01 (three times): 1 − Σ(r − r̂)² / Σ r²
    const r = [Math.log(1.02), Math.log(0.98), Math.log(1.05)];
    const f = [Math.log(1.01), Math.log(1.01), Math.log(1.03)];
    const expected = 1 - r.reduce((s, x, i) => s + (x - f[i]) ** 2, 0) / r.reduce((s, x) => s + x * x, 0);
    expect(rSquaredOfReturns(actual, predicted, last)).toBeCloseTo(expected, 12);
    expect(forecastMetrics(actual, predicted, last).r2).toBeCloseTo(expected, 12);
    expect(rSquaredOfReturns(actual, last, last)).toBe(0); // the naive forecast
  });

  it("scales the MAE by the naive forecast's MAE on the same samples", () => {
    // naive errors 2, 2, 5 → MAE 3; the model's MAE is 2
    expect(meanAbsoluteScaledError(actual, predicted, last)).toBeCloseTo(2 / 3, 12);
  });

  it('counts a forecast as right when it moves from the last close the way the price did', () => {
    expect(directionalAccuracy(actual, predicted, last)).toBeCloseTo(2 / 3, 12);
    expect(upShare(actual, last)).toBeCloseTo(2 / 3, 12); // 102 and 105 rose
  });

  it('leaves out forecasts that call no move, and counts a flat close as a miss', () => {
    // the second forecast calls no move (left out); the third calls up and the close stayed
    expect(directionalAccuracy([101, 99, 100], [100.5, 100, 101], [100, 100, 100])).toBeCloseTo(1 / 2, 12);
    expect(directionalAccuracy([101, 99], [100, 100], [100, 100])).toBeNaN(); // nothing called
  });

  it('reports the naive forecast beside the model: MAE ratio 1, R² 0, and no direction called', () => {
    const { model, naive } = compareWithNaive(actual, predicted, last);
    expect(model).toEqual(forecastMetrics(actual, predicted, last));
    expect(naive.mae).toBeCloseTo(3, 12);
    expect(naive.rmse).toBeCloseTo(Math.sqrt(11), 12); // √((4 + 4 + 25) / 3)
    expect(naive.r2).toBe(0);
    expect(naive.maeRatio).toBe(1);
    expect(naive.mase).toBe(1);
    expect(model.mase).toBe(model.maeRatio); // the alias
    expect(naive.directionalAccuracy).toBeNaN();
    expect(naive.upShare).toBeCloseTo(2 / 3, 12);
  });

  it('gives NaN, not a number that looks real, when a metric is undefined', () => {
    expect(meanAbsoluteScaledError([100, 100], [101, 99], [100, 100])).toBeNaN(); // the price never moved
    expect(rSquared([100, 100], [101, 99])).toBeNaN();
    expect(rSquaredOfReturns([100, 100], [101, 99], [100, 100])).toBeNaN();
    expect(meanAbsoluteError([], [])).toBeNaN();
  });
});
