import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeGateway, me, refused, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import { session } from './session.ts';

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

async function fillIn(username = 'alice', password = 'correct horse battery') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password'), password);
  return user;
}

describe('the sign-in form', () => {
  it('shows the API’s 401 message as text and stays on the page', async () => {
    fakeGateway({ 'POST /auth/login': refused(401, 'Invalid username or password') });
    const { location } = renderApp('/login');
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Invalid username or password')).toBeTruthy();
    expect(currentPath(location)).toBe('/login');
  });

  it('shows a 429 with how long to wait, from Retry-After', async () => {
    fakeGateway({ 'POST /auth/login': refused(429, 'Too many attempts.', { 'Retry-After': '42' }) });
    renderApp('/login');
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Too many attempts. Try again in 42 s.')).toBeTruthy();
  });

  it('renders an API message with markup as text, never as HTML', async () => {
    fakeGateway({ 'POST /auth/login': refused(401, '<img src=x onerror=alert(1)>') });
    const { container } = renderApp('/login');
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('<img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
  });

  it('signs in with "Stay signed in" and goes back to the deep link it came from', async () => {
    const gateway = fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /crypto/assets': () => Response.json([]),
    });
    const { location } = renderApp(`/login?next=${encodeURIComponent('/markets/ETH?interval=1h')}`);
    const user = await fillIn();
    await user.click(screen.getByLabelText('Stay signed in'));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Asset' });
    expect(currentPath(location)).toBe('/markets/ETH?interval=1h');
    const login = gateway.calls.find((r) => new URL(r.url).pathname === '/auth/login')!;
    expect(login.headers.get('X-Candlecast-Client')).toBe('web');
    expect(await login.clone().json()).toEqual({ username: 'alice', password: 'correct horse battery', remember: true });
  });

  it('ignores a next that leaves the origin and goes to the markets', async () => {
    fakeGateway({ 'POST /auth/login': tokenAnswer, 'GET /auth/users/me': me('user'), 'GET /crypto/assets': () => Response.json([]) });
    const { location } = renderApp(`/login?next=${encodeURIComponent('//evil.example/steal')}`);
    const user = await fillIn();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByRole('heading', { name: 'Markets' });
    expect(currentPath(location)).toBe('/markets');
  });
});

describe('the sign-up form', () => {
  it('shows the password policy before anything is typed, and the API’s 409 as text', async () => {
    fakeGateway({
      'POST /auth/signup': () => Response.json({ statusCode: 409, error: 'Conflict', message: 'Username alice is taken' }, { status: 409 }),
    });
    renderApp('/signup');
    const password = await screen.findByLabelText('Password');
    expect(password.getAttribute('aria-describedby')).toBe('password-policy');
    expect(document.getElementById('password-policy')?.textContent).toMatch(/^12 to 128 characters/);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Email'), 'alice@example.com');
    await user.type(password, 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText('Username alice is taken')).toBeTruthy();
  });
});
