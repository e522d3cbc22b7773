import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { CandleRepository, ModelRepository } from '#libs/database';
import type { IntervalCode, ModelFamily } from '#libs/domain';
import { forecasterFor } from '#libs/ml';
import { JobName, JobProducer } from '#libs/queue';
import { familiesFor, trainingPlan, trainingPriority } from './training-plan.js';

/** A family whose training failed is not tried again by onboarding before this (the weekly retrain, or an admin, will). */
const RETRY_FAILED_AFTER_MS = 6 * 3600 * 1000;

/**
 * Every series gets models as soon as it has the candles for them, not at the next weekly
 * retrain: after each sync or backfill (and at start), each family of the interval that has no
 * ready or training model, and enough candles for its minCandles, gets a training job: the
 * baselines first (seconds), then the LSTM where LSTM_INTERVALS has it. Each finished training
 * enqueues a score, and the score a forecast, so a forecast follows at once. Deduplicated per
 * family: a sync while its training waits adds nothing.
 */
@Injectable()
export class ModelOnboarding {
  private readonly logger = new Logger(ModelOnboarding.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly candles: CandleRepository,
    private readonly models: ModelRepository,
    private readonly producer: JobProducer,
  ) {}

  /** The families it enqueued a training of. */
  async ensureModels(assetId: number, symbol: string, interval: IntervalCode, requestId?: string): Promise<ModelFamily[]> {
    if (!this.config.TRAIN_ON_FIRST_START) return [];
    const models = await this.models.list({ assetId, interval });
    let stored: number | undefined;
    const enqueued: ModelFamily[] = [];
    for (const family of familiesFor(interval, this.config)) {
      const mine = models.filter((m) => m.family === family);
      if (mine.some((m) => m.status === 'ready' || m.status === 'training')) continue;
      if (mine.some((m) => m.status === 'failed' && Date.now() - m.updatedAt.getTime() < RETRY_FAILED_AFTER_MS)) continue;
      const needed = forecasterFor(family).minCandles({ horizon: trainingPlan(interval, family, this.config).horizon });
      stored ??= await this.candles.count(assetId, interval);
      if (stored < needed) continue;
      await this.producer.enqueue(JobName.Train, { asset: symbol, interval, family, requestId }, trainingPriority(family));
      enqueued.push(family);
    }
    if (enqueued.length > 0)
      this.logger.log(`${symbol} ${interval} has ${stored} candles and no ${enqueued.join(', ')} model: training them`);
    return enqueued;
  }
}
