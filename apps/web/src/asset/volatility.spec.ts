import { describe, expect, it } from 'vitest';
import type { Forecast } from './chart-data.ts';
import { annualizedSigma, volatilityRows } from './volatility.ts';

const forecast = (points: object[]): Forecast =>
  ({ asset: 'BTC', interval: '1d', madeAt: '', model: { id: 'm', version: 1 }, basedOn: null, points }) as unknown as Forecast;
const point = (day: number, extra: object) => ({
  targetTime: `2026-12-0${day}T00:00:00.000Z`,
  predictedClose: '100',
  actualClose: null,
  ...extra,
});

describe('the forecast volatility', () => {
  it('gives σ per step and the expected range of each coming candle, in percent', () => {
    const rows = volatilityRows(
      forecast([point(3, { sigma: 0.025, expectedRange: { low: '98', high: '102.5' } }), point(4, { sigma: 0.0354, expectedRange: null })]),
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ step: 1, targetTime: '2026-12-03T00:00:00.000Z', low: 98, high: 102.5 });
    expect(rows[0].sigmaPercent).toBeCloseTo(2.5, 10);
    expect(rows[0].rangePercent).toBeCloseTo(Math.log(102.5 / 98) * 100, 10);
    expect(rows[1]).toMatchObject({ step: 2, low: null, high: null, rangePercent: null });
  });

  it('is empty for a forecast without a distribution', () => {
    expect(volatilityRows(forecast([point(3, {})]))).toEqual([]);
    expect(volatilityRows(null)).toEqual([]);
  });

  it('annualises one step by the square root of candles per year', () => {
    const rows = volatilityRows(forecast([point(3, { sigma: 0.03 })]));
    expect(annualizedSigma(rows, 86_400)).toBeCloseTo(3 * Math.sqrt(365), 10);
    expect(annualizedSigma(rows, 3_600)).toBeCloseTo(3 * Math.sqrt(365 * 24), 10);
    expect(annualizedSigma([], 86_400)).toBeNull();
  });
});
