import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import type { IntervalCode } from '#libs/domain';
import { defaultJobOptions } from './job-options.js';
import { JobProducer } from './job-producer.service.js';
import { JobName, QueueName } from './queue-name.js';

/**
 * BullMQ job schedulers that keep each tracked asset and interval fresh: one scheduler per
 * pair, every SYNC_EVERY seconds, shared by all workers through Redis.
 */
@Injectable()
export class SyncScheduler {
  constructor(
    private readonly producer: JobProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get queue() {
    return this.producer.queue(QueueName.MarketData);
  }

  static id(symbol: string, interval: IntervalCode): string {
    return `sync-${symbol}-${interval}`;
  }

  /** Creates or updates the schedulers of one asset; the first sync runs at once. */
  async schedule(symbol: string, intervals: readonly IntervalCode[] = this.config.TRACKED_INTERVALS): Promise<void> {
    for (const interval of intervals) {
      const data = { asset: symbol, interval };
      const { deduplication, ...opts } = defaultJobOptions(JobName.Sync, data);
      await this.queue.upsertJobScheduler(
        SyncScheduler.id(symbol, interval),
        { every: this.config.SYNC_EVERY * 1000 },
        { name: JobName.Sync, data, opts },
      );
    }
  }

  /** Removes every scheduler of one asset, whatever its intervals. */
  async unschedule(symbol: string): Promise<void> {
    const schedulers = await this.queue.getJobSchedulers();
    for (const scheduler of schedulers) {
      if (scheduler.key.startsWith(`sync-${symbol}-`)) await this.queue.removeJobScheduler(scheduler.key);
    }
  }

  async scheduled(): Promise<string[]> {
    return (await this.queue.getJobSchedulers()).map((s) => s.key);
  }
}
