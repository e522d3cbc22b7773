import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { UnrecoverableError, Worker } from 'bullmq';
import { ConfigModule, loadConfig } from '#libs/config';
import { JobName, JobProducer, QueueModule, QueueName } from '#libs/queue';
import { bootApp } from '../../../../test/support/nest-app.js';
import { emptyQueues, eventually } from '../../../../test/support/queues.js';
import { STALLED_TOO_OFTEN, StalledTrainingListener } from './stalled-training.listener.js';

@Module({ imports: [ConfigModule, QueueModule], providers: [StalledTrainingListener] })
class ListenerModule {}

describe('a training that failed in Redis, stalled too often', () => {
  let app: INestApplication;
  let worker: Worker;

  /** A training job failed with `reason` as BullMQ fails it, by a worker of the test's that took it by hand. */
  const failTraining = async (reason: string) => {
    const job = await app.get(JobProducer).enqueue(JobName.Train, { asset: 'BTC', interval: '1d', family: 'naive' });
    const taken = await worker.getNextJob('test-token');
    expect(taken?.id).toBe(job.id);
    // Failed for good, as the stalled-jobs check fails it whatever attempts are left.
    await taken!.moveToFailed(new UnrecoverableError(reason), 'test-token');
    return job.id!;
  };
  const checks = async () => (await app.get(JobProducer).queue(QueueName.Alerts).getJobs(['waiting'])).map((job) => job.data);

  beforeAll(async () => {
    await emptyQueues();
    app = await bootApp(ListenerModule);
    await app.get(StalledTrainingListener).queueEvents.waitUntilReady();
    const config = loadConfig();
    worker = new Worker(QueueName.Training, null, {
      autorun: false,
      connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: config.QUEUE_PREFIX,
    });
  });

  afterAll(async () => {
    await worker.close();
    await app.close();
    await emptyQueues();
  });

  it("has the series' training_failed rules checked, as for any training that gave up", async () => {
    const jobId = await failTraining(STALLED_TOO_OFTEN);
    const [check] = await eventually(checks, (data) => data.length > 0, 15_000, 'the training_failed check');
    expect(check).toEqual({ asset: 'BTC', interval: '1d', trigger: 'training_failed', jobId, reason: expect.stringMatching(/stopped/) });
  });

  it('leaves the other failures to the processor that saw them', async () => {
    const before = (await checks()).length;
    await failTraining('out of memory');
    // The stalled one after it is heard: the events come in order, so the one before was passed over.
    const stalled = await failTraining(STALLED_TOO_OFTEN);
    const after = await eventually(checks, (data) => data.some((d) => d.jobId === stalled), 15_000, 'the second check');
    expect(after).toHaveLength(before + 1);
  });
});
