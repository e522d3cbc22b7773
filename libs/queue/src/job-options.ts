import type { JobsOptions } from 'bullmq';
import { JobName } from './queue-name.js';
import type { JobPayloads } from './job-payloads.js';
import { KRAKEN_RETRY_BUDGET } from './kraken-retry-budget.js';

const keep = { removeOnComplete: { age: 24 * 3600, count: 1000 }, removeOnFail: { age: 7 * 24 * 3600, count: 5000 } };

/** A webhook delivery is tried this often, WEBHOOK_RETRY_DELAY_MS, then twice, four times … as long apart, before it counts as failed. */
export const WEBHOOK_ATTEMPTS = 6;

/** Default options per job: retries, backoff, retention, and the dedupe id that makes a repeated request return the job already queued. */
export function defaultJobOptions<N extends JobName>(name: N, payload: JobPayloads[N]): JobsOptions {
  if (name === JobName.Deliver) {
    // The delivery's id is its job id, so a delivery is queued once; its backoff, from config, comes with it (NotificationDispatcher).
    return { ...keep, attempts: WEBHOOK_ATTEMPTS };
  }
  if (name === JobName.Prune) {
    // Each run deletes what is due by then, so a retry a minute later misses nothing; three failed
    // attempts within minutes are what CandlecastJobsFailing needs to see a prune that cannot run.
    return { ...keep, attempts: 3, backoff: { type: 'exponential', delay: 60_000 } };
  }
  if (name === JobName.Evaluate) {
    const event = payload as JobPayloads[JobName.Evaluate];
    const id = event.candleTime ?? event.predictionId ?? event.jobId ?? '';
    return {
      ...keep,
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      deduplication: { id: `${name}-${event.asset}-${event.interval}-${event.trigger}-${id}` },
    };
  }
  const series = payload as { asset: string; interval: string };
  // A family (train, backtest, tune) is part of the job's identity: training the LSTM does not hold back the baselines.
  const family = 'family' in payload && payload.family !== undefined ? `-${payload.family}` : '';
  const key = `${name}-${series.asset}-${series.interval}${family}`;
  switch (name) {
    case JobName.Sync:
    case JobName.Backfill:
      return {
        ...keep,
        attempts: KRAKEN_RETRY_BUDGET.attemptsPerJob,
        backoff: { type: 'exponential', delay: 2000 },
        deduplication: { id: key },
      };
    case JobName.Train:
      return { ...keep, attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, deduplication: { id: key } };
    case JobName.Backtest:
    case JobName.Tune:
      // Long and deterministic: a failure would fail again, and an admin can ask once more.
      return { ...keep, attempts: 1, deduplication: { id: key } };
    default:
      return { ...keep, attempts: 3, backoff: { type: 'exponential', delay: 5000 }, deduplication: { id: key } };
  }
}

/** Kraken's public API allows roughly one call a second; every process shares this pace through Redis. */
export const KRAKEN_PACE_KEY = 'kraken-pace';
