import { describe, expect, it } from '@jest/globals';
import { parseDecimalInteger } from './decimal-integer.js';

describe('parseDecimalInteger', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['10000', 10000],
    ['007', 7],
    ['9223372036854775807', Number('9223372036854775807')],
  ])('reads %s as %d', (text, value) => {
    expect(parseDecimalInteger(text)).toBe(value);
  });

  it.each(['0x10', '1e3', '+1', ' 1', '1 ', '1.0', '1_000', '', '-1', '١٢', 'Infinity', 'NaN', '0b1', '1,000'])(
    'refuses %j, which Number() would read as something else or not at all',
    (text) => {
      expect(parseDecimalInteger(text)).toBeNull();
    },
  );

  it('takes a leading minus only where negatives are allowed', () => {
    expect(parseDecimalInteger('-5', { negative: true })).toBe(-5);
    expect(parseDecimalInteger('--5', { negative: true })).toBeNull();
    expect(parseDecimalInteger('+5', { negative: true })).toBeNull();
  });
});
