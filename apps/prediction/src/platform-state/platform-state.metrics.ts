import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { CandleRepository, ModelRepository, PredictionRepository, type ModelScore } from '#libs/database';
import { INTERVAL_LEVELS, intervalSeconds, type ForecastMetrics } from '#libs/domain';
import { Metrics } from '#libs/observability';
import { JobProducer, QueueName } from '#libs/queue';

const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed'] as const;

/** The realized one-step forecasts candlecast_forecast_coverage is over (90: the alert's binomial band is about 84–96% at 90%). */
export const COVERAGE_WINDOW = 90;

/** Evaluation keys as metric label values: the model's (`mase`) and the naive forecast's (`naive_mase`). */
const SCORE_NAMES: readonly [keyof ForecastMetrics, string][] = [
  ['mae', 'mae'],
  ['rmse', 'rmse'],
  ['mape', 'mape'],
  ['r2', 'r2'],
  ['mase', 'mase'],
  ['directionalAccuracy', 'directional_accuracy'],
];

/**
 * The platform's state as gauges, read at every scrape from where it lives, so that it is the
 * same whichever process reports it and however many workers run: queue depths and job
 * schedulers from Redis, the best models' scores and the age of the newest candles from
 * Postgres. The prediction service reports them, once for the whole platform.
 */
@Injectable()
export class PlatformStateMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly producer: JobProducer,
    private readonly models: ModelRepository,
    private readonly candles: CandleRepository,
    private readonly predictions: PredictionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(() => this.readQueues());
    this.metrics.onScrape(() => this.readSchedulers());
    this.metrics.onScrape(() => this.readModelScores());
    this.metrics.onScrape(() => this.readCandleAges());
    this.metrics.onScrape(() => this.readCoverage());
    this.metrics.onScrape(() => this.readServedModelAges());
    this.metrics.onScrape(() => this.readForecastAges());
  }

  private async readCoverage(): Promise<void> {
    const series = await this.predictions.coverageBySeries(COVERAGE_WINDOW);
    this.metrics.forecastCoverage.reset();
    for (const coverage of series) {
      for (const level of INTERVAL_LEVELS) {
        const value = coverage[`coverage${level}`];
        if (value !== null)
          this.metrics.forecastCoverage.set({ asset: coverage.asset, interval: coverage.interval, level: String(level) }, value);
      }
    }
  }

  private async readServedModelAges(): Promise<void> {
    const served = await this.models.servedBySeries();
    this.metrics.servedModelAge.reset();
    for (const { asset, interval, family, trainedAt } of served) {
      this.metrics.servedModelAge.set({ asset, interval, family }, Math.max(0, (Date.now() - trainedAt.getTime()) / 1000));
    }
  }

  private async readForecastAges(): Promise<void> {
    const newest = await this.predictions.newestBySeries();
    this.metrics.forecastAge.reset();
    for (const { asset, interval, madeAt } of newest) {
      this.metrics.forecastAge.set({ asset, interval }, Math.max(0, (Date.now() - madeAt.getTime()) / 1000));
    }
  }

  private async readQueues(): Promise<void> {
    for (const queue of Object.values(QueueName)) {
      const counts = await this.producer.queue(queue).getJobCounts(...QUEUE_STATES);
      for (const state of QUEUE_STATES) this.metrics.queueJobs.set({ queue, state }, counts[state] ?? 0);
    }
  }

  private async readSchedulers(): Promise<void> {
    for (const queue of Object.values(QueueName)) {
      this.metrics.jobSchedulers.set({ queue }, await this.producer.queue(queue).getJobSchedulersCount());
    }
  }

  private async readModelScores(): Promise<void> {
    const board = await this.models.scoreboard();
    // Reset first: a model that stopped being best leaves the gauge with its version label.
    this.metrics.modelScore.reset();
    for (const score of board) {
      const labels = { asset: score.asset, interval: score.interval, model_version: String(score.version) };
      for (const [metric, value] of scoreValues(score)) {
        if (value !== null && Number.isFinite(value)) this.metrics.modelScore.set({ ...labels, metric }, value);
      }
    }
  }

  private async readCandleAges(): Promise<void> {
    const newest = await this.candles.newestOfTracked(this.config.TRACKED_INTERVALS);
    this.metrics.lastCandleAge.reset();
    for (const { asset, interval, time } of newest) {
      const closedAt = time.getTime() + intervalSeconds(interval) * 1000;
      this.metrics.lastCandleAge.set({ asset, interval }, Math.max(0, (Date.now() - closedAt) / 1000));
    }
  }
}

function scoreValues(score: ModelScore): [string, number | null][] {
  const values: [string, number | null][] = [];
  for (const [key, name] of SCORE_NAMES) {
    if (score.metrics && key in score.metrics) values.push([name, score.metrics[key] ?? null]);
    if (score.naiveMetrics && key in score.naiveMetrics && key !== 'mase') values.push([`naive_${name}`, score.naiveMetrics[key] ?? null]);
  }
  values.push(['live_mae', score.liveMae], ['live_naive_mae', score.liveNaiveMae]);
  return values;
}
