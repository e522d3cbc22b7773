import { describe, expect, it } from 'vitest';
import { lstmModel, PLAIN_FORECAST, plainPoint } from '../test/forecast-fixtures.ts';
import type { Forecast } from './chart-data.ts';
import { hasVolatility, skillText, volatilityRows, type VolatilityView } from './volatility.ts';

const forecast = (sigma: number | null): Forecast => ({
  asset: 'BTC',
  interval: '1d',
  madeAt: '2026-12-02T00:00:00.000Z',
  model: lstmModel('m', 1),
  basedOn: null,
  ...PLAIN_FORECAST,
  points: [{ ...plainPoint('2026-12-03T00:00:00.000Z', '100'), sigma }],
});

const view: VolatilityView = {
  asset: 'BTC',
  interval: '1d',
  madeAt: '2026-12-02T00:00:00.000Z',
  horizon: 2,
  candlesPerYear: 365.25,
  model: lstmModel('m', 1),
  annualizedSigma: 0.5,
  skillVsEwma: null,
  steps: [
    {
      step: 1,
      targetTime: '2026-12-03T00:00:00.000Z',
      sigma: 0.025,
      cumulativeSigma: 0.025,
      annualizedSigma: 0.48,
      expectedRange: { low: '98', high: '102.5' },
      expectedLogRange: 0.045,
    },
    {
      step: 2,
      targetTime: '2026-12-04T00:00:00.000Z',
      sigma: 0.026,
      cumulativeSigma: 0.036,
      annualizedSigma: 0.5,
      expectedRange: null,
      expectedLogRange: null,
    },
  ],
};

describe('the forecast volatility', () => {
  it('is there to ask for only when the forecast carries σ', () => {
    expect(hasVolatility(forecast(0.02))).toBe(true);
    expect(hasVolatility(forecast(null))).toBe(false);
    expect(hasVolatility(null)).toBe(false);
  });

  it("gives each candle's σ, σ to it from the last close and its expected range, in percent", () => {
    const rows = volatilityRows(view);
    expect(rows[0]).toMatchObject({ step: 1, low: 98, high: 102.5 });
    expect(rows[0].sigmaPercent).toBeCloseTo(2.5, 10);
    expect(rows[0].rangePercent).toBeCloseTo(Math.log(102.5 / 98) * 100, 10);
    expect(rows[1]).toMatchObject({ low: null, high: null, rangePercent: null });
    expect(rows[1].cumulativePercent).toBeCloseTo(3.6, 10);
  });

  it('claims skill over EWMA only as the DM test says', () => {
    expect(skillText({ qlike: -6.2, ewmaQlike: -6.1, skill: 0.016, dmPValue: 0.01 })).toBe(
      "Its σ beats EWMA(0.94)'s: QLIKE -6.200 against EWMA's -6.100, skill 1.6%, Diebold–Mariano p = 0.010.",
    );
    expect(skillText({ qlike: -6.2, ewmaQlike: -6.1, skill: 0.016, dmPValue: 0.3 })).toMatch(/^No measurable edge of its σ over EWMA/);
    expect(skillText({ qlike: -6.0, ewmaQlike: -6.1, skill: -0.016, dmPValue: 0.0001 })).toMatch(
      /^Its σ is worse than EWMA.*p < 0\.001\.$/,
    );
    expect(skillText(null)).toBe("Not yet compared with EWMA(0.94)'s σ.");
  });
});
