import { describe, expect, it } from 'vitest';
import { jobNotice } from './job-notice.ts';
import type { JobView } from './job-types.ts';

const base: JobView = {
  id: '7',
  name: 'train',
  queue: 'training',
  state: 'completed',
  asset: 'BTC',
  interval: '1d',
  attemptsMade: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  processedAt: null,
  finishedAt: null,
  failedReason: null,
  data: {},
  progress: 0,
  result: {},
};

describe('jobNotice', () => {
  it('announces a job that went from pending to finished or failed', () => {
    expect(jobNotice('active', base, false)).toEqual({ kind: 'success', text: 'Job train BTC 1d finished.' });
    expect(jobNotice('waiting', { ...base, state: 'failed', failedReason: 'no candles' }, false)).toEqual({
      kind: 'error',
      text: 'Job train BTC 1d failed: no candles',
    });
  });

  it('announces a job this page started even when it settled before the first poll', () => {
    expect(jobNotice(undefined, base, true)?.kind).toBe('success');
  });

  it('says nothing for a job still pending, or already over when first read', () => {
    expect(jobNotice('waiting', { ...base, state: 'active' }, true)).toBeNull();
    expect(jobNotice(undefined, base, false)).toBeNull();
    expect(jobNotice('completed', base, false)).toBeNull();
  });
});
