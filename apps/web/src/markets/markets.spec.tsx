import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';
import { formatPercent, formatPrice } from '../app/format.ts';

const ASSETS = [
  {
    symbol: 'BTC',
    name: 'Bitcoin',
    krakenPair: 'XBTUSD',
    base: 'XXBT',
    quote: 'ZUSD',
    lastClose: '71323.8',
    previousClose: '69652.0',
    change: '1671.8',
    changePercent: 2.4002,
    lastCandleTime: '2024-03-31T00:00:00.000Z',
  },
  {
    symbol: 'ETH',
    name: 'Ethereum <b>',
    krakenPair: 'ETHUSD',
    base: 'XETH',
    quote: 'ZUSD',
    lastClose: '3500.10',
    previousClose: '3600.00',
    change: '-99.9',
    changePercent: -2.775,
    lastCandleTime: '2024-03-31T00:00:00.000Z',
  },
];

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

describe('the markets page', () => {
  it('lists the tracked assets with last close and change, linked to their pages, filtered by the search box', async () => {
    fakeGateway({ 'POST /auth/login': tokenAnswer, 'GET /auth/users/me': me('user'), 'GET /crypto/assets': () => Response.json(ASSETS) });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/markets');

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'BTC' }).getAttribute('href')).toBe('/markets/BTC');
    expect(rows[0]!.textContent).toContain(formatPrice('71323.8'));
    expect(rows[0]!.textContent).toContain(formatPercent(2.4002));
    expect(rows[1]!.textContent).toContain('Ethereum <b>');
    expect(rows[1]!.textContent).toContain(formatPercent(-2.775));

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search assets' }), 'ether');
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getByRole('link').textContent),
    ).toEqual(['ETH']);
  });
});

describe('a session that ends', () => {
  it('says so in an alert and goes to sign in, keeping the page to come back to', async () => {
    fakeGateway({
      'POST /auth/login': tokenAnswer,
      'POST /auth/refresh': () => Response.json({ statusCode: 401, error: 'Unauthorized', message: 'Session revoked' }, { status: 401 }),
      'GET /auth/users/me': () => Response.json({ statusCode: 401, error: 'Unauthorized', message: 'Unauthorized' }, { status: 401 }),
    });
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/models/7');

    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeTruthy();
    expect(screen.getByText('Your session has ended. Please sign in again.').closest('[role="alert"]')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(currentPath(location)).toBe('/login?next=%2Fmodels%2F7');
  });
});
