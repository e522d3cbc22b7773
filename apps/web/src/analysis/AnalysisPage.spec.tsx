import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { AssetStats, Correlation } from '../api/market-views.ts';
import { session } from '../auth/session.ts';
import { CONFIG } from '../test/market-fixtures.ts';
import { fakeGateway, me, tokenAnswer } from '../test/fake-gateway.ts';
import { currentPath, renderApp } from '../test/render-app.tsx';

const STATS: AssetStats = {
  symbol: 'BTC',
  interval: '1d',
  from: '2025-01-01T00:00:00.000Z',
  to: '2025-12-31T00:00:00.000Z',
  candles: 365,
  returns: 364,
  conventions: 'log returns ln(Cₜ/Cₜ₋₁) of closes of consecutive candles; sample sd (n − 1)',
  distribution: {
    mean: 0.001,
    sd: 0.03,
    skew: -0.2,
    kurtosis: 3.1,
    min: -0.2,
    max: 0.15,
    histogram: [
      { from: -0.2, to: -0.1, count: 4 },
      { from: -0.1, to: 0, count: 150 },
      { from: 0, to: 0.1, count: 200 },
      { from: 0.1, to: 0.2, count: 10 },
    ],
  },
  volatility: {
    annualised: 0.55,
    window: 30,
    rolling: [
      { time: '2025-02-01T00:00:00.000Z', value: 0.5 },
      { time: '2025-03-01T00:00:00.000Z', value: 0.6 },
    ],
  },
  drawdown: {
    max: -0.3,
    peak: { time: '2025-03-01T00:00:00.000Z', close: '100000' },
    trough: { time: '2025-06-01T00:00:00.000Z', close: '70000' },
    recovered: null,
    series: [
      { time: '2025-01-01T00:00:00.000Z', value: 0 },
      { time: '2025-06-01T00:00:00.000Z', value: -0.3 },
    ],
  },
  best: [{ time: '2025-04-01T00:00:00.000Z', return: 0.12 }],
  worst: [{ time: '2025-05-01T00:00:00.000Z', return: -0.18 }],
};

const CORRELATION: Correlation = {
  interval: '1d',
  from: STATS.from,
  to: STATS.to,
  symbols: ['BTC', 'ETH', 'SOL'],
  returns: 364,
  method: 'Pearson correlation of log returns on the times every series shares',
  matrix: [
    [1, 0.8, -0.1],
    [0.8, 1, 0.5],
    [-0.1, 0.5, 1],
  ],
};

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
});

describe('the Analysis page', () => {
  it('draws the return histogram, rolling volatility, drawdown and correlation matrix for the span counted back from the newest candle', async () => {
    const { calls } = fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /crypto/config': () => Response.json(CONFIG),
      'GET /crypto/assets/BTC/stats': () => Response.json(STATS),
      'GET /crypto/correlation': () => Response.json(CORRELATION),
    });
    await session.login('alice', 'correct horse battery', false);
    const { location } = renderApp('/markets/btc/analysis');

    const histogram = await screen.findByTestId('return-histogram');
    expect([...histogram.querySelectorAll('rect')].map((r) => r.dataset.count)).toEqual(['4', '150', '200', '10']);
    expect(screen.getByText(/364 1d log returns in 4 bins, from -20.00% to \+15.00%/)).toBeTruthy();
    expect(screen.getByTestId('rolling-volatility').querySelector('path')!.getAttribute('d')).toMatch(/^M.* L/);
    expect(screen.getByText(/The deepest: -30.0%.*not recovered yet/)).toBeTruthy();

    const matrix = await screen.findByTestId('correlation-matrix');
    const rows = within(matrix).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(['BTC1.000.80-0.10', 'ETH0.801.000.50', 'SOL-0.100.501.00']);
    expect((within(rows[0]).getAllByRole('cell')[1] as HTMLElement).style.background).toBe('rgb(152, 187, 255)');

    const stats = new URL(calls.find((r) => r.url.includes('/stats'))!.url);
    expect(stats.searchParams.toString()).toBe('interval=1d&from=2024-12-31T00%3A00%3A00.000Z&bins=40&window=30');
    const correlation = new URL(calls.find((r) => r.url.includes('/crypto/correlation'))!.url);
    expect(correlation.searchParams.get('symbols')).toBe('BTC,ETH,SOL');

    await userEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(currentPath(location)).toBe('/markets/btc/analysis?interval=1d&span=All'));
    await waitFor(() => expect(calls.filter((r) => r.url.includes('/stats')).at(-1)!.url).toMatch(/stats\?interval=1d&bins=40&window=30$/));
  });

  it('says in its own words why the statistics were refused, and keeps the rest of the page', async () => {
    fakeGateway({
      'POST /auth/login': tokenAnswer,
      'GET /auth/users/me': me('user'),
      'GET /crypto/config': () => Response.json(CONFIG),
      'GET /crypto/assets/BTC/stats': () =>
        Response.json({ statusCode: 400, error: 'Bad Request', message: 'Too few candles in 2025-01-01…2025-01-02' }, { status: 400 }),
      'GET /crypto/correlation': () => Response.json(CORRELATION),
    });
    await session.login('alice', 'correct horse battery', false);
    renderApp('/markets/BTC/analysis?from=2025-01-01&to=2025-01-02');
    expect((await screen.findByText('Too few candles in 2025-01-01…2025-01-02')).getAttribute('role')).toBe('alert');
    expect(await screen.findByTestId('correlation-matrix')).toBeTruthy();
  });
});
