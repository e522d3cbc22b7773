import { describe, expect, it } from '@jest/globals';
import { MARKET_LIMITS } from '#libs/domain';
import { parseSeriesList, type SeriesListRules } from './series-list.field.js';

const COMPARE: SeriesListRules = { name: 'series', ...MARKET_LIMITS.compareSeries, intervals: true, defaultInterval: '1d' };
const SYMBOLS: SeriesListRules = { name: 'symbols', ...MARKET_LIMITS.correlationSymbols, intervals: false, defaultInterval: '1h' };

describe('a list of series', () => {
  it('reads SYMBOL (its daily candles) and SYMBOL:interval, symbols case-insensitive', () => {
    expect(parseSeriesList('btc,ETH:1h', COMPARE)).toEqual([
      { symbol: 'BTC', interval: '1d', key: 'BTC:1d' },
      { symbol: 'ETH', interval: '1h', key: 'ETH:1h' },
    ]);
  });

  it('takes the same asset at two intervals as two series', () => {
    expect(parseSeriesList('BTC,BTC:1h', COMPARE)).toHaveLength(2);
  });

  it.each([
    ['BTC', /it names 1$/],
    ['A1,B2,C3,D4,E5,F6', /it names 6$/],
    ['BTC,,ETH', /"" is not SYMBOL or SYMBOL:interval/],
    ['BTC,ETH:2h', /"ETH:2h" has no interval "2h"; intervals are 1m, 5m/],
    ['BTC,ETH:1h:1d', /"ETH:1h:1d" is not/],
    ['BTC,ſol', /"ſol" is not/],
    ['BTC,btc:1d', /^series names BTC:1d twice$/],
  ])('refuses %j, saying why', (text, message) => {
    expect(parseSeriesList(text, COMPARE)).toMatch(message);
  });

  it('refuses a repeated parameter (an array) as not one list', () => {
    expect(parseSeriesList(['BTC', 'ETH'], COMPARE)).toMatch(/^series must be one comma-separated list of 2 to 5/);
  });

  it('takes symbols alone where the interval is a parameter of its own', () => {
    expect(parseSeriesList('BTC,ETH', SYMBOLS)).toEqual([
      { symbol: 'BTC', interval: '1h', key: 'BTC:1h' },
      { symbol: 'ETH', interval: '1h', key: 'ETH:1h' },
    ]);
    expect(parseSeriesList('BTC,ETH:1d', SYMBOLS)).toMatch(/"ETH:1d" is not SYMBOL,/);
    expect(parseSeriesList('ETH,eth', SYMBOLS)).toBe('symbols names ETH twice');
  });
});
