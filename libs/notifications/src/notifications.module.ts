import { Module } from '@nestjs/common';
import { NotificationDispatcher } from './notification-dispatcher.service.js';
import { WebhookPolicy } from './webhook-policy.service.js';

/** Sending notifications to inboxes and webhooks, for the worker (alerts, deliveries) and the gateway (webhooks, security notices). */
@Module({
  providers: [NotificationDispatcher, WebhookPolicy],
  exports: [NotificationDispatcher, WebhookPolicy],
})
export class NotificationsModule {}
