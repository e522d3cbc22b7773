import { describe, expect, it } from 'vitest';
import { nextCloseTime } from './intervals.ts';
import { assetSearch, candleWindow, defaultPreset, MAX_CANDLES, parseAssetSearch, presetsFor } from './range.ts';

describe('the view in the URL', () => {
  it('reads interval, preset and dates; dates as ISO, a date alone as midnight UTC, unix seconds too', () => {
    expect(parseAssetSearch('interval=1h&range=1M', '1d')).toEqual({ interval: '1h', preset: '1M', from: null, to: null, ignored: [] });
    expect(parseAssetSearch('interval=1d&from=2013-10-01&to=1704067200', '1h')).toEqual({
      interval: '1d',
      preset: '3M',
      from: '2013-10-01T00:00:00.000Z',
      to: '2024-01-01T00:00:00.000Z',
      ignored: [],
    });
  });

  it('falls back to the remembered interval and its default preset, and names what it could not read', () => {
    expect(parseAssetSearch('', '1h')).toMatchObject({ interval: '1h', preset: '1W', ignored: [] });
    expect(parseAssetSearch('interval=2d&range=9Y&from=yesterday', '1d')).toEqual({
      interval: '1d',
      preset: '3M',
      from: null,
      to: null,
      ignored: ['interval', 'range', 'from'],
    });
    expect(parseAssetSearch('from=2024-02-01&to=2024-01-01', '1d')).toMatchObject({ from: null, to: null, ignored: ['from', 'to'] });
  });

  it('writes the preset, or the dates instead of it, and reads back the same view', () => {
    expect(assetSearch({ interval: '1d', preset: '1Y', from: null, to: null })).toBe('interval=1d&range=1Y');
    const dated = { interval: '1h' as const, preset: '1W' as const, from: '2024-01-01T00:00:00.000Z', to: null };
    expect(assetSearch(dated)).toBe('interval=1h&from=2024-01-01T00%3A00%3A00.000Z');
    expect(parseAssetSearch(assetSearch(dated), '1d')).toMatchObject(dated);
  });
});

describe('presets', () => {
  it('offer spans of 10 to 10,000 candles of the interval, and All', () => {
    expect(presetsFor('1d')).toEqual(['1M', '3M', '1Y', '5Y', 'All']);
    expect(presetsFor('1h')).toEqual(['1D', '1W', '1M', '3M', '1Y', 'All']);
    expect(presetsFor('1m')).toEqual(['1D', 'All']); // a week of minutes is 10,080
  });

  it('default to the shortest showing about 90 candles or more', () => {
    expect(defaultPreset('1d')).toBe('3M');
    expect(defaultPreset('1h')).toBe('1W');
    expect(defaultPreset('1w')).toBe('5Y');
  });
});

describe('the candles request', () => {
  const newest = '2025-06-30T00:00:00.000Z';

  it('counts a preset back from the newest candle (not from now: a series may end in the past)', () => {
    const view = parseAssetSearch('interval=1d&range=1M', '1d');
    expect(candleWindow(view, newest)).toEqual({ from: '2025-05-31T00:00:00.000Z', to: null });
  });

  it('asks "All" for one request of candles at most', () => {
    const view = parseAssetSearch('interval=1h&range=All', '1d');
    const { from } = candleWindow(view, newest);
    expect((Date.parse(newest) - Date.parse(from!)) / 3_600_000).toBe(MAX_CANDLES - 1);
  });

  it('passes explicit dates through, and waits for the newest candle otherwise', () => {
    expect(candleWindow(parseAssetSearch('from=2013-10-01', '1d'), null)).toEqual({ from: '2013-10-01T00:00:00.000Z', to: null });
    expect(candleWindow(parseAssetSearch('range=1Y', '1d'), null)).toEqual({ from: null, to: null });
  });
});

describe('the next close', () => {
  const open = Date.parse('2025-06-30T00:00:00Z');
  const day = 86_400_000;

  it('is the first candle boundary after now, counted from the newest open', () => {
    expect(nextCloseTime(open, '1d', open + 3_600_000)).toBe(open + day);
    expect(nextCloseTime(open, '1d', open + day + 1)).toBe(open + 2 * day);
    expect(nextCloseTime(open, '1h', open + 10 * day + 1)).toBe(open + 10 * day + 3_600_000);
  });
});
