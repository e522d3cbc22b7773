import type { NotificationRow } from '#libs/database';
import type { NotificationViewDto } from './dto/notification-view.dto.js';

export const notificationView = (row: NotificationRow): NotificationViewDto => ({
  id: row.id,
  kind: row.kind,
  title: row.title,
  body: row.body,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
  occurredAt: row.occurredAt?.toISOString() ?? null,
  readAt: row.readAt?.toISOString() ?? null,
});
