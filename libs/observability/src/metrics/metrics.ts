import { Inject, Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type ServiceName = 'gateway' | 'prediction' | 'worker';

/** Injection token of the name an app's metrics carry in their `service` label. */
export const METRICS_SERVICE = Symbol('METRICS_SERVICE');

/** Work to do just before a scrape, such as reading queue depths or ages from Redis and Postgres. */
export type ScrapeHook = () => Promise<void>;

/**
 * Every Candlecast metric (DESIGN.md, Metrics), in one registry per app beside prom-client's
 * default Node metrics. Each app updates the ones that describe its own work and leaves the
 * others at zero series; which app reports which is in the README (Observability).
 *
 * `asset` is the symbol (`BTC`), `interval` the code (`1d`), `route` the route pattern.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  private readonly logger = new Logger(Metrics.name);
  private readonly scrapeHooks: ScrapeHook[] = [];

  readonly httpRequests = new Counter({
    name: 'candlecast_http_requests_total',
    help: 'HTTP requests answered, by route pattern and status',
    labelNames: ['service', 'method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'candlecast_http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to the end of its answer',
    labelNames: ['service', 'method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly httpExceptions = new Counter({
    name: 'candlecast_http_exceptions_total',
    help: 'Unexpected errors that ended an HTTP request with a 500 (bugs and outages, not refused input)',
    labelNames: ['service', 'route'] as const,
    registers: [this.registry],
  });

  readonly predictionsServed = new Counter({
    name: 'candlecast_predictions_served_total',
    help: 'Forecasts read through the API',
    labelNames: ['asset', 'interval'] as const,
    registers: [this.registry],
  });

  readonly authEvents = new Counter({
    name: 'candlecast_auth_events_total',
    help: 'Security events at the gateway: login_failed, lockout (a login refused with 429), refresh_reuse, password_guess (a wrong or refused current_password)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly predictionsGenerated = new Counter({
    name: 'candlecast_predictions_generated_total',
    help: 'Forecast points written by prediction jobs',
    labelNames: ['asset', 'interval'] as const,
    registers: [this.registry],
  });

  readonly modelScore = new Gauge({
    name: 'candlecast_model_score',
    help: "The best model's latest evaluation per asset and interval; naive_* are the naive forecast's on the same window, live_* the forecasts already compared with actual closes",
    labelNames: ['asset', 'interval', 'model_version', 'metric'] as const,
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'candlecast_jobs_total',
    help: 'Job attempts finished by this worker, completed or failed',
    labelNames: ['queue', 'name', 'status'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'candlecast_job_duration_seconds',
    help: 'Time a job attempt ran on this worker',
    labelNames: ['queue', 'name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800],
    registers: [this.registry],
  });

  readonly queueJobs = new Gauge({
    name: 'candlecast_queue_jobs',
    help: 'Jobs in each queue by state, read from Redis at scrape',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
  });

  readonly jobSchedulers = new Gauge({
    name: 'candlecast_job_schedulers',
    help: 'BullMQ job schedulers of each queue, read from Redis at scrape: none on market-data, scoring or training while assets are tracked means nothing syncs, scores or retrains',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly trainingLoss = new Gauge({
    name: 'candlecast_training_loss',
    help: 'Loss of the last finished epoch of the training running (or last run) on this worker',
    labelNames: ['asset', 'interval', 'split'] as const,
    registers: [this.registry],
  });

  readonly candlesIngested = new Counter({
    name: 'candlecast_candles_ingested_total',
    help: 'Candles stored new or changed, from Kraken or the shipped history',
    labelNames: ['asset', 'interval'] as const,
    registers: [this.registry],
  });

  readonly lastCandleAge = new Gauge({
    name: 'candlecast_last_candle_age_seconds',
    help: 'Seconds since the last stored candle of each tracked asset and interval closed, read from Postgres at scrape',
    labelNames: ['asset', 'interval'] as const,
    registers: [this.registry],
  });

  readonly forecastCoverage = new Gauge({
    name: 'candlecast_forecast_coverage',
    help: 'Share of the last 90 realized one-step forecasts of each series whose actual fell inside the level% interval, read from Postgres at scrape',
    labelNames: ['asset', 'interval', 'level'] as const,
    registers: [this.registry],
  });

  readonly servedModelAge = new Gauge({
    name: 'candlecast_served_model_age_seconds',
    help: 'Seconds since the served model (pinned, else best) of each tracked series finished training, read from Postgres at scrape',
    labelNames: ['asset', 'interval', 'family'] as const,
    registers: [this.registry],
  });

  readonly forecastAge = new Gauge({
    name: 'candlecast_forecast_age_seconds',
    help: 'Seconds since the newest forecast of each tracked series was made, read from Postgres at scrape (none for a series without one)',
    labelNames: ['asset', 'interval'] as const,
    registers: [this.registry],
  });

  readonly krakenRequests = new Counter({
    name: 'candlecast_kraken_requests_total',
    help: 'HTTP requests to Kraken (every attempt, retries included) by outcome',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly krakenDuration = new Histogram({
    name: 'candlecast_kraken_request_duration_seconds',
    help: 'Time Kraken took to answer one request (the pacing wait excluded)',
    labelNames: ['endpoint'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly alertsFired = new Counter({
    name: 'candlecast_alerts_fired_total',
    help: 'Alert rules fired (once per rule and candle, forecast or event, whatever the retries), by kind',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'candlecast_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered (a 2xx), failed (another status, a timeout or a refused address; retried), gave_up (the last attempt failed)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly notificationLatency = new Histogram({
    name: 'candlecast_notification_latency_seconds',
    help: 'From the close of the candle (or the event) a notification reports to its delivery: written to the inbox, sent on a live stream, or acknowledged by a webhook',
    labelNames: ['channel'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [this.registry],
  });

  constructor(@Inject(METRICS_SERVICE) readonly service: ServiceName) {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A notification reached `channel` now: observes the time since what it reports occurred (notificationLatency). */
  notificationDelivered(channel: 'inbox' | 'stream' | 'webhook', occurredAt: Date): void {
    this.notificationLatency.observe({ channel }, (Date.now() - occurredAt.getTime()) / 1000);
  }

  /** Runs `hook` before every scrape; a hook that fails is logged and its metrics keep their last values. */
  onScrape(hook: ScrapeHook): void {
    this.scrapeHooks.push(hook);
  }

  /** The Prometheus text exposition of every metric, after the scrape hooks. */
  async scrape(): Promise<string> {
    const outcomes = await Promise.allSettled(this.scrapeHooks.map((hook) => hook()));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected')
        this.logger.warn(`a metric could not be refreshed for this scrape: ${String(outcome.reason?.message ?? outcome.reason)}`);
    }
    return this.registry.metrics();
  }
}
