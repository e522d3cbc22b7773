import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { toast } from '../app/toasts/toasts.store.ts';
import { session } from '../auth/session.ts';
import { useSession } from '../auth/useSession.ts';
import { NotificationStream } from './notification-stream.ts';
import { asNotification } from './notification-types.ts';
import { notificationKeys } from './notifications.keys.ts';

/**
 * While signed in, the inbox's live stream: each notification raises a toast, and the badge and
 * the inbox are read again (they update without a reload). One stream per page.
 */
export function NotificationEffects() {
  const { status } = useSession();
  const client = useQueryClient();

  useEffect(() => {
    if (status !== 'signed-in') return;
    const refresh = () => void client.invalidateQueries({ queryKey: notificationKeys.all });
    const stream = new NotificationStream({
      fetch: (input, init) => fetch(input, init),
      token: () => session.accessToken(),
      refresh: (rejected) => session.refreshAfter401(rejected),
      onNotification: (value) => {
        const notification = asNotification(value);
        if (!notification) return;
        toast.info(notification.title);
        refresh();
      },
      onOpen: refresh,
    });
    void stream.start();
    return () => stream.stop();
  }, [status, client]);

  return null;
}
