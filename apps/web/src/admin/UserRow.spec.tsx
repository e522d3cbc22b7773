import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserRow, type UserView } from './UserRow.tsx';

const ADMIN: UserView = { id: 'a1', username: 'alice', email: null, role: 'admin', createdAt: '2026-01-01T00:00:00.000Z' };

function json(status: number, body?: unknown): Response {
  return body === undefined
    ? new Response(null, { status })
    : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function renderRow(user: UserView, answer: (request: Request) => Response) {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname} ${request.method === 'PUT' ? await request.text() : ''}`.trim());
      return answer(request);
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <table>
        <tbody>
          <UserRow user={user} isMe={false} />
        </tbody>
      </table>
    </QueryClientProvider>,
  );
  return requests;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const LAST_ADMIN = { statusCode: 409, error: 'Conflict', message: 'alice is the last admin and cannot be demoted' };

describe('a row of the users page', () => {
  it('explains the last-admin 409 next to the row, in the API’s words', async () => {
    const requests = renderRow(ADMIN, () => json(409, LAST_ADMIN));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Make user' }));
    const row = screen.getByRole('row');
    const alert = await within(row).findByRole('alert');
    expect(alert.textContent).toBe('alice is the last admin and cannot be demoted Make another user an admin first.');
    expect(requests).toEqual(['PUT /auth/users/alice/role {"role":"user"}']);
    expect(screen.getByRole('button', { name: 'Make user' }).getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('deletes only after a confirmation, and shows a refusal in place', async () => {
    const requests = renderRow(ADMIN, () => json(409, { ...LAST_ADMIN, message: 'alice is the last admin and cannot be deleted' }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(requests).toEqual([]);
    // The keyboard lands on the safe choice: Enter now cancels.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: 'Yes, delete' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect((await screen.findByRole('alert')).textContent).toContain('alice is the last admin and cannot be deleted');
    expect(requests).toEqual(['DELETE /auth/users/alice']);
  });

  it('promotes a user', async () => {
    const requests = renderRow({ ...ADMIN, role: 'user', username: 'bob' }, () => json(200, { ...ADMIN, role: 'admin', username: 'bob' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Make admin' }));
    await vi.waitFor(() => expect(requests).toEqual(['PUT /auth/users/bob/role {"role":"admin"}']));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
