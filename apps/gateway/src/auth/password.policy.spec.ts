import { describe, expect, it } from '@jest/globals';
import { passwordWeakness, visibleCharacters } from './password.policy.js';

const TOO_FEW_VISIBLE =
  'password must have at least 12 visible characters (letters, digits, punctuation or symbols; spaces and invisible characters do not count)';

describe('the password policy', () => {
  it.each([
    ['zero-width spaces', '\u200B'.repeat(20)],
    ['joiners and word joiners', '\u200C\u200D\u2060\uFEFF'.repeat(5)],
    ['combining marks alone', '\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030A\u030B\u030C'],
    ['whitespace only', ' \u00A0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u3000'],
    ['five visible characters padded with invisible ones', `abcde${'\u200B'.repeat(12)}`],
    ['eleven visible characters and spaces', 'ab cd ef gh ijk'],
  ])('refuses a password of %s, with a message', (_, password) => {
    expect(passwordWeakness(password)).toBe(TOO_FEW_VISIBLE);
  });

  it('needs five different visible characters: spaces and invisible characters are not among them', () => {
    expect(passwordWeakness('aaaabbbbcccc dd')).toBe('password must use at least 5 different visible characters');
    expect(passwordWeakness(`aaaabbbbcccc\u200B\u200C\u200D`)).toBe('password must use at least 5 different visible characters');
  });

  it.each([
    'peer to peer cash 2008',
    'correct horse battery',
    'пароль-на-русском',
    '🔑🔒🗝️🚪🏠🔑🔒🗝️🚪🏠🔑🔒',
    'mot de passe été 2024',
    'café\u0301 au lait noir!',
  ])('accepts %j', (password) => {
    expect(passwordWeakness(password)).toBeNull();
  });

  it('still limits the length and refuses the username inside', () => {
    expect(passwordWeakness('x1'.repeat(65))).toBe('password must be at most 128 characters long');
    expect(passwordWeakness('my name is Satoshi!', 'satoshi')).toBe('password must not contain the username');
  });

  it('counts letters with their combining marks as one visible character each', () => {
    expect(visibleCharacters('e\u0301\u200Bx')).toEqual(['e', 'x']);
  });
});
