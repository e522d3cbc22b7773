import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, refused, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';

const assets = () => Response.json([]);

async function signIn(role: 'user' | 'admin') {
  fakeGateway({
    'POST /auth/login': tokenAnswer,
    'POST /auth/refresh': tokenAnswer,
    'POST /auth/logout': () => new Response(null, { status: 204 }),
    'GET /auth/users/me': me(role),
    'GET /crypto/assets': assets,
  });
  await session.login(role === 'admin' ? 'root' : 'alice', 'correct horse battery', false);
}

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const navLinks = async () => {
  const nav = await screen.findByRole('navigation', { name: 'Main' });
  // Busy until the role is read: only then is the list of links final.
  await waitFor(() => expect(nav.getAttribute('aria-busy')).toBe('false'));
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent);
};

describe('role-gated navigation', () => {
  it('shows a user Markets, Watchlist, Compare, Models, Inbox and Account, and a Sign out button', async () => {
    await signIn('user');
    renderApp('/markets');
    expect(await navLinks()).toEqual(['Markets', 'Watchlist', 'Compare', 'Models', 'Inbox', 'Account']);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeTruthy();
  });

  it('adds Assets, Jobs and Users for an admin, at the admin paths', async () => {
    await signIn('admin');
    renderApp('/markets');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    const jobs = await within(nav).findByRole('link', { name: 'Jobs' });
    expect(await navLinks()).toEqual(['Markets', 'Watchlist', 'Compare', 'Models', 'Inbox', 'Account', 'Assets', 'Jobs', 'Users']);
    expect(jobs.getAttribute('href')).toBe('/admin/jobs');
    expect(within(nav).getByRole('link', { name: 'Assets' }).getAttribute('href')).toBe('/admin/assets');
    expect(within(nav).getByRole('link', { name: 'Users' }).getAttribute('href')).toBe('/admin/users');
  });

  it('tells a user who types an admin address that it is not allowed', async () => {
    await signIn('user');
    renderApp('/admin/jobs');
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeTruthy();
  });

  it('opens an admin page for an admin', async () => {
    await signIn('admin');
    renderApp('/admin/users');
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeTruthy();
  });

  it('sends a deep link without a session to sign in, keeping where it was going', async () => {
    fakeGateway({ 'POST /auth/refresh': refused(401, 'No session cookie') });
    const { location } = renderApp('/markets/BTC?interval=1h&from=2024-01-01');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentPath(location)).toBe(`/login?next=${encodeURIComponent('/markets/BTC?interval=1h&from=2024-01-01')}`);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('answers an unknown path with a not-found page', async () => {
    await signIn('user');
    renderApp('/no/such/page');
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
  });
});
