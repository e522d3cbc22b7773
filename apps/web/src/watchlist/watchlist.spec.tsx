import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../api/schema';
import { preferences } from '../app/preferences/preferences.store.ts';
import { session } from '../auth/session.ts';
import { fakeGateway, me, tokenAnswer, type Handler } from '../test/fake-gateway.ts';
import { lstmModel, PLAIN_FORECAST } from '../test/forecast-fixtures.ts';
import { renderApp } from '../test/render-app.tsx';

beforeAll(() => import('./WatchlistPage.tsx'), 30_000);

afterEach(async () => {
  fakeGateway({ 'POST /auth/logout': () => new Response(null, { status: 204 }) });
  await session.logout();
  preferences.update({ intervals: {} });
});

const NAMES: Record<string, string> = { BTC: 'Bitcoin', ETH: 'Ethereum', SOL: 'Solana', LTC: 'Litecoin' };
const asset = (symbol: string, tracked: boolean) => ({
  symbol,
  name: NAMES[symbol],
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

const marketRow = (rank: number, symbol: string, price: string) => ({
  rank,
  symbol,
  name: NAMES[symbol],
  pair: `${symbol}USD`,
  quote: 'USD',
  price,
  change24h: -0.5,
});
const MARKET_OF_THREE = {
  ...MARKET,
  rows: [MARKET.rows[0], marketRow(2, 'ETH', '3000'), marketRow(3, 'SOL', '150')],
};

/** A latest forecast whose next close has this median and these 80% and 90% intervals ([lower, upper]). */
function forecast(
  symbol: string,
  interval: components['schemas']['ForecastView']['interval'],
  median: string,
  i80: [string, string],
  i90: [string, string],
): components['schemas']['ForecastView'] {
  return {
    ...PLAIN_FORECAST,
    asset: symbol,
    interval,
    madeAt: '2026-12-01T23:00:00.000Z',
    basedOn: { time: '2026-12-01T22:00:00.000Z', close: '1' },
    model: lstmModel(`${symbol}-${interval}`, 1),
    points: [
      {
        targetTime: '2026-12-02T00:00:00.000Z',
        median,
        predictedClose: median,
        actualClose: null,
        quantiles: null,
        intervals: [
          { level: 80, lower: i80[0], upper: i80[1] },
          { level: 90, lower: i90[0], upper: i90[1] },
        ],
        sigma: 0.01,
        expectedRange: null,
      },
      {
        targetTime: '2026-12-03T00:00:00.000Z',
        median: '1',
        predictedClose: '1',
        actualClose: null,
        quantiles: null,
        intervals: [{ level: 80, lower: '1', upper: '2' }],
        sigma: 0.02,
        expectedRange: null,
      },
    ],
  };
}

const noForecast = () => Response.json({ statusCode: 404, error: 'Not Found', message: 'No forecast for ETH 1d yet' }, { status: 404 });

/** GET /prediction/latest answered per "ASSET interval"; the asks are kept in order. */
function latestForecasts(answers: Record<string, Handler>) {
  const asked: string[] = [];
  const handler: Handler = (request) => {
    const query = new URL(request.url).searchParams;
    const key = `${query.get('asset')} ${query.get('interval')}`;
    asked.push(key);
    return (answers[key] ?? noForecast)(request);
  };
  return { asked, handler };
}

/** The cell of a row under the column with this header. */
function cell(table: HTMLElement, row: HTMLElement, column: string): HTMLElement {
  const index = within(table)
    .getAllByRole('columnheader')
    .findIndex((header) => header.textContent === column);
  expect(index).toBeGreaterThan(-1);
  return row.children[index] as HTMLElement;
}

/** Alice signed in, with `assets` watched and `intervals` her per-asset preferences, on the Watchlist page: its table. */
async function openWatchlist(
  assets: ReturnType<typeof asset>[],
  intervals: Record<string, string>,
  forecasts: Handler,
): Promise<HTMLElement> {
  fakeGateway({
    'POST /auth/login': tokenAnswer,
    'GET /auth/users/me': me('user'),
    'GET /preferences': () => Response.json({ theme: 'system', timezone: 'utc', swapColors: false, intervals }),
    'GET /watchlist': () => Response.json({ count: assets.length, assets }),
    'GET /crypto/market': () => Response.json(MARKET_OF_THREE),
    'GET /prediction/latest': forecasts,
  });
  await session.login('alice', 'correct horse battery', false);
  renderApp('/watched');
  return screen.findByRole('table');
}

describe("the watchlist's forecasts", () => {
  it("shows each tracked asset's next forecast close, its change from the price and its 80% interval at the interval the user chose for it", async () => {
    const forecasts = latestForecasts({
      'BTC 1d': () => Response.json(forecast('BTC', '1d', '89409.81', ['88000', '91000'], ['87000', '92000'])),
      'ETH 1h': () => Response.json(forecast('ETH', '1h', '3060', ['2940', '3180'], ['2900', '3220'])),
      // What the page would show had it asked at the default interval.
      'ETH 1d': () => Response.json(forecast('ETH', '1d', '2850', ['2700', '2990'], ['2650', '3000'])),
    });
    const table = await openWatchlist([asset('BTC', true), asset('ETH', true), asset('LTC', false)], { ETH: '1h' }, forecasts.handler);
    const eth = await within(table).findByRole('row', { name: /ETH/ });
    const btc = within(table).getByRole('row', { name: /BTC/ });

    await waitFor(() => expect(cell(table, eth, 'Forecast').textContent).toBe('3,060.00 +2.00%'));
    expect(cell(table, eth, '80% interval').textContent).toBe('2,940.00–3,180.00');
    expect(cell(table, eth, 'Forecast made').textContent).toMatch(/^1h · /);
    expect(
      within(cell(table, eth, 'Forecast made'))
        .getByText(/ago$/)
        .getAttribute('datetime'),
    ).toBe('2026-12-01T23:00:00.000Z');
    expect(forecasts.asked).toContain('ETH 1h');

    // No preference for BTC: the app's default interval.
    await waitFor(() => expect(cell(table, btc, 'Forecast').textContent).toBe('89,409.81 -2.00%'));
    expect(cell(table, btc, '80% interval').textContent).toBe('88,000.00–91,000.00');
    expect(cell(table, btc, 'Forecast made').textContent).toMatch(/^1d · /);

    // An asset no longer tracked has no series to forecast: it is not asked for.
    expect(within(table).getByRole('row', { name: /LTC/ }).textContent).toContain('No longer tracked');
    expect(forecasts.asked.filter((key) => key.startsWith('LTC'))).toEqual([]);
  });

  it('says "No forecast yet" for a series without one, and what failed for one whose forecast cannot be read, while the other rows show theirs', async () => {
    let answerSol: (answer: Response) => void = () => undefined;
    const forecasts = latestForecasts({
      'BTC 1d': () => Response.json(forecast('BTC', '1d', '89409.81', ['88000', '91000'], ['87000', '92000'])),
      'SOL 1d': () => new Promise<Response>((resolve) => (answerSol = resolve)),
    });
    const table = await openWatchlist([asset('BTC', true), asset('ETH', true), asset('SOL', true)], {}, forecasts.handler);
    const btc = await within(table).findByRole('row', { name: /BTC/ });
    const eth = within(table).getByRole('row', { name: /ETH/ });
    const sol = within(table).getByRole('row', { name: /SOL/ });

    await waitFor(() => expect(cell(table, eth, 'Forecast').textContent).toBe('No forecast yet'));
    expect(cell(table, eth, '80% interval').textContent).toBe('—');
    await waitFor(() => expect(cell(table, btc, 'Forecast').textContent).toBe('89,409.81 -2.00%'));
    // SOL's answer has not come: its cells wait.
    await waitFor(() => expect(forecasts.asked).toContain('SOL 1d'));
    expect(cell(table, sol, 'Forecast').textContent).toBe('…');

    answerSol(Response.json({ statusCode: 503, error: 'Service Unavailable', message: 'The prediction service is down' }, { status: 503 }));
    await waitFor(() => expect(cell(table, sol, 'Forecast').textContent).toBe('Forecast unavailable: The prediction service is down'));
    expect(cell(table, btc, 'Forecast').textContent).toBe('89,409.81 -2.00%');
    expect(cell(table, eth, 'Forecast').textContent).toBe('No forecast yet');
  });
});
