import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type TrainPayload, workerLockOptions } from '#libs/queue';
import { ModelTrainingService, type TrainingOutcome } from '../models/model-training.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/**
 * `train` jobs, one at a time per worker (training takes the CPU). Progress per epoch is the
 * job's progress; a finished training enqueues scoring. The event loop keeps turning while it
 * trains (libs/ml yields after every batch), so BullMQ keeps renewing the job's lock; a worker
 * killed mid-training lets the lock lapse, and the job runs again on another worker. Each
 * epoch's losses are also candlecast_training_loss.
 */
@Processor(QueueName.Training, { concurrency: 1, ...workerLockOptions() })
export class TrainingProcessor extends InstrumentedProcessor<TrainPayload, TrainingOutcome> {
  constructor(
    private readonly training: ModelTrainingService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<TrainPayload>): Promise<TrainingOutcome> {
    const { asset, interval, requestId } = job.data;
    const outcome = await this.training.train(job.data, (progress) => {
      this.metrics.trainingLoss.set({ asset, interval, split: 'train' }, progress.loss);
      this.metrics.trainingLoss.set({ asset, interval, split: 'validation' }, progress.valLoss);
      return job.updateProgress({ ...progress });
    });
    await this.producer.enqueue(JobName.Score, { asset, interval, requestId });
    return outcome;
  }
}
