import { Module } from '@nestjs/common';
import { NotificationsModule } from '#libs/notifications';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksService } from './webhooks.service.js';

/** Users' webhooks: /webhooks, their test deliveries and delivery log (the worker makes the deliveries). */
@Module({
  imports: [NotificationsModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksModule {}
