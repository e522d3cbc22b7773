import { Processor } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { type DeliverPayload, JobName, type PrunePayload, QueueName, workerLockOptions } from '#libs/queue';
import { NotificationRetentionService, type PruneOutcome } from '../notifications/notification-retention.service.js';
import { WebhookDeliveryService, type DeliveryOutcome } from '../notifications/webhook-delivery.service.js';
import { InstrumentedProcessor } from './instrumented.processor.js';

/**
 * `deliver` jobs: one attempt of one webhook delivery each; a failed one throws, and BullMQ retries
 * it with backoff. And the hourly `prune` of what is past its retention (NotificationRetentionService).
 */
@Processor(QueueName.Notifications, { concurrency: 8, ...workerLockOptions() })
export class NotificationsProcessor extends InstrumentedProcessor<DeliverPayload | PrunePayload, DeliveryOutcome | PruneOutcome> {
  constructor(
    private readonly deliveries: WebhookDeliveryService,
    private readonly retention: NotificationRetentionService,
  ) {
    super();
  }

  protected run(job: Job<DeliverPayload | PrunePayload>): Promise<DeliveryOutcome | PruneOutcome> {
    switch (job.name) {
      case JobName.Deliver:
        return this.deliveries.attempt((job.data as DeliverPayload).deliveryId, this.isLastAttempt(job));
      case JobName.Prune:
        return this.retention.prune();
      default:
        throw new UnrecoverableError(`notifications has no job named '${job.name}'`);
    }
  }
}
