import { describe, expect, it } from '@jest/globals';
import { hasControlCharacter, hasNul } from './control-characters.js';

describe('control characters', () => {
  it.each(['\u0000', '\u0001', '\t', '\n', '\r', '\u001B', '\u001F', '\u007F'])('finds %j', (c) => {
    expect(hasControlCharacter(`a${c}b`)).toBe(true);
  });

  it.each([' ', 'é', '\u0080', '\u200B', 'Bitcoin Cash', '€'])('lets %j pass', (text) => {
    expect(hasControlCharacter(text)).toBe(false);
  });

  it('tells NUL apart from the other control characters', () => {
    expect(hasNul('a\u0000b')).toBe(true);
    expect(hasNul('a\tb')).toBe(false);
  });
});
