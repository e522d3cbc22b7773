import { useState } from 'react';
import { Link } from 'wouter';
import { formatTime } from '../app/format.ts';
import { Loading } from '../app/Guard.tsx';
import { usePreferences } from '../app/preferences/usePreferences.ts';
import { usePageTitle } from '../app/usePageTitle.ts';
import { describeError } from '../auth/describe-error.ts';
import type { NotificationView } from './notification-types.ts';
import { useInbox, useMarkRead } from './useNotifications.ts';
import './notifications.css';

/** The asset page an alert's notification is about, when its data names one. */
function assetLink(notification: NotificationView): string | null {
  const asset = notification.data?.asset;
  const interval = notification.data?.interval;
  if (typeof asset !== 'string') return null;
  return `/markets/${encodeURIComponent(asset)}${typeof interval === 'string' ? `?interval=${encodeURIComponent(interval)}` : ''}`;
}

/** The inbox: newest first, a page at a time; unread ones marked, read one by one or all at once; new ones arrive live. */
export default function InboxPage() {
  usePageTitle('Inbox');
  const { timezone } = usePreferences();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(unreadOnly);
  const { one, all } = useMarkRead();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const unread = inbox.data?.pages[0]?.unread ?? 0;

  return (
    <section className="inbox-page">
      <h1>Inbox</h1>
      <div className="inbox-toolbar">
        <p aria-live="polite">{inbox.data ? (unread === 0 ? 'Nothing unread.' : `${unread} unread.`) : ''}</p>
        <label className="checkbox">
          <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />
          Unread only
        </label>
        <button type="button" onClick={() => all.mutate()} disabled={unread === 0 || all.isPending}>
          Mark all read
        </button>
      </div>
      {inbox.isError ? (
        <p className="form-error" role="alert">
          {describeError(inbox.error)}
        </p>
      ) : inbox.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{unreadOnly ? 'No unread notifications.' : 'No notifications yet. Alerts you set on an asset page arrive here.'}</p>
      ) : (
        <ul className="inbox-list" aria-label="Notifications">
          {items.map((n) => {
            const link = assetLink(n);
            return (
              <li key={n.id} className={n.readAt === null ? 'unread' : 'read'}>
                <article aria-labelledby={`notification-${n.id}`}>
                  <h2 id={`notification-${n.id}`}>
                    {n.readAt === null && <span className="visually-hidden">Unread: </span>}
                    {n.title}
                  </h2>
                  <p>{n.body}</p>
                  <p className="hint">
                    <time dateTime={n.occurredAt ?? n.createdAt}>{formatTime(n.occurredAt ?? n.createdAt, timezone)}</time>
                    {link && (
                      <>
                        {' · '}
                        <Link href={link}>Open {String(n.data.asset)}</Link>
                      </>
                    )}
                  </p>
                  {n.readAt === null && (
                    <button type="button" className="secondary" onClick={() => one.mutate(n.id)} disabled={one.isPending}>
                      Mark read<span className="visually-hidden">: {n.title}</span>
                    </button>
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      )}
      {inbox.hasNextPage && (
        <button type="button" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
          {inbox.isFetchingNextPage ? 'Loading…' : 'Older notifications'}
        </button>
      )}
    </section>
  );
}
