import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { NotificationRepository, type Dispatched, type NotificationInput } from '#libs/database';
import { JobName, JobProducer } from '#libs/queue';

/**
 * Sends a notification: the inbox entry and the webhook deliveries are written (in the caller's
 * transaction, when it has one), then each delivery is queued under its own id once that commits.
 * A delivery written but never queued (the process died between) is queued again by the
 * notifications processor's sweep of pending deliveries.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationRepository,
    private readonly producer: JobProducer,
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

  async enqueue(dispatched: Dispatched, requestId?: string): Promise<void> {
    for (const deliveryId of dispatched.deliveryIds)
      await this.producer.enqueue(JobName.Deliver, { deliveryId, requestId }, { jobId: deliveryId });
  }
}
