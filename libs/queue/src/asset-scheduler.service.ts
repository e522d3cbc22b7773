import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { intervalSeconds, type IntervalCode } from '#libs/domain';
import { defaultJobOptions } from './job-options.js';
import { JobProducer } from './job-producer.service.js';
import type { EvaluatePayload } from './job-payloads.js';
import { JobName, JOB_QUEUE } from './queue-name.js';

/** The jobs each tracked asset and interval has a scheduler of. */
const SCHEDULED = [JobName.Sync, JobName.Score, JobName.Train, JobName.Evaluate] as const;
type Scheduled = (typeof SCHEDULED)[number];

/** One scheduler as schedule() makes it. */
export interface Planned {
  id: string;
  name: Scheduled;
  symbol: string;
  interval: IntervalCode;
  repeat: { every: number } | { pattern: string };
  /** What its jobs carry besides the asset and interval. */
  data?: Pick<EvaluatePayload, 'trigger'>;
}

/** Kraken's OHLC serves the newest 720 candles of an interval, and nothing older. */
export const KRAKEN_OHLC_WINDOW = 720;

/**
 * Seconds between two syncs of an interval: SYNC_EVERY, but never longer than one candle of it
 * (1m: every minute), so that a series is fresh to its newest closed candle and no candle can
 * fall out of Kraken's 720-candle window between two syncs (at 1m that window is 12 h: 720 syncs
 * would have to fail in a row). At the default pace (one Kraken call a second) a 1m series costs
 * one call a minute per asset, 1/60 of the pace.
 */
export function syncPeriodSeconds(interval: IntervalCode, syncEvery: number): number {
  return Math.min(syncEvery, intervalSeconds(interval));
}

/**
 * BullMQ job schedulers that keep each tracked asset and interval fresh, shared by every worker
 * through Redis: a sync every syncPeriodSeconds (SYNC_EVERY, at most one candle), scoring on
 * SCORE_SCHEDULE (daily), retraining on RETRAIN_SCHEDULE (weekly), and with each sync period a
 * check of the admins' candles_stale rules (an `evaluate` job, trigger `stale_check`), which no
 * candle can trigger, being about candles that do not come. Forecasts follow on their own: a sync
 * that brings new candles enqueues a prediction.
 */
@Injectable()
export class AssetScheduler {
  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  static id(name: Scheduled, symbol: string, interval: IntervalCode): string {
    return `${name}-${symbol}-${interval}`;
  }

  /** Creates or updates every scheduler of one asset; the first sync runs at once. */
  async schedule(symbol: string, intervals: readonly IntervalCode[] = this.config.TRACKED_INTERVALS): Promise<void> {
    for (const planned of this.plan(symbol, intervals)) await this.upsert(planned);
  }

  /** The schedulers one asset should have whose ids `existing` (every id, from scheduled()) lacks. */
  missing(symbol: string, existing: ReadonlySet<string>, intervals: readonly IntervalCode[] = this.config.TRACKED_INTERVALS): Planned[] {
    return this.plan(symbol, intervals).filter((planned) => !existing.has(planned.id));
  }

  /**
   * Creates the schedulers given (from missing()), as schedule() would, and no other: those that
   * exist keep their next run. Several workers may do it at once: the upsert of one id makes one
   * scheduler however often it runs.
   */
  async restore(missing: readonly Planned[]): Promise<void> {
    for (const planned of missing) await this.upsert(planned);
  }

  /** Removes every scheduler of one asset, whatever its intervals. */
  async unschedule(symbol: string): Promise<void> {
    for (const name of SCHEDULED) {
      const queue = this.producer.queue(JOB_QUEUE[name]);
      for (const scheduler of await queue.getJobSchedulers()) {
        if (scheduler.key.startsWith(`${name}-${symbol}-`)) await queue.removeJobScheduler(scheduler.key);
      }
    }
  }

  /** Every scheduler's id, of every queue. */
  async scheduled(): Promise<string[]> {
    const queues = new Set(SCHEDULED.map((name) => JOB_QUEUE[name]));
    const ids = await Promise.all([...queues].map(async (name) => (await this.producer.queue(name).getJobSchedulers()).map((s) => s.key)));
    return ids.flat().sort();
  }

  private plan(symbol: string, intervals: readonly IntervalCode[]): Planned[] {
    const planned = (name: Scheduled, interval: IntervalCode, repeat: Planned['repeat'], data?: Planned['data']): Planned => ({
      id: AssetScheduler.id(name, symbol, interval),
      name,
      symbol,
      interval,
      repeat,
      ...(data && { data }),
    });
    return intervals.flatMap((interval) => {
      const everySync = { every: syncPeriodSeconds(interval, this.config.SYNC_EVERY) * 1000 };
      return [
        planned(JobName.Sync, interval, everySync),
        planned(JobName.Score, interval, { pattern: this.config.SCORE_SCHEDULE }),
        planned(JobName.Train, interval, { pattern: this.config.RETRAIN_SCHEDULE }),
        planned(JobName.Evaluate, interval, everySync, { trigger: 'stale_check' }),
      ];
    });
  }

  private async upsert({ id, name, symbol, interval, repeat, data: extra }: Planned): Promise<void> {
    const data = { asset: symbol, interval, ...extra };
    // A scheduler makes one job at a time by itself: the dedupe id is for jobs added by hand.
    const { deduplication, ...opts }: JobsOptions = defaultJobOptions(name, data);
    await this.producer.queue(JOB_QUEUE[name]).upsertJobScheduler(id, repeat, { name, data, opts });
  }
}
