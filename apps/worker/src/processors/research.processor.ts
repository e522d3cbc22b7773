import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, JobProducer, type NextJob, QueueName, type BacktestPayload, type TunePayload, workerLockOptions } from '#libs/queue';
import { ResearchService, type BacktestOutcome, type ResearchProgress, type TuneOutcome } from '../models/research.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

type ResearchResult = BacktestOutcome | (TuneOutcome & { next: NextJob });

/**
 * `backtest` and `tune` jobs of the `research` queue, one at a time per worker: the walk-forward
 * engine on a span an admin chose, stored in `backtests`. Progress is each refit (and the trial,
 * when tuning); a tune's winner becomes a registry model, and scoring follows it. A cancelled
 * job (DELETE /prediction/jobs/{id}) stops at its next refit, and stores nothing.
 */
@Processor(QueueName.Research, { concurrency: 1, ...workerLockOptions() })
export class ResearchProcessor extends InstrumentedProcessor<BacktestPayload | TunePayload, ResearchResult> {
  constructor(
    private readonly research: ResearchService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<BacktestPayload | TunePayload>, signal: AbortSignal): Promise<ResearchResult> {
    const report = (progress: ResearchProgress) => job.updateProgress({ ...progress });
    const options = { signal, jobId: job.id };
    switch (job.name) {
      case JobName.Backtest:
        return this.research.backtest(job.data as BacktestPayload, report, options);
      case JobName.Tune: {
        const { asset, interval, requestId } = job.data;
        const outcome = await this.research.tune(job.data as TunePayload, report, options);
        return { ...outcome, next: await this.producer.enqueueNext(JobName.Score, { asset, interval, requestId }) };
      }
      default:
        throw new UnrecoverableError(`research has no job named '${job.name}'`);
    }
  }
}
