import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { EpochLog } from '#libs/domain';
import { JobName, JobProducer, type NextJob, QueueName, type TrainPayload, workerLockOptions } from '#libs/queue';
import { ModelTrainingService, type TrainingOutcome } from '../models/model-training.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/**
 * `train` jobs, one at a time per worker (training takes the CPU). Progress per epoch is the
 * job's progress, with every epoch's losses of this attempt so far (at most the epochs
 * hyperparameter's maximum); a finished training enqueues scoring and names that job in its result. The event loop keeps turning while it
 * trains (libs/ml yields after every batch), so BullMQ keeps renewing the job's lock; a worker
 * killed mid-training lets the lock lapse, and the job runs again on another worker. Each
 * epoch's losses are also candlecast_training_loss.
 */
@Processor(QueueName.Training, { concurrency: 1, ...workerLockOptions() })
export class TrainingProcessor extends InstrumentedProcessor<TrainPayload, TrainingOutcome & { next: NextJob }> {
  constructor(
    private readonly training: ModelTrainingService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<TrainPayload>): Promise<TrainingOutcome & { next: NextJob }> {
    const { asset, interval, requestId } = job.data;
    const history: EpochLog[] = [];
    const outcome = await this.training.train(job.data, (progress) => {
      this.metrics.trainingLoss.set({ asset, interval, split: 'train' }, progress.loss);
      this.metrics.trainingLoss.set({ asset, interval, split: 'validation' }, progress.valLoss);
      history.push({ epoch: progress.epoch, loss: progress.loss, valLoss: progress.valLoss });
      return job.updateProgress({ ...progress, history });
    });
    const next = await this.producer.enqueueNext(JobName.Score, { asset, interval, requestId });
    return { ...outcome, next };
  }
}
