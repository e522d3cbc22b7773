import { afterAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { parseEnv } from '#libs/config';
import { eventually } from '../../../test/support/queues.js';
import { CancellationSignals } from './job-cancellation.service.js';
import { JobCancelledError } from './job-cancelled.error.js';

/** An API process asks, a worker process hears: two instances on one real Redis. */
describe('CancellationSignals', () => {
  const config = parseEnv({ ...process.env });
  const api = new CancellationSignals(config);
  const worker = new CancellationSignals(config);

  afterAll(async () => {
    await api.onApplicationShutdown();
    await worker.onApplicationShutdown();
  });

  it('aborts the signal of a running job when another process asks it to stop, with the reason', async () => {
    const jobId = randomUUID();
    const signal = worker.forJob(jobId);
    expect(signal.aborted).toBe(false);
    // The worker subscribes as it starts watching: ask until it has heard.
    await eventually(
      async () => {
        await api.request(jobId);
        return signal.aborted;
      },
      (aborted) => aborted,
      5000,
    );
    expect(signal.reason).toBeInstanceOf(JobCancelledError);
    expect((signal.reason as Error).message).toBe(`job ${jobId} cancelled by an admin`);
    expect(() => signal.throwIfAborted()).toThrow(JobCancelledError);
    worker.release(jobId);
  });

  it('aborts at once a job that was asked to stop before it started', async () => {
    const jobId = randomUUID();
    await api.request(jobId, 'stopped before it ran');
    const signal = worker.forJob(jobId);
    await eventually(
      async () => signal.aborted,
      (aborted) => aborted,
      5000,
    );
    expect((signal.reason as Error).message).toBe(`job ${jobId} stopped before it ran`);
    worker.release(jobId);
  });

  it('leaves other jobs running, and forgets a request once the job is released', async () => {
    const [cancelled, other] = [randomUUID(), randomUUID()];
    const otherSignal = worker.forJob(other);
    const signal = worker.forJob(cancelled);
    await eventually(
      async () => {
        await api.request(cancelled);
        return signal.aborted;
      },
      (aborted) => aborted,
      5000,
    );
    expect(otherSignal.aborted).toBe(false);
    worker.release(cancelled);
    await eventually(
      () => api.requested(cancelled),
      (reason) => reason === null,
      5000,
    );
    worker.release(other);
  });
});
