import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type TrainPayload, workerLockOptions } from '#libs/queue';
import { ModelTrainingService, type TrainingOutcome } from '../models/model-training.service.js';
import { retryDecided } from './job-errors.js';

/**
 * `train` jobs, one at a time per worker (training takes the CPU). Progress per epoch is the
 * job's progress; a finished training enqueues scoring. The event loop keeps turning while it
 * trains (libs/ml yields after every batch), so BullMQ keeps renewing the job's lock; a worker
 * killed mid-training lets the lock lapse, and the job runs again on another worker.
 */
@Processor(QueueName.Training, { concurrency: 1, ...workerLockOptions() })
export class TrainingProcessor extends WorkerHost {
  constructor(
    private readonly training: ModelTrainingService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  async process(job: Job<TrainPayload>): Promise<TrainingOutcome> {
    const outcome = await retryDecided(() => this.training.train(job.data, (progress) => job.updateProgress({ ...progress })));
    await this.producer.enqueue(JobName.Score, { asset: job.data.asset, interval: job.data.interval });
    return outcome;
  }
}
