import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type ScorePayload, workerLockOptions } from '#libs/queue';
import { ModelScoringService, type ScoreOutcome } from '../models/model-scoring.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** `score` jobs; a scoring that chose a best model enqueues a forecast with it. */
@Processor(QueueName.Scoring, { concurrency: 1, ...workerLockOptions() })
export class ScoringProcessor extends InstrumentedProcessor<ScorePayload, ScoreOutcome> {
  constructor(
    private readonly scoring: ModelScoringService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<ScorePayload>): Promise<ScoreOutcome> {
    const { asset, interval, requestId } = job.data;
    const outcome = await this.scoring.score(job.data);
    if (outcome.best !== null) await this.producer.enqueue(JobName.Predict, { asset, interval, requestId });
    return outcome;
  }
}
