import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  marketFileName,
  marketQuery,
  marketSearch,
  parseMarketSearch,
  parseUtc,
  sortBy,
  toPickerValue,
} from './market-view.ts';

describe('the market overview in the URL', () => {
  it('defaults to rank ascending, every row, now', () => {
    expect(parseMarketSearch('')).toEqual(DEFAULT_VIEW);
    expect(marketSearch(DEFAULT_VIEW)).toBe('');
    expect(marketQuery(DEFAULT_VIEW)).toEqual({ order_by: 'rank', order: 'asc' });
  });

  it('reads order_by, order, limit and at back as written', () => {
    const view = { orderBy: 'change24h' as const, order: 'asc' as const, limit: 3, at: '2024-03-01T00:30:00.000Z', ignored: [] };
    const search = marketSearch(view);
    expect(search).toBe('order_by=change24h&order=asc&limit=3&at=2024-03-01T00%3A30%3A00.000Z');
    expect(parseMarketSearch(search)).toEqual(view);
    expect(marketQuery(view)).toEqual({ order_by: 'change24h', order: 'asc', limit: 3, datetime: '2024-03-01T00:30:00.000Z' });
  });

  it('leaves out the order a column sorts in first, and reads it back so', () => {
    expect(marketSearch({ ...DEFAULT_VIEW, orderBy: 'price', order: 'desc' })).toBe('order_by=price');
    expect(parseMarketSearch('order_by=price')).toMatchObject({ orderBy: 'price', order: 'desc' });
    expect(parseMarketSearch('order_by=name')).toMatchObject({ orderBy: 'name', order: 'asc' });
  });

  it('ignores, and names, what it cannot read', () => {
    expect(parseMarketSearch('order_by=volume&order=up&limit=0&at=yesterday')).toEqual({
      ...DEFAULT_VIEW,
      ignored: ['order_by', 'order', 'limit', 'at'],
    });
    expect(parseMarketSearch('limit=501').ignored).toEqual(['limit']);
  });
});

describe('sorting by a header', () => {
  it('turns the order round on the same column and starts another in its own first order', () => {
    const byRank = DEFAULT_VIEW;
    expect(sortBy(byRank, 'rank')).toMatchObject({ orderBy: 'rank', order: 'desc' });
    expect(sortBy(byRank, 'change7d')).toMatchObject({ orderBy: 'change7d', order: 'desc' });
    expect(sortBy(sortBy(byRank, 'change7d'), 'change7d')).toMatchObject({ orderBy: 'change7d', order: 'asc' });
    expect(sortBy(byRank, 'symbol')).toMatchObject({ orderBy: 'symbol', order: 'asc' });
  });

  it('keeps the top N and the time', () => {
    expect(sortBy({ ...DEFAULT_VIEW, limit: 5, at: '2024-01-01T00:00:00.000Z' }, 'price')).toMatchObject({
      limit: 5,
      at: '2024-01-01T00:00:00.000Z',
    });
  });
});

describe('the "as of" picker', () => {
  it("reads a picker's zoneless value as UTC, and a date alone as its midnight", () => {
    expect(parseUtc('2024-03-01T12:30')).toBe('2024-03-01T12:30:00.000Z');
    expect(parseUtc('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(parseUtc('2024-03-01T12:30:00+02:00')).toBe('2024-03-01T10:30:00.000Z');
    expect(parseUtc('1709251200')).toBe('2024-03-01T00:00:00.000Z');
    expect(parseUtc('not a time')).toBeUndefined();
    expect(parseUtc('2024-02-31T00:00')).toBeUndefined();
  });

  it('shows a time in UTC to the minute', () => {
    expect(toPickerValue('2024-03-01T12:30:00.000Z')).toBe('2024-03-01T12:30');
    expect(toPickerValue(null)).toBe('');
  });
});

it('names the CSV file by what it holds', () => {
  expect(marketFileName({ ...DEFAULT_VIEW, orderBy: 'change24h', order: 'desc', limit: 3 }, '2024-03-01T00:00:00.000Z')).toBe(
    'candlecast-market-2024-03-01T00-00-00Z-change24h-desc-top3.csv',
  );
});
