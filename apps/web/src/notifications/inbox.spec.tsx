import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { renderApp } from '../test/render-app.tsx';
import type { NotificationView } from './notification-types.ts';

beforeAll(() => import('./InboxPage.tsx'), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const entry = (id: number, read = false): NotificationView => ({
  id: String(id),
  kind: 'price_above',
  title: `BTC closed above ${id},000 USD`,
  body: 'One sentence.',
  data: { asset: 'BTC', interval: '1d' },
  createdAt: '2026-12-02T10:00:00.000Z',
  occurredAt: '2026-12-02T00:00:00.000Z',
  readAt: read ? '2026-12-02T11:00:00.000Z' : null,
});

/** A stream that sends `events` and then stays open, as the gateway's does. */
function openStream(events: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(events));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('the inbox', () => {
  it('pages back with `before`, marks one read and then all, the badge following', async () => {
    const all = [entry(5), entry(4), entry(3, true)];
    const unread = () => all.filter((n) => n.readAt === null).length;
    const gateway = fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /notifications': (request) => {
        const query = new URL(request.url).searchParams;
        const before = query.get('before');
        const limit = Number(query.get('limit'));
        const older = all.filter((n) => before === null || Number(n.id) < Number(before));
        const items = older.slice(0, Math.min(limit, 2));
        return Response.json({ items, unread: unread(), next: older.length > items.length ? items.at(-1)!.id : null });
      },
      'POST /notifications/5/read': () => {
        all[0] = { ...all[0], readAt: '2026-12-02T12:00:00.000Z' };
        return Response.json(all[0]);
      },
      'POST /notifications/read-all': () => {
        const marked = unread();
        for (let i = 0; i < all.length; i++) all[i] = { ...all[i], readAt: all[i].readAt ?? '2026-12-02T12:00:00.000Z' };
        return Response.json({ marked, unread: 0 });
      },
      'GET /notifications/stream': () => openStream(': ping\n\n'),
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/inbox');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect((await within(nav).findByTestId('unread-badge')).textContent).toBe('2 unread');
    const list = await screen.findByRole('list', { name: 'Notifications' });
    expect(
      within(list)
        .getAllByRole('heading')
        .map((h) => h.textContent),
    ).toEqual(['Unread: BTC closed above 5,000 USD', 'Unread: BTC closed above 4,000 USD']);
    await userEvent.click(screen.getByRole('button', { name: 'Older notifications' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(3));
    expect(gateway.calls.some((r) => new URL(r.url).searchParams.get('before') === '4')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Older notifications' })).toBeNull();

    await userEvent.click(within(list).getByRole('button', { name: 'Mark read: BTC closed above 5,000 USD' }));
    await waitFor(() => expect(within(nav).getByTestId('unread-badge').textContent).toBe('1 unread'));
    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    await waitFor(() => expect(within(nav).queryByTestId('unread-badge')).toBeNull());
    expect(await screen.findByText('Nothing unread.')).toBeTruthy();
  });

  it('shows a notification that arrives live as a toast, and the badge and the list take it in without a reload', async () => {
    const all: NotificationView[] = [];
    let streamRequest: Request | null = null;
    fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /notifications': () => Response.json({ items: all, unread: all.length, next: null }),
      'GET /notifications/stream': (request) => {
        streamRequest = request;
        const live = entry(7);
        all.push(live);
        return openStream(`id: 7\nevent: notification\ndata: ${JSON.stringify(live)}\n\n`);
      },
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/inbox');
    expect((await screen.findAllByText('BTC closed above 7,000 USD')).length).toBeGreaterThan(0);
    const toasts = screen.getAllByRole('status').find((region) => region.classList.length === 0 && region.closest('.toasts'))!;
    expect(within(toasts).getByText('BTC closed above 7,000 USD')).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('unread-badge').textContent).toBe('1 unread'));
    expect(within(await screen.findByRole('list', { name: 'Notifications' })).getAllByRole('listitem')).toHaveLength(1);
    // The token goes in the header, never in the URL.
    expect(streamRequest!.headers.get('Authorization')).toBe('Bearer access');
    expect(new URL(streamRequest!.url).search).toBe('');
  });
});
