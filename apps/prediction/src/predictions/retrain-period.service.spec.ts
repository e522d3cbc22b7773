import { describe, expect, it } from '@jest/globals';
import { parseEnv } from '#libs/config';
import { RetrainPeriod } from './retrain-period.service.js';

const DAY = 86_400_000;
const period = (RETRAIN_SCHEDULE: string) => new RetrainPeriod(parseEnv({ RETRAIN_SCHEDULE }));

describe('RetrainPeriod', () => {
  it('takes the gap between two firings of RETRAIN_SCHEDULE, and calls a model stale past two of them', () => {
    const weekly = period('0 3 * * 0');
    expect(weekly.periodMs).toBe(7 * DAY);
    const now = new Date('2026-12-02T12:00:00Z');
    expect(weekly.isStale(new Date(now.getTime() - 14 * DAY), now)).toBe(false);
    expect(weekly.isStale(new Date(now.getTime() - 14 * DAY - 1000), now)).toBe(true);
  });

  it('counts the longest gap of a schedule whose firings are uneven', () => {
    // Mondays and Thursdays: gaps of 3 and 4 days.
    expect(period('0 3 * * 1,4').periodMs).toBe(4 * DAY);
    expect(period('30 0 * * *').periodMs).toBe(DAY);
  });
});
