import { describe, expect, it } from '@jest/globals';
import { INTERVAL_CODES, intervalSeconds } from '#libs/domain';
import { KRAKEN_OHLC_WINDOW, syncPeriodSeconds } from './asset-scheduler.service.js';

describe('the sync period of an interval', () => {
  it('is SYNC_EVERY, but once per candle for an interval shorter than it', () => {
    expect(syncPeriodSeconds('1m', 300)).toBe(60);
    expect(syncPeriodSeconds('5m', 300)).toBe(300);
    expect(syncPeriodSeconds('1h', 300)).toBe(300);
    expect(syncPeriodSeconds('1d', 86_400 * 2)).toBe(86_400);
  });

  it.each([60, 300, 3600, 86_400 * 30])(
    "leaves every interval's newest candles inside Kraken's 720-candle window between two syncs (SYNC_EVERY=%i)",
    (syncEvery) => {
      for (const interval of INTERVAL_CODES) {
        // Candles that close between two syncs: at most one, of the 720 Kraken still serves.
        const closedBetweenSyncs = syncPeriodSeconds(interval, syncEvery) / intervalSeconds(interval);
        expect(closedBetweenSyncs).toBeLessThanOrEqual(1);
        expect(closedBetweenSyncs).toBeLessThan(KRAKEN_OHLC_WINDOW);
      }
    },
  );
});
