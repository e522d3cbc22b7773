/** The inbox's shapes (COMMON.md's NotificationView and list), as the pages read them. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  occurredAt: string | null;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  unread: number;
  next: string | null;
}

/** A stream event's data, checked enough to show it (the stream is ours, but a page must not break on a surprise). */
export function asNotification(value: unknown): NotificationView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<NotificationView>;
  return typeof v.id === 'string' && typeof v.title === 'string' ? (v as NotificationView) : null;
}
