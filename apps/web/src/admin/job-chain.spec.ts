import { describe, expect, it } from 'vitest';
import { chainIds, followChain } from './job-chain.ts';
import type { JobView } from './job-types.ts';

function job(
  id: string,
  name: string,
  queue: string,
  state: JobView['state'],
  next?: { jobId: string; name: string; queue: string },
): JobView {
  return {
    id,
    name,
    queue,
    state,
    asset: 'BTC',
    interval: '1d',
    attemptsMade: state === 'waiting' ? 0 : 1,
    createdAt: '2026-12-01T00:00:00.000Z',
    processedAt: null,
    finishedAt: null,
    failedReason: null,
    data: {},
    progress: 0,
    result: next ? { next } : state === 'completed' ? {} : null,
  };
}

const lookup = (jobs: Map<string, JobView>) => (id: string) => jobs.get(id);

const ROOT = { jobId: 't1', name: 'train', queue: 'training' };

describe('followChain', () => {
  it('expects score and predict while the training runs', () => {
    const steps = followChain(ROOT, lookup(new Map([['t1', job('t1', 'train', 'training', 'active')]])));
    expect(steps.map((s) => [s.name, s.state, s.jobId])).toEqual([
      ['train', 'active', 't1'],
      ['score', 'expected', null],
      ['predict', 'expected', null],
    ]);
  });

  it('follows result.next from train to score to predict', () => {
    const jobs = new Map([
      ['t1', job('t1', 'train', 'training', 'completed', { jobId: 's1', name: 'score', queue: 'scoring' })],
      ['s1', job('s1', 'score', 'scoring', 'completed', { jobId: 'p1', name: 'predict', queue: 'prediction' })],
      ['p1', job('p1', 'predict', 'prediction', 'active')],
    ]);
    const steps = followChain(ROOT, lookup(jobs));
    expect(steps.map((s) => [s.name, s.queue, s.state])).toEqual([
      ['train', 'training', 'completed'],
      ['score', 'scoring', 'completed'],
      ['predict', 'prediction', 'active'],
    ]);
    expect(chainIds(steps)).toEqual(['t1', 's1', 'p1']);
  });

  it('shows a named next job as loading until it has been read', () => {
    const jobs = new Map([['t1', job('t1', 'train', 'training', 'completed', { jobId: 's1', name: 'score', queue: 'scoring' })]]);
    expect(followChain(ROOT, lookup(jobs)).map((s) => [s.name, s.state])).toEqual([
      ['train', 'completed'],
      ['score', 'loading'],
      ['predict', 'expected'],
    ]);
  });

  it('marks the rest skipped when a job finished without a next (a failed training, a score with no ready model)', () => {
    const failed = followChain(ROOT, lookup(new Map([['t1', job('t1', 'train', 'training', 'failed')]])));
    expect(failed.map((s) => s.state)).toEqual(['failed', 'skipped', 'skipped']);
    const noModel = followChain(
      ROOT,
      lookup(
        new Map([
          ['t1', job('t1', 'train', 'training', 'completed', { jobId: 's1', name: 'score', queue: 'scoring' })],
          ['s1', job('s1', 'score', 'scoring', 'completed')],
        ]),
      ),
    );
    expect(noModel.map((s) => [s.name, s.state])).toEqual([
      ['train', 'completed'],
      ['score', 'completed'],
      ['predict', 'skipped'],
    ]);
  });

  it('renders unknown job names as given, expecting nothing after them, and stops on a loop', () => {
    const jobs = new Map([
      ['x1', job('x1', 'retrain-all', 'housekeeping', 'completed', { jobId: 'x1', name: 'retrain-all', queue: 'housekeeping' })],
    ]);
    const steps = followChain({ jobId: 'x1', name: 'retrain-all', queue: 'housekeeping' }, lookup(jobs));
    expect(steps.map((s) => [s.name, s.queue, s.state])).toEqual([['retrain-all', 'housekeeping', 'completed']]);
  });
});
