import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { JobName, JobProducer, QueueName, type BackfillPayload, type SyncPayload, type SyncResult, workerLockOptions } from '#libs/queue';
import { AssetRepository, CandleRepository } from '#libs/database';
import { CandleIngestService } from '../ingestion/candle-ingest.service.js';
import { ModelOnboarding } from '../models/model-onboarding.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** The most new candles of one sync whose alert rules are checked each. */
export const CATCH_UP_CANDLES = 24;

/**
 * `sync` and `backfill` jobs; new candles enqueue a forecast and the check of the series' alert
 * rules, and a series that has reached the candles a family needs without a model
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
    private readonly candles: CandleRepository,
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
      for (const candleTime of await this.candlesToCheck(job, result))
        await this.producer.enqueue(JobName.Evaluate, { ...series, trigger: 'candle', candleTime });
    }
    // On every sync, not only one that inserted: candles imported from a CSV file arrive without one.
    if (!result.skipped) {
      const asset = await this.assets.require(result.asset);
      await this.onboarding.ensureModels(asset.id, asset.symbol, result.interval, job.data.requestId);
    }
    return result;
  }

  /**
   * The new closed candles whose alert rules are checked, oldest first (stored candles are closed:
   * the client drops the one still forming). A sync that caught up on several (the worker was
   * down) has each of its newest CATCH_UP_CANDLES checked, so that a crossing between two of them
   * still fires; a series' first candles and a backfill have only their newest checked, since the
   * rest is history, not news.
   */
  private async candlesToCheck(job: Job<SyncPayload | BackfillPayload>, result: SyncResult): Promise<number[]> {
    if (result.lastCandleTime === null) return [];
    if (job.name !== JobName.Sync || result.inserted === 1) return [result.lastCandleTime];
    const asset = await this.assets.require(result.asset);
    // All it holds is what this sync brought: the series' first candles.
    if ((await this.candles.count(asset.id, result.interval)) <= result.inserted) return [result.lastCandleTime];
    const stored = await this.candles.closesUpTo(
      asset.id,
      result.interval,
      result.lastCandleTime,
      Math.min(result.inserted, CATCH_UP_CANDLES),
    );
    return stored.map((candle) => candle.time).reverse();
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
