import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { NotificationRepository, type Dispatched, type NotificationInput } from '#libs/database';
import { Metrics } from '#libs/observability';
import { JobName, JobProducer } from '#libs/queue';

/**
 * Sends a notification: the inbox entry and the webhook deliveries are written (in the caller's
 * transaction, when it has one), then each delivery is queued under its own id once that commits.
 * A delivery written but never queued (the process died between) is queued again by the
 * worker's sweep of pending deliveries (PendingDeliveriesSweep).
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly producer: JobProducer,
    private readonly metrics: Metrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Writes and queues at once, in a transaction of its own. */
  async send(input: NotificationInput): Promise<Dispatched> {
    const dispatched = await this.db.transaction((manager) => this.write(input, manager));
    await this.enqueue(dispatched);
    return dispatched;
  }

  /** Writes within the caller's transaction; call enqueue with the result after it commits. */
  write(input: NotificationInput, manager: EntityManager): Promise<Dispatched> {
    return this.notifications.dispatch(input, manager);
  }

  /** Queues the deliveries of a committed dispatch; its inbox entry is there now, which is when its latency ends. */
  async enqueue(dispatched: Dispatched, requestId?: string): Promise<void> {
    if (dispatched.notificationId !== null && dispatched.occurredAt) this.metrics.notificationDelivered('inbox', dispatched.occurredAt);
    for (const deliveryId of dispatched.deliveryIds) await this.queueDelivery(deliveryId, requestId);
  }

  /** Queues one delivery under its own id (a second call while it is queued changes nothing), retried WEBHOOK_ATTEMPTS times from WEBHOOK_RETRY_DELAY_MS. */
  async queueDelivery(deliveryId: string, requestId?: string): Promise<void> {
    await this.producer.enqueue(
      JobName.Deliver,
      { deliveryId, requestId },
      { jobId: deliveryId, backoff: { type: 'exponential', delay: this.config.WEBHOOK_RETRY_DELAY_MS } },
    );
  }
}
