import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository } from '#libs/database';
import type { IntervalCode } from '#libs/domain';
import { defaultJobOptions, JobName, JobProducer, QueueName, syncPeriodSeconds, type EvaluatePayload } from '#libs/queue';

const PREFIX = `${JobName.Evaluate}-stale-`;

/**
 * The scheduled check behind the admins' candles_stale rules, which no candle can trigger (it is
 * about candles that do not come): a BullMQ job scheduler per tracked asset and interval on the
 * alerts queue, each making an `evaluate` job (trigger `stale_check`) every sync period of its
 * interval. Every worker keeps them, at its start and every SCHEDULER_CHECK_EVERY: it makes those
 * missing (a new tracked asset, a Redis that lost them) and removes those of assets no longer
 * tracked; an upsert of one id is one scheduler however many workers make it.
 */
@Injectable()
export class CandlesStaleSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CandlesStaleSchedule.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly producer: JobProducer,
  ) {}

  static id(symbol: string, interval: IntervalCode): string {
    return `${PREFIX}${symbol}-${interval}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.keep();
    this.timer = setInterval(() => void this.keep(), this.config.SCHEDULER_CHECK_EVERY * 1000);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Makes the missing schedulers and removes those of untracked assets; one run at a time. */
  keep(): Promise<void> {
    this.running ??= this.reconcile().finally(() => (this.running = undefined));
    return this.running;
  }

  private async reconcile(): Promise<void> {
    try {
      const queue = this.producer.queue(QueueName.Alerts);
      const existing = new Set((await queue.getJobSchedulers()).map((s) => s.key).filter((key) => key.startsWith(PREFIX)));
      const wanted = new Set<string>();
      for (const { symbol } of await this.assets.findTracked()) {
        for (const interval of this.config.TRACKED_INTERVALS) {
          const id = CandlesStaleSchedule.id(symbol, interval);
          wanted.add(id);
          if (existing.has(id)) continue;
          const data: EvaluatePayload = { asset: symbol, interval, trigger: 'stale_check' };
          // A scheduler makes one job at a time by itself: the dedupe id is for jobs added by hand.
          const { deduplication, ...opts } = defaultJobOptions(JobName.Evaluate, data);
          await queue.upsertJobScheduler(
            id,
            { every: syncPeriodSeconds(interval, this.config.SYNC_EVERY) * 1000 },
            { name: JobName.Evaluate, data, opts },
          );
        }
      }
      for (const id of existing) if (!wanted.has(id)) await queue.removeJobScheduler(id);
    } catch (error) {
      this.logger.warn(`cannot keep the stale-candle checks now: ${error instanceof Error ? error.message : error}`);
    }
  }
}
