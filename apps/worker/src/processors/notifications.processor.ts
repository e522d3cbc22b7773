import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type DeliverPayload, QueueName, workerLockOptions } from '#libs/queue';
import { WebhookDeliveryService, type DeliveryOutcome } from '../notifications/webhook-delivery.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/** `deliver` jobs: one attempt of one webhook delivery each; a failed one throws, and BullMQ retries it with backoff. */
@Processor(QueueName.Notifications, { concurrency: 8, ...workerLockOptions() })
export class NotificationsProcessor extends InstrumentedProcessor<DeliverPayload, DeliveryOutcome> {
  constructor(private readonly deliveries: WebhookDeliveryService) {
    super();
  }

  protected run(job: Job<DeliverPayload>): Promise<DeliveryOutcome> {
    return this.deliveries.attempt(job.data.deliveryId, this.isLastAttempt(job));
  }
}
