import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MarketTable, SearchAnswer } from '../api/market-views.ts';
import { formatPercent, formatPrice } from '../app/format.ts';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';

const row = (rank: number, symbol: string, name: string, price: string, change24h: number | null) => ({
  rank,
  symbol,
  name,
  pair: `${symbol}USD`,
  quote: 'USD',
  price,
  priceUsd: price,
  priceTime: '2024-02-29T00:00:00.000Z',
  change24h,
  change7d: -1.2,
  change30d: null,
  volume24h: '3123.4567',
  quoteVolume24h: rank === 1 ? '190000000.12' : null,
  quoteVolumeSource: 'typical' as const,
});

const TABLE: MarketTable = {
  asOf: '2024-03-01T00:00:00.000Z',
  requested: '2024-03-01T00:30:00.000Z',
  interval: '1d',
  count: 2,
  total: 2,
  quoteVolume: 'typical price (H+L+C)/3 × volume, candles imported from CSV have no VWAP',
  rows: [row(1, 'BTC', 'Bitcoin', '61198.3', 2.31), row(2, 'ETH', 'Ethereum <b>', '3400.10', -0.5)],
};

const SEARCH: SearchAnswer = {
  query: 'bitcoin',
  count: 2,
  krakenPairs: true,
  results: [
    {
      symbol: 'BTC',
      name: 'Bitcoin',
      pair: 'XBTUSD',
      wsname: 'XBT/USD',
      krakenKey: 'XXBTZUSD',
      base: 'XXBT',
      quote: 'ZUSD',
      tracked: true,
      match: 'exact',
    },
    {
      symbol: 'BTC',
      name: 'Bitcoin',
      pair: 'XBTEUR',
      wsname: 'XBT/EUR',
      krakenKey: 'XXBTZEUR',
      base: 'XXBT',
      quote: 'ZEUR',
      tracked: false,
      match: 'substring',
    },
  ],
};

function gateway(role: 'user' | 'admin', extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me(role),
    'GET /crypto/market': (request) => {
      const url = new URL(request.url);
      const table = url.searchParams.get('order') === 'desc' ? { ...TABLE, rows: [...TABLE.rows].reverse() } : TABLE;
      if (url.searchParams.get('format') === 'csv')
        return new Response(
          'Rank,Symbol,Price USD,Change 24h %,Change 7d %,Change 30d %,Volume 24h,Volume 24h USD,Name\n1,BTC,61198.3,2.31,-1.2,,3123.4567,190000000.12,Bitcoin\n',
          {
            headers: { 'content-type': 'text/csv' },
          },
        );
      return Response.json(table);
    },
    'GET /crypto/search': () => Response.json(SEARCH),
    'GET /crypto/assets': () =>
      Response.json([
        { symbol: 'BTC', name: 'Bitcoin', krakenPair: 'XBTUSD', intervals: ['1d'], lastCandleTime: '2024-03-31T00:00:00.000Z' },
        { symbol: 'ETH', name: 'Ethereum', krakenPair: 'ETHUSD', intervals: ['1d'], lastCandleTime: '2024-03-31T00:00:00.000Z' },
        { symbol: 'LTC', name: 'Litecoin', krakenPair: 'LTCUSD', intervals: ['1d'], lastCandleTime: '2022-01-01T00:00:00.000Z' },
      ]),
    ...extra,
  });
}

const marketCalls = (calls: Request[]) => calls.filter((r) => new URL(r.url).pathname === '/crypto/market').map((r) => new URL(r.url));

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

describe('the market overview', () => {
  it('shows every column of the API’s rows in its order, the interval and the time it is as of', async () => {
    gateway('user');
    await session.login('alice', 'correct horse battery', false);
    renderApp('/markets');

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['BTC', 'ETH']);
    expect(within(rows[0]).getByRole('link').getAttribute('href')).toBe('/markets/BTC');
    expect(rows[0].textContent).toContain(formatPrice('61198.3'));
    expect(rows[0].textContent).toContain(formatPercent(2.31));
    expect(rows[0].textContent).toContain(formatPercent(-1.2));
    expect(rows[1].textContent).toContain('Ethereum <b>');
    expect(screen.getByTestId('market-source').textContent).toMatch(/As of Mar 1, 2024, 00:00 UTC .*from the 1d candles; 2 assets/);
    expect(within(table).getByRole('columnheader', { name: /Rank/ }).getAttribute('aria-sort')).toBe('ascending');
    // A tracked asset the table leaves out is named, with a link to its page.
    const leftOut = await screen.findByTestId('market-left-out');
    expect(within(leftOut).getByRole('link', { name: 'LTC' }).getAttribute('href')).toBe('/markets/LTC');
    expect(leftOut.textContent).toContain('(daily candles until Jan 1, 2022)');
  });

  it('sorts by a clicked header through the API, keeping the order in the URL, and turns it round on a second click', async () => {
    const { calls } = gateway('user');
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/markets');
    await screen.findByRole('table');

    await userEvent.click(screen.getByRole('button', { name: '24 h' }));
    await waitFor(() => expect(currentPath(location)).toBe('/markets?order_by=change24h'));
    await waitFor(() => expect(marketCalls(calls).at(-1)?.searchParams.toString()).toBe('order_by=change24h&order=desc&format=json'));
    await waitFor(() => expect(screen.getByRole('columnheader', { name: '24 h' }).getAttribute('aria-sort')).toBe('descending'));
    await waitFor(() => expect(screen.getByRole('table').getAttribute('aria-busy')).toBe('false'));
    expect(
      within(screen.getByRole('table'))
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(['ETH', 'BTC']);

    await userEvent.click(screen.getByRole('button', { name: /^24 h/ }));
    await waitFor(() => expect(currentPath(location)).toBe('/markets?order_by=change24h&order=asc'));
  });

  it('asks for the top N and for a UTC time as of which to show the table', async () => {
    const { calls } = gateway('user');
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/markets');
    await screen.findByRole('table');
    const user = userEvent.setup();

    await user.selectOptions(screen.getByLabelText('Show'), 'top 3');
    await waitFor(() => expect(currentPath(location)).toBe('/markets?limit=3'));
    const picker = screen.getByLabelText('As of (UTC)');
    await user.type(picker, '2024-03-01T00:30');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(currentPath(location)).toBe('/markets?limit=3&at=2024-03-01T00%3A30%3A00.000Z'));
    await waitFor(() =>
      expect(marketCalls(calls).at(-1)?.searchParams.toString()).toBe(
        'order_by=rank&order=asc&limit=3&datetime=2024-03-01T00%3A30%3A00.000Z&format=json',
      ),
    );
  });

  it('explains a time in the future instead of asking for it, and shows the API’s refusal of a time before every candle', async () => {
    const { calls } = gateway('user', {
      'GET /crypto/market': () =>
        Response.json(
          { statusCode: 404, error: 'Not Found', message: 'No candles before 2013-10-06T00:00:00.000Z: the data begins then.' },
          { status: 404 },
        ),
    });
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/markets?at=2001-01-01T00:00:00.000Z');
    expect((await screen.findByText(/^No candles before/)).getAttribute('role')).toBe('alert');
    expect(screen.getByRole('heading', { name: 'Overview' })).toBeTruthy();

    const before = marketCalls(calls).length;
    const picker = screen.getByLabelText('As of (UTC)');
    await userEvent.clear(picker);
    await userEvent.type(picker, '2999-01-01T00:00');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect((await screen.findByText(/is in the future/)).textContent).toBe(
      'Jan 1, 2999, 00:00 UTC is in the future: the overview exists up to now only.',
    );
    expect(currentPath(location)).toBe('/markets?at=2001-01-01T00:00:00.000Z');
    expect(marketCalls(calls).length).toBe(before);
  });

  it('downloads the API’s CSV of the shown table, with the token, as a file', async () => {
    const { calls } = gateway('user');
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:csv')) as typeof URL.createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/markets?order_by=change24h&limit=3');
    await screen.findByRole('table');

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(blobs).toHaveLength(1));
    const csv = marketCalls(calls).find((u) => u.searchParams.get('format') === 'csv')!;
    // The shown table's query, as of the shown table's time.
    expect(csv.searchParams.toString()).toBe('order_by=change24h&order=desc&limit=3&datetime=2024-03-01T00%3A00%3A00.000Z&format=csv');
    expect(calls.find((r) => r.url.includes('format=csv'))!.headers.get('authorization')).toBe('Bearer access');
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.readAsText(blobs[0]);
    });
    expect(text).toMatch(/^Rank,Symbol,Price USD,/);
    expect(names).toEqual(['candlecast-market-2024-03-01T00-00-00Z-change24h-desc-top3.csv']);
  });
});

describe('the search box', () => {
  it('finds tracked assets, linked to their page, and Kraken pairs that are not tracked', async () => {
    const { calls } = gateway('user');
    await session.login('alice', 'correct horse battery', false);
    renderApp('/markets');
    await userEvent.type(await screen.findByRole('searchbox', { name: /Search assets and Kraken pairs/ }), 'bitcoin');

    const results = await screen.findByRole('list', { name: 'Results for bitcoin' });
    const items = within(results).getAllByRole('listitem');
    expect(within(items[0]).getByRole('link', { name: 'BTC · Bitcoin' }).getAttribute('href')).toBe('/markets/BTC');
    expect(items[1].textContent).toContain('on Kraken, not tracked');
    expect(within(items[1]).queryByRole('button')).toBeNull();
    const asked = calls.filter((r) => r.url.includes('/crypto/search')).map((r) => new URL(r.url).searchParams.get('q'));
    expect(asked).toEqual(['bitcoin']);
  });

  it('lets an admin track a found pair', async () => {
    const posted: unknown[] = [];
    gateway('admin', {
      'POST /crypto/assets': async (request) => {
        posted.push(await request.json());
        return Response.json(
          {
            symbol: 'BTCEUR',
            name: 'Bitcoin',
            krakenPair: 'XBTEUR',
            base: 'XXBT',
            quote: 'ZEUR',
            backfillJobs: [{ interval: '1d', jobId: '9' }],
          },
          { status: 201 },
        );
      },
    });
    await session.login('root', 'correct horse battery', false);
    renderApp('/markets');
    await userEvent.type(await screen.findByRole('searchbox', { name: /Search assets and Kraken pairs/ }), 'bitcoin');
    const results = await screen.findByRole('list', { name: 'Results for bitcoin' });
    await userEvent.click(within(results).getByRole('button', { name: 'Track as BTCEUR' }));
    expect(await screen.findByText(/BTCEUR is tracked now \(XBTEUR\)/)).toBeTruthy();
    expect(posted).toEqual([{ symbol: 'BTCEUR', pair: 'XBTEUR' }]);
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
