import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AssetRepository } from '#libs/database';
import { AssetScheduler, RedisClient } from '#libs/queue';
import { NotificationRetentionSchedule } from './notification-retention.schedule.js';

/**
 * Keeps the job schedulers of every tracked asset, and the prune's (NotificationRetentionSchedule),
 * in Redis, which holds nothing else of them: a Redis that lost its data (flushed, replaced,
 * failed over to an empty replica) would otherwise leave workers running, healthy, and never
 * syncing, scoring, retraining or pruning again. Every
 * SCHEDULER_CHECK_EVERY, and as soon as Redis answers again after a lost connection, each worker
 * creates the schedulers that are missing, from the tracked assets in Postgres at that moment,
 * and leaves the others (and their next run) alone. Several workers doing it at once make each
 * scheduler once: an upsert of one id is one scheduler.
 */
@Injectable()
export class SchedulerKeeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SchedulerKeeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly onReady = () => void this.check();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly assets: AssetRepository,
    private readonly scheduler: AssetScheduler,
    private readonly redis: RedisClient,
    private readonly retention: NotificationRetentionSchedule,
  ) {}

  onApplicationBootstrap(): void {
    // 'ready' comes after every reconnection; the beat covers a Redis emptied without one (FLUSHDB).
    this.redis.on('ready', this.onReady);
    this.timer = setInterval(this.onReady, this.config.SCHEDULER_CHECK_EVERY * 1000);
  }

  beforeApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
  }

  /**
   * Restores what is missing now. Resolves once a check that started after this call is over:
   * when one is already running, it may have read Redis before the loss, so it runs once more.
   */
  check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.restoreMissing();
        } while (this.again && !this.stopped);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  private async restoreMissing(): Promise<void> {
    try {
      if (!(await this.retention.isScheduled()) && !this.stopped) {
        await this.retention.schedule();
        this.logger.warn(`Redis had lost the job scheduler ${NotificationRetentionSchedule.ID}: made it again`);
      }
      const existing = new Set(await this.scheduler.scheduled());
      for (const { symbol } of await this.assets.findTracked()) {
        const missing = this.scheduler.missing(symbol, existing);
        if (missing.length === 0 || this.stopped) continue;
        // Read again right before writing: an admin may have untracked it since the list was read.
        if (!(await this.isTracked(symbol))) continue;
        await this.scheduler.restore(missing);
        // An untrack that commits while these are written may have looked for schedulers to remove
        // before they existed: read once more, and remove them as its own unschedule would have.
        if (!(await this.isTracked(symbol))) {
          await this.scheduler.unschedule(symbol);
          continue;
        }
        this.logger.warn(`Redis had lost the job schedulers ${missing.map((planned) => planned.id).join(', ')}: made them again`);
      }
    } catch (error) {
      // Redis or Postgres out of reach: the next beat, or Redis' next 'ready', tries again.
      if (!this.stopped) this.logger.warn(`cannot check the job schedulers now: ${error instanceof Error ? error.message : error}`);
    }
  }

  private async isTracked(symbol: string): Promise<boolean> {
    return (await this.assets.findBySymbol(symbol))?.tracked === true;
  }
}
