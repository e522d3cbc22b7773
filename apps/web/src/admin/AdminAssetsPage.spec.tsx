import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeGateway } from '../test/fake-gateway.ts';
import AdminAssetsPage from './AdminAssetsPage.tsx';

const PAIRS = {
  cached: true,
  count: 3,
  pairs: [
    { altname: 'XBTUSD', wsname: 'XBT/USD', base: 'XXBT', quote: 'ZUSD', key: 'XXBTZUSD', lotDecimals: 8, pairDecimals: 1, orderMin: null },
    { altname: 'SOLUSD', wsname: 'SOL/USD', base: 'SOL', quote: 'ZUSD', key: 'SOLUSD', lotDecimals: 8, pairDecimals: 2, orderMin: null },
    { altname: 'SOLEUR', wsname: 'SOL/EUR', base: 'SOL', quote: 'ZEUR', key: 'SOLEUR', lotDecimals: 8, pairDecimals: 2, orderMin: null },
  ],
};
const BTC = {
  symbol: 'BTC',
  name: 'Bitcoin',
  krakenPair: 'XBTUSD',
  base: 'XXBT',
  quote: 'ZUSD',
  lastClose: '1',
  previousClose: '1',
  change: '0',
  changePercent: 0,
  lastCandleTime: null,
};
const job = (id: string, state: string) => ({
  id,
  name: 'backfill',
  queue: 'market-data',
  state,
  asset: 'SOL',
  interval: '1d',
  attemptsMade: 1,
  createdAt: '2026-12-01T00:00:00.000Z',
  processedAt: null,
  finishedAt: null,
  failedReason: null,
  data: {},
  progress: 0,
  result: null,
});

function renderPage(routes: Parameters<typeof fakeGateway>[0]) {
  const gateway = fakeGateway({
    'GET /crypto/kraken-assets': () => Response.json(PAIRS),
    'GET /crypto/assets': () => Response.json([BTC]),
    ...routes,
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <AdminAssetsPage />
    </QueryClientProvider>,
  );
  return gateway;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the assets page', () => {
  it('searches Kraken pairs, tracks one under its suggested symbol and shows its backfill', async () => {
    const gateway = renderPage({
      'POST /crypto/assets': () =>
        Response.json(
          {
            symbol: 'SOL',
            name: 'Solana',
            krakenPair: 'SOLUSD',
            krakenKey: 'SOLUSD',
            base: 'SOL',
            quote: 'ZUSD',
            backfillJobs: [{ jobId: '41', interval: '1d' }],
          },
          { status: 201 },
        ),
      'GET /prediction/jobs/41': () => Response.json(job('41', 'completed')),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByRole('searchbox', { name: 'Search Kraken pairs' }), 'sol usd');
    const results = screen.getByRole('table', { name: 'Kraken pairs matching the search' });
    expect(within(results).getAllByRole('row')).toHaveLength(2);
    await user.click(within(results).getByRole('button', { name: 'Track' }));
    const backfill = await screen.findByRole('region', { name: 'Backfill of SOL' });
    expect(await within(backfill).findByText('completed')).toBeTruthy();
    const post = gateway.calls.find((r) => r.method === 'POST');
    expect(await post?.clone().json()).toEqual({ symbol: 'SOL', pair: 'SOLUSD' });
  });

  it('marks pairs already tracked instead of offering them', async () => {
    renderPage({});
    await userEvent.setup().type(await screen.findByRole('searchbox', { name: 'Search Kraken pairs' }), 'xbt');
    const row = screen.getByRole('row', { name: /XBT\/USD/ });
    expect(within(row).getByText('already tracked')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Track' })).toBeNull();
  });

  it('shows the API’s refusal in place', async () => {
    renderPage({
      'POST /crypto/assets': () =>
        Response.json({ statusCode: 409, error: 'Conflict', message: 'SOL was tracked before as SOLEUR' }, { status: 409 }),
    });
    const user = userEvent.setup();
    await user.type(await screen.findByRole('searchbox', { name: 'Search Kraken pairs' }), 'solusd');
    await user.click(screen.getByRole('button', { name: 'Track' }));
    expect((await screen.findByRole('alert')).textContent).toBe('SOLUSD: SOL was tracked before as SOLEUR');
  });

  it('untracks only after a confirmation', async () => {
    const gateway = renderPage({ 'DELETE /crypto/assets/BTC': () => new Response(null, { status: 204 }) });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Untrack' }));
    expect(gateway.calls.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(screen.getByText('Untrack BTC? Its candles stay.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Yes, untrack' }));
    await vi.waitFor(() => expect(gateway.calls.filter((r) => r.method === 'DELETE')).toHaveLength(1));
  });
});
