import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';
import { toast } from '../app/toasts/toasts.store.ts';
import { describeError } from '../auth/describe-error.ts';
import { useSession } from '../auth/useSession.ts';
import type { NotificationPage, NotificationView } from './notification-types.ts';
import { notificationKeys } from './notifications.keys.ts';

export const INBOX_PAGE = 20;

/** The unread count for the badge (one entry asked; the answer carries the count). */
export function useUnreadCount() {
  const { status } = useSession();
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: async () => (await call(api.GET('/notifications', { params: { query: { limit: 1 } } }))).unread,
    enabled: status === 'signed-in',
  });
}

/** The inbox, newest first, a page at a time (`before` the oldest shown). */
export function useInbox(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: ({ pageParam }): Promise<NotificationPage> =>
      call(
        api.GET('/notifications', {
          params: { query: { limit: INBOX_PAGE, ...(unreadOnly ? { unread: true } : {}), ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  });
}

/** Mark one entry read, or all of them; the badge and every list are read again after. */
export function useMarkRead() {
  const client = useQueryClient();
  const settle = () => client.invalidateQueries({ queryKey: notificationKeys.all });
  const one = useMutation({
    mutationFn: (id: string): Promise<NotificationView> => call(api.POST('/notifications/{id}/read', { params: { path: { id } } })),
    onError: (error) => toast.error(`Not marked read: ${describeError(error)}`),
    onSettled: settle,
  });
  const all = useMutation({
    mutationFn: () => call(api.POST('/notifications/read-all')),
    onError: (error) => toast.error(`Not marked read: ${describeError(error)}`),
    onSettled: settle,
  });
  return { one, all };
}
