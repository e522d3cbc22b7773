import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { defaultJobOptions, JobName, QueueName } from '#libs/queue';
import { emptyDatabase } from './support/fixtures.js';
import { KrakenStandIn } from './support/kraken-stand-in.js';
import { startWorker, type Running } from './support/processes.js';
import { eventually } from './support/queues.js';
import { openTestDatabase } from './support/test-database.js';

/** Long enough to be killed in the middle of: one LSTM member, no inner CV, so exactly 15 epochs a fit. */
const SLOW = { units: 16, window: 20, epochs: 15, seeds: 1, folds: 0, batchSize: 32 };

describe('a worker killed with SIGKILL in mid-training', () => {
  let kraken: KrakenStandIn;
  let db: DataSource;
  let env: Record<string, string>;
  let queue: Queue;
  let events: QueueEvents;
  const workers: Running[] = [];

  const models = () =>
    db.query(`SELECT version, status, failure_reason AS reason, weights IS NOT NULL AS "hasWeights" FROM models ORDER BY version`);

  beforeAll(async () => {
    kraken = await KrakenStandIn.start();
    db = await openTestDatabase();
    await emptyDatabase(db);
    const prefix = `kill-spec-${Date.now()}`;
    env = {
      DATABASE_URL: process.env.TEST_DATABASE_URL!,
      REDIS_URL: process.env.REDIS_URL!,
      QUEUE_PREFIX: prefix,
      KRAKEN_API_URL: kraken.url,
      TRACKED_ASSETS: 'BTC',
      TRACKED_INTERVALS: '1d',
      TRAIN_ON_FIRST_START: 'false',
      TRAIN_HISTORY: '1d=3y',
      ML_BACKEND: 'wasm',
      JOB_LOCK_MS: '2000',
      LOG_LEVEL: 'warn',
    };
    const connection = { url: process.env.REDIS_URL!, maxRetriesPerRequest: null };
    queue = new Queue(QueueName.Training, { connection, prefix });
    events = new QueueEvents(QueueName.Training, { connection, prefix });
    await events.waitUntilReady();
  }, 120_000);

  afterAll(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await db.destroy();
    await kraken.stop();
  });

  it('leaves no model ready that was not finished, and a second worker finishes the job', async () => {
    const first = await startWorker(env, workers);
    const data = { asset: 'BTC', interval: '1d' as const, family: 'lstm' as const, hyperparameters: SLOW };
    const job: Job = await queue.add(JobName.Train, data, { ...defaultJobOptions(JobName.Train, data), jobId: 'train-to-kill' });

    const epoch = async () => ((await queue.getJob(job.id!))?.progress as { epoch?: number } | undefined)?.epoch ?? 0;
    expect(await eventually(epoch, (e) => e >= 2, 90_000)).toBeGreaterThanOrEqual(2);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await models()).toEqual([{ version: 1, status: 'training', reason: null, hasWeights: false }]);

    await startWorker(env, workers);
    const result = await job.waitUntilFinished(events, 180_000);
    expect(result).toMatchObject({ version: 2 });
    expect(await models()).toEqual([
      { version: 1, status: 'failed', reason: 'interrupted: the worker training it stopped', hasWeights: false },
      { version: 2, status: 'ready', reason: null, hasWeights: true },
    ]);
  }, 300_000);

  it('stops cleanly on SIGTERM', async () => {
    const worker = workers.at(-1)!;
    worker.child.kill('SIGTERM');
    // Nest closes the workers and connections, then ends the process with the signal it got.
    expect(await worker.exited).toBe('SIGTERM');
    expect(worker.output()).not.toMatch(/ERROR/);
  }, 60_000);
});
