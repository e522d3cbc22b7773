import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { defaultJobOptions, JobName, QueueName } from '#libs/queue';
import { emptyDatabase } from './support/fixtures.js';
import { KrakenStandIn } from './support/kraken-stand-in.js';
import { KillableWorkers } from './support/processes.js';
import { eventually } from './support/queues.js';
import { openTestDatabase } from './support/test-database.js';

/** Long enough to be killed in the middle of: one LSTM member, no inner CV, so exactly 15 epochs a fit. */
const SLOW = { units: 16, window: 20, epochs: 15, seeds: 1, folds: 0, batchSize: 32 };

describe('a worker killed with SIGKILL in mid-training', () => {
  let kraken: KrakenStandIn;
  let db: DataSource;
  let killable: KillableWorkers;

  const models = () =>
    db.query(`SELECT version, status, failure_reason AS reason, weights IS NOT NULL AS "hasWeights" FROM models ORDER BY version`);

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    db = await openTestDatabase();
    await emptyDatabase(db);
    killable = await KillableWorkers.on(QueueName.Training, 'kill-spec', {
      KRAKEN_API_URL: kraken.url,
      TRAIN_HISTORY: '1d=3y',
      ML_BACKEND: 'wasm',
    });
  }, 120_000);

  afterAll(async () => {
    await killable.close();
    await db.destroy();
    await kraken.stop();
  });

  it('leaves no model ready that was not finished, and a second worker finishes the job', async () => {
    const { queue, events } = killable;
    const first = await killable.start();
    const data = { asset: 'BTC', interval: '1d' as const, family: 'lstm' as const, hyperparameters: SLOW };
    const job: Job = await queue.add(JobName.Train, data, { ...defaultJobOptions(JobName.Train, data), jobId: 'train-to-kill' });

    const epoch = async () => ((await queue.getJob(job.id!))?.progress as { epoch?: number } | undefined)?.epoch ?? 0;
    expect(await eventually(epoch, (e) => e >= 2, 90_000)).toBeGreaterThanOrEqual(2);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await models()).toEqual([{ version: 1, status: 'training', reason: null, hasWeights: false }]);

    await killable.start();
    const result = await job.waitUntilFinished(events, 180_000);
    expect(result).toMatchObject({ version: 2 });
    expect(await models()).toEqual([
      { version: 1, status: 'failed', reason: 'interrupted: the worker training it stopped', hasWeights: false },
      { version: 2, status: 'ready', reason: null, hasWeights: true },
    ]);
  }, 300_000);

  it('stops cleanly on SIGTERM', async () => {
    const worker = killable.workers.at(-1)!;
    worker.child.kill('SIGTERM');
    // Nest closes the workers and connections, then ends the process with the signal it got.
    expect(await worker.exited).toBe('SIGTERM');
    expect(worker.output()).not.toMatch(/ERROR/);
  }, 60_000);
});
