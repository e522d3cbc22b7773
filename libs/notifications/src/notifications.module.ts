import { Module } from '@nestjs/common';
import { NotificationDispatcher } from './notification-dispatcher.service.js';

/** Sending notifications to inboxes and webhooks, for the worker (alerts) and the gateway (tests, security notices). */
@Module({
  providers: [NotificationDispatcher],
  exports: [NotificationDispatcher],
})
export class NotificationsModule {}
