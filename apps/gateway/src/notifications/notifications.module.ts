import { Module } from '@nestjs/common';
import { HEARTBEAT_MS, NotificationStreams } from './notification-streams.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** The inbox (GET /notifications, marking read) and its live stream (GET /notifications/stream). */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsService, NotificationStreams, { provide: HEARTBEAT_MS, useValue: 15_000 }],
})
export class NotificationInboxModule {}
