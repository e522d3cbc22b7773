import { describe, expect, it } from 'vitest';
import { FRAME } from '../backtest/svg-plot.ts';
import {
  analysisSearch,
  correlationColor,
  overlaps,
  histogramBars,
  parseAnalysisSearch,
  percentOf,
  seriesPath,
  spanRange,
} from './analysis-figures.ts';

describe('the span analysed', () => {
  it('counts a preset back from the newest candle, and lets from/to in the URL replace it', () => {
    const view = parseAnalysisSearch('interval=1d&span=1Y');
    expect(view).toEqual({ interval: '1d', span: '1Y', from: null, to: null, ignored: [] });
    expect(spanRange(view, '2024-12-31T00:00:00.000Z')).toEqual({ from: '2024-01-01T00:00:00.000Z', to: null });
    expect(spanRange(parseAnalysisSearch('span=All'), '2024-12-31T00:00:00.000Z')).toEqual({ from: null, to: null });
    const custom = parseAnalysisSearch('from=2021-01-01&to=2022-01-01');
    expect(spanRange(custom, '2024-12-31T00:00:00.000Z')).toEqual({ from: '2021-01-01T00:00:00.000Z', to: '2022-01-01T00:00:00.000Z' });
    expect(analysisSearch(custom)).toBe('interval=1d&from=2021-01-01T00%3A00%3A00.000Z&to=2022-01-01T00%3A00%3A00.000Z');
    expect(analysisSearch(view)).toBe('interval=1d&span=1Y');
  });

  it('ignores what it cannot read', () => {
    expect(parseAnalysisSearch('interval=2d&span=2Y&from=soon').ignored).toEqual(['interval', 'span', 'from']);
  });
});

it('correlates only the series whose candles reach into the span', () => {
  const eth = { first: '2015-08-07T00:00:00.000Z', last: '2024-03-31T00:00:00.000Z' };
  expect(overlaps(eth, { from: '2025-03-31T00:00:00.000Z', to: null })).toBe(false);
  expect(overlaps(eth, { from: '2023-01-01T00:00:00.000Z', to: '2024-01-01T00:00:00.000Z' })).toBe(true);
  expect(overlaps(eth, { from: null, to: '2015-01-01T00:00:00.000Z' })).toBe(false);
  expect(overlaps(eth, { from: null, to: null })).toBe(true);
});

describe('the return histogram', () => {
  const bins = [
    { from: -0.1, to: 0, count: 2 },
    { from: 0, to: 0.1, count: 4 },
  ];

  it('has a bar per bin, side by side across the plot, the fullest reaching the top', () => {
    const bars = histogramBars(bins, FRAME);
    expect(bars).toHaveLength(2);
    expect(bars[0].x).toBe(FRAME.left);
    expect(bars[1].x).toBeCloseTo((FRAME.left + FRAME.width - FRAME.right) / 2);
    expect(bars[1].y).toBe(FRAME.top);
    expect(bars[1].height).toBe(FRAME.height - FRAME.bottom - FRAME.top);
    expect(bars[0].height).toBeCloseTo(bars[1].height / 2);
    expect(histogramBars([], FRAME)).toEqual([]);
  });
});

describe('a time series plot', () => {
  it('spans the plot, with 0 in range when asked (a drawdown)', () => {
    const { path, min, max } = seriesPath(
      [
        { time: '2024-01-01T00:00:00.000Z', value: -0.5 },
        { time: '2024-01-02T00:00:00.000Z', value: -0.25 },
      ],
      FRAME,
      true,
    );
    expect([min, max]).toEqual([-0.5, 0]);
    expect(path).toBe(
      `M${FRAME.left}.00,${FRAME.height - FRAME.bottom}.00 L${FRAME.width - FRAME.right}.00,${(FRAME.height - FRAME.bottom + FRAME.top) / 2}.00`,
    );
  });
});

describe('the correlation matrix colours', () => {
  it('are the background at 0 and deepen towards blue for +1 and orange for −1', () => {
    expect(correlationColor(0, 'light')).toBe('rgb(255, 255, 255)');
    expect(correlationColor(1, 'light')).toBe('rgb(126, 170, 255)');
    expect(correlationColor(-1, 'light')).toBe('rgb(255, 166, 102)');
    expect(correlationColor(0.5, 'light')).toBe('rgb(191, 213, 255)');
    expect(correlationColor(0, 'dark')).toBe('rgb(19, 23, 34)');
    expect(correlationColor(Number.NaN, 'dark')).toBe('rgb(19, 23, 34)');
  });
});

it('writes returns as signed percentages', () => {
  expect(percentOf(0.0123)).toBe('+1.23%');
  expect(percentOf(-0.5, 0)).toBe('-50%');
});
