import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../api/market-views.ts';
import { compareSearch, legendRows, parseCompareSearch, rebase, SERIES_COLORS, toCompareLines, toggleSeries } from './compare-data.ts';

const ANSWER: CompareAnswer = {
  mode: 'line',
  count: 3,
  limit: 5000,
  truncated: false,
  kept: 'newest',
  alignment: 'inner join on open time',
  from: '2024-01-01T00:00:00.000Z',
  to: '2024-01-03T00:00:00.000Z',
  series: [
    { key: 'BTC:1d', symbol: 'BTC', interval: '1d' },
    { key: 'ETH:1d', symbol: 'ETH', interval: '1d' },
  ],
  times: ['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z'],
  values: [
    ['40000.0', '44000.0', '42000.0'],
    ['2000.0', '1900.0', '2500.0'],
  ],
};

describe('the Compare page in the URL', () => {
  it('reads the series, upper-cased, with their intervals, and writes them back readably', () => {
    const view = parseCompareSearch('series=btc,ETH:1h&points=365');
    expect(view).toEqual({ series: ['BTC', 'ETH:1h'], points: 365, ignored: [] });
    expect(compareSearch(view)).toBe('series=BTC,ETH:1h&points=365');
  });

  it('ignores doubles, malformed items, more than five series and unknown spans', () => {
    expect(parseCompareSearch('series=BTC,BTC,a b,ETH,SOL,LTC,ADA,XRP&points=7')).toEqual({
      series: ['BTC', 'ETH', 'SOL', 'LTC', 'ADA'],
      points: null,
      ignored: ['BTC', 'a b', 'XRP', 'points=7'],
    });
  });

  it('adds a ticked asset at the end and removes an unticked one, whatever its interval', () => {
    expect(toggleSeries(['BTC'], 'ETH')).toEqual(['BTC', 'ETH']);
    expect(toggleSeries(['BTC', 'ETH:1h'], 'ETH')).toEqual(['BTC']);
    expect(toggleSeries(['A', 'B', 'C', 'D', 'E'], 'F')).toEqual(['A', 'B', 'C', 'D', 'E']);
  });
});

describe('the lines drawn', () => {
  it('rebases closes to 100 at the first shared time', () => {
    expect(rebase([40000, 44000, 42000])).toEqual([100, 110.00000000000001, 105]);
    expect(rebase([0, 1]).every(Number.isNaN)).toBe(true);
  });

  it('gives each series its shared times in seconds and its own colour, from the line mode or the normalized one', () => {
    const lines = toCompareLines(ANSWER, 'light');
    expect(lines.map((l) => [l.key, l.color])).toEqual([
      ['BTC:1d', SERIES_COLORS.light[0]],
      ['ETH:1d', SERIES_COLORS.light[1]],
    ]);
    expect(lines[0].points.map((p) => p.time)).toEqual([1704067200, 1704153600, 1704240000]);
    expect(lines[1].points.map((p) => p.value)).toEqual([100, 95, 125]);
    const normalized = toCompareLines(
      {
        ...ANSWER,
        mode: 'normalized',
        values: [
          [100, 110, 105],
          [100, 95, 125],
        ],
      },
      'dark',
    );
    expect(normalized[1].points.map((p) => p.value)).toEqual([100, 95, 125]);
    expect(normalized[1].color).toBe(SERIES_COLORS.dark[1]);
  });

  it('has a legend row per series: its colour, where it ends and its change over the span', () => {
    expect(legendRows(toCompareLines(ANSWER, 'light'))).toEqual([
      { key: 'BTC:1d', label: 'BTC (1d)', color: SERIES_COLORS.light[0], last: 105, changePercent: 5.000000000000004 },
      { key: 'ETH:1d', label: 'ETH (1d)', color: SERIES_COLORS.light[1], last: 125, changePercent: 25 },
    ]);
  });
});
