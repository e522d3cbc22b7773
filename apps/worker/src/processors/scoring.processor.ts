import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, JobProducer, type NextJob, QueueName, type ScorePayload, workerLockOptions } from '#libs/queue';
import { ModelScoringService, type ScoreOutcome } from '../models/model-scoring.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** `score` jobs; a scoring that leaves a model serving (the pinned one, else the best) enqueues a forecast with it, and names that job in its result. */
@Processor(QueueName.Scoring, { concurrency: 1, ...workerLockOptions() })
export class ScoringProcessor extends InstrumentedProcessor<ScorePayload, ScoreOutcome & { next?: NextJob }> {
  constructor(
    private readonly scoring: ModelScoringService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<ScorePayload>): Promise<ScoreOutcome & { next?: NextJob }> {
    const { asset, interval, requestId } = job.data;
    const outcome = await this.scoring.score(job.data);
    // The admins' coverage rules read the realized coverage this scoring judged.
    await this.producer.enqueue(JobName.Evaluate, { asset, interval, requestId, trigger: 'score', jobId: job.id! });
    if (outcome.served === null) return outcome;
    return { ...outcome, next: await this.producer.enqueueNext(JobName.Predict, { asset, interval, requestId }) };
  }
}
