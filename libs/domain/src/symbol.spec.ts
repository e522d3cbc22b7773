import { describe, expect, it } from '@jest/globals';
import { parseSymbol } from './symbol.js';

describe('parseSymbol', () => {
  it.each([
    ['btc', 'BTC'],
    ['Sol', 'SOL'],
    ['1INCH', '1INCH'],
  ])('takes %s as %s', (text, symbol) => {
    expect(parseSymbol(text)).toBe(symbol);
  });

  it.each(['ſol', 'ﬀ', 'ß', ' btc', 'btc ', 'B', 'B'.repeat(13), 'BTC\u0000', 'BT-C', 'Ｂｔｃ', '\u212Aas'])(
    'refuses %j before upper-casing, which would make a symbol of it',
    (text) => {
      expect(parseSymbol(text)).toBeNull();
    },
  );
});
