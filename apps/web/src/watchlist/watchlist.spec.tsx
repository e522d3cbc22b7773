import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { renderApp } from '../test/render-app.tsx';

beforeAll(() => import('./WatchlistPage.tsx'), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

const asset = (symbol: string, tracked: boolean) => ({
  symbol,
  name: symbol === 'BTC' ? 'Bitcoin' : 'Litecoin',
  pair: `${symbol}USD`,
  tracked,
  addedAt: '2026-12-01T10:00:00.000Z',
});
const MARKET = {
  asOf: '2026-12-02T00:00:00.000Z',
  interval: '1d',
  rows: [{ rank: 1, symbol: 'BTC', name: 'Bitcoin', pair: 'XBTUSD', quote: 'USD', price: '91234.5', change24h: 1.5 }],
};

describe('the watchlist', () => {
  it('lists watched assets with their price, marks one no longer tracked, and unwatches with the star', async () => {
    let assets = [asset('BTC', true), asset('LTC', false)];
    fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /watchlist': () => Response.json({ count: assets.length, assets }),
      'DELETE /watchlist/BTC': () => {
        assets = assets.filter((a) => a.symbol !== 'BTC');
        return new Response(null, { status: 204 });
      },
      'GET /crypto/market': () => Response.json(MARKET),
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/watched');
    const table = await screen.findByRole('table');
    const btc = await within(table).findByRole('row', { name: /BTC/ });
    await waitFor(() => expect(btc.textContent).toContain('91,234.50 USD'));
    expect(within(table).getByRole('row', { name: /LTC/ }).textContent).toContain('No longer tracked');
    // An asset no longer tracked has no page to open.
    expect(within(within(table).getByRole('row', { name: /LTC/ })).queryByRole('link')).toBeNull();

    const star = within(btc).getByRole('button', { name: 'Watch BTC' });
    expect(star.getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(star);
    await waitFor(() => expect(within(table).queryByRole('row', { name: /BTC/ })).toBeNull());
  });
});
