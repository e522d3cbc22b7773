import { describe, expect, it } from 'vitest';
import { lstmModel, PLAIN_FORECAST, plainPoint } from '../test/forecast-fixtures.ts';
import type { Forecast } from './chart-data.ts';
import { verdict, VERDICT_TEXT } from './model-verdict.ts';
import { candlesStale, forecastStaleness } from './staleness.ts';

const H = 3_600_000;
const open = Date.parse('2025-06-30T10:00:00Z');

describe('a stale candle feed', () => {
  it('is one whose newest candle closed more than two intervals ago', () => {
    // 1h candle opened 10:00, closed 11:00: fine until 13:00.
    expect(candlesStale('2025-06-30T10:00:00Z', '1h', open + 3 * H)).toBe(false);
    expect(candlesStale('2025-06-30T10:00:00Z', '1h', open + 3 * H + 1)).toBe(true);
    expect(candlesStale(null, '1h', open)).toBe(false);
  });
});

describe('a stale forecast', () => {
  const forecast = (madeAt: number, targets: number[]): Forecast => ({
    asset: 'BTC',
    interval: '1h',
    madeAt: new Date(madeAt).toISOString(),
    ...PLAIN_FORECAST,
    model: lstmModel('m', 1),
    basedOn: null,
    points: targets.map((t) => plainPoint(new Date(t).toISOString(), '1')),
  });

  it('is fresh while a forecast candle is still to close and it is recent', () => {
    expect(forecastStaleness(forecast(open, [open + H, open + 2 * H]), '1h', open + 2 * H)).toEqual({ stale: false });
  });

  it('has passed when its last target candle has closed', () => {
    expect(forecastStaleness(forecast(open, [open + H, open + 2 * H]), '1h', open + 3 * H + 1)).toEqual({ stale: true, reason: 'passed' });
  });

  it('is old when made more than two intervals ago, even with targets ahead', () => {
    expect(forecastStaleness(forecast(open, [open + 10 * H]), '1h', open + 2 * H + 1)).toEqual({ stale: true, reason: 'old' });
  });

  it('is not judged without a forecast', () => {
    expect(forecastStaleness(null, '1h', open)).toEqual({ stale: false });
  });
});

describe('the model against naive', () => {
  it("is better only when its MASE (else MAE) is below naive's; equal is no better", () => {
    expect(verdict({ mase: 0.9, mae: 200 }, { mase: 1, mae: 100 })).toBe('better');
    expect(verdict({ mase: 1, mae: 50 }, { mase: 1, mae: 100 })).toBe('no-better');
    expect(verdict({ mase: 1.2 }, { mase: null })).toBe('no-better');
    expect(verdict({ mae: 99 }, { mae: 100 })).toBe('better');
    expect(verdict({ mae: 100 }, { mae: 100 })).toBe('no-better');
    expect(verdict({}, { mae: 100 })).toBe('unknown');
    expect(VERDICT_TEXT['no-better']).toBe('no better than naive');
  });
});
