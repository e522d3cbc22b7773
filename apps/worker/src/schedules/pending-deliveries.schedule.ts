import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { WebhookRepository } from '#libs/database';
import { NotificationDispatcher } from '#libs/notifications';
import { JobProducer, QueueName } from '#libs/queue';

/** How often the sweep runs, and how old a pending delivery must be to count as left behind. */
export const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;

/**
 * A delivery row commits with what it reports, and its job is queued after: a process that dies
 * between the two leaves the delivery pending with no job. Every minute each worker queues again
 * the deliveries pending for over a minute that have no job (the job id is the delivery id, so
 * that two workers sweeping at once queue one job).
 */
@Injectable()
export class PendingDeliveriesSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PendingDeliveriesSweep.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly webhooks: WebhookRepository,
    private readonly dispatcher: NotificationDispatcher,
    private readonly producer: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: Error) => this.logger.warn(`the sweep of pending deliveries failed: ${error.message}`));
    }, SWEEP_EVERY_MS);
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Queues the deliveries pending for longer than `olderThanMs` without a job; how many it queued. */
  async sweep(olderThanMs = SWEEP_EVERY_MS): Promise<number> {
    const queue = this.producer.queue(QueueName.Notifications);
    let queued = 0;
    for (const id of await this.webhooks.pendingBefore(olderThanMs, SWEEP_BATCH)) {
      if (await queue.getJob(id)) continue;
      await this.dispatcher.queueDelivery(id);
      queued++;
    }
    if (queued) this.logger.warn(`queued ${queued} webhook deliveries that were left pending without a job`);
    return queued;
  }
}
