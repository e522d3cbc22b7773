import { describe, expect, it } from 'vitest';
import {
  bandLevel,
  countHits,
  firstStepForecasts,
  toBandLayers,
  toBandPoints,
  toCandlePoints,
  toForecastLine,
  toHitMarkers,
  toPastForecastLine,
  toRangeBars,
  toVolumePoints,
  unix,
  type Candle,
  type Forecast,
  type ForecastRecord,
} from './chart-data.ts';
import { lstmModel, NO_INSIDE, PLAIN_FORECAST, plainPoint } from '../test/forecast-fixtures.ts';

const DAY = 86_400;
const T0 = Date.UTC(2024, 2, 1) / 1000;
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

const candle = (i: number, open: number, close: number, volume = '10'): Candle => ({
  time: iso(T0 + i * DAY),
  open: String(open),
  high: String(Math.max(open, close) + 1),
  low: String(Math.min(open, close) - 1),
  close: String(close),
  volume,
  vwap: null,
  trades: 1,
});

const CANDLES = [candle(0, 100, 110), candle(1, 110, 105), candle(2, 105, 120)];
const LAST = T0 + 2 * DAY;

const forecast = (points: Forecast['points'], madeAt = iso(LAST + DAY)): Forecast => ({
  asset: 'BTC',
  interval: '1d',
  madeAt,
  ...PLAIN_FORECAST,
  model: lstmModel('m1', 3),
  basedOn: { time: iso(LAST), close: '120' },
  points,
});
const point = (i: number, predicted: string, extra: object = {}): Forecast['points'][number] => ({
  ...plainPoint(iso(LAST + i * DAY), predicted),
  ...extra,
});

describe('candles → candle and volume data', () => {
  it('reads the decimal strings into numbers at unix-second open times, oldest first', () => {
    expect(toCandlePoints(CANDLES)).toEqual([
      { time: T0, open: 100, high: 111, low: 99, close: 110 },
      { time: T0 + DAY, open: 110, high: 111, low: 104, close: 105 },
      { time: LAST, open: 105, high: 121, low: 104, close: 120 },
    ]);
  });

  it('drops unreadable candles and repeated or backwards times (the library refuses them)', () => {
    const broken = { ...candle(3, 1, 2), close: 'n/a' };
    expect(toCandlePoints([CANDLES[0], CANDLES[0], broken, CANDLES[1]]).map((c) => c.time)).toEqual([T0, T0 + DAY]);
  });

  it('colours each volume bar by whether its candle closed up (a flat close counts as up)', () => {
    expect(toVolumePoints([...CANDLES, candle(3, 120, 120, '7.5')])).toEqual([
      { time: T0, value: 10, up: true },
      { time: T0 + DAY, value: 10, up: false },
      { time: LAST, value: 10, up: true },
      { time: LAST + DAY, value: 7.5, up: true },
    ]);
  });
});

describe('forecast → line points starting at the last close', () => {
  it('starts at the last candle, its close, then every forecast point at its future time', () => {
    const line = toForecastLine(toCandlePoints(CANDLES), forecast([point(1, '125.5'), point(2, '130')]));
    expect(line).toEqual([
      { time: LAST, value: 120 },
      { time: LAST + DAY, value: 125.5 },
      { time: LAST + 2 * DAY, value: 130 },
    ]);
  });

  it('keeps only the points after the last candle (a forecast partly overtaken by candles)', () => {
    const line = toForecastLine(toCandlePoints(CANDLES), forecast([point(-1, '90'), point(0, '95'), point(1, '125')]));
    expect(line).toEqual([
      { time: LAST, value: 120 },
      { time: LAST + DAY, value: 125 },
    ]);
  });

  it('is empty when the whole forecast is in the past, when there is none, or no candles', () => {
    expect(toForecastLine(toCandlePoints(CANDLES), forecast([point(-1, '90'), point(0, '95')]))).toEqual([]);
    expect(toForecastLine(toCandlePoints(CANDLES), null)).toEqual([]);
    expect(toForecastLine([], forecast([point(1, '125')]))).toEqual([]);
  });
});

describe('forecast → band points', () => {
  const withIntervals = forecast([
    point(1, '125', {
      intervals: [
        { level: 95, lower: '100', upper: '150' },
        { level: 80, lower: '115', upper: '135' },
      ],
    }),
    point(2, '130', { intervals: [{ level: 80, lower: '140', upper: '118' }] }),
  ]);

  it('is empty without intervals (today\'s API), so the page says "no interval yet"', () => {
    const points = toCandlePoints(CANDLES);
    const plain = forecast([point(1, '125')]);
    expect(toBandPoints(points, plain)).toEqual([]);
    expect(bandLevel(points, plain)).toBeNull();
  });

  it('starts with zero width at the last close, then the 80% interval of each point (bounds in order)', () => {
    const points = toCandlePoints(CANDLES);
    expect(bandLevel(points, withIntervals)).toBe(80);
    expect(toBandPoints(points, withIntervals)).toEqual([
      { time: LAST, lower: 120, upper: 120 },
      { time: LAST + DAY, lower: 115, upper: 135 },
      { time: LAST + 2 * DAY, lower: 118, upper: 140 },
    ]);
  });

  it('takes the narrowest level when 80% is not given, and another level on request', () => {
    const points = toCandlePoints(CANDLES);
    const only = forecast([
      point(1, '125', {
        intervals: [
          { level: 95, lower: 100, upper: 150 },
          { level: 90, lower: 105, upper: 145 },
        ],
      }),
    ]);
    expect(bandLevel(points, only)).toBe(90);
    expect(toBandPoints(points, only)[1]).toEqual({ time: LAST + DAY, lower: 105, upper: 145 });
    expect(toBandPoints(points, withIntervals, 95)[1]).toEqual({ time: LAST + DAY, lower: 100, upper: 150 });
  });
});

describe('forecast → nested bands', () => {
  it('gives the 90% band then the 80% one, each from its own bounds only', () => {
    const points = toCandlePoints(CANDLES);
    const nested = forecast([
      point(1, '125', {
        intervals: [
          { level: 80, lower: '115', upper: '135' },
          { level: 90, lower: '110', upper: '140' },
          { level: 95, lower: '100', upper: '150' },
        ],
      }),
      point(2, '130', { intervals: [{ level: 80, lower: '118', upper: '140' }] }),
    ]);
    expect(toBandLayers(points, nested)).toEqual([
      {
        level: 90,
        points: [
          { time: LAST, lower: 120, upper: 120 },
          { time: LAST + DAY, lower: 110, upper: 140 },
        ],
      },
      {
        level: 80,
        points: [
          { time: LAST, lower: 120, upper: 120 },
          { time: LAST + DAY, lower: 115, upper: 135 },
          { time: LAST + 2 * DAY, lower: 118, upper: 140 },
        ],
      },
    ]);
  });

  it('is empty without intervals, and never draws a level the forecast lacks', () => {
    const points = toCandlePoints(CANDLES);
    expect(toBandLayers(points, forecast([point(1, '125')]))).toEqual([]);
    expect(toBandLayers(points, forecast([point(1, '125', { intervals: [{ level: 95, lower: 1, upper: 2 }] })]))).toEqual([]);
  });
});

describe('candles and forecast → the volatility pane', () => {
  it("gives each candle's realized range and each future point's expected range, in percent", () => {
    const points = toCandlePoints(CANDLES);
    const f = forecast([
      point(0, '120', { expectedRange: { low: '1', high: '2' } }),
      point(1, '125', { expectedRange: { low: '118', high: '126' } }),
      point(2, '130', { expectedRange: null }),
      point(3, '130', { expectedRange: { low: '0', high: '126' } }),
    ]);
    const { realized, expected } = toRangeBars(points, f);
    expect(realized.map((r) => r.time)).toEqual([T0, T0 + DAY, LAST]);
    expect(realized[0].value).toBeCloseTo(Math.log(111 / 99) * 100, 10);
    expect(expected).toHaveLength(1);
    expect(expected[0].time).toBe(LAST + DAY);
    expect(expected[0].value).toBeCloseTo(Math.log(126 / 118) * 100, 10);
  });

  it('has no expected range without a forecast', () => {
    expect(toRangeBars(toCandlePoints(CANDLES), null).expected).toEqual([]);
  });
});

describe('history → markers and the overlay', () => {
  const record = (target: number, madeAt: number, hit: boolean | null, predicted = '100', model = 'm1'): ForecastRecord => ({
    targetTime: iso(T0 + target * DAY),
    madeAt: iso(T0 + madeAt * DAY),
    predictedClose: predicted,
    actualClose: hit === null ? null : '101',
    baseClose: '99',
    directionHit: hit,
    error: hit === null ? null : 1,
    model: lstmModel(model, 1),
    ...NO_INSIDE,
  });

  it('keeps the first target of each forecast run, inside the shown candles, the later-made one per candle', () => {
    const records = [
      record(1, 1, true, '106'), // run made at day 1: targets 1, 2
      record(2, 1, false, '107'),
      record(2, 2, false, '108'), // run made at day 2: targets 2, 3(outside)
      record(3, 2, null, '109'),
      record(-5, -6, true), // before the first candle
      record(1, 0.5, false, '90', 'm0'), // an older model's run aimed at day 1, made earlier
    ];
    const shown = firstStepForecasts(records, toCandlePoints(CANDLES));
    expect(shown.map((r) => [unix(r.targetTime) - T0, r.predictedClose])).toEqual([
      [DAY, '106'],
      [2 * DAY, '108'],
    ]);
    expect(toPastForecastLine(shown)).toEqual([
      { time: T0 + DAY, value: 106 },
      { time: LAST, value: 108 },
    ]);
  });

  it("marks realized forecasts hit or miss by the API's directionHit, and skips unrealized ones", () => {
    const markers = toHitMarkers([record(1, 1, true), record(2, 2, false), record(3, 3, null)]);
    expect(markers).toEqual([
      { time: T0 + DAY, hit: true },
      { time: LAST, hit: false },
    ]);
    expect(countHits(markers)).toEqual({ hits: 1, misses: 1 });
    // A candle missing from the data (a gap) has no place for a marker.
    expect(toHitMarkers([record(1, 1, true), record(2, 2, false)], toCandlePoints([CANDLES[0], CANDLES[2]]))).toEqual([
      { time: LAST, hit: false },
    ]);
  });

  it('shows nothing without candles', () => {
    expect(firstStepForecasts([record(1, 1, true)], [])).toEqual([]);
  });
});
