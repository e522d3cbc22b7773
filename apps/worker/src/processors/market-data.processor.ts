import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { DomainError, KrakenResponseError, KrakenUnavailableError } from '#libs/domain';
import { JobName, QueueName, type BackfillPayload, type SyncPayload, type SyncResult } from '#libs/queue';
import { CandleIngestService } from '../ingestion/candle-ingest.service.js';

/** Kraken trouble a later attempt may not meet again: outages, rate limits, a garbled answer. */
const isTransient = (error: unknown) => error instanceof KrakenUnavailableError || error instanceof KrakenResponseError;

/** `sync` and `backfill` jobs. Kraken trouble is retried with backoff; what a retry cannot fix (an unknown asset or pair) fails at once. */
@Processor(QueueName.MarketData, { concurrency: 2 })
export class MarketDataProcessor extends WorkerHost {
  private readonly logger = new Logger(MarketDataProcessor.name);

  constructor(private readonly ingest: CandleIngestService) {
    super();
  }

  async process(job: Job<SyncPayload | BackfillPayload>): Promise<SyncResult> {
    try {
      switch (job.name) {
        case JobName.Sync:
          return await this.ingest.sync(job.data);
        case JobName.Backfill:
          return await this.ingest.backfill(job.data);
        default:
          throw new UnrecoverableError(`market-data has no job named '${job.name}'`);
      }
    } catch (error) {
      if (error instanceof DomainError && !isTransient(error)) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
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
