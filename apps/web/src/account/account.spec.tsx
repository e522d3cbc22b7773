import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { preferences } from '../app/preferences/preferences.store.ts';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import { SIGN_IN_AGAIN } from './PasswordForm.tsx';

// The page is lazy: load its module once up front, so that no test's wait includes compiling it.
beforeAll(() => import('./AccountPage.tsx'), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
  preferences.update({ theme: 'system', timezone: 'local', swapColors: false, intervals: {} });
});

async function signedInAt(path: string, routes: Parameters<typeof fakeGateway>[0] = {}) {
  const gateway = fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me('user'),
    'POST /auth/logout': () => new Response(null, { status: 204 }),
    ...routes,
  });
  await session.login('alice', 'correct horse battery', false);
  return { gateway, ...renderApp(path) };
}

const refused = (status: number, message: string) => () =>
  Response.json(
    { statusCode: status, error: status === 400 ? 'Bad Request' : 'Too Many Requests', message },
    { status, headers: status === 429 ? { 'Retry-After': '30' } : {} },
  );

describe('the account page', () => {
  it('shows the profile', async () => {
    await signedInAt('/account');
    const profile = await screen.findByRole('region', { name: 'Profile' });
    expect(within(profile).getByText('alice')).toBeTruthy();
    expect(within(profile).getByText('user')).toBeTruthy();
  });

  it('after a password change says to sign in again and goes to the sign-in page', async () => {
    const { gateway, location } = await signedInAt('/account', {
      'PUT /auth/users/me': () =>
        Response.json({ id: 'u1', username: 'alice', email: null, role: 'user', createdAt: '2026-01-01T00:00:00.000Z' }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Password' });
    await user.type(within(form).getByLabelText('New password'), 'a much longer passphrase');
    await user.type(within(form).getByLabelText('Current password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));

    expect(await screen.findByText(SIGN_IN_AGAIN)).toBeTruthy();
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(currentPath(location)).toMatch(/^\/login/);
    expect(session.getSnapshot().status).toBe('signed-out');
    const put = gateway.calls.find((r) => r.method === 'PUT')!;
    expect(await put.clone().json()).toEqual({ current_password: 'correct horse battery', password: 'a much longer passphrase' });
  });

  it('shows a wrong current password in the API’s words, in place, and stays signed in', async () => {
    await signedInAt('/account', { 'PUT /auth/users/me': refused(400, 'current_password is wrong') });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Password' });
    await user.type(within(form).getByLabelText('New password'), 'a much longer passphrase');
    await user.type(within(form).getByLabelText('Current password'), 'nope');
    await user.click(within(form).getByRole('button', { name: 'Change password' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('current_password is wrong');
    expect(session.getSnapshot().status).toBe('signed-in');
  });

  it('changes the email, and shows a 429 with its wait', async () => {
    let calls = 0;
    await signedInAt('/account', {
      'PUT /auth/users/me': () =>
        ++calls === 1
          ? refused(429, 'Too many wrong passwords.')()
          : Response.json({ id: 'u1', username: 'alice', email: 'a@example.com', role: 'user', createdAt: '2026-01-01T00:00:00.000Z' }),
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Email' });
    await user.type(within(form).getByLabelText('New email'), 'a@example.com');
    await user.type(within(form).getByLabelText('Current password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Change email' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('Too many wrong passwords. Try again in 30 s.');
    await user.type(within(form).getByLabelText('Current password'), 'correct horse battery');
    await user.click(within(form).getByRole('button', { name: 'Change email' }));
    expect(await within(form).findByText('Email saved.')).toBeTruthy();
    expect(within(await screen.findByRole('region', { name: 'Profile' })).getByText('a@example.com')).toBeTruthy();
  });

  it('saves theme, timezone and swapped colours to the account, the whole document each time', async () => {
    const saved: unknown[] = [];
    await signedInAt('/account', {
      'GET /preferences': () => Response.json({ theme: 'system', timezone: 'local', swapColors: false, intervals: {} }),
      'PUT /preferences': async (request) => {
        const body: unknown = await request.json();
        saved.push(body);
        return Response.json(body);
      },
    });
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Preferences' });
    await user.click(within(form).getByRole('radio', { name: 'Dark' }));
    await user.click(within(form).getByRole('radio', { name: 'UTC' }));
    await user.click(within(form).getByRole('checkbox', { name: 'Swap up and down colours' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(saved.at(-1)).toEqual({ theme: 'dark', timezone: 'utc', swapColors: true, intervals: {} }));
    expect(saved).toHaveLength(3);
    // This browser keeps a copy for the next page's first paint.
    expect(preferences.get()).toMatchObject({ theme: 'dark', timezone: 'utc', swapColors: true });
  });

  it('moves the preferences this browser kept before to the server once, when the server has none', async () => {
    preferences.update({ theme: 'dark', intervals: { BTC: '1h' } });
    const saved: unknown[] = [];
    await signedInAt('/account', {
      'GET /preferences': () => Response.json({ theme: 'system', timezone: 'local', swapColors: false, intervals: {} }),
      'PUT /preferences': async (request) => {
        const body: unknown = await request.json();
        saved.push(body);
        return Response.json(body);
      },
    });
    const form = await screen.findByRole('form', { name: 'Preferences' });
    await waitFor(() => expect((within(form).getByRole('radio', { name: 'Dark' }) as HTMLInputElement).checked).toBe(true));
    expect(saved).toEqual([{ theme: 'dark', timezone: 'local', swapColors: false, intervals: { BTC: '1h' } }]);
    expect(localStorage.getItem('candlecast.preferences.moved')).toBe('1');
  });
});
