import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type BackfillPayload, type SyncPayload, type SyncResult, workerLockOptions } from '#libs/queue';
import { AssetRepository } from '#libs/database';
import { CandleIngestService } from '../ingestion/candle-ingest.service.js';
import { ModelOnboarding } from '../models/model-onboarding.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/**
 * `sync` and `backfill` jobs; new candles enqueue a forecast and the check of the series' alert
 * rules on the newest, and a series that has reached the candles a family needs without a model
 * of it gets one trained (ModelOnboarding). Whether a failure is retried is the base class's
 * decision (KRAKEN_RETRY_BUDGET says how often).
 */
@Processor(QueueName.MarketData, { concurrency: 2, ...workerLockOptions() })
export class MarketDataProcessor extends InstrumentedProcessor<SyncPayload | BackfillPayload, SyncResult> {
  constructor(
    private readonly ingest: CandleIngestService,
    private readonly producer: JobProducer,
    private readonly onboarding: ModelOnboarding,
    private readonly assets: AssetRepository,
  ) {
    super();
  }

  protected async run(job: Job<SyncPayload | BackfillPayload>): Promise<SyncResult> {
    const result = await this.ingestFor(job);
    this.metrics.candlesIngested.inc({ asset: result.asset, interval: result.interval }, result.inserted + result.updated);
    // Fresh candles, fresh forecast (the prediction job skips when no model is ready yet).
    if (result.inserted > 0) {
      const series = { asset: result.asset, interval: result.interval, requestId: job.data.requestId };
      await this.producer.enqueue(JobName.Predict, series);
      // The newest stored candle is closed (the client drops the one still forming): its rules are checked on it.
      if (result.lastCandleTime !== null)
        await this.producer.enqueue(JobName.Evaluate, { ...series, trigger: 'candle', candleTime: result.lastCandleTime });
    }
    // On every sync, not only one that inserted: candles imported from a CSV file arrive without one.
    if (!result.skipped) {
      const asset = await this.assets.require(result.asset);
      await this.onboarding.ensureModels(asset.id, asset.symbol, result.interval, job.data.requestId);
    }
    return result;
  }

  private ingestFor(job: Job<SyncPayload | BackfillPayload>): Promise<SyncResult> {
    switch (job.name) {
      case JobName.Sync:
        return this.ingest.sync(job.data);
      case JobName.Backfill:
        return this.ingest.backfill(job.data);
      default:
        throw new UnrecoverableError(`market-data has no job named '${job.name}'`);
    }
  }
}
