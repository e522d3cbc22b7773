import { describe, expect, it } from 'vitest';
import { plainQuote, trackAs } from './track-as.ts';

describe('the symbol a found pair is tracked as', () => {
  it('is its base symbol, or that and its quote when the symbol is taken', () => {
    expect(trackAs({ symbol: 'LTC', quote: 'ZUSD' }, new Set(['BTC']))).toBe('LTC');
    expect(trackAs({ symbol: 'BTC', quote: 'ZEUR' }, new Set(['BTC', 'ETH']))).toBe('BTCEUR');
    expect(trackAs({ symbol: 'eth', quote: 'USDT' }, new Set(['ETH']))).toBe('ETHUSDT');
  });

  it('writes quotes without Kraken’s X and Z', () => {
    expect(plainQuote('ZUSD')).toBe('USD');
    expect(plainQuote('XXBT')).toBe('XBT');
    expect(plainQuote('USDT')).toBe('USDT');
    expect(plainQuote('EUR')).toBe('EUR');
  });
});
