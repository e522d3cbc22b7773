import { describe, expect, it } from 'vitest';
import { matchPairs, suggestSymbol, type KrakenPair } from './kraken-pairs.ts';

function pair(altname: string, wsname: string | null, base: string, quote: string, key = altname): KrakenPair {
  return { altname, wsname, base, quote, key, lotDecimals: 8, pairDecimals: 1, orderMin: null };
}

const PAIRS = [
  pair('XBTUSD', 'XBT/USD', 'XXBT', 'ZUSD', 'XXBTZUSD'),
  pair('XBTEUR', 'XBT/EUR', 'XXBT', 'ZEUR', 'XXBTZEUR'),
  pair('SOLUSD', 'SOL/USD', 'SOL', 'ZUSD'),
  pair('ETHUSD', 'ETH/USD', 'XETH', 'ZUSD', 'XETHZUSD'),
  pair('XDGUSD', 'XDG/USD', 'XXDG', 'ZUSD', 'XDGUSD'),
  pair('USDCUSD', null, 'USDC', 'ZUSD'),
];

describe('suggestSymbol', () => {
  it('takes the base people know', () => {
    expect(PAIRS.map(suggestSymbol)).toEqual(['BTC', 'BTC', 'SOL', 'ETH', 'DOGE', 'USDC']);
    expect(suggestSymbol(pair('ZZZUSD', null, 'XZZZ', 'ZUSD'))).toBe('ZZZ');
  });
});

describe('matchPairs', () => {
  it('finds pairs by any of their names, every word counting', () => {
    expect(matchPairs(PAIRS, 'btc').shown.map((p) => p.altname)).toEqual(['XBTEUR', 'XBTUSD']);
    expect(matchPairs(PAIRS, 'xbt/usd').shown.map((p) => p.altname)).toEqual(['XBTUSD']);
    expect(matchPairs(PAIRS, 'sol usd').shown.map((p) => p.altname)).toEqual(['SOLUSD']);
    expect(matchPairs(PAIRS, 'doge').shown.map((p) => p.altname)).toEqual(['XDGUSD']);
  });

  it('puts pairs whose name starts with the query first', () => {
    expect(matchPairs(PAIRS, 'usd').shown.map((p) => p.altname)).toEqual(['USDCUSD', 'ETHUSD', 'SOLUSD', 'XBTUSD', 'XDGUSD']);
  });

  it('shows nothing for an empty query and counts what the limit leaves out', () => {
    expect(matchPairs(PAIRS, '  ')).toEqual({ shown: [], more: 0 });
    expect(matchPairs(PAIRS, 'usd', 2)).toMatchObject({ more: 3 });
  });
});
