import { describe, expect, it } from 'vitest';
import { lstmModel, NO_INSIDE, PLAIN_FORECAST, plainPoint } from '../test/forecast-fixtures.ts';
import type { Candle, Forecast, ForecastRecord } from './chart-data.ts';
import { csvField, EXPORT_HEADER, exportFileName, exportRows, toCsv } from './csv.ts';

describe('the CSV writer', () => {
  it('quotes fields with a comma, quote or line break, doubling quotes; leaves others bare', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(false)).toBe('false');
  });

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x,y'],
          ['', null],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,\r\n');
  });
});

describe('the asset export', () => {
  const candle: Candle = {
    time: '2024-03-31T00:00:00.000Z',
    open: '69652.0',
    high: '71323.9',
    low: '69600.0',
    close: '71323.8',
    volume: '2193.2',
    vwap: null,
    trades: 3,
  };
  const forecast: Forecast = {
    asset: 'BTC',
    interval: '1d',
    madeAt: '2024-04-01T00:05:00.000Z',
    ...PLAIN_FORECAST,
    model: lstmModel('m', 4),
    basedOn: { time: candle.time, close: candle.close },
    points: [plainPoint('2024-04-01T00:00:00.000Z', '71990.12')],
  };
  const past: ForecastRecord = {
    targetTime: '2024-03-31T00:00:00.000Z',
    madeAt: '2024-03-30T00:05:00.000Z',
    predictedClose: '70000',
    actualClose: '71323.8',
    baseClose: '69000',
    directionHit: true,
    error: 1323.8,
    model: lstmModel('m', 3),
    ...NO_INSIDE,
  };

  it('has candles, the forecast and past forecasts with ISO and unix times, asset, interval and model version', () => {
    const csv = toCsv(EXPORT_HEADER, exportRows({ asset: 'BTC', interval: '1d', candles: [candle], forecast, pastForecasts: [past] }));
    expect(csv.split('\r\n')).toEqual([
      'asset,interval,kind,time_iso,time_unix,open,high,low,close,volume,predicted_close,actual_close,made_at_iso,made_at_unix,model_version',
      'BTC,1d,candle,2024-03-31T00:00:00.000Z,1711843200,69652.0,71323.9,69600.0,71323.8,2193.2,,,,,',
      'BTC,1d,forecast,2024-04-01T00:00:00.000Z,1711929600,,,,,,71990.12,,2024-04-01T00:05:00.000Z,1711929900,4',
      'BTC,1d,past_forecast,2024-03-31T00:00:00.000Z,1711843200,,,,,,70000,71323.8,2024-03-30T00:05:00.000Z,1711757100,3',
      '',
    ]);
  });

  it('has candles alone when there is no forecast, and a file name safe for any symbol', () => {
    expect(exportRows({ asset: 'BTC', interval: '1h', candles: [candle], forecast: null, pastForecasts: [] })).toHaveLength(1);
    expect(exportFileName('A/B "x"', '1h')).toBe('candlecast-A_B__x_-1h.csv');
  });
});
