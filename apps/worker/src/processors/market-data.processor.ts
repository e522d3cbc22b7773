import { OnWorkerEvent, Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type BackfillPayload, type SyncPayload, type SyncResult, workerLockOptions } from '#libs/queue';
import { CandleIngestService } from '../ingestion/candle-ingest.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';
import { retryDecided } from './job-errors.js';

/** `sync` and `backfill` jobs; new candles enqueue a forecast. Kraken trouble is retried with backoff; what a retry cannot fix (an unknown asset or pair) fails at once. */
@Processor(QueueName.MarketData, { concurrency: 2, ...workerLockOptions() })
export class MarketDataProcessor extends InstrumentedProcessor<SyncPayload | BackfillPayload, SyncResult> {
  private readonly logger = new Logger(MarketDataProcessor.name);

  constructor(
    private readonly ingest: CandleIngestService,
    private readonly producer: JobProducer,
  ) {
    super();
  }

  protected async run(job: Job<SyncPayload | BackfillPayload>): Promise<SyncResult> {
    const result = await retryDecided(() => {
      switch (job.name) {
        case JobName.Sync:
          return this.ingest.sync(job.data);
        case JobName.Backfill:
          return this.ingest.backfill(job.data);
        default:
          throw new UnrecoverableError(`market-data has no job named '${job.name}'`);
      }
    });
    this.metrics.candlesIngested.inc({ asset: result.asset, interval: result.interval }, result.inserted + result.updated);
    // Fresh candles, fresh forecast (the prediction job skips when no model is ready yet).
    if (result.inserted > 0)
      await this.producer.enqueue(JobName.Predict, { asset: result.asset, interval: result.interval, requestId: job.data.requestId });
    return result;
  }

  /** One warning per job that gives up, rather than one per attempt: an offline machine stays readable. */
  @OnWorkerEvent('failed')
  onFailed(job: Job<SyncPayload | BackfillPayload> | undefined, error: Error): void {
    if (!job) return;
    const final = error instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    const what = `${job.name} ${job.data.asset} ${job.data.interval}`;
    if (final) this.logger.warn(`${what} failed after ${job.attemptsMade} attempt(s): ${error.message}`);
    else this.logger.debug(`${what} attempt ${job.attemptsMade} failed, retrying with backoff: ${error.message}`);
  }
}
