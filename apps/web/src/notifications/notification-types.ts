/** The inbox's shapes, from the gateway's own types (schema.d.ts). */
import type { components } from '../api/schema';

export type NotificationView = components['schemas']['NotificationViewDto'];
export type NotificationPage = components['schemas']['NotificationPageDto'];

/** A stream event's data, checked enough to show it (the stream is ours, but a page must not break on a surprise). */
export function asNotification(value: unknown): NotificationView | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Partial<NotificationView>;
  return typeof v.id === 'string' && typeof v.title === 'string' ? (v as NotificationView) : null;
}
