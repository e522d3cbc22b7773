import { describe, expect, it } from '@jest/globals';
import { defaultJobOptions } from './job-options.js';
import { JobName } from './queue-name.js';

describe('defaultJobOptions', () => {
  it('deduplicates a training per asset, interval and family, so that the LSTM does not hold back the baselines', () => {
    const id = (family?: 'lstm' | 'garch') => defaultJobOptions(JobName.Train, { asset: 'BTC', interval: '1d', family }).deduplication?.id;
    expect(id('garch')).toBe('train-BTC-1d-garch');
    expect(id('lstm')).toBe('train-BTC-1d-lstm');
    expect(id()).toBe('train-BTC-1d');
  });

  it('runs a backtest or a tuning once (no retries), one per asset, interval and family at a time', () => {
    const backtest = defaultJobOptions(JobName.Backtest, { asset: 'ETH', interval: '1h', family: 'har-range', horizon: 3 });
    expect(backtest).toMatchObject({ attempts: 1, deduplication: { id: 'backtest-ETH-1h-har-range' } });
    expect(defaultJobOptions(JobName.Tune, { asset: 'ETH', interval: '1d', trials: 4 })).toMatchObject({
      attempts: 1,
      deduplication: { id: 'tune-ETH-1d' },
    });
  });
});
