import { Inject } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { ModelFamily } from '#libs/domain';
import { JobName, JobProducer, type NextJob, QueueName, type TrainPayload, workerLockOptions } from '#libs/queue';
import { ModelTrainingService, type TrainingOutcome, type TrainingProgress } from '../models/model-training.service.js';
import { familiesFor, trainingPriority } from '../models/training-plan.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** A `train` job that named no family: one job per family of its interval, each its own training. */
export interface FannedOut {
  families: { family: ModelFamily; next: NextJob }[];
}

type TrainingResult = (TrainingOutcome & { next: NextJob }) | FannedOut;

/**
 * `train` jobs, one at a time per worker (training takes the CPU). A job of one family trains it
 * and enqueues scoring, named in its result; a job without a family (the weekly RETRAIN_SCHEDULE,
 * or any caller that wants every family) enqueues one job per family of the interval, the
 * baselines first, so that they are ready in seconds while the LSTM trains after them. Progress
 * is each refit of the walk-forward and each epoch of an LSTM fit; each epoch's losses are also
 * candlecast_training_loss. The event loop keeps turning while it trains (libs/ml yields), so
 * BullMQ keeps renewing the job's lock; a worker killed mid-training lets the lock lapse, and the
 * job runs again on another worker. A cancelled job (DELETE /prediction/jobs/{id}) stops at its
 * next refit or epoch.
 */
@Processor(QueueName.Training, { concurrency: 1, ...workerLockOptions() })
export class TrainingProcessor extends InstrumentedProcessor<TrainPayload, TrainingResult> {
  constructor(
    private readonly training: ModelTrainingService,
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  protected async run(job: Job<TrainPayload>, signal: AbortSignal): Promise<TrainingResult> {
    const { asset, interval, requestId, family } = job.data;
    if (!family) {
      // Each family with its own defaults: settings are per family, none fits them all.
      const families = [];
      for (const each of familiesFor(interval, this.config)) {
        const next = await this.producer.enqueue(JobName.Train, { asset, interval, requestId, family: each }, trainingPriority(each));
        families.push({ family: each, next: { queue: QueueName.Training, name: JobName.Train, jobId: next.id! } });
      }
      return { families };
    }
    const outcome = await this.training.train(
      { ...job.data, family },
      (progress: TrainingProgress) => {
        if (progress.loss !== undefined) {
          this.metrics.trainingLoss.set({ asset, interval, split: 'train' }, progress.loss);
          if (progress.valLoss !== undefined && progress.valLoss !== null)
            this.metrics.trainingLoss.set({ asset, interval, split: 'validation' }, progress.valLoss);
        }
        return job.updateProgress({ ...progress });
      },
      { signal, jobId: job.id },
    );
    const next = await this.producer.enqueueNext(JobName.Score, { asset, interval, requestId });
    return { ...outcome, next };
  }

  /** A training that failed for good is an event the admins' training_failed rules of its series hear of. */
  protected override async gaveUp(job: Job<TrainPayload>, reason: string): Promise<void> {
    const { asset, interval, requestId } = job.data;
    await this.producer.enqueue(JobName.Evaluate, { asset, interval, requestId, trigger: 'training_failed', jobId: job.id!, reason });
  }
}
