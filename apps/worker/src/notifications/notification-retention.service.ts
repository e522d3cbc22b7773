import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { AlertRuleRepository, NotificationRepository, WebhookRepository } from '#libs/database';

/** What one prune deleted, per table. */
export interface PruneOutcome {
  notifications: number;
  firings: number;
  deliveries: number;
}

/**
 * Keeps step 10's tables from growing without bound: deletes the inbox entries older than
 * NOTIFICATION_RETENTION (read or not), the alert firings as old but each rule's newest
 * (AlertRuleRepository.deleteFiringsOlderThan says why it stays), and the delivered and failed
 * webhook deliveries older than WEBHOOK_DELIVERY_RETENTION (a pending one stays however old). Each
 * table in batches, so that a large backlog never holds its locks long. The hourly `prune` job of
 * the notifications queue runs it (NotificationRetentionSchedule).
 */
@Injectable()
export class NotificationRetentionService {
  private readonly logger = new Logger(NotificationRetentionService.name);

  constructor(
    private readonly notifications: NotificationRepository,
    private readonly rules: AlertRuleRepository,
    private readonly webhooks: WebhookRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async prune(): Promise<PruneOutcome> {
    // The inbox first: an entry deleted with its firing's age leaves no firing_id to clear after.
    const notifications = await this.notifications.deleteOlderThan(this.config.NOTIFICATION_RETENTION);
    const firings = await this.rules.deleteFiringsOlderThan(this.config.NOTIFICATION_RETENTION);
    const deliveries = await this.webhooks.deleteFinishedOlderThan(this.config.WEBHOOK_DELIVERY_RETENTION);
    if (notifications + firings + deliveries > 0) {
      this.logger.log(
        `deleted ${notifications} notifications, ${firings} alert firings and ${deliveries} webhook deliveries past their retention`,
      );
    }
    return { notifications, firings, deliveries };
  }
}
