import { describe, expect, it } from 'vitest';
import { tickerChangePercent, tickerFreshness, tickerRefreshMs } from './ticker.ts';

describe('the live ticker', () => {
  it("refreshes every cache TTL of the API's config, 10 s until it is known, never faster than 2 s", () => {
    expect(tickerRefreshMs(15)).toBe(15_000);
    expect(tickerRefreshMs(undefined)).toBe(10_000);
    expect(tickerRefreshMs(0)).toBe(10_000);
    expect(tickerRefreshMs(1)).toBe(2000);
  });

  it('changes from the 24 h open in percent', () => {
    expect(tickerChangePercent({ last: '110', open: '100' })).toBeCloseTo(10);
    expect(tickerChangePercent({ last: '19107.0', open: '18655.0' })).toBeCloseTo(2.423, 3);
    expect(tickerChangePercent({ last: '1', open: '0' })).toBeNull();
  });

  it('says live, or how old the last known values are', () => {
    expect(tickerFreshness({ stale: false, ageSeconds: 3 })).toBe('live');
    expect(tickerFreshness({ stale: true, ageSeconds: 42.4 })).toBe('stale, 42 s old');
  });
});
