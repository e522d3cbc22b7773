import { describe, expect, it } from 'vitest';
import { HOME, loginPath, safeNext } from './next-path.ts';

const ORIGIN = 'http://localhost:3000';

describe('where sign-in leads', () => {
  it('keeps a same-origin path with its query and fragment', () => {
    expect(safeNext('/markets/BTC?interval=1h&from=2024-01-01', ORIGIN)).toBe('/markets/BTC?interval=1h&from=2024-01-01');
    expect(safeNext('/models/42#history', ORIGIN)).toBe('/models/42#history');
  });

  it.each([
    ['nothing', null],
    ['empty', ''],
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/x'],
    ['a backslash trick', '/\\evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['a relative path', 'markets'],
    ['the sign-in page itself', '/login?next=/markets'],
    ['the sign-up page', '/signup'],
  ])('goes to the markets for %s', (_what, raw) => {
    expect(safeNext(raw, ORIGIN)).toBe(HOME);
  });

  it('builds the sign-in address of a deep link, and none for the home page', () => {
    expect(loginPath('/markets/BTC?interval=1d')).toBe('/login?next=%2Fmarkets%2FBTC%3Finterval%3D1d');
    expect(loginPath('/markets')).toBe('/login');
  });
});
