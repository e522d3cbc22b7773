import { Injectable } from '@nestjs/common';
import { NotificationRepository } from '#libs/database';
import { UnknownNotificationError } from '#libs/notifications';
import type { NotificationPageDto, NotificationViewDto, ReadAllDto } from './dto/notification-view.dto.js';
import type { ListNotificationsQuery } from './dto/notification-queries.dto.js';
import { notificationView } from './notification-view.js';

/** Each user's inbox: pages newest first, the unread count, marking read. */
@Injectable()
export class NotificationsService {
  constructor(private readonly notifications: NotificationRepository) {}

  async page(userId: string, { unread, limit, before }: ListNotificationsQuery): Promise<NotificationPageDto> {
    const [rows, count] = await Promise.all([
      this.notifications.page(userId, { unread, limit: limit + 1, before }),
      this.notifications.unreadCount(userId),
    ]);
    const items = rows.slice(0, limit).map(notificationView);
    return { items, unread: count, next: rows.length > limit ? items[items.length - 1].id : null };
  }

  async markRead(userId: string, id: string): Promise<NotificationViewDto> {
    const row = await this.notifications.markRead(userId, id);
    if (!row) throw new UnknownNotificationError(id);
    return notificationView(row);
  }

  async markAllRead(userId: string): Promise<ReadAllDto> {
    return { marked: await this.notifications.markAllRead(userId), unread: 0 };
  }
}
