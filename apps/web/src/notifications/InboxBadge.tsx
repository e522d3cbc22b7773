import { useUnreadCount } from './useNotifications.ts';
import './notifications.css';

/** The unread count beside the Inbox link; nothing when none is unread. */
export function InboxBadge() {
  const { data: unread } = useUnreadCount();
  if (!unread) return null;
  return (
    <span className="unread-badge" data-testid="unread-badge">
      {unread > 99 ? '99+' : unread}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}
